//! Output formats. Every format renders the same [`crate::scan::ScanResult`].

pub mod access;
mod fixdiff;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod policies;
pub mod sarif;
pub mod window;

use crate::scan::ScanResult;
use crate::suppress::Suppressed;
use std::path::{Path, PathBuf};
use tfkms_rules::finding::{Finding, Fix};
use tfkms_syntax::{SourceMap, Span};

/// What a reporter that panicked leaves: the findings as JSON for stdout,
/// and a message for stderr.
pub struct ReporterPanic {
    pub json: String,
    pub message: String,
}

/// Runs a reporter so that a bug in it cannot lose the findings: on a panic
/// the JSON report stands in for it (the caller exits with status 2).
pub fn guarded<T>(
    result: &ScanResult,
    format: &str,
    report: impl FnOnce() -> T,
) -> Result<T, ReporterPanic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(report)).map_err(|_| ReporterPanic {
        json: json::render(result),
        message: format!(
            "tfkms: internal error: the {format} report could not be drawn (a bug in tfkms: please report it with the panic message above); the findings are printed as JSON instead"
        ),
    })
}

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

/// The directory CI formats give paths relative to. Reports for people and
/// `--format json` use the working directory; GitHub wants annotation and
/// code scanning paths relative to the repository root, and a workflow step
/// may run in a subdirectory (`working-directory`).
#[derive(Clone, Debug)]
pub struct RepoRoot {
    /// Absolute.
    pub dir: PathBuf,
    /// The working directory relative to `dir`, as path components.
    prefix: Vec<String>,
}

impl RepoRoot {
    /// `GITHUB_WORKSPACE` (the checkout on a GitHub runner) when the working
    /// directory is inside it, otherwise the working directory.
    pub fn detect() -> RepoRoot {
        let cwd = std::env::current_dir().unwrap_or_default();
        let workspace = std::env::var_os("GITHUB_WORKSPACE").filter(|w| !w.is_empty());
        match workspace {
            Some(w) => RepoRoot::new(Path::new(&w), &cwd),
            None => RepoRoot::new(&cwd, &cwd),
        }
    }

    /// `root` if `cwd` is inside it, otherwise `cwd`.
    pub fn new(root: &Path, cwd: &Path) -> RepoRoot {
        // Compare real paths: runners and temp directories are often
        // reached through symbolic links.
        let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let (root, cwd) = (real(root), real(cwd));
        match cwd.strip_prefix(&root) {
            Ok(rel) => RepoRoot {
                prefix: rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect(),
                dir: root,
            },
            Err(_) => RepoRoot {
                dir: cwd,
                prefix: Vec::new(),
            },
        }
    }

    /// A display path (relative to the working directory, or absolute)
    /// relative to the root. Paths that leave the root stay as they were:
    /// no CI system can point into them anyway.
    pub fn path(&self, display: &str) -> String {
        if display.starts_with('/') {
            return match Path::new(display).strip_prefix(&self.dir) {
                Ok(rel) => rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
                Err(_) => display.to_string(),
            };
        }
        let mut parts: Vec<&str> = self.prefix.iter().map(String::as_str).collect();
        for seg in display.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return display.to_string();
                    }
                }
                s => parts.push(s),
            }
        }
        if parts.is_empty() {
            ".".into()
        } else {
            parts.join("/")
        }
    }

    /// [`locate`] with the path relative to the root.
    pub fn locate(&self, sources: &SourceMap, span: Span) -> Location {
        let mut l = locate(sources, span);
        l.path = self.path(&l.path);
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(prefix: &[&str]) -> RepoRoot {
        RepoRoot {
            dir: PathBuf::from("/work/repo"),
            prefix: prefix.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_reporter_that_panics_leaves_the_findings_as_json() {
        let text = "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    actions   = [\"kms:Decrypt\"]\n    resources = [\"arn:aws:kms:us-east-1:111122223333:alias/app\"]\n  }\n}\n";
        let result =
            crate::scan::scan_text("main.tf", text, &crate::scan::ScanOptions::default()).unwrap();
        let fine = guarded(&result, "human", || 7);
        assert_eq!(fine.ok(), Some(7));
        let Err(failed) = guarded(&result, "human", || -> u8 { panic!("a reporter bug") }) else {
            panic!("the panic was not caught");
        };
        assert!(
            failed
                .message
                .contains("the human report could not be drawn")
        );
        let json: serde_json::Value = serde_json::from_str(&failed.json).unwrap();
        assert_eq!(json["findings"][0]["code"], "TFKMS001");
    }

    #[test]
    fn paths_are_rebased_on_the_repository_root() {
        let r = root(&["infra", "prod"]);
        assert_eq!(r.path("main.tf"), "infra/prod/main.tf");
        assert_eq!(r.path("./main.tf"), "infra/prod/main.tf");
        assert_eq!(
            r.path("../modules/kms/main.tf"),
            "infra/modules/kms/main.tf"
        );
        assert_eq!(r.path("../../../elsewhere.tf"), "../../../elsewhere.tf");
        assert_eq!(r.path("/work/repo/infra/x.tf"), "infra/x.tf");
        assert_eq!(r.path("/tmp/x.tf"), "/tmp/x.tf");
        assert_eq!(root(&[]).path("main.tf"), "main.tf");
    }
}
