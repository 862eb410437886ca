//! The tfkms rules.

pub mod finding;
