//! Hostile input ends in diagnostics, not hangs, crashes or runaway memory.
//! The child is killed after a generous bound; the bound guards against a
//! hang, it is not a speed measurement.

mod common;

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
