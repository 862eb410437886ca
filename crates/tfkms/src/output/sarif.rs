//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and SARIF viewers.
//!
//! One run, every rule in `tool.driver.rules` (so a rule with no result
//! still has its documentation in the log), one result per finding.
//!
//! GitHub code scanning limits what it accepts and shows ("SARIF results
//! exceed limit" in GitHub's code scanning docs): at most 25,000 results per
//! run (uploads above that are rejected; only the 5,000 most severe are
//! shown), at most 1,000 locations per result (only 100 shown), at most 20
//! tags per rule (only 10 shown), 20 runs per file. tfkms writes one run and
//! two tags per rule, and caps results and related locations below.

use super::{Location, RepoRoot};
use crate::scan::ScanResult;
use serde_json::{Value, json};
use std::collections::HashMap;
use tfkms_rules::finding::{Finding, RuleMeta, Severity};
use tfkms_syntax::{SourceMap, Span};

/// GitHub rejects a run with more results than this. The most severe are
/// kept, and the log says how many were left out.
pub const MAX_RESULTS: usize = 25_000;

/// GitHub shows at most 100 locations of a result (and rejects more than
/// 1,000); related locations past that would only make the file bigger.
pub const MAX_RELATED_LOCATIONS: usize = 100;

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key. Bump the version when what is hashed
/// changes: GitHub then treats the results as new instead of matching them
/// to alerts by a fingerprint computed differently.
pub const FINGERPRINT_KEY: &str = "tfkmsFindingHash/v1";

/// Renders the scan as a SARIF log. Paths are relative to `root`, which
/// becomes the `%SRCROOT%` base so viewers outside GitHub find the files.
pub fn render(result: &ScanResult, root: &RepoRoot) -> String {
    let metas = tfkms_rules::all_metas();
    let rules: Vec<Value> = metas.iter().map(|m| rule(m)).collect();
    let index: HashMap<&str, usize> = metas.iter().enumerate().map(|(i, m)| (m.code, i)).collect();

    // Suppressed findings are results too, with an in-source suppression:
    // code scanning shows them as dismissed rather than as fixed.
    let ordered = super::ordered(result);
    let findings: Vec<Finding> = ordered.iter().map(|(f, _)| (*f).clone()).collect();
    let kept = most_severe(&findings, MAX_RESULTS);
    let fingerprints = fingerprints(&result.sources, root, &findings);
    let results: Vec<Value> = kept
        .iter()
        .map(|&i| {
            let f = &findings[i];
            let rule_index = index.get(f.rule.code).copied();
            let mut r = sarif_result(&result.sources, root, f, rule_index, &fingerprints[i]);
            if let Some(s) = ordered[i].1 {
                let loc = root.locate(&result.sources, s.comment);
                let mut suppression = json!({
                    "kind": "inSource",
                    "location": {"physicalLocation": {
                        "artifactLocation": artifact(&loc.path),
                        "region": region(&loc),
                    }},
                });
                if let Some(reason) = &s.reason {
                    suppression["justification"] = json!(reason);
                }
                r["suppressions"] = json!([suppression]);
            }
            r
        })
        .collect();

    let mut invocation = json!({"executionSuccessful": true});
    let left_out = findings.len() - kept.len();
    if left_out > 0 {
        invocation["toolExecutionNotifications"] = json!([{
            "level": "warning",
            "message": {"text": format!(
                "{left_out} of {} findings were left out: GitHub code scanning rejects a run \
                 with more than {MAX_RESULTS} results; the most severe were kept",
                findings.len()
            )},
        }]);
    }

    let mut run = json!({
        "tool": {"driver": {
            "name": "tfkms",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": env!("CARGO_PKG_REPOSITORY"),
            "rules": rules,
        }},
        "invocations": [invocation],
        // Columns are counted in characters, as everywhere in tfkms; SARIF's
        // default would be UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(uri) = directory_uri(&root.dir) {
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": uri}});
    }
    let log = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("JSON values always serialize");
    s.push('\n');
    s
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn rule(m: &RuleMeta) -> Value {
    json!({
        "id": m.code,
        "name": m.slug,
        "shortDescription": {"text": m.summary},
        "fullDescription": {"text": what_it_does(m.docs).unwrap_or_else(|| m.summary.to_string())},
        "help": {"text": m.docs, "markdown": m.docs},
        "defaultConfiguration": {"level": level(m.severity)},
        "properties": {"tags": ["security", "kms"]},
    })
}

/// The first paragraph under `## What it does`, with its lines joined: SARIF
/// viewers show `fullDescription` as plain text.
fn what_it_does(docs: &str) -> Option<String> {
    let (_, rest) = docs.split_once("## What it does")?;
    let para: Vec<&str> = rest
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::trim)
        .collect();
    (!para.is_empty()).then(|| para.join(" "))
}

/// Indices of at most `max` findings, the most severe first to be kept, in
/// report order.
fn most_severe(findings: &[Finding], max: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..findings.len()).collect();
    if findings.len() > max {
        idx.sort_by_key(|&i| (std::cmp::Reverse(findings[i].severity), i));
        idx.truncate(max);
        idx.sort_unstable();
    }
    idx
}

