//! The key-access model: for every KMS key of a Terraform tree, who can use
//! it, with which actions, and by which path (key policy, key policy
//! delegation and identity policy, grant), with the conditions and guards
//! that limit each path. Built from the documents the scan resolves and a
//! few facts of the resources ([`resources`]); rules and `tfkms access`
//! read it.

pub mod model;
pub mod providers;
pub mod resources;

pub use model::{
    AccessModel, AccessPath, Account, AccountRelation, Accounts, Blocked, Certainty,
    CrossAccountUse, Detail, Guard, IdentitySide, KeyAccess, KeyPolicy, Via, Who, WhoKind, build,
    statements_named,
};
pub use providers::{Configuration, ProviderAccounts};
pub use resources::{Flag, Resources, resources};
