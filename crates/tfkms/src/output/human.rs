//! The default terminal report: rustc-style snippets rendered by miette.

use crate::scan::ScanResult;
use anstyle::{AnsiColor, Style};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};
use std::fmt;
use tfkms_rules::finding::{Finding, Severity};
use tfkms_syntax::{FileId, SourceMap};

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
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
    others: Vec<Note>,
}

/// The labels of one other file, drawn as one snippet.
struct Note {
    message: String,
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
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
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
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
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn named(sources: &SourceMap, file: FileId) -> NamedSource<String> {
    let f = sources.get(file);
    NamedSource::new(f.display_path.clone(), f.text.to_string())
}

fn labeled(message: &str, start: u32, end: u32, primary: bool) -> LabeledSpan {
    let span = (start as usize, (end - start) as usize);
    if primary {
        LabeledSpan::new_primary_with_span(Some(message.to_string()), span)
    } else {
        LabeledSpan::new_with_span(Some(message.to_string()), span)
    }
}

fn report<'a>(sources: &SourceMap, f: &'a Finding) -> Report<'a> {
    let file = f.primary.span.file;
    let mut labels = vec![labeled(
        &f.primary.message,
        f.primary.span.start,
        f.primary.span.end,
        true,
    )];
    let mut others: Vec<(FileId, Note)> = Vec::new();
    for r in &f.related {
        if r.span.file == file {
            labels.push(labeled(&r.message, r.span.start, r.span.end, false));
            continue;
        }
        match others.iter_mut().find(|(id, _)| *id == r.span.file) {
            Some((_, note)) => {
                note.labels
                    .push(labeled(&r.message, r.span.start, r.span.end, false))
            }
            None => others.push((
                r.span.file,
                Note {
                    message: format!("in {}", sources.get(r.span.file).display_path),
                    source: named(sources, r.span.file),
                    labels: vec![labeled(&r.message, r.span.start, r.span.end, false)],
                },
            )),
        }
    }
    let others = others.into_iter().map(|(_, n)| n).collect();
    Report {
        finding: f,
        source: named(sources, file),
        labels,
        others,
    }
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
    let mut out = String::new();
    let r = report(sources, f);
    if handler.render_report(&mut out, &r).is_err() {
        out = format!("{}: {}\n", f.rule.code, f.message);
    }
    for note in &r.others {
        let mut snippet = String::new();
        if handler.render_report(&mut snippet, note).is_ok() {
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
