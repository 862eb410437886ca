//! Pins the rendered reports: the human (miette) rendering as insta
//! snapshots, and the JSON output against the documented contract.

mod common;

use common::{Run, scenario, tfkms};

fn human(name: &str) -> String {
    let Run { stdout: out, .. } = tfkms(&scenario(name), &["scan", ".", "--no-color"]);
    out
}

#[test]
fn human_report_alias_arn_with_unknown_looking_parts() {
    insta::assert_snapshot!(human("seed-sops-alias-pattern-in-resource"));
}

#[test]
fn human_report_points_inside_heredoc_json() {
    insta::assert_snapshot!(human("seed-cross-account-alias-arn-in-resource"));
}

#[test]
fn human_report_shows_the_path_from_a_variable_default() {
    insta::assert_snapshot!(human(
        "dynamic-statement-wildcard-alias-from-variable-default"
    ));
}

#[test]
fn human_report_of_a_deny() {
    insta::assert_snapshot!(human("jsonencode-deny-with-alias-arn"));
}

/// TFKMS001's help speaks the policy's syntax: JSON for the escaped string,
/// an HCL object for `jsonencode`, with the key ARN taken from the value
/// where the source is no plain string.
#[test]
fn human_report_of_terraform_json_syntax() {
    insta::assert_snapshot!(human("json-policy-in-terraform-json-syntax"));
}

#[test]
fn human_report_of_an_unresolved_value() {
    insta::assert_snapshot!(human("unknown-variable-is-a-note"));
}

#[test]
fn human_report_across_module_calls() {
    insta::assert_snapshot!(human("local-module-called-with-bad-and-good-argument"));
}

#[test]
fn human_report_labels_a_statement_reached_twice_once() {
    insta::assert_snapshot!(human("data-document-and-the-policy-using-its-json"));
}

#[test]
fn human_report_points_into_a_template_and_names_each_call() {
    insta::assert_snapshot!(human("templatefile-findings-point-into-the-template"));
}

#[test]
fn a_proposed_condition_keeps_values_the_scan_could_not_evaluate() {
    let (v, _) = common::json(
        &scenario("alias-condition-values-by-reference"),
        &["scan", ".", "--format", "json", "--fail-on", "never"],
    );
    let proposals: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "TFKMS004" || f["code"] == "TFKMS005")
        .collect();
    assert_eq!(proposals.len(), 4, "{proposals:?}");
    for f in proposals {
        let help = f["help"].as_str().unwrap();
        assert!(
            help.contains("values   = var.allowed_aliases")
                || help.contains("\"kms:ResourceAliases\" = var.allowed_aliases }"),
            "{help}"
        );
        assert!(!help.contains("[]"), "{help}");
    }
}

#[test]
fn an_alias_arn_finding_names_only_the_key_actions_left_ungranted() {
    let (v, _) = common::json(
        &scenario("alias-arn-beside-keys-and-other-actions"),
        &["scan", ".", "--format", "json", "--fail-on", "never"],
    );
    let message = |sid: &str| -> String {
        let f = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["statement"] == sid && f["code"] == "TFKMS001")
            .unwrap_or_else(|| panic!("no TFKMS001 in {sid}"));
        f["message"].as_str().unwrap().to_string()
    };
    let ssm = message("WithAnotherService");
    assert!(ssm.ends_with("so `kms:Decrypt` is never granted"), "{ssm}");
    let aliases = message("AliasActionsAndDecrypt");
    assert!(
        aliases.contains("so `kms:Decrypt` is never granted (the alias actions are granted on it)"),
        "{aliases}"
    );
    let every = message("EveryKmsAction");
    assert!(
        every.contains("so the key actions of `kms:*` are never granted"),
        "{every}"
    );
    let beside = message("BesideOneKey");
    assert!(
        beside.contains(
            "`kms:Decrypt` and `kms:GenerateDataKey` are granted on `aws_kms_key.app.arn` only"
        ),
        "{beside}"
    );
    let deny = message("DenyBesideOneKey");
    assert!(
        deny.contains(
            "the deny of `kms:ScheduleKeyDeletion` applies to `aws_kms_key.app.arn` only"
        ),
        "{deny}"
    );
}

