//! Snippets of very long lines.
//!
//! miette pads labels with format widths, which panic past 65,535 columns,
//! and a snippet of a minified file would print megabytes anyway. So a file
//! with a line longer than [`LONG_LINE`] bytes is shown through a window:
//! each long line keeps its start and the text around every label start
//! and end on it,
//! cut pieces are joined by `…`, and label offsets are mapped into the
//! shortened text. Lines keep their numbers; the header's true column is
//! supplied by the caller, since the window's columns are not the file's.

use std::ops::Range;

/// Lines longer than this (in bytes) are windowed.
pub const LONG_LINE: usize = 1000;
/// Bytes kept either side of a label's start or end.
const CONTEXT: usize = 60;
/// Bytes kept of the start of a long line.
const HEAD: usize = 80;
const ELLIPSIS: &str = "…";

/// A shortened copy of a text, and where its pieces came from.
pub struct Window {
    pub text: String,
    /// (original range, offset of its copy in `text`), in order.
    pieces: Vec<(Range<usize>, usize)>,
}

impl Window {
    /// Where `offset` of the original text is in the window: its copy, or,
    /// inside a cut, the `…` that stands for it.
    pub fn offset(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|(r, _)| r.end < offset);
        match self.pieces.get(i) {
            Some((r, at)) if r.start <= offset => at + (offset - r.start),
            Some((_, at)) => at.saturating_sub(ELLIPSIS.len()),
            None => self.text.len(),
        }
    }
}

/// The window of `text` that shows `spans`, or `None` when no line is
/// long enough to need one.
pub fn window(text: &str, spans: &[Range<usize>]) -> Option<Window> {
    if text.len() <= LONG_LINE || text.split('\n').all(|l| l.len() <= LONG_LINE) {
        return None;
    }
    let mut w = Window {
        text: String::with_capacity(text.len().min(64 * 1024)),
        pieces: Vec::new(),
    };
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        if line.len() <= LONG_LINE {
            keep(&mut w, text, line_start..line_end);
        } else {
            window_line(&mut w, text, line_start..line_end, spans);
        }
        line_start = line_end;
    }
    Some(w)
}

fn keep(w: &mut Window, text: &str, range: Range<usize>) {
    w.pieces.push((range.clone(), w.text.len()));
    w.text.push_str(&text[range]);
}

fn window_line(w: &mut Window, text: &str, line: Range<usize>, spans: &[Range<usize>]) {
    // The line's start says what it is (`resources = [`).
    let mut wanted: Vec<Range<usize>> = Vec::new();
    wanted.push(line.start..line.start + HEAD);
    wanted.extend(
        spans
            .iter()
            .flat_map(|s| [s.start, s.end])
            .filter(|&p| line.contains(&p))
            .map(|p| p.saturating_sub(CONTEXT).max(line.start)..(p + CONTEXT).min(line.end)),
    );
    wanted.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in wanted {
        let r = floor(text, r.start)..ceil(text, r.end);
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let mut at = line.start;
    for r in merged {
        if r.start > at {
            w.text.push_str(ELLIPSIS);
        }
        keep(w, text, r.clone());
        at = r.end;
    }
    if at < line.end {
        w.text.push_str(ELLIPSIS);
        // The line break stays, so lines keep their numbers.
        if text[..line.end].ends_with('\n') {
            keep(w, text, line.end - 1..line.end);
        }
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(label: Range<usize>) -> Vec<Range<usize>> {
        vec![label]
    }

    #[test]
    fn short_texts_need_no_window() {
        assert!(window("a = 1\n", &one(0..1)).is_none());
    }

    #[test]
    fn a_label_far_along_a_line_keeps_its_text_and_its_line() {
        let text = format!("a = 1\nb = [{}\"x\"]\nc = 2\n", " ".repeat(70_000));
        let start = text.find('"').unwrap();
        let w = window(&text, &one(start..start + 3)).unwrap();
        assert!(w.text.len() < 400, "{}", w.text.len());
        assert_eq!(w.text.lines().count(), 3);
        let at = w.offset(start);
        assert_eq!(&w.text[at..w.offset(start + 3)], "\"x\"");
        let head = format!("a = 1\nb = [{}…", " ".repeat(HEAD - 5));
        assert!(w.text.starts_with(&head), "{}", w.text);
        assert!(w.text.ends_with("\"x\"]\nc = 2\n"));
    }

    #[test]
    fn a_label_longer_than_a_line_keeps_both_ends() {
        let text = format!("s = \"{}\"\n", "é".repeat(5_000));
        let w = window(&text, &one(4..text.len() - 1)).unwrap();
        let (s, e) = (w.offset(4), w.offset(text.len() - 1));
        assert!(w.text[s..e].contains('…'));
        assert!(w.text[s..e].starts_with("\"é"));
        assert!(w.text[s..e].ends_with("é\""));
    }

    #[test]
    fn unlabelled_long_lines_keep_their_start() {
        let text = format!("{}\nx\n", "y".repeat(2_000));
        let w = window(&text, &one(2_001..2_002)).unwrap();
        assert_eq!(w.text, format!("{}…\nx\n", "y".repeat(HEAD)));
        assert_eq!(&w.text[w.offset(2_001)..w.offset(2_002)], "x");
    }
}
