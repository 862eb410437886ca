//! `tfkms scan --fix` on copies of scenarios: what it fixes is gone from
//! the next scan, the files still parse, and every byte outside the fixes'
//! replacements is the same as before.

mod common;

use common::{Run, copy_dir, scenario, tfkms};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn findings(dir: &Path) -> Vec<Value> {
    let (json, _) = common::json(
        dir,
        &["scan", ".", "--format", "json", "--fail-on", "never"],
    );
    json["findings"].as_array().unwrap().clone()
}

/// The byte offset of a 1-based line and character column.
fn offset(text: &str, line: u64, column: u64) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(str::len)
        .sum();
    line_start
        + text[line_start..]
            .chars()
            .take(column as usize - 1)
            .map(char::len_utf8)
            .sum::<usize>()
}

/// One file's replacement: its byte range in the original and its text.
struct Replacement {
    path: String,
    start: usize,
    end: usize,
    text: String,
}

/// Whether `--fix` applies the finding's fix: it has one, and no
/// suppression leaves it alone.
fn applied(f: &Value) -> bool {
    f.get("fix").is_some() && f.get("suppressed").is_none()
}

fn replacements(dir: &Path, findings: &[Value]) -> Vec<Replacement> {
    let mut out: Vec<Replacement> = Vec::new();
    for f in findings.iter().filter(|f| applied(f)) {
        let r = &f["fix"]["replacement"];
        let l = &r["location"];
        let path = l["path"].as_str().unwrap().to_string();
        let text = std::fs::read_to_string(dir.join(&path)).unwrap();
        let start = offset(
            &text,
            l["start"]["line"].as_u64().unwrap(),
            l["start"]["column"].as_u64().unwrap(),
        );
        let end = offset(
            &text,
            l["end"]["line"].as_u64().unwrap(),
            l["end"]["column"].as_u64().unwrap(),
        );
        let rep = Replacement {
            path,
            start,
            end,
            text: r["text"].as_str().unwrap().to_string(),
        };
        // Findings fixed by one rewrite carry the same replacement.
        if !out
            .iter()
            .any(|o| o.path == rep.path && o.start == rep.start && o.end == rep.end)
        {
            out.push(rep);
        }
    }
    out
}

fn terraform_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".tf") || name.ends_with(".tf.json")
        })
        .collect();
    files.sort();
    files
}

/// Runs `--fix` on a copy of `name`; checks that the fixed findings are
/// gone, the others stay, and the files are the originals with exactly the
/// replacements applied. Returns how many findings carried a fix.
fn check_fix(name: &str) -> usize {
    check_fix_in(name).0
}

/// [`check_fix`], also returning the directory of the fixed copy and the
/// TFKMS001 findings left in it.
fn check_fix_in(name: &str) -> (usize, tempfile::TempDir, Vec<Value>) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_dir(&scenario(name), &dir);
    let before = findings(&dir);
    let originals: Vec<(PathBuf, String)> = terraform_files(&dir)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let reps = replacements(&dir, &before);

    let Run { stderr, code, .. } = tfkms(&dir, &["scan", ".", "--fix", "--fail-on", "never"]);
    assert_eq!(code, 0, "{name}: {stderr}");
    let fixable = before.iter().filter(|f| applied(f)).count();
    if fixable > 0 {
        assert!(stderr.contains("tfkms: fixed"), "{name}: {stderr}");
    }

    for (path, original) in &originals {
        let fixed = std::fs::read_to_string(path).unwrap();
        let rel = path.file_name().unwrap().to_string_lossy();
        let mut mine: Vec<&Replacement> = reps.iter().filter(|r| r.path == rel).collect();
        mine.sort_by_key(|r| r.start);
        let mut expected = String::new();
        let mut at = 0;
        for r in mine {
            expected.push_str(&original[at..r.start]);
            expected.push_str(&r.text);
            at = r.end;
        }
        expected.push_str(&original[at..]);
        assert_eq!(
            fixed, expected,
            "{name}/{rel}: only the replacements change"
        );
    }

    let after = findings(&dir);
    let codes = |list: &[Value], fixed: bool| -> Vec<String> {
        list.iter()
            .filter(|f| applied(f) == fixed)
            .map(|f| format!("{} {}", f["code"], f["message"]))
            .collect()
    };
    let parse_errors = |list: &[Value]| list.iter().filter(|f| f["code"] == "TFKMS000").count();
    assert_eq!(
        parse_errors(&after),
        parse_errors(&before),
        "{name}: the fixed files parse: {after:?}"
    );
    let after_001: Vec<&Value> = after.iter().filter(|f| f["code"] == "TFKMS001").collect();
    let unfixable_001 = before
        .iter()
        .filter(|f| f["code"] == "TFKMS001" && !applied(f))
        .count();
    assert_eq!(
        after_001.len(),
        unfixable_001,
        "{name}: every TFKMS001 with a fix is gone, the others stay\nbefore, fixable: {:?}\nafter: {:?}",
        codes(&before, true),
        codes(&after, false)
    );
    assert_no_new_findings(name, &before, &after);
    let left = after_001.into_iter().cloned().collect();
    (fixable, tmp, left)
}

