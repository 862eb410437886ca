//! The tfkms benchmark: a generator of realistic Terraform monorepos with
//! planted KMS alias risks ([`generate`]) and the measurements `tfkms-bench
//! run` makes on them ([`measure`]), and trees of real public repositories
//! ([`realtree`]). Not part of the shipped binary.

pub mod generate;
pub mod measure;
pub mod realtree;
pub mod rng;

pub use generate::{Manifest, generate};
