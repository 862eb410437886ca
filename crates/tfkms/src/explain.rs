//! `tfkms explain`: a rule's Markdown documentation, rendered for a
//! terminal. The docs are ours and use a small part of Markdown (headings,
//! paragraphs, lists, fenced code, inline code and bold), so a line-based
//! renderer is enough: headings are emphasized, code blocks indented, and
//! no Markdown punctuation is left for the reader to decode.

use anstyle::{AnsiColor, Style};
use tfkms_rules::finding::RuleMeta;

const CODE_INDENT: &str = "    ";

pub fn render(meta: &RuleMeta, color: bool) -> String {
    let s = Styles::new(color);
    let mut out = String::new();
    out.push_str(&s.paint(s.title, &format!("{} {}", meta.code, meta.slug)));
    out.push('\n');
    out.push_str(&format!("default severity: {}\n\n", meta.severity.as_str()));
    out.push_str(&inline(&s, meta.summary));
    out.push_str("\n\n");
    out.push_str(&markdown(meta.docs, color));
    out
}

/// Markdown to terminal text.
pub fn markdown(doc: &str, color: bool) -> String {
    let s = Styles::new(color);
    let mut out = String::new();
    let mut in_code = false;
    for line in doc.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(CODE_INDENT);
                out.push_str(&s.paint(s.code_block, line));
                out.push('\n');
            }
            continue;
        }
        if let Some(heading) = heading(trimmed) {
            let text = inline(&s, heading);
            if color {
                out.push_str(&s.paint(s.heading, &strip_inline(heading)));
            } else {
                let width = text.chars().count();
                out.push_str(&text);
                out.push('\n');
                out.push_str(&"-".repeat(width));
            }
            out.push('\n');
            continue;
        }
        out.push_str(&inline(&s, line));
        out.push('\n');
    }
    // One blank line at the end, whatever the source had.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6)
        .contains(&hashes)
        .then(|| line[hashes..].strip_prefix(' '))
        .flatten()
        .map(str::trim)
}

/// Inline code and bold: styled with colour; without, code keeps its
/// backticks (they still mark it) and bold loses its asterisks.
fn inline(s: &Styles, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`')
            && let Some(end) = after.find('`')
        {
            let code = &after[..end];
            if s.color {
                out.push_str(&s.paint(s.code, code));
            } else {
                out.push('`');
                out.push_str(code);
                out.push('`');
            }
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix("**")
            && let Some(end) = after.find("**")
        {
            out.push_str(&s.paint(s.bold, &after[..end]));
            rest = &after[end + 2..];
        } else {
            let next = rest[1..].find(['`', '*']).map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..next]);
            rest = &rest[next..];
        }
    }
    out
}

fn strip_inline(text: &str) -> String {
    text.replace('`', "").replace("**", "")
}

struct Styles {
    color: bool,
    title: Style,
    heading: Style,
    bold: Style,
    code: Style,
    code_block: Style,
}

impl Styles {
    fn new(color: bool) -> Styles {
        Styles {
            color,
            title: Style::new().bold(),
            heading: Style::new()
                .bold()
                .underline()
                .fg_color(Some(AnsiColor::Yellow.into())),
            bold: Style::new().bold(),
            code: Style::new().fg_color(Some(AnsiColor::Cyan.into())),
            code_block: Style::new().fg_color(Some(AnsiColor::Cyan.into())),
        }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_has_no_markdown_headings_or_fences() {
        let out = markdown(
            "## What it does\n\nFinds **bad** `alias/x`.\n\n```hcl\nresources = [\"*\"]\n\n# a comment\n```\n",
            false,
        );
        assert_eq!(
            out,
            "What it does\n------------\n\nFinds bad `alias/x`.\n\n    resources = [\"*\"]\n\n    # a comment\n"
        );
    }

    #[test]
    fn colour_styles_headings_and_code() {
        let out = markdown("## Why is this bad?\nUse `kms:*`.\n", true);
        assert!(!out.contains("##"), "{out:?}");
        assert!(out.contains("\u{1b}["), "{out:?}");
        assert!(!out.contains('`'), "{out:?}");
    }

    #[test]
    fn unmatched_markers_are_text() {
        let s = Styles::new(false);
        assert_eq!(inline(&s, "a `b and * c **d"), "a `b and * c **d");
    }

    #[test]
    fn every_rule_renders_without_raw_markdown() {
        for meta in tfkms_rules::all_metas() {
            let out = render(meta, false);
            for line in out.lines() {
                assert!(!line.starts_with('#'), "{}: {line}", meta.code);
                assert!(!line.starts_with("```"), "{}: {line}", meta.code);
            }
        }
    }
}
