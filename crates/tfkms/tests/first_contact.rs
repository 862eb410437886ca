//! What a newcomer sees first: the README's first command on `examples/`,
//! and `tfkms --version`.

mod common;

use common::repo;
use std::process::Command;

/// The findings `examples/payments` must produce, from what AWS does with
/// each statement (not from tfkms's output): code, severity, location.
const EXAMPLE_FINDINGS: &[&str] = &[
    // EncryptPayments names the key by alias ARN: IAM never matches it to
    // the key, so Encrypt, Decrypt and GenerateDataKey are never granted.
    "TFKMS001 error examples/payments/app.tf:23:18-23:78",
    // ReadLedgers trusts any alias/payments-* alias: whoever can create one
    // gets Decrypt on the key it points at.
    "TFKMS002 warning examples/payments/app.tf:33:19-33:37",
    // DescribeTheKey compares kms:RequestAlias, an alias name, with an ARN:
    // never equal.
    "TFKMS003 error examples/payments/app.tf:44:19-44:79",
    // The analytics account (not the provider's allowed_account_ids) may
    // create grants unchecked.
    "TFKMS008 warning examples/payments/key.tf:36:22-36:54",
    // The operators manage alias/payments-* aliases, the ones ReadLedgers
    // trusts.
    "TFKMS007 warning examples/payments/operators.tf:26:11-26:73",
    // The Deny on kms:RequestAlias is skipped by naming the key by its ARN.
    "TFKMS005 error examples/payments/operators.tf:37:49-37:72",
    // ForAllValues: also true for every key with no alias at all.
    "TFKMS004 error examples/payments/reporting.tf:25:65-25:84",
];

fn finding_line(f: &serde_json::Value) -> String {
    let l = &f["location"];
    format!(
        "{} {} {}:{}:{}-{}:{}",
        f["code"].as_str().unwrap(),
        f["severity"].as_str().unwrap(),
        l["path"].as_str().unwrap(),
        l["start"]["line"],
        l["start"]["column"],
        l["end"]["line"],
        l["end"]["column"],
    )
}

#[test]
fn the_examples_show_one_of_each_common_mistake() {
    let (report, status) = common::json(
        &repo(),
        &["scan", "examples", "--format", "json", "--fail-on", "never"],
    );
    assert_eq!(status, 0);
    let found: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(finding_line)
        .collect();
    assert_eq!(found, EXAMPLE_FINDINGS);
}

#[test]
fn the_readme_starts_with_the_examples() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let first_block = readme
        .split("```sh\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a sh code block");
    let mut commands = first_block
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    // The scan runs from a clone with nothing installed but Rust, and the
    // test command is the one CI (`.ci/run`) runs.
    assert_eq!(
        commands.next(),
        Some("cargo run --release -- scan examples")
    );
    assert_eq!(commands.next(), Some("cargo test --workspace"));
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    assert!(ci.lines().any(|l| l.trim() == "cargo test --workspace"));
}

/// The commit of the checkout the tests run in, when there is one; the
/// build script read the same checkout.
fn checkout_commit() -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo())
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn version_names_the_version_and_the_commit() {
    let run = common::tfkms(&repo(), &["--version"]);
    assert_eq!(run.code, 0);
    let expected_commit = match checkout_commit() {
        Some(sha) => format!("commit {}", &sha[..12]),
        None => "commit unknown".to_string(),
    };
    assert_eq!(
        run.stdout,
        format!("tfkms {} ({expected_commit})\n", env!("CARGO_PKG_VERSION"))
    );
}
