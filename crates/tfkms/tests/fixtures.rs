//! Runs the real binary over every scenario in `testdata/scan/` and asserts
//! the exact findings listed in its `expected.txt`:
//!
//! ```text
//! TFKMS001 error main.tf:21:7-21:77
//! ```
//!
//! one line per finding (code, severity, path relative to the scenario,
//! start and exclusive end as line:column), in report order; a finding a
//! `tfkms:ignore` comment suppressed ends with ` suppressed`. An optional
//! `args.txt` holds extra arguments, one per line (`--var`, `--var-file`).
//! `# ...` lines in `expected.txt` are comments; an empty list means the
//! scenario must scan clean.
//!
//! An optional `messages.txt` pins what some findings say, where the words
//! are the point of the scenario: one finding a line, its code and start,
//! then ` | ` and the whole message:
//!
//! ```text
//! TFKMS018 main.tf:21:7 | `aws_iam_role.app` may call ...
//! ```
//!
//! or, with ` ~ `, only a clause the scenario justifies, which the
//! finding's message, help or one of its labels must contain:
//!
//! ```text
//! TFKMS015 main.tf:9:5 ~ drop these actions from the IAM statement
//! ```
//!
//! A scenario whose scan must fail (a broken `--config`) has
//! `expected-error.txt` instead: the scan exits with status 2 and its
//! stderr holds each line of the file.

mod common;

use std::path::{Path, PathBuf};

fn scenarios() -> Vec<PathBuf> {
    let root = common::repo().join("testdata/scan");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("testdata/scan exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.txt").is_file() || p.join("expected-error.txt").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn run_json(dir: &Path, extra: &[String]) -> (serde_json::Value, i32) {
    let mut args = vec!["scan", ".", "--format", "json", "--fail-on", "never"];
    args.extend(extra.iter().map(String::as_str));
    common::json(dir, &args)
}

fn finding_line(f: &serde_json::Value) -> String {
    let l = &f["location"];
    format!(
        "{} {} {}:{}:{}-{}:{}{}",
        f["code"].as_str().unwrap(),
        f["severity"].as_str().unwrap(),
        l["path"].as_str().unwrap(),
        l["start"]["line"],
        l["start"]["column"],
        l["end"]["line"],
        l["end"]["column"],
        if f.get("suppressed").is_some() {
            " suppressed"
        } else {
            ""
        }
    )
}

fn lines(path: &Path) -> Option<Vec<String>> {
    Some(
        std::fs::read_to_string(path)
            .ok()?
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
    )
}

/// A scenario that must not scan: exit status 2 and the expected lines on
/// stderr.
fn check_error(dir: &Path, expected: &[String], args: &[String]) -> Option<String> {
    let out = common::command(dir, &["scan", ".", "--format", "json"])
        .args(args)
        .output()
        .expect("tfkms runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let missing: Vec<&String> = expected
        .iter()
        .filter(|l| !stderr.contains(l.as_str()))
        .collect();
    let code = out.status.code().unwrap_or(-1);
    (code != 2 || !missing.is_empty() || !out.stdout.is_empty()).then(|| {
        format!(
            "{}:\n  expected exit 2 and on stderr:\n    {}\n  got exit {code}, stderr:\n{stderr}",
            dir.file_name().unwrap().to_string_lossy(),
            missing
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n    "),
        )
    })
}

/// The finding a `messages.txt` line names (`CODE PATH:LINE:COL`) and
/// what it must say: what is wrong, when no finding there says it.
fn message_mismatch(findings: &[serde_json::Value], line: &str) -> Option<String> {
    let (at, expected, whole) = match line.split_once(" | ") {
        Some((at, expected)) => (at, expected, true),
        None => {
            let (at, clause) = line
                .split_once(" ~ ")
                .expect("`CODE PATH:LINE:COL | message` or `CODE PATH:LINE:COL ~ clause`");
            (at, clause, false)
        }
    };
    let said: Vec<&str> = findings
        .iter()
        .filter(|f| {
            let l = &f["location"];
            let start = format!(
                "{} {}:{}:{}",
                f["code"].as_str().unwrap(),
                l["path"].as_str().unwrap(),
                l["start"]["line"],
                l["start"]["column"]
            );
            start == at
        })
        .flat_map(|f| {
            let help = f["help"].as_str().filter(|_| !whole);
            let labels = f["related"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|_| !whole)
                .filter_map(|r| r["message"].as_str());
            std::iter::once(f["message"].as_str().unwrap())
                .chain(help)
                .chain(labels)
        })
        .collect();
    let got = if said.is_empty() {
        "no finding there".to_string()
    } else {
        said.join("\n    ")
    };
    let found = if whole {
        said.contains(&expected)
    } else {
        said.iter().any(|s| s.contains(expected))
    };
    (!found).then(|| format!("  {at}: expected the message\n    {expected}\n  got\n    {got}"))
}

#[test]
fn every_scenario_reports_exactly_its_expected_findings() {
    let dirs = scenarios();
    assert!(
        dirs.len() >= 10,
        "expected at least 10 scenarios, found {}",
        dirs.len()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let args: Vec<String> = std::fs::read_to_string(dir.join("args.txt"))
            .map(|s| {
                s.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if let Some(expected) = lines(&dir.join("expected-error.txt")) {
            failures.extend(check_error(dir, &expected, &args));
            continue;
        }
        let expected = lines(&dir.join("expected.txt")).expect("expected.txt is readable");
        let (json, code) = run_json(dir, &args);
        let got: Vec<String> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(finding_line)
            .collect();
        let name = dir.file_name().unwrap().to_string_lossy();
        if got != expected || code != 0 {
            failures.push(format!(
                "{name}:\n  expected:\n    {}\n  got (exit {code}):\n    {}",
                expected.join("\n    "),
                got.join("\n    ")
            ));
        }
        let findings = json["findings"].as_array().unwrap();
        for line in lines(&dir.join("messages.txt")).unwrap_or_default() {
            if let Some(wrong) = message_mismatch(findings, &line) {
                failures.push(format!("{name}:\n{wrong}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
