//! One file per rule, each with its documentation beside its code.

pub mod alias_arn_in_resource;
pub mod alias_condition_arn_value;
pub mod alias_condition_operator;
pub mod alias_deny_bypass;
pub mod alias_management_escalation;
pub mod cross_account_key_policy;
pub mod cross_account_without_identity_policy;
pub mod identity_policy_without_key_delegation;
pub mod internal_error;
pub mod invalid_kms_resource;
pub mod invalid_suppression;
pub mod key_policy_lockout;
pub mod kms_grant;
pub mod policy_document_error;
pub mod undeclared_variable;
pub mod unresolved_policy_value;
pub mod unrestricted_grant_creation;
pub mod unused_suppression;
pub mod wildcard_alias_condition;
