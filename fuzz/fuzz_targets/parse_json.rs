//! The spanned JSON parser and Terraform's JSON syntax lowering.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tfkms_syntax::{FileId, FileKind};

fuzz_target!(|text: &str| {
    if let Ok(v) = tfkms_syntax::json::parse(text) {
        // Every range must be a valid slice of the input.
        assert!(text.get(v.range.clone()).is_some());
    }
    let _ = tfkms_syntax::parse(FileId(0), FileKind::ConfigJson, text);
});
