//! tfkms: finds AWS KMS access mistakes in Terraform.
//!
//! The binary is a thin CLI over [`scan::scan`] and the [`output`] formats;
//! the work happens in the `tfkms-syntax`, `tfkms-eval`, `tfkms-iam` and
//! `tfkms-rules` crates.

pub mod access;
pub mod accounts;
pub mod allocator;
pub mod baseline;
pub mod config;
pub mod engine;
pub mod explain;
pub mod fix;
pub mod limits;
pub mod lsp;
pub mod output;
pub mod progress;
pub mod scan;
pub mod suppress;
pub mod terragrunt;
pub mod watch;
