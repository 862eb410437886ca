//! Table-driven check of the evaluator against the real Terraform.
//!
//! `testdata/expressions/cases.txt` pairs each expression with the
//! `jsonencode()` of its value as Terraform computed it
//! (`scripts/oracle-expressions.sh` re-derives them), or `!error` where
//! Terraform rejects it. Cases after the `# tfkms-only` marker are tfkms's
//! own: hostile input that must stop at a limit quickly, impure functions
//! that must stay unknown.

use std::path::PathBuf;
use std::time::{Duration, Instant};
use tfkms_eval::{Cause, Kind, Value};

struct Case {
    line: usize,
    expr: String,
    want: String,
}

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/expressions")
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(testdata().join("cases.txt")).expect("cases.txt");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(want) = line.strip_prefix("=> ") {
            out.push(Case {
                line: i,
                expr: lines[i - 1].to_string(),
                want: want.to_string(),
            });
        }
    }
    out
}

fn causes(v: &Value, out: &mut Vec<Cause>) {
    match &v.kind {
        Kind::Unknown(u) => out.push((*u.cause).clone()),
        Kind::String(t) => out.extend(t.unknowns().map(|u| (*u.cause).clone())),
        Kind::List(items) | Kind::Set(items) => items.iter().for_each(|e| causes(e, out)),
        Kind::Map(m) => m.values().for_each(|e| causes(e, out)),
        _ => {}
    }
}

/// Why the value does not meet the expectation, if it does not.
fn check(want: &str, v: &Value, took: Duration) -> Option<String> {
    let mut cs = Vec::new();
    causes(v, &mut cs);
    let is_error = cs.iter().any(|c| matches!(c, Cause::Error { .. }));
    let is_limit = cs.iter().any(|c| matches!(c, Cause::Limit { .. }));
    match want {
        "!error" => (!is_error).then(|| format!("expected an error, got {v}")),
        "!limit" => {
            if !(is_limit || is_error) {
                Some(format!("expected a limit or error value, got {v}"))
            } else if took > Duration::from_secs(2) {
                Some(format!("took {took:?} to stop"))
            } else {
                None
            }
        }
        "!unknown" => {
            (!v.is_unknown() || is_error).then(|| format!("expected an unknown, got {v}"))
        }
        json => {
            if let Some(c) = cs.first() {
                return Some(format!("expected {json}, got an unknown: {}", c.explain()));
            }
            let got = tfkms_eval::json::encode(v);
            (got != json).then(|| format!("expected {json}\n          got {got}"))
        }
    }
}

#[test]
fn expressions_match_terraform() {
    let files = testdata().join("files");
    let cases = cases();
    let mut failures = Vec::new();
    for case in &cases {
        let start = Instant::now();
        let v = tfkms_eval::testing::eval_in(&files, "", &case.expr);
        let took = start.elapsed();
        if let Some(why) = check(&case.want, &v, took) {
            let expr: String = case.expr.chars().take(120).collect();
            failures.push(format!("cases.txt:{}: {expr}\n    {why}", case.line));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    eprintln!(
        "{} expression cases, {} mismatches",
        cases.len(),
        failures.len()
    );
    assert!(cases.len() >= 200, "only {} cases ran", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from Terraform",
        failures.len(),
        cases.len()
    );
}
