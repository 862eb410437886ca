//! `--format github`: GitHub Actions workflow commands that annotate the
//! findings on the pull request, the report in the log, and a Markdown job
//! summary when `GITHUB_STEP_SUMMARY` is set.
//!
//! GitHub keeps at most 10 error, 10 warning and 10 notice annotations per
//! step and 50 per job, and drops the rest silently. So the most severe
//! findings are annotated first (a job's earlier steps may already have
//! used part of its 50), at most 10 of each level, and the log says how many
//! were not annotated. Every finding is in the log either way.

use super::human::{self, HumanOptions};
use super::{Location, RepoRoot, sarif};
use crate::scan::ScanResult;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use tfkms_rules::finding::{Finding, Severity};

pub const MAX_ANNOTATIONS_PER_LEVEL: usize = 10;

/// GitHub limits a step summary to 1 MiB; past this many rows the table
/// only says how many more there are.
pub const MAX_SUMMARY_ROWS: usize = 500;

/// The workflow command of a severity.
fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// Escapes a workflow command's message, as `@actions/core` does.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command property value: `:` and `,` would otherwise
/// end the value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error file=...::message` command.
pub fn annotation(f: &Finding, loc: &Location) -> String {
    let mut props = format!(
        "file={},line={}",
        escape_property(&loc.path),
        loc.start_line
    );
    // GitHub honours columns only on a one-line range.
    if loc.start_line == loc.end_line {
        let _ = write!(props, ",col={}", loc.start_column);
    }
    let _ = write!(props, ",endLine={}", loc.end_line);
    if loc.start_line == loc.end_line {
        let _ = write!(props, ",endColumn={}", loc.end_column);
    }
    let title = format!("{} {}", f.rule.code, f.rule.slug);
    let _ = write!(props, ",title={}", escape_property(&title));
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push_str("\n\nhelp: ");
        message.push_str(help);
    }
    if !f.documents.is_empty() {
        message.push_str("\n\nin ");
        message.push_str(&f.documents.join(", "));
    }
    format!(
        "::{} {props}::{}\n",
        command(f.severity),
        escape_data(&message)
    )
}

/// Which findings get an annotation: the most severe first, at most
/// [`MAX_ANNOTATIONS_PER_LEVEL`] of each level, in the order to emit them.
pub fn annotated(findings: &[Finding]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(findings[i].severity), i));
    let mut per_level: BTreeMap<Severity, usize> = BTreeMap::new();
    order.retain(|&i| {
        let n = per_level.entry(findings[i].severity).or_insert(0);
        *n += 1;
        *n <= MAX_ANNOTATIONS_PER_LEVEL
    });
    order
}

/// The text for stdout. Unless `quiet`, the full human report comes first;
/// with `quiet`, only the findings left without an annotation are listed,
/// one line each, so the log still names every finding.
pub fn render(result: &ScanResult, root: &RepoRoot, opts: HumanOptions, quiet: bool) -> String {
    let mut out = String::new();
    if !quiet {
        for f in &result.findings {
            out.push_str(&human::render_finding(&result.sources, f, opts));
            out.push('\n');
        }
    }
    let chosen = annotated(&result.findings);
    for &i in &chosen {
        let f = &result.findings[i];
        out.push_str(&annotation(
            f,
            &root.locate(&result.sources, f.primary.span),
        ));
    }
    let left = result.findings.len() - chosen.len();
    if left > 0 {
        if quiet {
            let mut is_chosen = vec![false; result.findings.len()];
            chosen.iter().for_each(|&i| is_chosen[i] = true);
            for (f, _) in result.findings.iter().zip(&is_chosen).filter(|(_, c)| !**c) {
                let l = root.locate(&result.sources, f.primary.span);
                let _ = writeln!(
                    out,
                    "{}:{}:{}: {} {} {}",
                    l.path,
                    l.start_line,
                    l.start_column,
                    f.severity.as_str(),
                    f.rule.code,
                    f.message
                );
            }
        }
        let _ = writeln!(
            out,
            "tfkms: {left} {} not annotated: GitHub shows at most \
             {MAX_ANNOTATIONS_PER_LEVEL} annotations of each level per step; \
             the log above lists every finding",
            if left == 1 {
                "finding was"
            } else {
                "findings were"
            },
        );
    }
    if !(quiet && result.findings.is_empty()) {
        out.push_str(&human::summary(result));
    }
    out
}

