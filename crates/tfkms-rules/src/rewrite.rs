//! Rewriting a piece of HCL source by byte ranges, so that every byte a fix
//! does not mean to change (comments, alignment, blank lines) stays as it
//! was. Fixes build their replacement text with these helpers; the `tfkms`
//! crate applies it and re-parses the result before writing.

use std::ops::Range;
use tfkms_syntax::ast::{Block, Expr};
use tfkms_syntax::{FileId, Span};

/// One replacement inside a piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalEdit {
    pub range: Range<usize>,
    pub text: String,
}

impl LocalEdit {
    pub fn insert(at: usize, text: impl Into<String>) -> LocalEdit {
        LocalEdit {
            range: at..at,
            text: text.into(),
        }
    }

    pub fn replace(range: Range<usize>, text: impl Into<String>) -> LocalEdit {
        LocalEdit {
            range,
            text: text.into(),
        }
    }
}

/// Applies edits to `text`; `None` when two of them overlap or one falls
/// outside the text (a fix built that way would be wrong, not just ugly).
pub fn apply(text: &str, mut edits: Vec<LocalEdit>) -> Option<String> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in &edits {
        if e.range.start < at || e.range.end > text.len() || e.range.start > e.range.end {
            return None;
        }
        out.push_str(text.get(at..e.range.start)?);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// A block parsed on its own from its source text: spans in it are offsets
/// into `text`.
pub struct StandaloneBlock<'a> {
    pub text: &'a str,
    pub block: Block,
    /// The indentation of the line the block starts on, in the file.
    pub indent: &'a str,
}