fn sarif_result(
    sources: &SourceMap,
    root: &RepoRoot,
    f: &Finding,
    rule_index: Option<usize>,
    fp: &str,
) -> Value {
    let primary = root.locate(sources, f.primary.span);
    let mut primary_region = region(&primary);
    let snippet = sources.get(f.primary.span.file).slice(f.primary.span);
    if !snippet.is_empty() {
        primary_region["snippet"] = json!({"text": snippet});
    }
    let mut text = f.message.clone();
    if let Some(help) = &f.help {
        text.push_str("\n\nhelp: ");
        text.push_str(help);
    }
    let mut r = json!({
        "ruleId": f.rule.code,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(&primary.path),
                "region": primary_region,
            },
            "message": {"text": f.primary.message},
        }],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if !f.related.is_empty() {
        r["relatedLocations"] = f
            .related
            .iter()
            .take(MAX_RELATED_LOCATIONS)
            .enumerate()
            .map(|(id, l)| {
                let loc = root.locate(sources, l.span);
                json!({
                    "id": id,
                    "physicalLocation": {
                        "artifactLocation": artifact(&loc.path),
                        "region": region(&loc),
                    },
                    "message": {"text": l.message},
                })
            })
            .collect();
    }
    let mut props = serde_json::Map::new();
    if !f.documents.is_empty() {
        props.insert("documents".into(), json!(f.documents));
    }
    if let Some(s) = &f.statement {
        props.insert("statement".into(), json!(s));
    }
    if !props.is_empty() {
        r["properties"] = Value::Object(props);
    }
    if let Some(fix) = &f.fix {
        r["fixes"] = json!([fix_value(sources, root, fix)]);
    }
    r
}

/// A SARIF fix: the edits grouped by file, in the order given.
fn fix_value(sources: &SourceMap, root: &RepoRoot, fix: &tfkms_rules::finding::Fix) -> Value {
    let mut changes: Vec<(String, Vec<Value>)> = Vec::new();
    for e in &fix.edits {
        let loc = root.locate(sources, e.span);
        let replacement = json!({
            "deletedRegion": region(&loc),
            "insertedContent": {"text": e.text},
        });
        match changes.iter_mut().find(|(p, _)| *p == loc.path) {
            Some((_, reps)) => reps.push(replacement),
            None => changes.push((loc.path, vec![replacement])),
        }
    }
    json!({
        "description": {"text": fix.description},
        "artifactChanges": changes.into_iter().map(|(path, reps)| json!({
            "artifactLocation": artifact(&path),
            "replacements": reps,
        })).collect::<Vec<_>>(),
    })
}

fn region(l: &Location) -> Value {
    json!({
        "startLine": l.start_line,
        "startColumn": l.start_column,
        "endLine": l.end_line,
        "endColumn": l.end_column,
    })
}

