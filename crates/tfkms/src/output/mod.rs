//! Output formats. Every format renders the same [`crate::scan::ScanResult`].

pub mod human;
pub mod json;
pub mod policies;

use tfkms_syntax::{SourceMap, Span};

/// A resolved location: path and 1-based line/column (characters), end
/// exclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

pub fn locate(sources: &SourceMap, span: Span) -> Location {
    let file = sources.get(span.file);
    let s = file.line_col(span.start);
    let e = file.line_col(span.end);
    Location {
        path: file.display_path.clone(),
        start_line: s.line,
        start_column: s.column,
        end_line: e.line,
        end_column: e.column,
    }
}
