//! Finding `.tfkms.toml`, `--config`, and the commands that show rules.

mod common;

use common::{Run, tfkms};
use std::path::Path;

const WILDCARD: &str = r#"data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:key/*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = ["alias/app-*"]
    }
  }
}
"#;

fn severities(dir: &Path, args: &[&str]) -> Vec<String> {
    let all = [&["scan", "--format", "json", "--fail-on", "never"], args].concat();
    let (v, _) = common::json(dir, &all);
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_config_is_found_above_the_scanned_path_up_to_the_repository_root() {
    let tmp = tempfile::tempdir().unwrap();
    let outer = tmp.path();
    let repo = outer.join("repo");
    let stack = repo.join("stacks/app");
    std::fs::create_dir_all(&stack).unwrap();
    std::fs::create_dir(repo.join(".git")).unwrap();
    std::fs::write(stack.join("main.tf"), WILDCARD).unwrap();

    // Above the repository: not read.
    std::fs::write(outer.join(".tfkms.toml"), "[rules]\nTFKMS002 = \"off\"\n").unwrap();
    assert_eq!(severities(&repo, &["stacks/app"]), ["TFKMS002 warning"]);

    // At the repository's root, two levels above the scanned path: read,
    // wherever tfkms runs from.
    std::fs::write(repo.join(".tfkms.toml"), "[rules]\nTFKMS002 = \"error\"\n").unwrap();
    assert_eq!(severities(&repo, &["stacks/app"]), ["TFKMS002 error"]);
    assert_eq!(severities(&stack, &["."]), ["TFKMS002 error"]);

    // --config replaces discovery.
    assert_eq!(
        severities(&repo, &["stacks/app", "--config", "../.tfkms.toml"]),
        Vec::<String>::new()
    );
}

#[test]
fn paths_with_different_configs_cannot_share_a_scan() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for (dir, setting) in [("a", "error"), ("b", "note")] {
        std::fs::create_dir_all(root.join(dir).join(".git")).unwrap();
        std::fs::write(root.join(dir).join("main.tf"), WILDCARD).unwrap();
        std::fs::write(
            root.join(dir).join(".tfkms.toml"),
            format!("[rules]\nTFKMS002 = \"{setting}\"\n"),
        )
        .unwrap();
    }
    let Run {
        stderr: err, code, ..
    } = tfkms(root, &["scan", "a", "b"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("scan them separately or pass --config"),
        "{err}"
    );
}

#[test]
fn config_excludes_are_relative_to_the_config() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    std::fs::create_dir(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("stacks/legacy")).unwrap();
    std::fs::write(repo.join("stacks/legacy/main.tf"), WILDCARD).unwrap();
    std::fs::write(repo.join("stacks/main.tf"), WILDCARD).unwrap();
    std::fs::write(repo.join(".tfkms.toml"), "exclude = [\"stacks/legacy\"]\n").unwrap();
    let stacks = repo.join("stacks");
    assert_eq!(severities(&stacks, &["."]), ["TFKMS002 warning"]);
    assert_eq!(severities(repo, &["stacks"]), ["TFKMS002 warning"]);
}

#[test]
fn rules_lists_severities_as_configured() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join(".git")).unwrap();
    std::fs::write(
        dir.join(".tfkms.toml"),
        "[rules]\nalias-arn-in-resource = \"off\"\nTFKMS002 = \"error\"\n",
    )
    .unwrap();
    let Run {
        stdout: out, code, ..
    } = tfkms(dir, &["rules"]);
    assert_eq!(code, 0);
    let line = |code: &str| {
        out.lines()
            .find(|l| l.starts_with(code))
            .unwrap_or_else(|| panic!("{code} listed: {out}"))
            .to_string()
    };
    assert!(line("TFKMS001").contains(" off "), "{out}");
    assert!(line("TFKMS002").contains(" error "), "{out}");
    assert!(line("TFKMS010").contains(" note "), "{out}");
    assert!(line("TFKMS012").contains("invalid-suppression"), "{out}");
    assert!(line("TFKMS013").contains("unused-suppression"), "{out}");
    // The severities form one column, two spaces after the longest slug.
    let columns: Vec<(usize, usize)> = out
        .lines()
        .map(|l| {
            let slug = l.split_whitespace().nth(1).unwrap();
            let slug_end = l.find(slug).unwrap() + slug.len();
            (
                slug_end,
                slug_end + l[slug_end..].find(|c| c != ' ').unwrap(),
            )
        })
        .collect();
    let severity_at = columns[0].1;
    let longest_slug_end = columns.iter().map(|c| c.0).max().unwrap();
    assert!(columns.iter().all(|c| c.1 == severity_at), "{out}");
    assert_eq!(severity_at, longest_slug_end + 2, "{out}");

    std::fs::write(dir.join(".tfkms.toml"), "[rules]\nTFKMS001 = \"loud\"\n").unwrap();
    let Run {
        stderr: err, code, ..
    } = tfkms(dir, &["rules"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(".tfkms.toml:2:12: invalid setting `loud`"),
        "{err}"
    );
}

