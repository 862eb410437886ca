//! The hostile suite's runner: the real binary on one case under the limits
//! CI promises (2 GiB of address space, 10 s), and the checks every case
//! must pass whatever it holds.
//!
//! A case declares what it must produce in `expected.txt`, one line each:
//!
//! ```text
//! TFKMS000 a.tf:1                      a finding with this code at a.tf line 1
//! TFKMS000 a.tf:1:5 ~ not a regular    ... at line 1 column 5, whose message,
//!                                      label or help contains the words
//! !TFKMS000                            no finding with this code at all
//! exit 2 ~ words                       the scan must stop (a broken --config):
//!                                      exit status 2, the words on stderr
//! ```
//!
//! `# ...` lines are comments. `args.txt` holds extra arguments, one a line.

// Each test binary compiles its own copy and uses only part of it.
#![allow(dead_code)]

pub mod cases;

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address space a scan may take: what CI gives one case.
pub const ADDRESS_SPACE_BYTES: u64 = 2 << 30;
/// How long one run of the binary may take before it counts as a hang.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// Text planted in files outside every case's root: it must never be
/// printed, whatever the format.
pub const OUTSIDE_SECRET: &str = "TFKMS-HOSTILE-OUTSIDE-SECRET";

/// What one case must produce, parsed from `expected.txt`.
#[derive(Clone, Debug, Default)]
pub struct Expectation {
    pub findings: Vec<Expected>,
    pub absent_codes: Vec<String>,
    /// The scan must stop with exit status 2 and these words on stderr.
    pub stops_with: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Expected {
    pub code: String,
    /// `path[:line[:column]]`, matched against the start of the finding's.
    pub at: String,
    pub words: Option<String>,
}

impl Expectation {
    pub fn parse(text: &str) -> Result<Expectation, String> {
        let mut e = Expectation::default();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (head, words) = match line.split_once(" ~ ") {
                Some((h, w)) => (h.trim(), Some(w.trim().to_string())),
                None => (line, None),
            };
            let mut parts = head.split_whitespace();
            match (parts.next(), parts.next(), parts.next()) {
                (Some("exit"), Some("2"), None) => {
                    e.stops_with = Some(words.unwrap_or_default());
                }
                (Some(code), None, None) if code.starts_with('!') => {
                    e.absent_codes.push(code[1..].to_string());
                }
                (Some(code), Some(at), None) if code.starts_with("TFKMS") => {
                    e.findings.push(Expected {
                        code: code.to_string(),
                        at: at.to_string(),
                        words,
                    });
                }
                _ => return Err(format!("cannot read the expectation `{line}`")),
            }
        }
        if e.findings.is_empty() && e.absent_codes.is_empty() && e.stops_with.is_none() {
            return Err("the expectation is empty: a case must declare what it produces".into());
        }
        Ok(e)
    }
}

/// One run of the binary: what it printed, and how it ended.
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// `None` when killed by a signal or the deadline.
    pub code: Option<i32>,
    pub timed_out: bool,
    pub took: Duration,
}

/// `tfkms scan . --format FORMAT ARGS` in `root`, under the suite's limits.
pub fn run(root: &Path, format: &str, args: &[String]) -> Outcome {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tfkms"));
    cmd.current_dir(root)
        .args(["scan", ".", "--format", format])
        .args(args)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("GITHUB_WORKSPACE")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches no state of the
    // parent; it runs in the child between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: ADDRESS_SPACE_BYTES,
                rlim_max: ADDRESS_SPACE_BYTES,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let start = Instant::now();
    let mut child = cmd.spawn().expect("tfkms starts");
    // Both pipes are drained while waiting: a report larger than a pipe's
    // buffer would otherwise block the child.
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes).ok();
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > DEADLINE {
            timed_out = true;
            child.kill().ok();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Outcome {
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
        code: status.code(),
        timed_out,
        took: start.elapsed(),
    }
}

