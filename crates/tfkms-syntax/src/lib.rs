//! Discovery, parsing and source maps for tfkms.
//!
//! Every Terraform file, native or JSON syntax, is lowered into one spanned
//! AST ([`ast`]); spans are byte ranges into the file's text, mapped to lines
//! and character columns by [`SourceFile`].

pub mod ast;
pub mod calls;
pub mod comments;
pub mod discover;
pub mod json;
mod lower_hcl;
mod lower_json;
pub mod parse;
pub mod span;
pub mod tofu;

pub use discover::{DiscoverOptions, Discovery, FoundFile, WalkProblem, discover};
pub use parse::{FileKind, ParseError, parse, parse_template_text};
pub use span::{FileId, LineCol, SourceFile, SourceMap, Span};

use std::sync::Arc;

/// Larger files are refused: no real configuration comes close, and it
/// bounds the memory one hostile file can take.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A file's text, or why it could not be read as Terraform source.
pub enum ReadOutcome {
    Text(Arc<str>),
    /// The bytes were read but are not UTF-8; `text` is a lossy rendering for
    /// diagnostics and `offset` the first invalid byte.
    NotUtf8 {
        text: Arc<str>,
        offset: usize,
    },
    Unreadable(String),
}

pub fn read_source(path: &std::path::Path) -> ReadOutcome {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            return ReadOutcome::Unreadable(format!(
                "file is {} bytes, over the {} byte limit",
                m.len(),
                MAX_FILE_BYTES
            ));
        }
        Err(e) => return ReadOutcome::Unreadable(discover::io_message(&e)),
        _ => {}
    }
    match std::fs::read(path) {
        Err(e) => ReadOutcome::Unreadable(discover::io_message(&e)),
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => ReadOutcome::Text(s.into()),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                ReadOutcome::NotUtf8 {
                    text: String::from_utf8_lossy(e.as_bytes()).into(),
                    offset,
                }
            }
        },
    }
}
