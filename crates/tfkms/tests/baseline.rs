//! `--write-baseline` then `--baseline`: recorded findings survive unrelated
//! edits, new ones are reported, and entries that no longer occur are
//! listed.

mod common;

use common::{Run, tfkms};
use serde_json::Value;
use std::path::Path;

const MAIN: &str = r#"variable "region" {
  default = "eu-west-1"
}

data "aws_iam_policy_document" "app" {
  statement {
    sid       = "UseKey"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:${var.region}:111122223333:alias/app"]
  }

  statement {
    sid     = "ByAlias"
    actions = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:key/*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = ["alias/app-*"]
    }
  }
}
"#;

fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    common::json(dir, &[&["scan", "--format", "json"], args].concat())
}

fn codes(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_baseline_survives_unrelated_edits_and_reports_what_is_new() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("infra");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("main.tf"), MAIN).unwrap();

    let (v, code) = json(&dir, &["."]);
    assert_eq!(codes(&v), ["TFKMS001", "TFKMS002"]);
    assert_eq!(code, 1);

    let Run {
        stderr: err, code, ..
    } = tfkms(
        &dir,
        &["scan", ".", "--write-baseline", "tfkms-baseline.json"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded 2 findings"), "{err}");
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tfkms-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(written["version"], 1);
    let entry = &written["findings"][0];
    assert_eq!(entry["code"], "TFKMS001");
    assert_eq!(entry["path"], "main.tf");
    assert_eq!(entry["statement"], "UseKey");
    assert_eq!(
        entry["source"],
        "\"arn:aws:kms:${var.region}:111122223333:alias/app\""
    );

    // Unrelated edits: lines added above, a default changed, the list
    // reflowed. Every line number of both findings moves.
    let edited = MAIN
        .replace(
            "variable \"region\" {\n  default = \"eu-west-1\"\n}",
            "# Keys for the app.\n\nvariable \"region\" {\n  description = \"where the keys live\"\n  default     = \"eu-central-1\"\n}",
        )
        .replace(
            "    resources = [\"arn:aws:kms:${var.region}:111122223333:alias/app\"]",
            "    resources = [\n      \"arn:aws:kms:${var.region}:111122223333:alias/app\",\n    ]",
        );
    std::fs::write(dir.join("main.tf"), &edited).unwrap();
    let (v, code) = json(&dir, &[".", "--baseline", "tfkms-baseline.json"]);
    assert_eq!(codes(&v), Vec::<String>::new(), "{v}");
    assert_eq!(code, 0);
    assert_eq!(v["baseline"]["matched"], 2);
    assert_eq!(v["baseline"]["absent"], serde_json::json!([]));

    // From another directory, naming the baseline by another path.
    let (v, _) = json(
        tmp.path(),
        &["infra", "--baseline", "infra/tfkms-baseline.json"],
    );
    assert_eq!(codes(&v), Vec::<String>::new(), "{v}");

    // A new finding is reported; the old ones stay accepted.
    let with_new = edited.replace("\"alias/app-*\"", "\"alias/app-*\", \"alias/*\"");
    std::fs::write(dir.join("main.tf"), &with_new).unwrap();
    let (v, code) = json(&dir, &[".", "--baseline", "tfkms-baseline.json"]);
    assert_eq!(codes(&v), ["TFKMS002"]);
    assert_eq!(v["findings"][0]["severity"], "error", "the new `alias/*`");
    assert_eq!(code, 1);
}

#[test]
fn baseline_entries_that_no_longer_occur_are_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("main.tf"), MAIN).unwrap();
    tfkms(dir, &["scan", ".", "--write-baseline", "b.json"]);
    let fixed = MAIN.replace("alias/app\"]", "key/*\"]");
    std::fs::write(dir.join("main.tf"), fixed).unwrap();

    let (v, code) = json(dir, &[".", "--baseline", "b.json"]);
    assert_eq!(codes(&v), Vec::<String>::new());
    assert_eq!(code, 0);
    let absent = v["baseline"]["absent"].as_array().unwrap();
    assert_eq!(absent.len(), 1);
    assert_eq!(absent[0]["code"], "TFKMS001");
    assert_eq!(absent[0]["count"], 1);

    let Run { stdout: out, .. } = tfkms(dir, &["scan", ".", "--baseline", "b.json"]);
    assert!(
        out.ends_with(
            "tfkms: no findings in 1 file (1 policy document); 1 in the baseline\n\
             tfkms: note: 1 baseline entry in b.json no longer occurs (TFKMS001 in main.tf); \
             `--write-baseline b.json` drops it\n"
        ),
        "{out}"
    );
}

#[test]
fn a_broken_baseline_fails_the_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(dir.join("main.tf"), MAIN).unwrap();
    std::fs::write(dir.join("b.json"), "{\"version\": 1, \"findings\": [}").unwrap();
    let Run {
        stderr: err, code, ..
    } = tfkms(dir, &["scan", ".", "--baseline", "b.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("b.json:1:"), "{err}");
    let Run {
        stderr: err, code, ..
    } = tfkms(dir, &["scan", ".", "--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the baseline"), "{err}");
}

#[test]
fn a_baseline_records_and_matches_findings_in_tofu_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("infra");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("main.tofu"), MAIN).unwrap();

    let Run {
        stderr: err, code, ..
    } = tfkms(
        &dir,
        &["scan", ".", "--write-baseline", "tfkms-baseline.json"],
    );
    assert_eq!(code, 0, "{err}");
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("tfkms-baseline.json")).unwrap())
            .unwrap();
    assert_eq!(written["findings"][0]["path"], "main.tofu");

    let (v, code) = json(&dir, &[".", "--baseline", "tfkms-baseline.json"]);
    assert_eq!(codes(&v), Vec::<String>::new());
    assert_eq!(code, 0);
}

/// A module whose own literal is wrong, deployed by Terragrunt units.
const UNIT_MODULE: &str = r#"data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:alias/app"]
  }
}
"#;

fn add_unit(dir: &Path, name: &str) {
    let unit = dir.join("live").join(name);
    std::fs::create_dir_all(&unit).unwrap();
    std::fs::write(
        unit.join("terragrunt.hcl"),
        "terraform {\n  source = \"../../modules//use\"\n}\n",
    )
    .unwrap();
}

fn sarif_fingerprints(dir: &Path) -> Vec<Value> {
    let Run { stdout, .. } = tfkms(dir, &["scan", ".", "--format", "sarif"]);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partialFingerprints"].clone())
        .collect()
}

#[test]
fn a_finding_in_a_module_keeps_its_fingerprint_when_another_unit_deploys_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("infra");
    std::fs::create_dir_all(dir.join("modules/use")).unwrap();
    std::fs::write(dir.join("modules/use/main.tf"), UNIT_MODULE).unwrap();
    add_unit(&dir, "b");
    let Run {
        stderr: err, code, ..
    } = tfkms(
        &dir,
        &["scan", ".", "--write-baseline", "tfkms-baseline.json"],
    );
    assert_eq!(code, 0, "{err}");
    let before = sarif_fingerprints(&dir);

    // A unit named before the first: the one finding now lists its
    // document first.
    add_unit(&dir, "a");
    let (v, _) = json(&dir, &["."]);
    assert_eq!(codes(&v), ["TFKMS001"]);
    assert_eq!(
        v["findings"][0]["documents"],
        serde_json::json!([
            "live/a//data.aws_iam_policy_document.use",
            "live/b//data.aws_iam_policy_document.use"
        ])
    );
    let (v, code) = json(&dir, &[".", "--baseline", "tfkms-baseline.json"]);
    assert_eq!(codes(&v), Vec::<String>::new());
    assert_eq!(code, 0);
    assert_eq!(sarif_fingerprints(&dir), before);
}
