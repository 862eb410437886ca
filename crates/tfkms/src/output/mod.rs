//! Output formats. Every format renders the same [`crate::scan::ScanResult`].

mod fixdiff;
pub mod human;
pub mod json;
pub mod policies;

use crate::scan::ScanResult;
use crate::suppress::Suppressed;
use tfkms_rules::finding::{Finding, Fix};
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

/// Every finding, reported and suppressed, in report order; suppressed
/// ones with what suppressed them.
pub fn ordered(result: &ScanResult) -> Vec<(&Finding, Option<&Suppressed>)> {
    let mut all: Vec<(&Finding, Option<&Suppressed>)> = result
        .findings
        .iter()
        .map(|f| (f, None))
        .chain(result.suppressed.iter().map(|s| (&s.finding, Some(s))))
        .collect();
    all.sort_by(|a, b| crate::suppress::report_order(&result.sources, a.0, b.0));
    all
}

/// A fix as one replacement: the span from its first edit to its last, and
/// the text that span becomes. `None` when its edits are in several files
/// or overlap.
pub fn replacement(sources: &SourceMap, fix: &Fix) -> Option<(Span, String)> {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let first = edits.first()?;
    let file = first.span.file;
    let text = &sources.get(file).text;
    let mut out = String::new();
    let mut at = first.span.start as usize;
    for e in &edits {
        if e.span.file != file || (e.span.start as usize) < at {
            return None;
        }
        out.push_str(text.get(at..e.span.start as usize)?);
        out.push_str(&e.text);
        at = e.span.end as usize;
    }
    let end = edits.iter().map(|e| e.span.end).max()?;
    Some((
        Span {
            file,
            start: first.span.start,
            end,
        },
        out,
    ))
}