/// A finding as the expectations name it: `CODE path:line:column`, and the
/// text its words are looked for in.
fn describe(f: &serde_json::Value) -> (String, String, String) {
    let l = &f["location"];
    let at = format!(
        "{}:{}:{}",
        l["path"].as_str().unwrap_or(""),
        l["start"]["line"],
        l["start"]["column"]
    );
    let words = format!(
        "{} | {} | {}",
        f["message"].as_str().unwrap_or(""),
        f["label"].as_str().unwrap_or(""),
        f["help"].as_str().unwrap_or("")
    );
    (f["code"].as_str().unwrap_or("").to_string(), at, words)
}

fn matches(e: &Expected, code: &str, at: &str, words: &str) -> bool {
    let at_matches = at == e.at
        || at
            .strip_prefix(e.at.as_str())
            .is_some_and(|rest| rest.starts_with(':'));
    code == e.code && at_matches && e.words.as_ref().is_none_or(|w| words.contains(w))
}

/// Runs one case in every format and returns what is wrong with it, if
/// anything.
pub fn check(name: &str, root: &Path, args: &[String], expect: &Expectation) -> Vec<String> {
    let mut problems = Vec::new();
    let json = run(root, "json", args);
    problems.extend(common_problems("json", &json));
    if let Some(words) = &expect.stops_with {
        if json.code != Some(2) || !json.stderr.contains(words.as_str()) {
            problems.push(format!(
                "expected exit 2 with `{words}` on stderr, got {:?}:\n{}",
                json.code, json.stderr
            ));
        }
    } else {
        if !matches!(json.code, Some(0 | 1)) {
            problems.push(format!(
                "json: exit {:?}, expected 0 or 1; stderr:\n{}",
                json.code,
                tail(&json.stderr)
            ));
        }
        match serde_json::from_str::<serde_json::Value>(&json.stdout) {
            Err(e) => problems.push(format!("json: stdout is not JSON ({e})")),
            Ok(v) => problems.extend(finding_problems(&v, expect)),
        }
    }
    // The reports people read: they must end as cleanly as the JSON.
    for format in ["human", "github"] {
        let out = run(root, format, args);
        problems.extend(common_problems(format, &out));
        let expected_code = if expect.stops_with.is_some() {
            Some(2)
        } else {
            json.code
        };
        if out.code != expected_code {
            problems.push(format!(
                "{format}: exit {:?}, the JSON report exited {expected_code:?}; stderr:\n{}",
                out.code,
                tail(&out.stderr)
            ));
        }
    }
    problems
        .into_iter()
        .map(|p| format!("{name}: {p}"))
        .collect()
}

fn common_problems(format: &str, out: &Outcome) -> Vec<String> {
    let mut problems = Vec::new();
    if out.timed_out {
        problems.push(format!("{format}: did not finish within {DEADLINE:?}"));
    }
    if out.stderr.contains("panicked") {
        problems.push(format!("{format}: panicked:\n{}", tail(&out.stderr)));
    }
    if out.stdout.contains(OUTSIDE_SECRET) || out.stderr.contains(OUTSIDE_SECRET) {
        problems.push(format!("{format}: printed a file from outside the roots"));
    }
    problems
}

fn finding_problems(report: &serde_json::Value, expect: &Expectation) -> Vec<String> {
    let findings: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .map(|a| a.iter().map(describe).collect())
        .unwrap_or_default();
    let listing = || {
        findings
            .iter()
            .map(|(c, a, w)| format!("    {c} {a} ~ {w}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut problems = Vec::new();
    for e in &expect.findings {
        if !findings.iter().any(|(c, a, w)| matches(e, c, a, w)) {
            problems.push(format!(
                "no finding {} at {}{}; got:\n{}",
                e.code,
                e.at,
                e.words
                    .as_ref()
                    .map(|w| format!(" saying `{w}`"))
                    .unwrap_or_default(),
                listing()
            ));
        }
    }
    for code in &expect.absent_codes {
        if findings.iter().any(|(c, _, _)| c == code) {
            problems.push(format!("unexpected {code}; got:\n{}", listing()));
        }
    }
    problems
}

fn tail(s: &str) -> String {
    let start = s.len().saturating_sub(2000);
    let start = (start..=s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len());
    s[start..].to_string()
}

/// Extra arguments of a case directory (`args.txt`), one a line.
pub fn args_of(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("args.txt"))
        .map(|s| {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The committed cases: every directory of `testdata/hostile/`.
pub fn committed_cases(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}