#[test]
fn explain_renders_the_docs_for_a_terminal() {
    let dir = std::env::temp_dir();
    let Run {
        stdout: plain,
        code,
        ..
    } = tfkms(&dir, &["explain", "alias-arn-in-resource"]);
    assert_eq!(code, 0);
    assert!(
        plain.starts_with("TFKMS001 alias-arn-in-resource\n"),
        "{plain}"
    );
    assert!(plain.contains("\nWhat it does\n------------\n"), "{plain}");
    assert!(
        plain.contains("\n    data \"aws_iam_policy_document\" \"my_key_access\" {\n"),
        "code blocks are indented: {plain}"
    );
    assert!(!plain.contains("##") && !plain.contains("```"), "{plain}");
    assert!(
        !plain.contains('\u{1b}'),
        "no colour off a terminal: {plain}"
    );

    let Run {
        stdout: colored, ..
    } = tfkms(&dir, &["explain", "TFKMS012", "--color", "always"]);
    assert!(colored.contains("\u{1b}["), "{colored}");
    assert!(!colored.contains("##"), "{colored}");
    let Run {
        stdout: forced_off, ..
    } = tfkms(
        &dir,
        &["explain", "TFKMS012", "--color", "always", "--no-color"],
    );
    assert!(!forced_off.contains('\u{1b}'));

    let Run {
        stderr: err, code, ..
    } = tfkms(&dir, &["explain", "TFKMS999"]);
    assert_eq!(code, 2);
    assert!(err.contains("no rule named"), "{err}");
}

#[test]
fn the_human_report_names_the_config_used() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    std::fs::create_dir(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("stacks/app")).unwrap();
    std::fs::write(repo.join("stacks/app/main.tf"), WILDCARD).unwrap();
    let r = tfkms(repo, &["scan", "stacks/app", "--no-color"]);
    assert!(!r.stdout.contains("config:"), "{}", r.stdout);
    std::fs::write(repo.join(".tfkms.toml"), "[rules]\nTFKMS002 = \"error\"\n").unwrap();
    let r = tfkms(repo, &["scan", "stacks/app", "--no-color"]);
    assert!(
        r.stdout.ends_with("tfkms: config: .tfkms.toml\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn without_a_repository_only_the_scanned_directorys_config_applies() {
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path();
    let stack = shared.join("checkout");
    std::fs::create_dir_all(&stack).unwrap();
    std::fs::write(stack.join("main.tf"), WILDCARD).unwrap();
    // Planted in a shared parent: no .git marks a repository, so not read.
    std::fs::write(shared.join(".tfkms.toml"), "[rules]\nTFKMS002 = \"off\"\n").unwrap();
    assert_eq!(severities(&stack, &["."]), ["TFKMS002 warning"]);
    std::fs::write(stack.join(".tfkms.toml"), "[rules]\nTFKMS002 = \"error\"\n").unwrap();
    assert_eq!(severities(&stack, &["."]), ["TFKMS002 error"]);
}

/// A mistake in a discovered config does not stop the scan: it is a
/// located TFKMS000 and the defaults apply, so the pull request's findings
/// are still reported. A config named with `--config` is an argument and
/// must be right: exit status 2.
#[test]
fn a_broken_discovered_config_is_a_located_finding_and_the_scan_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join(".git")).unwrap();
    std::fs::write(dir.join("main.tf"), WILDCARD).unwrap();
    std::fs::write(
        dir.join(".tfkms.toml"),
        "[rules]\nTFKMS002 = \"off\"\nTFKMS001 = \"loud\"\n",
    )
    .unwrap();
    let (v, code) = common::json(dir, &["scan", ".", "--format", "json"]);
    assert_eq!(code, 1);
    let found: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let at = &f["location"];
            format!(
                "{} {}:{}:{}",
                f["code"].as_str().unwrap(),
                at["path"].as_str().unwrap(),
                at["start"]["line"],
                at["start"]["column"]
            )
        })
        .collect();
    // TFKMS002 is reported: the whole config was set aside, not half of it.
    assert_eq!(
        found,
        ["TFKMS000 .tfkms.toml:3:12", "TFKMS002 main.tf:8:19"]
    );
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("invalid setting `loud` for TFKMS001; the scan used the default settings"),
        "{v}"
    );

    let Run {
        stderr: err, code, ..
    } = tfkms(
        dir,
        &[
            "scan",
            ".",
            "--config",
            dir.join(".tfkms.toml").to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains(".tfkms.toml:3:12: invalid setting `loud` for TFKMS001"),
        "{err}"
    );
}
