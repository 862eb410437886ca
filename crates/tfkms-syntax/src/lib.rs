//! Discovery, parsing and source maps for tfkms.
//!
//! Every Terraform file, native or JSON syntax, is lowered into one spanned
//! AST ([`ast`]); spans are byte ranges into the file's text, mapped to lines
//! and character columns by [`SourceFile`].

pub mod ast;
pub mod calls;
pub mod comments;
pub mod confine;
pub mod discover;
pub mod json;
mod lower_hcl;
mod lower_json;
pub mod parse;
pub mod span;
pub mod tofu;

pub use discover::{DiscoverOptions, Discovery, FoundFile, WalkProblem, discover};
pub use parse::{
    FileKind, ParseError, TERRAGRUNT_FILE, TERRAGRUNT_JSON_FILE, TERRAGRUNT_STACK_FILE, parse,
    parse_template_text,
};
pub use span::{FileId, LineCol, SourceFile, SourceMap, Span};

use std::sync::Arc;

/// Larger files are refused by default (`[limits] file_bytes` in
/// `.tfkms.toml` changes it): no real configuration comes close, and it
/// bounds the memory one hostile file can take.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// More commas and line breaks than this in one file and it is refused
/// before parsing (`[limits] max_file_elements`): the parser takes about a
/// hundred bytes for each list element, attribute or line, so a 30 MB line
/// of `1,1,1,...` would need gigabytes. Real files stay far below.
pub const MAX_FILE_ELEMENTS: usize = 2_000_000;

/// The offset of the separator (comma or line break) past `max`, when the
/// text has more: where the element limit was crossed.
pub fn element_limit_crossed(text: &str, max: usize) -> Option<usize> {
    // Each separator is a byte: a text no longer than the limit cannot
    // cross it, and nearly every file is far shorter.
    if text.len() <= max {
        return None;
    }
    memchr::memchr2_iter(b',', b'\n', text.as_bytes()).nth(max)
}

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

/// Reads a discovered file with the default size cap.
pub fn read_source(path: &std::path::Path) -> ReadOutcome {
    read_source_capped(path, MAX_FILE_BYTES)
}

/// Reads a discovered (so confined) file: a regular file of at most `cap`
/// bytes, as UTF-8.
pub fn read_source_capped(path: &std::path::Path, cap: u64) -> ReadOutcome {
    match confine::read_regular(path, cap) {
        Err(why) => ReadOutcome::Unreadable(why.to_string()),
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

#[cfg(test)]
mod tests {
    use super::element_limit_crossed;

    #[test]
    fn the_element_limit_is_crossed_at_the_separator_past_it() {
        // Three separators: a limit of two is crossed at the third.
        assert_eq!(element_limit_crossed("a,b\nc,", 2), Some(5));
        assert_eq!(element_limit_crossed("a,b\nc,", 3), None);
        // As long as the limit, all separators: not crossed.
        assert_eq!(element_limit_crossed(",,,", 3), None);
        assert_eq!(element_limit_crossed(",,,,", 3), Some(3));
        assert_eq!(element_limit_crossed("", 0), None);
        assert_eq!(element_limit_crossed(",", 0), Some(0));
    }
}
