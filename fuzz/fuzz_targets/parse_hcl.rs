//! Native HCL and `.tfvars` parsing, including the repeated-key recovery.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tfkms_syntax::{FileId, FileKind};

fuzz_target!(|text: &str| {
    let _ = tfkms_syntax::parse(FileId(0), FileKind::Config, text);
});
