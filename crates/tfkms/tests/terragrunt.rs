//! Terragrunt units whose module is named from the git repository's root
//! (`get_path_to_repo_root()`): built at run time, since a `.git` cannot be
//! committed inside the repository's test data.

mod common;

use std::path::Path;

const MODULE: &str = r#"
variable "key_arns" {
  type = list(string)
}

data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = var.key_arns
  }
}
"#;

const UNIT: &str = r#"terraform {
  source = "${get_path_to_repo_root()}/modules//use"
}

inputs = {
  key_arns = ["arn:aws:kms:eu-west-1:111122223333:alias/app"]
}
"#;

fn write_stack(root: &Path) {
    std::fs::create_dir_all(root.join("modules/use")).unwrap();
    std::fs::create_dir_all(root.join("live/app")).unwrap();
    std::fs::write(root.join("modules/use/main.tf"), MODULE).unwrap();
    std::fs::write(root.join("live/app/terragrunt.hcl"), UNIT).unwrap();
}

fn findings(root: &Path) -> Vec<String> {
    let (json, _) = common::json(
        root,
        &["scan", ".", "--format", "json", "--fail-on", "never"],
    );
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let l = &f["location"];
            format!(
                "{} {}:{} {}",
                f["code"].as_str().unwrap(),
                l["path"].as_str().unwrap(),
                l["start"]["line"],
                f["help"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn the_repository_root_is_the_directory_holding_git() {
    let tmp = tempfile::tempdir().unwrap();
    write_stack(tmp.path());
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let found = findings(tmp.path());
    // get_path_to_repo_root() is "../.." from live/app, so the module is
    // modules/use and the alias ARN written in the unit is found there.
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("TFKMS001 live/app/terragrunt.hcl:6"),
        "{found:?}"
    );
}

#[test]
fn without_git_the_repository_root_is_unknown_and_said_so() {
    let tmp = tempfile::tempdir().unwrap();
    write_stack(tmp.path());
    let found = findings(tmp.path());
    // The unit's module cannot be told, so modules/use is scanned as a root
    // of its own, without the unit's inputs.
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("TFKMS010 live/app/terragrunt.hcl:2"),
        "{found:?}"
    );
    assert!(
        found[0].contains("no directory holding `.git`"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("TFKMS010 modules/use/main.tf:9"),
        "{found:?}"
    );
}

/// The key-access rules name a unit's documents as every other rule does:
/// `UNIT//ADDRESS`, the address in the module the unit deploys.
#[test]
fn key_access_findings_in_a_unit_name_its_documents_with_the_unit_prefix() {
    let dir = common::scenario("terragrunt-unit-key-access-rules");
    let (json, _) = common::json(
        &dir,
        &["scan", ".", "--format", "json", "--fail-on", "never"],
    );
    let named: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap(),
                f["documents"][0].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            "TFKMS016 live/app//aws_kms_key.app.policy",
            "TFKMS018 live/app//aws_kms_key.app.policy",
        ]
    );
}
