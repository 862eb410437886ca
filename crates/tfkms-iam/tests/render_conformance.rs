//! The renderer against the real AWS provider. Each `testdata/render/NN-name/`
//! holds a Terraform config (`main.tf`), the `HclDocument` Terraform hands the
//! provider for it (`input.json`), and what the provider printed:
//! `expected.json` + `expected.min.json`, or `expected-error.txt`. The
//! expected files come from `scripts/oracle-render.sh`, never from tfkms.

use serde::Deserialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tfkms_iam::render::{HclCondition, HclDocument, HclPrincipals, HclStatement, render};

/// Every argument of the data source is covered by a case; fewer directories
/// than this means cases went missing.
const MIN_CASES: usize = 45;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    version: Option<String>,
    policy_id: Option<String>,
    #[serde(default)]
    source_policy_documents: Vec<Option<String>>,
    #[serde(default)]
    override_policy_documents: Vec<Option<String>>,
    #[serde(default)]
    statements: Vec<Statement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Statement {
    sid: Option<String>,
    effect: Option<String>,
    actions: Option<Vec<String>>,
    not_actions: Option<Vec<String>>,
    resources: Option<Vec<String>>,
    not_resources: Option<Vec<String>>,
    #[serde(default)]
    principals: Vec<Principals>,
    #[serde(default)]
    not_principals: Vec<Principals>,
    #[serde(default)]
    conditions: Vec<Condition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Principals {
    r#type: String,
    identifiers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Condition {
    test: String,
    variable: String,
    values: Vec<String>,
}

impl From<Document> for HclDocument {
    fn from(d: Document) -> Self {
        HclDocument {
            version: d.version,
            policy_id: d.policy_id,
            source_policy_documents: d.source_policy_documents,
            override_policy_documents: d.override_policy_documents,
            statements: d.statements.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<Statement> for HclStatement {
    fn from(s: Statement) -> Self {
        let principals = |ps: Vec<Principals>| {
            ps.into_iter()
                .map(|p| HclPrincipals {
                    r#type: p.r#type,
                    identifiers: p.identifiers,
                })
                .collect()
        };
        HclStatement {
            sid: s.sid,
            effect: s.effect,
            actions: s.actions,
            not_actions: s.not_actions,
            resources: s.resources,
            not_resources: s.not_resources,
            principals: principals(s.principals),
            not_principals: principals(s.not_principals),
            conditions: s
                .conditions
                .into_iter()
                .map(|c| HclCondition {
                    test: c.test,
                    variable: c.variable,
                    values: c.values,
                })
                .collect(),
        }
    }
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/render")
}

fn read(path: &Path) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

/// Checks one case; `Err` is the report of how it differs.
fn check(dir: &Path) -> Result<(), String> {
    let input = read(&dir.join("input.json")).ok_or("no input.json")?;
    let doc: Document = serde_json::from_str(&input).map_err(|e| format!("input.json: {e}"))?;
    let expected_error = read(&dir.join("expected-error.txt"));
    let expected = read(&dir.join("expected.json")).zip(read(&dir.join("expected.min.json")));
    match (render(&doc.into()), expected_error, expected) {
        (_, Some(_), Some(_)) => Err("has both expected-error.txt and expected.json".into()),
        (_, None, None) => {
            Err("has neither expected-error.txt nor expected.json + expected.min.json".into())
        }
        (Ok(r), None, Some((json, min))) => {
            let mut report = String::new();
            if r.json != json {
                let _ = write!(
                    report,
                    "json differs (- provider, + tfkms):\n{}",
                    line_diff(&json, &r.json)
                );
            }
            let minified = r.minified_json();
            if minified != min {
                let _ = write!(
                    report,
                    "minified_json differs:\n{}",
                    point_diff(&min, &minified)
                );
            }
            if report.is_empty() {
                Ok(())
            } else {
                Err(report)
            }
        }
        (Err(e), Some(msg), None) if e.message == msg => Ok(()),
        (Err(e), Some(msg), None) => Err(format!(
            "error differs:\n  provider: {msg}\n  tfkms:    {}",
            e.message
        )),
        (Ok(r), Some(msg), None) => Err(format!(
            "provider fails with\n  {msg}\nbut tfkms rendered\n{}",
            r.json
        )),
        (Err(e), None, Some(_)) => Err(format!(
            "provider renders, but tfkms fails with\n  {}",
            e.message
        )),
    }
}

/// A line diff by longest common subsequence; the documents are small.
fn line_diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "   {}", a[i]);
            (i, j) = (i + 1, j + 1);
        } else if j == b.len() || (i < a.len() && lcs[i + 1][j] >= lcs[i][j + 1]) {
            let _ = writeln!(out, "-  {}", a[i]);
            i += 1;
        } else {
            let _ = writeln!(out, "+  {}", b[j]);
            j += 1;
        }
    }
    if expected.ends_with('\n') != actual.ends_with('\n') {
        out.push_str("(the two differ in a trailing newline)\n");
    }
    out
}

/// For one-line texts: where they part, with some context.
fn point_diff(expected: &str, actual: &str) -> String {
    let at = expected
        .bytes()
        .zip(actual.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(expected.len().min(actual.len()));
    let window = |s: &str| {
        let from = s.floor_char_boundary(at.saturating_sub(40));
        let to = s.ceil_char_boundary((at + 40).min(s.len()));
        format!("…{}…", &s[from..to])
    };
    format!(
        "  first difference at byte {at}\n  provider: {}\n  tfkms:    {}\n",
        window(expected),
        window(actual)
    )
}

#[test]
fn renders_like_the_provider() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("testdata/render is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(
        dirs.len() >= MIN_CASES,
        "found {} cases under testdata/render, expected at least {MIN_CASES}",
        dirs.len()
    );
    let failures: Vec<String> = dirs
        .iter()
        .filter_map(|dir| {
            let name = dir.file_name().unwrap_or_default().to_string_lossy();
            check(dir)
                .err()
                .map(|report| format!("=== {name}\n{report}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from the provider:\n\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}
