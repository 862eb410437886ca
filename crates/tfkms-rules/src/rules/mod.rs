//! One file per rule, each with its documentation beside its code.

pub mod alias_arn_in_resource;
pub mod invalid_suppression;
pub mod undeclared_variable;
pub mod unresolved_policy_value;
pub mod unused_suppression;
pub mod wildcard_alias_condition;
