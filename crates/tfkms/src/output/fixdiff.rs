//! A fix in the human report: its description and the lines it changes,
//! diff-style, with line numbers of the file as it is and as it would be.

use anstyle::{AnsiColor, Style};
use similar::{ChangeTag, TextDiff};
use std::fmt::Write;
use tfkms_rules::finding::Fix;
use tfkms_syntax::SourceMap;

/// Lines of unchanged context shown around each change.
const CONTEXT: usize = 1;

pub fn render(sources: &SourceMap, fix: &Fix, color: bool) -> Option<String> {
    let (span, text) = super::replacement(sources, fix)?;
    let file = sources.get(span.file);
    let src: &str = &file.text;
    let (start, end) = (span.start as usize, span.end as usize);
    // Whole lines around the replacement, before and after.
    let line_start = src.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = src
        .get(end..)?
        .find('\n')
        .map_or(src.len(), |i| end + i + 1);
    let old = &src[line_start..line_end];
    let new = format!("{}{text}{}", &src[line_start..start], &src[end..line_end]);
    let first_line = file.line_col(line_start as u32).line as usize;
    // Very long lines are shown through a window around the change, as the
    // snippets are; both sides keep the same text before it, so unchanged
    // lines still compare equal.
    let (same_start, same_end) = common_ends(old, &new);
    let shown = |text: &str, changed: std::ops::Range<usize>| match super::window::window(
        text,
        std::slice::from_ref(&changed),
    ) {
        Some(w) => w.text,
        None => text.to_string(),
    };
    let old = shown(old, same_start..old.len() - same_end);
    let new = shown(&new, same_start..new.len() - same_end);

    let diff = TextDiff::from_lines(old.as_str(), new.as_str());
    let groups = diff.grouped_ops(CONTEXT);
    let last_line = first_line + old.lines().count().max(new.lines().count());
    let width = last_line.to_string().len().max(2);
    let paint = |style: Style, s: &str| {
        if color {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    };
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let dim = Style::new().dimmed();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "  {} {}",
        paint(Style::new().bold(), "fix:"),
        fix.description
    );
    for (i, group) in groups.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "  {:>width$}   {}", "", paint(dim, "┆"));
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let line = change.value().trim_end_matches(['\n', '\r']);
                // Lines are numbered as the file is now; added lines have
                // no number yet.
                let (sign, style) = match change.tag() {
                    ChangeTag::Equal => (' ', None),
                    ChangeTag::Delete => ('-', Some(red)),
                    ChangeTag::Insert => ('+', Some(green)),
                };
                let number = change
                    .old_index()
                    .map_or(String::new(), |n| (first_line + n).to_string());
                let body = format!("{sign} {line}").trim_end().to_string();
                let body = match style {
                    Some(s) => paint(s, &body),
                    None => body,
                };
                let _ = writeln!(out, "  {number:>width$} {} {body}", paint(dim, "│"));
            }
        }
    }
    Some(out)
}

/// The bytes `a` and `b` share at their start and at their end (not
/// overlapping, on character boundaries): what lies between changed.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let mut start = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(start) {
        start -= 1;
    }
    let limit = a.len().min(b.len()) - start;
    let mut end = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take(limit)
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - end) || !b.is_char_boundary(b.len() - end) {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::common_ends;

    #[test]
    fn common_ends_bracket_the_change_and_never_overlap() {
        assert_eq!(common_ends("a = \"x\"\n", "a = \"yy\"\n"), (5, 2));
        assert_eq!(common_ends("aa", "aaa"), (2, 0));
        assert_eq!(common_ends("é1", "é2"), (2, 0));
        assert_eq!(common_ends("xé", "yé"), (0, 2));
    }
}
