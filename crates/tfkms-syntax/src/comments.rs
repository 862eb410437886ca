//! The comments of a native HCL file, found by a small lexer.
//!
//! The syntax tree drops comments, but suppressions (`# tfkms:ignore ...`)
//! live in them. Finding them with a regex or a line search would take a `#`
//! inside a string (`"arn:...#x"`), a heredoc or an interpolation for a
//! comment; this lexer knows just enough HCL to tell code from text: quoted
//! templates with their escapes, heredocs with their closing marker, and
//! `${ ... }` / `%{ ... }` sequences that nest code (and strings, and more
//! templates) inside text. It never fails: on broken input it finds what it
//! can, and its work is linear in the input.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentStyle {
    /// `# ...`
    Hash,
    /// `// ...`
    Slashes,
    /// `/* ... */`
    Block,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub style: CommentStyle,
    /// The whole comment, markers included, without the line ending.
    pub range: Range<usize>,
    /// The text after the opening marker (and before `*/`).
    pub body: Range<usize>,
}

/// What the lexer is inside of. The bottom of the stack is the file's code.
enum Mode {
    /// Code; `depth` counts the braces opened since this mode began, so the
    /// `}` that closes an interpolation is told from an object's.
    Code { depth: usize },
    /// A quoted template, `"..."`.
    Quoted,
    /// A heredoc's text, up to a line holding only `marker`.
    Heredoc { marker: Range<usize> },
}

/// The comments of `text`, in order.
pub fn comments(text: &str) -> Vec<Comment> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut stack = vec![Mode::Code { depth: 0 }];
    let mut i = 0;
    while i < b.len() {
        let Some(mode) = stack.last_mut() else { break };
        match mode {
            Mode::Code { depth } => match b[i] {
                b'#' => {
                    let end = line_end(b, i);
                    out.push(comment(b, CommentStyle::Hash, i, i + 1, end, end));
                    i = end;
                }
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    let end = line_end(b, i);
                    out.push(comment(b, CommentStyle::Slashes, i, i + 2, end, end));
                    i = end;
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    let close = find(b, i + 2, b"*/");
                    let (body_end, end) = match close {
                        Some(c) => (c, c + 2),
                        None => (b.len(), b.len()),
                    };
                    out.push(Comment {
                        style: CommentStyle::Block,
                        range: i..end,
                        body: i + 2..body_end,
                    });
                    i = end;
                }
                b'"' => {
                    stack.push(Mode::Quoted);
                    i += 1;
                }
                b'<' if b.get(i + 1) == Some(&b'<') => match heredoc_opener(b, i) {
                    Some((marker, content)) => {
                        stack.push(Mode::Heredoc { marker });
                        i = content;
                    }
                    None => i += 2,
                },
                b'{' => {
                    *depth += 1;
                    i += 1;
                }
                b'}' => {
                    if *depth > 0 {
                        *depth -= 1;
                    } else if stack.len() > 1 {
                        // The end of an interpolation: back to its text.
                        stack.pop();
                    }
                    i += 1;
                }
                _ => i += 1,
            },
            Mode::Quoted => match b[i] {
                b'\\' => i += 2,
                b'"' => {
                    stack.pop();
                    i += 1;
                }
                // A quoted template cannot span lines: an unterminated one
                // ends here, so the rest of the file is still lexed as code.
                b'\n' => {
                    stack.pop();
                    i += 1;
                }
                _ => i = template_step(b, i, &mut stack),
            },
            Mode::Heredoc { marker } => {
                let at_line_start = i == 0 || b[i - 1] == b'\n';
                if at_line_start && let Some(next) = closing_marker(b, i, marker.clone()) {
                    stack.pop();
                    i = next;
                } else {
                    i = template_step(b, i, &mut stack);
                }
            }
        }
    }
    out
}

/// One step through template text: `${` and `%{` open an interpolation or
/// directive (their doubled forms `$${` and `%%{` are literal text).
fn template_step(b: &[u8], i: usize, stack: &mut Vec<Mode>) -> usize {
    match (b[i], b.get(i + 1), b.get(i + 2)) {
        (b'$', Some(b'$'), Some(b'{')) | (b'%', Some(b'%'), Some(b'{')) => i + 3,
        (b'$' | b'%', Some(b'{'), _) => {
            stack.push(Mode::Code { depth: 0 });
            i + 2
        }
        _ => i + 1,
    }
}

