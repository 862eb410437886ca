//! tfkms: finds AWS KMS access mistakes in Terraform.
//!
//! The binary is a thin CLI over [`scan::scan`] and the [`output`] formats;
//! the work happens in the `tfkms-syntax`, `tfkms-eval`, `tfkms-iam` and
//! `tfkms-rules` crates.

pub mod output;
pub mod scan;
pub mod config;
pub mod baseline;
pub mod suppress;
pub mod fix;
pub mod explain;