/// A fix must not write what any rule reports: every finding after the fix
/// was there before it (lines move, so findings compare by rule and words).
fn assert_no_new_findings(name: &str, before: &[Value], after: &[Value]) {
    let words = |f: &Value| format!("{} {}", f["code"], f["message"]);
    let mut earlier: Vec<String> = before.iter().map(words).collect();
    for f in after {
        let w = words(f);
        match earlier.iter().position(|e| *e == w) {
            Some(i) => {
                earlier.swap_remove(i);
            }
            None => panic!("{name}: --fix wrote something reported: {f}"),
        }
    }
}

#[test]
fn fix_on_the_seed_scenarios_leaves_no_fixable_alias_arn() {
    let root = common::repo().join("testdata/scan");
    let mut seeds: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("seed-"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 4, "{seeds:?}");
    for seed in &seeds {
        // Every alias ARN of the seeds that grants nothing is a literal
        // written in its policy, in a statement block or in JSON: all of
        // them are fixed. A note (an alias ARN beside the key it is
        // probably about) is left to the user.
        let (_, _, left) = check_fix_in(seed);
        let errors: Vec<&Value> = left.iter().filter(|f| f["severity"] != "note").collect();
        assert!(
            errors.is_empty(),
            "{seed}: TFKMS001 left after --fix: {errors:?}"
        );
    }
    assert!(check_fix("seed-cross-account-alias-arn-in-resource") >= 1);
}

#[test]
fn fix_on_every_scenario_writes_nothing_another_rule_reports() {
    let root = common::repo().join("testdata/scan");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.txt").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert!(names.len() > 50, "{names:?}");
    let mut fixed = 0;
    for name in &names {
        // The byte comparison reads files as text.
        let all_text = terraform_files(&root.join(name))
            .iter()
            .all(|p| std::fs::read_to_string(p).is_ok());
        if all_text {
            fixed += check_fix(name);
        }
    }
    assert!(fixed >= 20, "{fixed}");
}

#[test]
fn the_fixed_heredoc_seed_selects_the_key_by_alias() {
    let (fixed, dir, _) = check_fix_in("seed-cross-account-alias-arn-in-resource");
    assert_eq!(fixed, 1);
    let text = std::fs::read_to_string(
        dir.path()
            .join("seed-cross-account-alias-arn-in-resource/main.tf"),
    )
    .unwrap();
    assert!(
        text.contains(
            r#"        {
          "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
          "Resource": "arn:aws:kms:eu-west-1:444455556666:key/*",
          "Effect": "Allow",
          "Condition": {
            "ForAnyValue:StringEquals": {
              "kms:ResourceAliases": "alias/my-example-kms-key-alias"
            }
          }
        }
      ]
    }
  EOT
"#
        ),
        "{text}"
    );
}