fn comment(
    b: &[u8],
    style: CommentStyle,
    start: usize,
    body_start: usize,
    end: usize,
    body_end: usize,
) -> Comment {
    // A CRLF file's comment ends before the `\r`.
    let trim = |e: usize| {
        if e > start && b[e - 1] == b'\r' {
            e - 1
        } else {
            e
        }
    };
    Comment {
        style,
        range: start..trim(end),
        body: body_start.min(trim(body_end))..trim(body_end),
    }
}

fn line_end(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| from + p)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// `<<EOT` or `<<-EOT` followed by a line ending: the marker's range and
/// where the heredoc's text begins.
fn heredoc_opener(b: &[u8], at: usize) -> Option<(Range<usize>, usize)> {
    let mut i = at + 2;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    let start = i;
    if !b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
    {
        return None;
    }
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
    {
        i += 1;
    }
    let marker = start..i;
    match (b.get(i), b.get(i + 1)) {
        (Some(b'\n'), _) => Some((marker, i + 1)),
        (Some(b'\r'), Some(b'\n')) => Some((marker, i + 2)),
        _ => None,
    }
}

/// At a line start inside a heredoc: when the line is the closing marker
/// (indentation allowed), where the code after it resumes.
fn closing_marker(b: &[u8], line_start: usize, marker: Range<usize>) -> Option<usize> {
    let mut i = line_start;
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    let m = &b[marker];
    if b.get(i..i + m.len())? != m {
        return None;
    }
    let after = i + m.len();
    // `EOT` must not be the start of a longer word (`EOTX`).
    match b.get(after) {
        None | Some(b'\n' | b'\r' | b' ' | b'\t') => Some(after),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(text: &str) -> Vec<&str> {
        comments(text).into_iter().map(|c| &text[c.body]).collect()
    }

    #[test]
    fn finds_each_comment_style() {
        let text = "# one\na = 1 // two\r\n/* three\n */ b = 2\n";
        let found = comments(text);
        assert_eq!(
            found.iter().map(|c| c.style).collect::<Vec<_>>(),
            [
                CommentStyle::Hash,
                CommentStyle::Slashes,
                CommentStyle::Block
            ]
        );
        assert_eq!(bodies(text), [" one", " two", " three\n "]);
        assert_eq!(&text[found[1].range.clone()], "// two");
    }

    #[test]
    fn a_hash_in_a_string_is_text() {
        let text = r#"a = "x # not a comment \" # still not" # yes"#;
        assert_eq!(bodies(text), [" yes"]);
    }

    #[test]
    fn interpolations_nest_code_strings_and_braces() {
        let text = concat!(
            r#"a = "${jsonencode({k = "}#"})} # text" # c1"#,
            "\n",
            r#"b = "$${not} # text %%{x} # text" # c2"#,
            "\n",
            r#"c = "%{ if x }#t%{ endif }" # c3"#,
        );
        assert_eq!(bodies(text), [" c1", " c2", " c3"]);
    }

    #[test]
    fn heredocs_hide_hashes_until_their_marker() {
        let text =
            "p = <<-EOT\n  # text\n  ${ \"# text\" } # text\n  EOTX # text\n  EOT\n# after\n";
        assert_eq!(bodies(text), [" after"]);
        let plain = "p = <<EOT\n{\"#\": 1}\nEOT # trailing\n";
        assert_eq!(bodies(plain), [" trailing"]);
    }

    #[test]
    fn a_heredoc_interpolation_may_hold_a_comment() {
        let text = "p = <<EOT\n${\n  x # code\n}\nEOT\n";
        assert_eq!(bodies(text), [" code"]);
    }

    #[test]
    fn broken_input_still_yields_later_comments() {
        assert_eq!(bodies("a = \"open\n# after\n"), [" after"]);
        assert_eq!(bodies("a = <<EOT\nno end # text"), Vec::<&str>::new());
        assert_eq!(bodies("/* open"), [" open"]);
        assert_eq!(bodies("a = << b # c\n"), [" c"]);
        assert_eq!(bodies("}}}} # c\n"), [" c"]);
    }

    #[test]
    fn multibyte_text_keeps_ranges_on_char_boundaries() {
        let text = "a = \"é#\" # ü\n";
        let c = &comments(text)[0];
        assert_eq!(&text[c.range.clone()], "# ü");
    }
}
