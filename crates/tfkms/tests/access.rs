//! `tfkms access` over `testdata/access/<scenario>/`: the access list of
//! each key compared with `expected.txt`, written from the AWS KMS
//! documentation (one line per path: `key | principal | status | actions |
//! via | guards`); the human, dot and mermaid outputs pinned by snapshots;
//! and the repository's scenarios answered without a failure (the hostile
//! trees are run in every format by `hostile.rs`).

mod common;

use std::path::PathBuf;

fn scenarios() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(common::repo().join("testdata/access"))
        .expect("testdata/access exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn access_lines(json: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for key in json["keys"].as_array().unwrap() {
        for p in key["access"].as_array().unwrap() {
            let actions: Vec<&str> = p["actions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect();
            // Every key action, or all but a few: counted, not listed.
            let many = actions.len() > 10;
            out.push(format!(
                "{} | {} | {} | {} | {} | {}",
                key["key"].as_str().unwrap(),
                p["principal"].as_str().unwrap(),
                p["status"].as_str().unwrap(),
                if many {
                    format!("{} actions", actions.len())
                } else {
                    actions.join(",")
                },
                p["via_kind"].as_str().unwrap(),
                p["guards"].as_array().unwrap().len(),
            ));
        }
    }
    out
}

#[test]
fn every_scenario_lists_the_access_the_aws_documentation_gives() {
    let dirs = scenarios();
    assert!(!dirs.is_empty());
    for dir in dirs {
        let (json, code) = common::json(&dir, &["access", ".", "--format", "json"]);
        assert_eq!(code, 0, "{}", dir.display());
        let expected: Vec<String> = std::fs::read_to_string(dir.join("expected.txt"))
            .unwrap()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        assert_eq!(access_lines(&json), expected, "{}", dir.display());
    }
}

#[test]
fn filters_keep_the_keys_and_principals_asked_for() {
    let dir = common::repo().join("testdata/access/combinations");
    let (json, _) = common::json(
        &dir,
        &[
            "access",
            ".",
            "--format",
            "json",
            "--key",
            "aws_kms_key.de*",
            "--principal",
            "aws_iam_role.*",
        ],
    );
    assert_eq!(
        access_lines(&json),
        [
            "aws_kms_key.delegated | aws_iam_role.reader | allowed | kms:Decrypt | identity_policy | 0",
            "aws_kms_key.denied | aws_iam_role.reader | blocked | kms:Decrypt | identity_policy | 0",
        ]
    );
}

#[test]
fn human_dot_and_mermaid_outputs() {
    let dir = common::repo().join("testdata/access/combinations");
    for format in ["human", "dot", "mermaid"] {
        let r = common::tfkms(&dir, &["access", ".", "--format", format]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        insta::assert_snapshot!(format!("access_combinations_{format}"), r.stdout);
    }
}

/// A path uncertain only because its identity statement may not exist
/// still names the default key policy as what lets it work, and says why
/// it is uncertain.
#[test]
fn a_statement_that_may_exist_keeps_its_key_policy_side() {
    let dir = common::repo().join("testdata/access/dynamic-statement-unknown-for-each");
    let r = common::tfkms(
        &dir,
        &["access", ".", "--key", "aws_kms_key.default_policy"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "via default key policy delegation + identity policy `aws_iam_role_policy.use.policy`"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "unknown: statement `statement[0]` is in the policy only if the `for_each` of its dynamic block has elements, which could not be evaluated (`data.aws_caller_identity.current.account_id` is only known after apply)"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn a_bad_glob_is_a_usage_error() {
    let dir = common::repo().join("testdata/access/combinations");
    let r = common::tfkms(&dir, &["access", ".", "--key", "aws_kms_key.[x"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid --key pattern"), "{}", r.stderr);
}

#[test]
fn the_repository_testdata_is_answered_without_a_failure() {
    for sub in ["scan", "render", "expressions", "access"] {
        let dir = common::repo().join("testdata").join(sub);
        if !dir.is_dir() {
            continue;
        }
        let r = common::tfkms(&dir, &["access", ".", "--format", "json"]);
        assert_eq!(r.code, 0, "{sub}: {}", r.stderr);
        let _: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    }
}

/// A mistake in a discovered config is reported and the defaults apply, as
/// in `tfkms scan`: the access list is still printed.
#[test]
fn a_broken_discovered_config_is_reported_and_the_access_list_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join(".git")).unwrap();
    common::copy_dir(&common::repo().join("testdata/access/aliases"), dir);
    std::fs::write(dir.join(".tfkms.toml"), "own_accounts = [\"1\" \"2\"]\n").unwrap();
    let broken = common::tfkms(dir, &["access", ".", "--format", "json"]);
    std::fs::remove_file(dir.join(".tfkms.toml")).unwrap();
    let fine = common::tfkms(dir, &["access", ".", "--format", "json"]);
    assert_eq!(broken.code, 0, "{}", broken.stderr);
    assert_eq!(broken.stdout, fine.stdout);
    assert_eq!(
        broken.stderr,
        "tfkms: .tfkms.toml:1:21: invalid config: missing comma between array elements, expected `,`; the default settings were used\n"
    );
    assert_eq!(fine.stderr, "");
}