#[test]
fn fix_rewrites_json_policies_in_heredocs_strings_and_objects() {
    let (fixed, dir, left) = check_fix_in("json-policy-alias-arns-with-mechanical-fixes");
    assert_eq!(fixed, 6);
    // The four it refuses: an alias condition already, a dead-weight alias
    // ARN beside `key/*`, a wildcard alias, a policy in a local.
    assert_eq!(left.len(), 4, "{left:?}");
    let text = std::fs::read_to_string(
        dir.path()
            .join("json-policy-alias-arns-with-mechanical-fixes/main.tf"),
    )
    .unwrap();
    // `<<EOT`: the new operator joins the Condition, at the JSON's own
    // indentation, and the file has one `Condition` per statement.
    assert!(
        text.contains(
            r#"      "Condition": {
        "Bool": {"aws:SecureTransport": "true"},
        "ForAnyValue:StringEquals": {
          "kms:ResourceAliases": "alias/plain"
        }
      }
    }
  ]
}
EOT
"#
        ),
        "{text}"
    );
    // `<<-EOT`: the key joins the operator already there; new lines keep
    // the heredoc's indentation.
    assert!(
        text.contains(
            r#"        "Resource": [
          "arn:aws:kms:us-east-1:111122223333:key/*"
        ],
        "Condition": {
          "ForAnyValue:StringEquals": {
            "kms:EncryptionContextKeys": ["app"],
            "kms:ResourceAliases": ["alias/first", "alias/second"]
          }
        }
"#
        ),
        "{text}"
    );
    // The split copy keeps the interpolation as written, no `$${`.
    assert!(
        text.contains(
            r#"          "Sid": "MixedByAlias",
          "Effect": "Allow",
          "Action": "kms:Decrypt",
          "Resource": [
            "arn:aws:kms:${var.region}:111122223333:key/*"
          ],
"#
        ),
        "{text}"
    );
    assert!(
        text.contains(
            r#"        Condition = { StringEquals = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" }, "ForAnyValue:StringEquals" = { "kms:ResourceAliases" = "alias/object" } }
      },
    ]
"#
        ),
        "{text}"
    );
    assert!(
        text.contains(
            r#"\"Resource\": \"arn:aws:kms:us-east-1:111122223333:key/*\", \"Condition\": {\"ForAnyValue:StringEquals\": {\"kms:ResourceAliases\": \"alias/quoted\"}}}]}""#
        ),
        "{text}"
    );
}

#[test]
fn fix_writes_new_lines_with_the_tabs_of_a_tab_indented_heredoc() {
    let (fixed, dir, left) = check_fix_in("heredoc-indented-with-tabs");
    assert_eq!(fixed, 2);
    assert!(left.is_empty(), "{left:?}");
    let text =
        std::fs::read_to_string(dir.path().join("heredoc-indented-with-tabs/main.tf")).unwrap();
    // New lines get the heredoc's own margin (one tab; two spaces and a
    // tab), then the JSON's indentation. Terraform 1.11 decodes both fixed
    // heredocs to the statement with the key pattern and the condition.
    let tabs = "\t\t\t\t\t\"Resource\": \"arn:aws:kms:us-east-1:111122223333:key/*\",\n\
                \t\t\t\t\t\"Condition\": {\n\
                \t\t\t\t\t\t\"ForAnyValue:StringEquals\": {\n\
                \t\t\t\t\t\t\t\"kms:ResourceAliases\": \"alias/app\"\n\
                \t\t\t\t\t\t}\n\
                \t\t\t\t\t}\n\
                \t\t\t\t}\n";
    assert!(text.contains(tabs), "{text}");
    let mixed = "  \t    \"Resource\": [\"arn:aws:kms:${var.region}:111122223333:key/*\"],\n\
                 \x20 \t    \"Condition\": {\n\
                 \x20 \t      \"ForAnyValue:StringEquals\": {\n\
                 \x20 \t        \"kms:ResourceAliases\": \"alias/mixed\"\n\
                 \x20 \t      }\n\
                 \x20 \t    }\n\
                 \x20 \t  }]\n";
    assert!(text.contains(mixed), "{text}");
}

#[test]
fn fix_rewrites_escaped_json_in_terraform_json_syntax() {
    let (fixed, dir, left) = check_fix_in("json-policy-in-terraform-json-syntax");
    assert_eq!(fixed, 1);
    assert_eq!(
        left.len(),
        1,
        "the jsonencode inside a string stays: {left:?}"
    );
    let text = std::fs::read_to_string(
        dir.path()
            .join("json-policy-in-terraform-json-syntax/main.tf.json"),
    )
    .unwrap();
    assert!(
        text.contains(
            r#"\"Resource\": \"arn:aws:kms:us-east-1:111122223333:key/*\",\n      \"Condition\": {\n        \"ForAnyValue:StringEquals\": {\n          \"kms:ResourceAliases\": \"alias/escaped\"\n        }\n      }\n    }"#
        ),
        "{text}"
    );
}

