//! Hostile input ends in diagnostics, not hangs, crashes or runaway memory.
//! The child is killed after a generous bound; the bound guards against a
//! hang, it is not a speed measurement.

mod common;
mod hostile_support;

use hostile_support::{Expectation, cases};

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn scan_with_deadline(dir: &std::path::Path, deadline: Duration) -> serde_json::Value {
    let mut child = common::command(
        dir,
        &["scan", ".", "--format", "json", "--fail-on", "never"],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .expect("tfkms runs");
    // Drain stdout while waiting: a report larger than the pipe buffer
    // would otherwise block the child.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        stdout.read_to_string(&mut out).unwrap();
        out
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "tfkms failed: {status}");
            break;
        }
        if start.elapsed() > deadline {
            child.kill().ok();
            panic!("tfkms did not finish within {deadline:?} on hostile input");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = reader.join().unwrap();
    serde_json::from_str(&out).expect("JSON output")
}

#[test]
fn hostile_locals_end_in_notes_naming_the_problem() {
    let dir = std::env::temp_dir().join(format!("tfkms-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let chain: String = (0..20_000)
        .map(|i| format!("  c{i} = local.c{}\n", i + 1))
        .collect();
    let big = "x".repeat(10 * 1024 * 1024);
    let text = format!(
        r#"locals {{
  a = local.b
  b = local.a
{chain}  c20000 = "arn:aws:kms:us-east-1:111122223333:alias/x"
  big    = "{big}"
  bigger = "${{local.big}}${{local.big}}${{local.big}}"
  self   = {{ for k, v in local.self : k => v }}
}}

data "aws_iam_policy_document" "d" {{
  statement {{
    actions   = ["kms:Decrypt"]
    resources = [local.a, local.c0, local.bigger, local.self]
  }}
}}
"#
    );
    std::fs::write(dir.join("main.tf"), text).unwrap();
    let json = scan_with_deadline(&dir, Duration::from_secs(60));
    std::fs::remove_dir_all(&dir).ok();
    let helps: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["help"].as_str().unwrap_or(""))
        .collect();
    assert!(
        helps
            .iter()
            .any(|h| h.contains("cycle: local.a -> local.b -> local.a")),
        "{helps:?}"
    );
    assert!(
        helps.iter().any(|h| h.contains("nested too deeply")),
        "{helps:?}"
    );
    assert!(
        helps
            .iter()
            .any(|h| h.contains("cycle: local.self -> local.self")),
        "{helps:?}"
    );
}

/// Every case of `testdata/hostile/`: committed text files and their
/// `expected.txt`.
#[test]
fn committed_hostile_cases_end_in_located_findings() {
    let dirs = hostile_support::committed_cases(&common::repo().join("testdata/hostile"));
    assert!(!dirs.is_empty(), "testdata/hostile holds no case");
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let expect = std::fs::read_to_string(dir.join("expected.txt"))
            .map_err(|e| e.to_string())
            .and_then(|t| Expectation::parse(&t));
        match expect {
            Ok(expect) => failures.extend(hostile_support::check(
                &name,
                dir,
                &hostile_support::args_of(dir),
                &expect,
            )),
            Err(e) => failures.push(format!("{name}: expected.txt: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The cases built at run time: FIFOs, sockets, links out of the tree,
/// megabyte lines.
#[test]
fn built_hostile_cases_end_in_located_findings() {
    // scripts/hostile-strace.sh keeps the cases to trace them.
    let tmp = tempfile::tempdir().unwrap();
    let base = std::env::var_os("TFKMS_HOSTILE_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    let all = cases::all();
    let mut names: Vec<&str> = all.iter().map(|c| c.name).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all.len(), "two cases share a name");
    let mut failures = Vec::new();
    for case in &all {
        let root = cases::prepare(&base.join(case.name));
        (case.build)(&root);
        let expect = Expectation::parse(case.expect).expect(case.name);
        failures.extend(hostile_support::check(
            case.name,
            &root,
            &hostile_support::args_of(&root),
            &expect,
        ));
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}

/// The limits must not stop tfkms itself: a plain scan starts and ends
/// under them (mimalloc's arenas and rayon's thread stacks are reserved
/// address space too).
#[test]
fn a_plain_scan_runs_under_the_suite_limits() {
    let out = hostile_support::run(&common::scenario("alias-condition-arn-value"), "json", &[]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.took < hostile_support::DEADLINE);
}

/// The expectation language rejects what it cannot read, so a typo cannot
/// make a case pass by asserting nothing.
#[test]
fn expectations_must_say_something() {
    assert!(Expectation::parse("# nothing\n").is_err());
    assert!(Expectation::parse("TFKMS001\n").is_err());
    assert!(Expectation::parse("tfkms001 a.tf:1\n").is_err());
    let e = Expectation::parse("TFKMS000 a.tf:1 ~ not a regular file\n!TFKMS010\n").unwrap();
    assert_eq!(e.findings[0].at, "a.tf:1");
    assert_eq!(e.findings[0].words.as_deref(), Some("not a regular file"));
    assert_eq!(e.absent_codes, ["TFKMS010"]);
}
