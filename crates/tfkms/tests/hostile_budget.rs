//! The evaluation-budget cases of `testdata/hostile/` (`budget-*`): each
//! scan ends within the suite's 10 s with valid JSON and the located
//! findings its `expected.txt` declares (`CODE path:line:col ~ words`, or
//! `!CODE` for a code that must not appear). The hostile suite's own
//! harness runs every case in every format under its memory limit too;
//! this runs the budget cases on their own, so a regression names its case.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const DEADLINE: Duration = Duration::from_secs(10);

fn scan(dir: &Path) -> Result<serde_json::Value, String> {
    let mut child = common::command(
        dir,
        &["scan", ".", "--format", "json", "--fail-on", "never"],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .map_err(|e| e.to_string())?;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).ok();
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).ok();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > DEADLINE {
            child.kill().ok();
            child.wait().ok();
            return Err(format!("did not finish within {DEADLINE:?}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (out, err) = (out.join().unwrap(), err.join().unwrap());
    if err.contains("panicked") || !matches!(status.code(), Some(0 | 1)) {
        return Err(format!("exit {status}, stderr:\n{err}"));
    }
    serde_json::from_str(&out).map_err(|e| format!("stdout is not JSON ({e})"))
}

/// `CODE path:line:col ~ words` of a finding, as `expected.txt` writes it.
fn matches(expected: &str, f: &serde_json::Value) -> bool {
    let (head, words) = match expected.split_once(" ~ ") {
        Some((h, w)) => (h.trim(), Some(w.trim())),
        None => (expected, None),
    };
    let l = &f["location"];
    let at = format!(
        "{} {}:{}:{}",
        f["code"].as_str().unwrap_or(""),
        l["path"].as_str().unwrap_or(""),
        l["start"]["line"],
        l["start"]["column"]
    );
    let text = ["message", "label", "help"]
        .iter()
        .filter_map(|k| f[k].as_str())
        .collect::<Vec<_>>()
        .join(" ");
    at == head && words.is_none_or(|w| text.contains(w))
}

fn problems(dir: &Path) -> Vec<String> {
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap_or_default();
    let report = match scan(dir) {
        Ok(r) => r,
        Err(e) => return vec![e],
    };
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let mut out = Vec::new();
    for line in expected.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(code) = line.strip_prefix('!') {
            if findings.iter().any(|f| f["code"] == code) {
                out.push(format!("unexpected {code}"));
            }
        } else if !findings.iter().any(|f| matches(line, f)) {
            out.push(format!("no finding `{line}`"));
        }
    }
    out
}

#[test]
fn budget_cases_end_within_their_limits_in_located_findings() {
    let root = common::repo().join("testdata/hostile");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("testdata/hostile exists")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("budget-"))
        })
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 40, "{} budget cases", dirs.len());
    let failures: Vec<String> = dirs
        .iter()
        .flat_map(|d| {
            let name = d.file_name().unwrap().to_string_lossy().to_string();
            problems(d).into_iter().map(move |p| format!("{name}: {p}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