#[test]
fn fix_keeps_alias_actions_and_other_services_out_of_its_rewrites() {
    // Of thirteen findings, two are rewritten: the alias ARN beside a
    // resource not known, and the one beside an SSM parameter, whose copy
    // leaves the SSM action out. Alias actions, `alias/*`, an alias the
    // document lets someone manage, Denies and notes are left as written
    // (check_fix compares every other byte, and rescans for new findings).
    let (fixed, dir, _) = check_fix_in("alias-arn-beside-keys-and-other-actions");
    assert_eq!(fixed, 2);
    let text = std::fs::read_to_string(
        dir.path()
            .join("alias-arn-beside-keys-and-other-actions/main.tf"),
    )
    .unwrap();
    assert!(
        text.contains(
            "    sid     = \"WithAnotherService\"\n    actions = [\"ssm:GetParameter\", \"kms:Decrypt\"]\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "    sid     = \"WithAnotherServiceByAlias\"\n    actions = [\"kms:Decrypt\"]\n    resources = [\"arn:aws:kms:us-east-1:111122223333:key/*\"]\n"
        ),
        "{text}"
    );
}

#[test]
fn fix_names_the_key_an_alias_resource_points_at() {
    let (fixed, dir, left) = check_fix_in("alias-resource-names-its-key");
    assert_eq!(fixed, 6);
    assert_eq!(left.len(), 1, "the note stays: {left:?}");
    let text =
        std::fs::read_to_string(dir.path().join("alias-resource-names-its-key/main.tf")).unwrap();
    for (sid, resources) in [
        ("ByAlias", "[aws_kms_key.app.arn]"),
        ("ByAliasOfKeyArn", "[aws_kms_key.app.arn]"),
        ("ImportedKey", "[aws_kms_alias.imported.target_key_arn]"),
        ("DataAlias", "[data.aws_kms_alias.shared.target_key_arn]"),
        (
            "ManagesTheAlias",
            "[aws_kms_alias.app.arn, aws_kms_key.app.arn]",
        ),
        ("DenyDeletion", "[aws_kms_key.app.arn]"),
    ] {
        let at = text.find(&format!("sid       = \"{sid}\"")).unwrap();
        let statement = &text[at..text[at..].find('}').unwrap() + at];
        assert!(
            statement.contains(&format!("resources = {resources}\n")),
            "{sid}: {statement}"
        );
    }
}

#[test]
fn fix_names_a_key_as_the_alias_module_names_it() {
    let (fixed, dir, left) = check_fix_in("alias-resource-in-a-module-names-its-key");
    assert_eq!(fixed, 2);
    assert!(left.is_empty(), "{left:?}");
    let text = std::fs::read_to_string(
        dir.path()
            .join("alias-resource-in-a-module-names-its-key/modules/app/main.tf"),
    )
    .unwrap();
    assert!(
        text.contains("resources = [aws_kms_key.own.arn]\n"),
        "{text}"
    );
    assert!(
        text.contains("resources = [aws_kms_alias.shared.target_key_arn]\n"),
        "{text}"
    );
}

#[test]
fn a_deny_is_not_rewritten_into_a_deny_by_alias_condition() {
    // `ForAnyValue:` on `kms:ResourceAliases` in a Deny is skipped by a key
    // whose alias goes away (TFKMS004): only the user can name the keys.
    let (fixed, _, left) = check_fix_in("jsonencode-deny-with-alias-arn");
    assert_eq!(fixed, 0);
    assert_eq!(left.len(), 1, "{left:?}");
    let help = left[0]["help"].as_str().unwrap();
    assert!(help.contains("deny by key ARN"), "{help}");
}

#[test]
fn fix_rewrites_statements_in_place_and_by_splitting() {
    let (fixed, dir, _) = check_fix_in("alias-arns-with-mechanical-fixes");
    assert_eq!(fixed, 3);
    let text = std::fs::read_to_string(dir.path().join("alias-arns-with-mechanical-fixes/main.tf"))
        .unwrap();
    // The key ARN not known stays; the alias ARN moves to a copy.
    assert!(
        text.contains(
            "\t\tsid       = \"TabsSplit\"\n\t\tactions   = [\"kms:Encrypt\"]\n\t\tresources = [var.other_key_arn]\n\t}\n\n\tstatement {\n\t\tsid       = \"TabsSplitByAlias\"\n\t\tactions   = [\"kms:Encrypt\"]\n\t\tresources = [\"arn:aws:kms:us-east-1:111122223333:key/*\"]\n"
        ),
        "{text}"
    );
}

#[test]
fn the_seed_naming_its_key_beside_an_alias_pattern_is_left_as_written() {
    // The key ARN beside the alias pattern is granted, so this is a note;
    // and the pattern as a condition would be TFKMS002's: no rewrite.
    let (fixed, _, left) = check_fix_in("seed-sops-alias-pattern-in-resource");
    assert_eq!(fixed, 0);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["severity"], "note");
    let message = left[0]["message"].as_str().unwrap();
    assert!(
        message.contains("are granted on `aws_kms_key.somekey.arn` only"),
        "{message}"
    );
}

