//! Baselines: accept today's findings and report only new ones.
//!
//! `tfkms scan --write-baseline FILE` records each finding by a fingerprint
//! of what it is rather than where: the rule, the file (relative to the
//! baseline's directory), the document and statement it is in, and the
//! offending source text with its whitespace collapsed. Line numbers are
//! left out, so edits elsewhere in a file do not turn old findings into new
//! ones. `--baseline FILE` then leaves out findings recorded there (as many
//! times as they were recorded) and lists entries that no longer occur, so
//! the baseline only ever shrinks.

use crate::scan::ScanResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tfkms_rules::finding::Finding;
use tfkms_syntax::{SourceMap, Span};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// One recorded finding. Everything but `fingerprint` and `count` is there
/// for people reading the file (and reviewing its diffs).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<String>,
    pub source: String,
    pub message: String,
    /// How many findings have this fingerprint (the same literal reached
    /// through several instances, say).
    pub count: usize,
}

/// What applying a baseline did.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// The baseline file as given.
    pub path: String,
    /// Findings left out because the baseline has them.
    pub matched: usize,
    /// Where those findings point, so `--fix` leaves that text alone.
    pub accepted: Vec<Span>,
    /// Entries (with the count not seen) that no longer occur.
    pub absent: Vec<Entry>,
}

#[derive(Debug)]
pub struct BaselineError(pub String);

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BaselineError {}

/// Writes the findings of `result` as a baseline; returns how many.
pub fn write(result: &ScanResult, path: &Path) -> Result<usize, BaselineError> {
    let base = base_dir(path);
    let mut by_fingerprint: BTreeMap<String, Entry> = BTreeMap::new();
    for f in &result.findings {
        let e = entry(&result.sources, &base, f);
        by_fingerprint
            .entry(e.fingerprint.clone())
            .and_modify(|x| x.count += 1)
            .or_insert(e);
    }
    let mut findings: Vec<Entry> = by_fingerprint.into_values().collect();
    findings.sort_by(|a, b| {
        (
            &a.path,
            &a.code,
            &a.document,
            &a.statement,
            &a.source,
            &a.fingerprint,
        )
            .cmp(&(
                &b.path,
                &b.code,
                &b.document,
                &b.statement,
                &b.source,
                &b.fingerprint,
            ))
    });
    let n = result.findings.len();
    let file = BaselineFile {
        version: FORMAT_VERSION,
        findings,
    };
    let mut text = serde_json::to_string_pretty(&file)
        .map_err(|e| BaselineError(format!("cannot encode the baseline: {e}")))?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| {
        BaselineError(format!(
            "cannot write {}: {}",
            path.display(),
            tfkms_syntax::discover::io_message(&e)
        ))
    })?;
    Ok(n)
}

/// Leaves out the findings the baseline at `path` records.
pub fn apply(result: &mut ScanResult, path: &Path) -> Result<(), BaselineError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        BaselineError(format!(
            "cannot read the baseline {}: {}",
            path.display(),
            tfkms_syntax::discover::io_message(&e)
        ))
    })?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        BaselineError(format!(
            "{}:{}:{}: not a tfkms baseline: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    if file.version != FORMAT_VERSION {
        return Err(BaselineError(format!(
            "{}: baseline version {} is not supported (this tfkms writes version {FORMAT_VERSION})",
            path.display(),
            file.version
        )));
    }
    let base = base_dir(path);
    let mut remaining: BTreeMap<String, Entry> = BTreeMap::new();
    for e in file.findings {
        remaining
            .entry(e.fingerprint.clone())
            .and_modify(|x| x.count += e.count)
            .or_insert(e);
    }
    let mut accepted = Vec::new();
    let sources = &result.sources;
    result.findings.retain(|f| {
        let fp = fingerprint_of(sources, &base, f);
        match remaining.get_mut(&fp) {
            Some(e) if e.count > 0 => {
                e.count -= 1;
                accepted.push(f.primary.span);
                false
            }
            _ => true,
        }
    });
    result.baseline = Some(Outcome {
        path: path.display().to_string(),
        matched: accepted.len(),
        accepted,
        absent: remaining.into_values().filter(|e| e.count > 0).collect(),
    });
    Ok(())
}

/// Paths in a baseline are relative to its directory, so it keeps working
/// from wherever tfkms is run.
fn base_dir(baseline: &Path) -> PathBuf {
    let dir = match baseline.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

fn fingerprint_of(sources: &SourceMap, base: &Path, f: &Finding) -> String {
    entry(sources, base, f).fingerprint
}

fn entry(sources: &SourceMap, base: &Path, f: &Finding) -> Entry {
    let file = sources.get(f.primary.span.file);
    let path = std::fs::canonicalize(&file.path)
        .ok()
        .and_then(|p| p.strip_prefix(base).ok().map(slash))
        .unwrap_or_else(|| file.display_path.clone());
    let written = collapse_whitespace(file.slice(f.primary.span));
    // A finding with nothing under its span (a file that cannot be read) is
    // told apart by its message.
    let source = if written.is_empty() {
        f.message.clone()
    } else {
        written
    };
    let document = f.documents.first().cloned();
    // A module deployed by several Terragrunt units: which unit's document
    // comes first must not change what the finding is.
    let fingerprint = fnv1a(&[
        f.rule.code,
        &path,
        document
            .as_deref()
            .map(tfkms_rules::address_in_module)
            .unwrap_or(""),
        f.statement.as_deref().unwrap_or(""),
        &source,
    ]);
    Entry {
        fingerprint,
        code: f.rule.code.to_string(),
        path,
        document,
        statement: f.statement.clone(),
        source,
        message: f.message.clone(),
        count: 1,
    }
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64-bit FNV-1a over the parts, each ended by a NUL: stable across
/// platforms and Rust versions, unlike `std`'s hasher.
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_tell_parts_apart() {
        assert_eq!(fnv1a(&[]), "cbf29ce484222325");
        assert_eq!(
            fnv1a(&["TFKMS001", "main.tf"]),
            fnv1a(&["TFKMS001", "main.tf"])
        );
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }

    #[test]
    fn whitespace_does_not_count() {
        assert_eq!(
            collapse_whitespace("[\n  \"a\",\n\t\"b\" ]"),
            "[ \"a\", \"b\" ]"
        );
    }
}
