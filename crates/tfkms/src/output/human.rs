//! The default terminal report: rustc-style snippets rendered by miette.

use crate::scan::ScanResult;
use anstyle::{AnsiColor, Style};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use tfkms_rules::finding::{Finding, Severity};
use tfkms_syntax::{FileId, LineCol, SourceMap, Span};

#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// One finding as a miette diagnostic: labels in the primary file are drawn
/// in one snippet; labels in other files in one snippet per file after it.
/// miette draws its help before related diagnostics and has no notes, so
/// the other files, the notes and the help are drawn by [`render_finding`]
/// in rustc's order: every snippet, then the notes, then the help.
struct Report<'a> {
    finding: &'a Finding,
    snippet: Snippet,
    others: Vec<Note>,
}

/// The labels of one other file, drawn as one snippet.
struct Note {
    message: String,
    snippet: Snippet,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.finding.rule.code, self.finding.rule.slug
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.snippet.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.snippet.labels.iter().cloned()))
    }
}

impl fmt::Debug for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Note {}

impl Diagnostic for Note {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.snippet.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.snippet.labels.iter().cloned()))
    }
}

/// The lines of a file a snippet shows, and its labels placed in them. A
/// file with very long lines is shown through a [`window`](super::window),
/// named with the true `path:line:column` of its first label (the window's
/// own columns are not the file's), and `windowed` says so.
struct Snippet {
    source: Excerpt,
    labels: Vec<LabeledSpan>,
    windowed: bool,
}

/// Labels of one file: (message, span, primary).
type FileLabels<'a> = Vec<(&'a str, Span, bool)>;

/// Lines kept either side of the labelled ones: more than miette's one line
/// of context, so that it finds all it asks for.
const EXCERPT_MARGIN: usize = 2;

fn snippet(sources: &SourceMap, file: FileId, labels: &[(&str, Span, bool)]) -> Snippet {
    let f = sources.get(file);
    // Only the labelled lines are copied: copying, or letting miette count
    // lines in, the whole file for every finding made a report quadratic
    // in findings x file size.
    let lines = labels.iter().map(|(_, s, _)| {
        (
            f.line_col(s.start).line as usize - 1,
            f.line_col(s.end).line as usize - 1,
        )
    });
    let first_line = lines.clone().map(|l| l.0).min().unwrap_or(0);
    let last_line = lines.map(|l| l.1).max().unwrap_or(0);
    let first_line = first_line.saturating_sub(EXCERPT_MARGIN);
    let start = f.line_start(first_line);
    let end = f.line_start(last_line + EXCERPT_MARGIN + 1);
    let text = &f.text[start..end];
    let ranges: Vec<std::ops::Range<usize>> = labels
        .iter()
        .map(|(_, s, _)| s.start as usize - start..s.end as usize - start)
        .collect();
    let Some(w) = super::window::window(text, &ranges) else {
        return Snippet {
            source: Excerpt {
                name: f.display_path.clone(),
                text: text.to_string(),
                offset: start,
                first_line,
            },
            labels: labels
                .iter()
                .map(|(m, s, p)| labeled(m, s.start as usize, s.end as usize, *p))
                .collect(),
            windowed: false,
        };
    };
    let first = labels
        .iter()
        .find(|(_, _, primary)| *primary)
        .or(labels.first())
        .map(|(_, s, _)| f.line_col(s.start))
        .unwrap_or(LineCol { line: 1, column: 1 });
    Snippet {
        labels: ranges
            .iter()
            .zip(labels)
            .map(|(r, (m, _, p))| labeled(m, w.offset(r.start), w.offset(r.end), *p))
            .collect(),
        source: Excerpt {
            name: format!("{}:{}:{}", f.display_path, first.line, first.column),
            text: w.text,
            offset: 0,
            first_line,
        },
        windowed: true,
    }
}

/// Some whole lines of a file, which miette reads as if it had the file:
/// spans are offsets in the file less `offset`, and line numbers count
/// from `first_line` (0-based).
struct Excerpt {
    name: String,
    text: String,
    offset: usize,
    first_line: usize,
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let Some(local) = span.offset().checked_sub(self.offset) else {
            return Err(MietteError::OutOfBounds);
        };
        let inner = self.text.as_str().read_span(
            &SourceSpan::new(local.into(), span.len()),
            context_lines_before,
            context_lines_after,
        )?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + self.offset).into(),
                inner.span().len(),
            ),
            inner.line() + self.first_line,
            inner.column(),
            // miette's count runs from the start of the text it reads, and
            // it joins two labels' snippets by it: counted from the file's
            // start, snippets join as they did with the whole file.
            inner.line_count() + self.first_line,
        )))
    }
}

fn labeled(message: &str, start: usize, end: usize, primary: bool) -> LabeledSpan {
    let span = (start, end.saturating_sub(start));
    if primary {
        LabeledSpan::new_primary_with_span(Some(message.to_string()), span)
    } else {
        LabeledSpan::new_with_span(Some(message.to_string()), span)
    }
}