#[test]
fn fix_removes_unused_suppressions_and_leaves_suppressed_findings_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    copy_dir(&scenario("suppression-problems"), &dir);
    let suppressed = |list: &[Value]| {
        list.iter()
            .filter(|f| f.get("suppressed").is_some())
            .count()
    };
    let before = findings(&dir);
    let original = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    tfkms(&dir, &["scan", ".", "--fix"]);
    let after = findings(&dir);
    let fixed = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    assert!(!after.iter().any(|f| f["code"] == "TFKMS013"), "{after:?}");
    assert_eq!(suppressed(&after), suppressed(&before));
    assert_eq!(
        fixed,
        original.replace(
            "      # tfkms:ignore TFKMS002 nothing of the kind on the next line\n",
            ""
        )
    );
}

#[test]
fn policies_refuses_to_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("seed");
    copy_dir(&scenario("seed-sops-alias-pattern-in-resource"), &dir);
    let before = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    let Run {
        stderr: err, code, ..
    } = tfkms(&dir, &["policies", ".", "--fix"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("main.tf")).unwrap(),
        before
    );
}

#[test]
fn fix_leaves_the_findings_a_baseline_accepts_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("scenario");
    copy_dir(&scenario("alias-arns-with-mechanical-fixes"), &dir);
    let originals: Vec<(PathBuf, String)> = terraform_files(&dir)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let baseline = tmp.path().join("baseline.json");
    let baseline_arg = baseline.to_str().unwrap();
    let r = tfkms(&dir, &["scan", ".", "--write-baseline", baseline_arg]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let r = tfkms(&dir, &["scan", ".", "--fix", "--baseline", baseline_arg]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("tfkms: fixed"), "{}", r.stderr);
    for (path, original) in &originals {
        assert_eq!(&std::fs::read_to_string(path).unwrap(), original);
    }
    // Every baseline entry still occurs: none is reported as gone.
    assert!(
        !r.stdout.contains("no longer") && !r.stderr.contains("no longer"),
        "{}{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn a_split_copy_of_a_statement_at_the_heredoc_margin_takes_the_margin_once() {
    let (fixed, dir, left) = check_fix_in("heredoc-statement-at-the-margin");
    assert_eq!(fixed, 1);
    assert!(left.is_empty(), "{left:?}");
    let text = std::fs::read_to_string(dir.path().join("heredoc-statement-at-the-margin/main.tf"))
        .unwrap();
    // The statement's first character is where `<<-` stripped the margin,
    // so its range in the file starts before the margin: the copy must not
    // bring the margin along after the separator has written it.
    assert!(
        text.contains("\"arn:aws:s3:::bucket\"]},\n    {\"Effect\""),
        "{text}"
    );
}

#[test]
fn fix_does_not_rewrite_a_baselined_alias_arn_sharing_a_statement_with_a_new_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("scenario");
    std::fs::create_dir(&dir).unwrap();
    let main = dir.join("main.tf");
    let statement = |resources: &str| {
        format!(
            "data \"aws_iam_policy_document\" \"d\" {{\n  statement {{\n    actions   = [\"kms:Decrypt\"]\n    resources = [{resources}]\n  }}\n}}\n"
        )
    };
    let old = "\"arn:aws:kms:us-east-1:111122223333:alias/old\"";
    let new = "\"arn:aws:kms:us-east-1:111122223333:alias/new\"";
    std::fs::write(&main, statement(old)).unwrap();
    let baseline = tmp.path().join("baseline.json");
    let baseline_arg = baseline.to_str().unwrap();
    let r = tfkms(&dir, &["scan", ".", "--write-baseline", baseline_arg]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    // A new alias ARN joins the accepted one in the same statement: its fix
    // would rewrite both, so it is not applied.
    let mixed = statement(&format!("{old}, {new}"));
    std::fs::write(&main, &mixed).unwrap();
    let r = tfkms(&dir, &["scan", ".", "--fix", "--baseline", baseline_arg]);
    assert!(!r.stderr.contains("tfkms: fixed"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&main).unwrap(), mixed);
    assert!(
        r.stdout.contains("alias/new"),
        "the new finding is still reported:\n{}",
        r.stdout
    );
}