/// Paths under the working directory are relative to `%SRCROOT%`, which is
/// how GitHub maps results to files in the repository; others (an absolute
/// path given on the command line) become `file:` URIs.
fn artifact(path: &str) -> Value {
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", encode_path(path))})
    } else {
        json!({"uri": encode_path(path), "uriBaseId": "%SRCROOT%"})
    }
}

/// `file:` URI of a directory, ending in `/` as SARIF requires of a base.
fn directory_uri(dir: &std::path::Path) -> Option<String> {
    let s = dir.to_str()?.replace('\\', "/");
    let s = s.trim_end_matches('/');
    if s.is_empty() {
        return Some("file:///".into());
    }
    let lead = if s.starts_with('/') { "" } else { "/" };
    Some(format!("file://{lead}{}/", encode_path(s)))
}

/// Percent-encodes what may not appear in a URI path (RFC 3986): file names
/// may hold spaces, `#`, `%` or non-ASCII characters.
pub(super) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(b as char),
            b'-' | b'.' | b'_' | b'~' | b'/' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' => {
                out.push(b as char)
            }
            b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One fingerprint per finding, from what identifies it independently of
/// where it sits in the file: rule, file, document, statement and the
/// offending source text. Inserting or removing unrelated lines leaves it
/// unchanged, so GitHub keeps tracking the same alert. Findings that agree
/// on all of that are told apart by their order (`:2`, `:3`, ...), as
/// GitHub does with its own line hashes.
pub fn fingerprints(sources: &SourceMap, root: &RepoRoot, findings: &[Finding]) -> Vec<String> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    findings
        .iter()
        .map(|f| {
            let hash = identity_hash(sources, root, f);
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            format!("{hash:016x}:{n}")
        })
        .collect()
}

fn identity_hash(sources: &SourceMap, root: &RepoRoot, f: &Finding) -> u64 {
    // Relative to the root, so scanning from another directory of the
    // repository gives the same fingerprints.
    let path = root.path(&sources.get(f.primary.span.file).display_path);
    let mut h = Fnv64::new();
    // Fields are separated by a byte that cannot occur in any of them, so
    // ("ab", "c") and ("a", "bc") hash differently.
    for part in [
        f.rule.code,
        path.as_str(),
        // A module deployed by several Terragrunt units: which unit's
        // document is first must not change the alert. Outside units the
        // address is unchanged, and so is the hash.
        f.documents
            .first()
            .map_or("", |d| tfkms_rules::address_in_module(d)),
        f.statement.as_deref().unwrap_or(""),
        offending_text(sources, f.primary.span),
    ] {
        h.write(part.as_bytes());
        h.write(&[0xff]);
    }
    h.finish()
}

/// The source under the span with surrounding whitespace trimmed (a
/// re-indented line is the same finding).
fn offending_text(sources: &SourceMap, span: Span) -> &str {
    sources.get(span.file).slice(span).trim()
}

/// FNV-1a, 64 bits: fingerprints must be the same across tfkms builds and
/// Rust releases, which rules out `std`'s unspecified `DefaultHasher`; a
/// fingerprint needs no cryptographic strength.
struct Fnv64(u64);

impl Fnv64 {
    fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_vectors() {
        // From the FNV reference test suite.
        let hash = |s: &str| {
            let mut h = Fnv64::new();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(encode_path("a b/c#d%e.tf"), "a%20b/c%23d%25e.tf");
        assert_eq!(encode_path("modules/kms/main.tf"), "modules/kms/main.tf");
        assert_eq!(encode_path("é.tf"), "%C3%A9.tf");
    }

    #[test]
    fn base_uri_ends_with_a_slash() {
        assert_eq!(
            directory_uri(std::path::Path::new("/home/u/repo")).as_deref(),
            Some("file:///home/u/repo/")
        );
        assert_eq!(
            directory_uri(std::path::Path::new("/")).as_deref(),
            Some("file:///")
        );
    }

    #[test]
    fn the_first_paragraph_describes_the_rule() {
        let docs = "## What it does\n\nFinds a\nthing.\n\nMore.\n\n## Why\n";
        assert_eq!(what_it_does(docs).as_deref(), Some("Finds a thing."));
        assert_eq!(what_it_does("no heading"), None);
    }
}