#[test]
fn json_report_follows_the_contract() {
    let Run {
        stdout: out, code, ..
    } = tfkms(
        &scenario("source-policy-documents-chain"),
        &["scan", ".", "--format", "json"],
    );
    assert_eq!(
        code, 1,
        "an error finding fails the default --fail-on warning"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["tool"]["name"], "tfkms");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["documents"], 3);
    assert_eq!(v["summary"]["findings"], 1);
    let f = &v["findings"][0];
    for key in [
        "code",
        "slug",
        "severity",
        "message",
        "help",
        "document",
        "statement",
    ] {
        assert!(f[key].is_string(), "{key} is a string: {f}");
    }
    assert_eq!(f["code"], "TFKMS001");
    assert_eq!(f["slug"], "alias-arn-in-resource");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["statement"], "UseKey");
    assert_eq!(
        f["location"],
        serde_json::json!({"path": "main.tf", "start": {"line": 6, "column": 18}, "end": {"line": 6, "column": 65}})
    );
    assert_eq!(
        f["documents"],
        serde_json::json!([
            "data.aws_iam_policy_document.base",
            "data.aws_iam_policy_document.combined",
            "aws_iam_policy.p.policy"
        ])
    );
    assert_eq!(f["document"], "data.aws_iam_policy_document.base");
    let related = f["related"].as_array().unwrap();
    assert!(!related.is_empty());
    for r in related {
        assert!(r["message"].is_string());
        assert_eq!(r["location"]["path"], "main.tf");
        assert!(r["location"]["start"]["line"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn exit_codes() {
    let clean = scenario("seed-cross-account-request-alias-fixed");
    assert_eq!(tfkms(&clean, &["scan", "."]).code, 0);
    let note_only = scenario("unknown-variable-is-a-note");
    assert_eq!(tfkms(&note_only, &["scan", "."]).code, 0);
    assert_eq!(
        tfkms(&note_only, &["scan", ".", "--fail-on", "note"]).code,
        1
    );
    let bad = scenario("jsonencode-deny-with-alias-arn");
    assert_eq!(tfkms(&bad, &["scan", ".", "--fail-on", "never"]).code, 0);
    assert_eq!(tfkms(&bad, &["scan", "."]).code, 1);
    assert_eq!(tfkms(&bad, &["scan", "does-not-exist"]).code, 2);
    assert_eq!(tfkms(&bad, &["scan", ".", "--var", "novalue"]).code, 2);
}

#[test]
fn a_directory_without_terraform_scans_clean() {
    let dir = std::env::temp_dir().join(format!("tfkms-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.md"), "no terraform here").unwrap();
    let Run {
        stdout: out, code, ..
    } = tfkms(&dir, &["scan", "."]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 0);
    assert_eq!(out, "tfkms: no findings in 0 files (0 policy documents)\n");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_and_the_scan_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("tfkms-unreadable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let locked = dir.join("locked.tf");
    std::fs::write(&locked, "locals {}\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(
        dir.join("main.tf"),
        "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    actions   = [\"kms:Decrypt\"]\n    resources = [\"arn:aws:kms:us-east-1:111122223333:alias/x\"]\n  }\n}\n",
    )
    .unwrap();
    let Run { stdout: out, .. } = tfkms(&dir, &["scan", ".", "--format", "json"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    // Root can read anything: then only the alias finding remains.
    let running_as_root = std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false);
    if running_as_root {
        assert_eq!(codes, ["TFKMS001"]);
    } else {
        assert_eq!(codes, ["TFKMS000", "TFKMS001"]);
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed() {
    let dir = std::env::temp_dir().join(format!("tfkms-loop-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/loop")).ok();
    std::fs::write(dir.join("a/main.tf"), "locals {}\n").unwrap();
    let Run {
        stdout: out, code, ..
    } = tfkms(&dir, &["scan", ".", "--format", "json"]);
    std::fs::remove_dir_all(&dir).ok();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["code"], "TFKMS000");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("symbolic link loop"),
        "{f}"
    );
    assert_eq!(f["location"]["path"], "a/loop");
    assert_eq!(code, 1);
}

/// A link to a directory the walk reaches anyway adds no files: they are
/// read once and reported under their own path. A link to an excluded or
/// hidden directory is the only way there, so it is still followed.
#[cfg(unix)]
#[test]
fn a_link_to_a_scanned_directory_scans_it_once_under_its_own_path() {
    let dir = std::env::temp_dir().join(format!("tfkms-twice-{}", std::process::id()));
    let policy = r#"data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:alias/app"]
  }
}
"#;
    std::fs::create_dir_all(dir.join("real")).unwrap();
    std::fs::create_dir_all(dir.join(".hidden")).unwrap();
    std::fs::write(dir.join("real/main.tf"), policy).unwrap();
    std::fs::write(dir.join(".hidden/main.tf"), policy).unwrap();
    std::os::unix::fs::symlink("real", dir.join("alias")).unwrap();
    std::os::unix::fs::symlink(".hidden", dir.join("shown")).unwrap();
    let Run { stdout: out, .. } = tfkms(&dir, &["scan", ".", "--format", "json"]);
    std::fs::remove_dir_all(&dir).ok();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["real/main.tf", "shown/main.tf"], "{v}");
    assert_eq!(v["summary"]["files"], 2, "{v}");
}

#[test]
fn human_report_counts_suppressed_findings() {
    insta::assert_snapshot!(human("suppressions-in-each-place"));
}

#[test]
fn json_report_carries_fixes_and_suppressions() {
    let Run { stdout: out, .. } = tfkms(
        &scenario("alias-arn-beside-keys-and-other-actions"),
        &["scan", ".", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let fixed: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("fix").is_some() && f["statement"] == "BesideAnUnknown")
        .collect();
    assert_eq!(fixed.len(), 1, "{fixed:?}");
    let fix = &fixed[0]["fix"];
    assert!(
        fix["description"]
            .as_str()
            .unwrap()
            .contains("`BesideAnUnknownByAlias`")
    );
    // The replacement covers the statement block, from `statement` to `}`.
    assert_eq!(
        fix["replacement"]["location"],
        serde_json::json!({"path": "main.tf", "start": {"line": 82, "column": 3}, "end": {"line": 86, "column": 4}})
    );
    let text = fix["replacement"]["text"].as_str().unwrap();
    assert!(
        text.starts_with(
            "statement {\n    sid       = \"BesideAnUnknown\"\n    actions   = [\"kms:Decrypt\"]\n    resources = [var.extra_key_arn]\n  }\n\n  statement {\n    sid       = \"BesideAnUnknownByAlias\"\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("      values   = [\"alias/reports\"]\n    }\n  }"),
        "{text}"
    );

    let Run {
        stdout: out, code, ..
    } = tfkms(
        &scenario("suppressions-in-each-place"),
        &["scan", ".", "--format", "json"],
    );
    assert_eq!(code, 0, "suppressed findings do not fail the scan");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["findings"], 0);
    assert_eq!(v["summary"]["suppressed"], 5);
    let first = &v["findings"][0];
    assert_eq!(first["code"], "TFKMS002");
    assert_eq!(
        first["suppressed"],
        serde_json::json!({
            "reason": "the platform team owns every alias/team-* alias",
            "location": {"path": "main.tf", "start": {"line": 5, "column": 3}, "end": {"line": 5, "column": 74}},
        })
    );
}

#[test]
fn a_var_no_root_declares_is_a_warning_naming_the_likely_intended_variable() {
    let dir = common::scenario("undeclared-variables-given-on-the-command-line");
    let r = common::tfkms(
        &dir,
        &[
            "scan",
            ".",
            "--var",
            "key_ar=arn:aws:kms:us-east-1:111122223333:alias/app",
            "--var",
            "key_arn=arn:aws:kms:us-east-1:111122223333:key/0b4c1c5e-0000-4000-8000-000000000003",
        ],
    );
    let warnings: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("tfkms: warning"))
        .collect();
    assert_eq!(
        warnings,
        [
            "tfkms: warning: --var key_ar: no scanned root module declares a variable `key_ar`, so the value is ignored (did you mean `key_arn`?)"
        ],
        "stderr:\n{}",
        r.stderr
    );
}

/// Messages name what could not be evaluated, never a placeholder, and
/// one cause is one note listing its places.
#[test]
fn notes_name_what_stopped_a_check_and_group_by_cause() {
    let (v, _) = common::json(
        &scenario("notes-only-where-a-check-stopped"),
        &["scan", ".", "--format", "json", "--fail-on", "never"],
    );
    let findings = v["findings"].as_array().unwrap();
    let all_text = serde_json::to_string(findings).unwrap();
    for placeholder in ["${error}", "`error`", "${parts of"] {
        assert!(
            !all_text.contains(placeholder),
            "{placeholder} in {all_text}"
        );
    }
    let at_line = |line: u64| {
        findings
            .iter()
            .find(|f| f["location"]["start"]["line"] == line)
            .unwrap_or_else(|| panic!("no finding on line {line}"))
    };
    let message = |line: u64| at_line(line)["message"].as_str().unwrap().to_string();
    assert!(
        message(30).contains("${data.aws_caller_identity.current.account_id}"),
        "{}",
        message(30)
    );
    assert!(
        message(35).contains("${local.account_id}"),
        "{}",
        message(35)
    );
    assert_eq!(
        at_line(40)["help"],
        "`data.terraform_remote_state.kms` is not declared in the scanned files"
    );
    let grouped = at_line(68);
    let too: Vec<&serde_json::Value> = grouped["related"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["message"] == "`var.env` is not known here too")
        .collect();
    assert_eq!(too.len(), 2, "{grouped}");
}
