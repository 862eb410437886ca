//! The IAM side of tfkms: the policy model rules check, its extraction from
//! evaluated Terraform, the KMS action table, ARN recognition and IAM
//! wildcard matching.

pub mod actions;
pub mod arn;
pub mod glob;
pub mod model;

pub use model::*;