fn report<'a>(sources: &SourceMap, f: &'a Finding) -> Report<'a> {
    let file = f.primary.span.file;
    let mut here = vec![(f.primary.message.as_str(), f.primary.span, true)];
    let mut elsewhere: Vec<(FileId, FileLabels)> = Vec::new();
    for r in &f.related {
        if r.span.file == file {
            here.push((&r.message, r.span, false));
            continue;
        }
        match elsewhere.iter_mut().find(|(id, _)| *id == r.span.file) {
            Some((_, labels)) => labels.push((&r.message, r.span, false)),
            None => elsewhere.push((r.span.file, vec![(&r.message, r.span, false)])),
        }
    }
    let others = elsewhere
        .into_iter()
        .map(|(id, labels)| Note {
            message: format!("in {}", sources.get(id).display_path),
            snippet: snippet(sources, id, &labels),
        })
        .collect();
    Report {
        finding: f,
        snippet: snippet(sources, file, &here),
        others,
    }
}

/// Draws one snippet; a windowed one is named with its true position, so
/// miette's (the window's) is left out.
fn render_snippet(
    handler: &GraphicalReportHandler,
    windowed: bool,
    d: &dyn Diagnostic,
) -> Option<String> {
    let mut out = String::new();
    let result = if windowed {
        handler
            .clone()
            .without_primary_span_start()
            .render_report(&mut out, d)
    } else {
        handler.render_report(&mut out, d)
    };
    result.ok().map(|_| out)
}

pub fn render_finding(sources: &SourceMap, f: &Finding, opts: HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let r = report(sources, f);
    let mut out = render_snippet(&handler, r.snippet.windowed, &r)
        .unwrap_or_else(|| format!("{}: {}\n", f.rule.code, f.message));
    for note in &r.others {
        if let Some(snippet) = render_snippet(&handler, note.snippet.windowed, note) {
            out.push_str(&snippet);
        }
    }
    if !f.documents.is_empty() {
        let names: Vec<String> = f.documents.iter().map(|d| format!("`{d}`")).collect();
        let noun = if names.len() == 1 {
            "document"
        } else {
            "documents"
        };
        let note = format!("in {noun} {}", names.join(", "));
        out.push_str(&section("note", Style::new().bold(), &note, opts));
    }
    if let Some(help) = &f.help {
        let cyan = Style::new().fg_color(Some(AnsiColor::Cyan.into()));
        out.push_str(&section("help", cyan, help, opts));
    }
    if let Some(fix) = &f.fix
        && let Some(diff) = super::fixdiff::render(sources, fix, opts.color)
    {
        out.push_str(&diff);
    }
    out
}

/// A `  help: ...` section below the snippets, indented the way miette draws
/// its help, so that notes and help line up. Prose is wrapped; lines that
/// start with a space are source to copy and are kept whole.
fn section(name: &str, style: Style, text: &str, opts: HumanOptions) -> String {
    let head = if opts.color {
        format!("  {style}{name}:{style:#} ")
    } else {
        format!("  {name}: ")
    };
    let indent = " ".repeat(name.len() + 4);
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let first = if i == 0 { head.as_str() } else { &indent };
        if line.starts_with(' ') {
            out.push_str(first);
            out.push_str(line);
        } else {
            let wrap = wrapping(opts.width.saturating_sub(2))
                .initial_indent(first)
                .subsequent_indent(&indent);
            out.push_str(&textwrap::fill(line, wrap));
        }
        // A blank line of the help leaves no indentation behind.
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    }
    out
}

/// How the report wraps text: only at spaces, so that an ARN, a `--var-file`
/// or a word like `multi-valued` is never split at its `/`, `-` or `:`
/// unless it is longer than a line.
fn wrapping<'a>(width: usize) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

pub fn summary(result: &ScanResult) -> String {
    let count = |s: Severity| result.findings.iter().filter(|f| f.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let (e, w, n) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    let files = plural(result.files, "file");
    let docs = plural(result.document_count, "policy document");
    let mut aside = Vec::new();
    if !result.suppressed.is_empty() {
        aside.push(format!("{} suppressed", result.suppressed.len()));
    }
    if let Some(b) = result.baseline.as_ref().filter(|b| b.matched > 0) {
        aside.push(format!("{} in the baseline", b.matched));
    }
    let aside = if aside.is_empty() {
        String::new()
    } else {
        format!("; {}", aside.join(", "))
    };
    let mut out = if e + w + n == 0 {
        format!("tfkms: no findings in {files} ({docs}){aside}\n")
    } else {
        format!(
            "tfkms: {}, {}, {} in {files} ({docs}){aside}\n",
            plural(e, "error"),
            plural(w, "warning"),
            plural(n, "note")
        )
    };
    if let Some(b) = result.baseline.as_ref().filter(|b| !b.absent.is_empty()) {
        const LISTED: usize = 5;
        let absent: usize = b.absent.iter().map(|e| e.count).sum();
        let mut names: Vec<String> = b
            .absent
            .iter()
            .take(LISTED)
            .map(|e| format!("{} in {}", e.code, e.path))
            .collect();
        if b.absent.len() > LISTED {
            names.push(format!("{} more", b.absent.len() - LISTED));
        }
        out.push_str(&format!(
            "tfkms: note: {} in {} no longer {} ({}); `--write-baseline {}` drops {}\n",
            if absent == 1 {
                "1 baseline entry".to_string()
            } else {
                format!("{absent} baseline entries")
            },
            b.path,
            if absent == 1 { "occurs" } else { "occur" },
            names.join(", "),
            b.path,
            if absent == 1 { "it" } else { "them" },
        ));
    }
    out
}

pub fn render(result: &ScanResult, opts: HumanOptions) -> String {
    let mut out = String::new();
    for f in &result.findings {
        out.push_str(&render_finding(&result.sources, f, opts));
        out.push('\n');
    }
    out.push_str(&summary(result));
    out
}