impl<'a> StandaloneBlock<'a> {
    /// Parses the block that `span` covers in `file_text`. `None` unless the
    /// text there is exactly one block, so a fix never guesses at structure.
    pub fn parse(file_text: &'a str, span: Span) -> Option<StandaloneBlock<'a>> {
        let text = file_text.get(span.range())?;
        let body = tfkms_syntax::parse::parse_hcl(FileId(u32::MAX), text).ok()?;
        if !body.attributes.is_empty() || body.blocks.len() != 1 {
            return None;
        }
        let block = body.blocks.into_iter().next()?;
        if block.span.start != 0 || block.span.end as usize != text.len() {
            return None;
        }
        let start = span.start as usize;
        let line_start = file_text[..start].rfind('\n').map_or(0, |i| i + 1);
        let indent = &file_text[line_start..start];
        if !indent.chars().all(|c| c == ' ' || c == '\t') {
            return None;
        }
        Some(StandaloneBlock {
            text,
            block,
            indent,
        })
    }

    pub fn newline(&self) -> &'static str {
        if self.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// The indentation of the block's contents: that of its first attribute
    /// or nested block, or the block's own plus two spaces.
    pub fn inner_indent(&self) -> String {
        let first = self
            .block
            .body
            .attributes
            .iter()
            .map(|a| a.span.start)
            .chain(self.block.body.blocks.iter().map(|b| b.span.start))
            .min();
        match first.map(|s| s as usize) {
            Some(s) if is_line_start(self.text, s) => self.text[line_start(self.text, s)..s].into(),
            _ => format!("{}  ", self.indent),
        }
    }

    /// Where text for a new last item goes: the start of the line holding
    /// the closing brace, when that brace stands alone on its line.
    pub fn before_closing_line(&self) -> Option<usize> {
        let close = self.text.len().checked_sub(1)?;
        (self.text.as_bytes()[close] == b'}' && is_line_start(self.text, close))
            .then(|| line_start(self.text, close))
    }
}

/// Whether only spaces and tabs precede `at` on its line.
pub fn is_line_start(text: &str, at: usize) -> bool {
    text[line_start(text, at)..at]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
}

pub fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The edit that removes element `index` of a tuple with the separator that
/// goes with it: its whole line when it stands alone on one, else the
/// element and its comma.
pub fn remove_element(text: &str, elements: &[Expr], index: usize) -> Option<LocalEdit> {
    let e = elements.get(index)?;
    remove_range(text, e.span.start as usize..e.span.end as usize, index)
}

/// [`remove_element`] for the element at `range`, the `index`th of its tuple.
pub fn remove_range(text: &str, range: Range<usize>, index: usize) -> Option<LocalEdit> {
    let (start, end) = (range.start, range.end);
    let b = text.as_bytes();
    let skip_blanks = |mut i: usize| {
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        i
    };
    let after = skip_blanks(end);
    let comma_end = (b.get(after) == Some(&b',')).then_some(after + 1);
    let rest = skip_blanks(comma_end.unwrap_or(end));
    let alone = is_line_start(text, start) && matches!(b.get(rest), Some(b'\n' | b'\r'));
    if alone {
        let line_end = text[rest..].find('\n').map_or(text.len(), |i| rest + i + 1);
        // The last element loses its line; the one before keeps its comma,
        // which HCL allows after a final element.
        return Some(LocalEdit::replace(line_start(text, start)..line_end, ""));
    }
    if let Some(c) = comma_end {
        return Some(LocalEdit::replace(start..skip_blanks(c), ""));
    }
    // The last element on a shared line: take the comma before it.
    let before = text[..start].trim_end_matches([' ', '\t']);
    if index > 0 && before.ends_with(',') {
        return Some(LocalEdit::replace(before.len() - 1..end, ""));
    }
    Some(LocalEdit::replace(start..end, ""))
}

/// The source text of a string literal's content (between its quotes),
/// when `span` covers a quoted template in `text`.
pub fn quoted_content(text: &str, span: Span) -> Option<&str> {
    text.get(span.range())?.strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuple(src: &str) -> (String, Vec<Expr>) {
        let text = format!("a = {src}\n");
        let body = tfkms_syntax::parse::parse_hcl(FileId(0), &text).unwrap();
        let tfkms_syntax::ast::ExprKind::Tuple(items) = &body.attributes[0].expr.kind else {
            panic!("not a tuple")
        };
        (text.clone(), items.clone())
    }

    fn without(src: &str, index: usize) -> String {
        let (text, items) = tuple(src);
        let edit = remove_element(&text, &items, index).unwrap();
        let out = apply(&text, vec![edit]).unwrap();
        out.strip_prefix("a = ").unwrap().trim_end().to_string()
    }

    #[test]
    fn removes_an_element_with_its_separator() {
        assert_eq!(without(r#"["a", "b", "c"]"#, 1), r#"["a", "c"]"#);
        assert_eq!(without(r#"["a", "b"]"#, 1), r#"["a"]"#);
        assert_eq!(without(r#"["a", "b"]"#, 0), r#"["b"]"#);
        assert_eq!(without("[\n  x,\n  \"b\"\n]", 1), "[\n  x,\n]");
        assert_eq!(without("[\n  \"a\",\n  x,\n]", 0), "[\n  x,\n]");
        assert_eq!(
            without("[\n  \"a\", # keep\n  x,\n]", 0),
            "[\n  # keep\n  x,\n]"
        );
    }

    #[test]
    fn overlapping_edits_are_refused() {
        let edits = vec![LocalEdit::replace(0..3, "x"), LocalEdit::replace(2..4, "y")];
        assert_eq!(apply("abcdef", edits), None);
        let edits = vec![LocalEdit::insert(6, "!"), LocalEdit::replace(0..1, "A")];
        assert_eq!(apply("abcdef", edits).as_deref(), Some("Abcdef!"));
    }

    #[test]
    fn a_standalone_block_knows_its_indentation() {
        let file = "data \"x\" \"y\" {\n  statement {\n    sid = \"A\"\n  }\n}\n";
        let start = file.find("statement").unwrap();
        let end = file.find("  }\n").unwrap() + 3;
        let b = StandaloneBlock::parse(file, Span::new(FileId(0), start, end)).unwrap();
        assert_eq!(b.block.kind, "statement");
        assert_eq!(b.indent, "  ");
        assert_eq!(b.inner_indent(), "    ");
        assert_eq!(b.before_closing_line(), Some(b.text.len() - 3));
        let not_a_block = Span::new(FileId(0), start + 1, end);
        assert!(StandaloneBlock::parse(file, not_a_block).is_none());
    }
}