/// Where a finding's file can be viewed: the commit on GitHub, from the
/// variables every runner sets.
#[derive(Clone, Debug, Default)]
pub struct Links {
    pub server_url: String,
    pub repository: String,
    pub sha: String,
}

impl Links {
    /// `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY` and `GITHUB_SHA`, when all
    /// are set.
    pub fn from_env() -> Option<Links> {
        let var = |n: &str| std::env::var(n).ok().filter(|v| !v.is_empty());
        Some(Links {
            server_url: var("GITHUB_SERVER_URL")?,
            repository: var("GITHUB_REPOSITORY")?,
            sha: var("GITHUB_SHA")?,
        })
    }

    fn url(&self, loc: &Location) -> String {
        let lines = if loc.end_line > loc.start_line {
            format!("L{}-L{}", loc.start_line, loc.end_line)
        } else {
            format!("L{}", loc.start_line)
        };
        format!(
            "{}/{}/blob/{}/{}#{lines}",
            self.server_url.trim_end_matches('/'),
            self.repository,
            self.sha,
            sarif::encode_path(&loc.path)
        )
    }
}

/// Text for a Markdown table cell: `|` would end the cell, a newline the
/// row, and `<`/`&` could start HTML, which GitHub renders.
fn cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// The Markdown job summary: counts by rule and a table of findings.
pub fn step_summary(result: &ScanResult, root: &RepoRoot, links: Option<&Links>) -> String {
    let mut out = String::from("## tfkms\n\n");
    let line = human::summary(result);
    let line = line.trim().trim_start_matches("tfkms: ");
    let _ = writeln!(out, "{}\n", cell(line));
    if result.findings.is_empty() {
        return out;
    }

    let mut by_rule: BTreeMap<&str, (&Finding, [usize; 3])> = BTreeMap::new();
    for f in &result.findings {
        let e = by_rule.entry(f.rule.code).or_insert((f, [0; 3]));
        let column = match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        };
        e.1[column] += 1;
    }
    out.push_str("| Rule | Errors | Warnings | Notes |\n|---|---:|---:|---:|\n");
    for (code, (f, [errors, warnings, notes])) in &by_rule {
        let _ = writeln!(
            out,
            "| `{code}` {} | {errors} | {warnings} | {notes} |",
            f.rule.slug
        );
    }

    out.push_str("\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
    for f in result.findings.iter().take(MAX_SUMMARY_ROWS) {
        let loc = root.locate(&result.sources, f.primary.span);
        let place = format!("{}:{}", loc.path, loc.start_line);
        let place = match links {
            Some(l) => format!("[{}]({})", cell(&place), l.url(&loc)),
            None => cell(&place),
        };
        let _ = writeln!(
            out,
            "| {} | `{}` | {place} | {} |",
            f.severity.as_str(),
            f.rule.code,
            cell(&f.message)
        );
    }
    if result.findings.len() > MAX_SUMMARY_ROWS {
        let _ = writeln!(
            out,
            "\n{} more findings are in the job log.",
            result.findings.len() - MAX_SUMMARY_ROWS
        );
    }
    out.push('\n');
    out
}

/// Appends the job summary to the file `GITHUB_STEP_SUMMARY` names, when
/// it is set.
pub fn append_step_summary(result: &ScanResult, root: &RepoRoot) -> std::io::Result<()> {
    use std::io::Write;
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let text = step_summary(result, root, Links::from_env().as_ref());
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks_only() {
        assert_eq!(
            escape_data("100% of a:b,c\r\nnext"),
            "100%25 of a:b,c%0D%0Anext"
        );
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("dir,1/a:b%.tf\n"), "dir%2C1/a%3Ab%25.tf%0A");
    }

    #[test]
    fn escaping_percent_first_keeps_escapes_unambiguous() {
        // A literal "%0A" must not turn into a line break when GitHub
        // unescapes the message.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn table_cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc <x> & d"), "a\\|b<br>c &lt;x&gt; &amp; d");
    }

    #[test]
    fn links_point_at_the_commit_and_lines() {
        let links = Links {
            server_url: "https://github.com/".into(),
            repository: "o/r".into(),
            sha: "abc".into(),
        };
        let loc = Location {
            path: "infra/my dir/main.tf".into(),
            start_line: 3,
            start_column: 1,
            end_line: 5,
            end_column: 2,
        };
        assert_eq!(
            links.url(&loc),
            "https://github.com/o/r/blob/abc/infra/my%20dir/main.tf#L3-L5"
        );
    }
}
