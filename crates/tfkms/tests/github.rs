//! `--format github`: workflow commands GitHub turns into annotations,
//! escaped so that no message or path can break them, within GitHub's
//! annotation limits, and the job summary.

mod common;

use common::{Run, repo};
use std::path::Path;

/// `tfkms scan --format github ARGS` in `dir`, with the runner's variables
/// in `env` only.
fn github(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut cmd = common::command(dir, &["scan", "--format", "github", "--no-color"]);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    common::run(&mut cmd)
}

fn commands(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| {
            l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")
        })
        .collect()
}

#[test]
fn annotations_point_at_the_findings() {
    let run = github(&repo().join("testdata/action/findings"), &[], &[]);
    assert_eq!(run.code, 1, "a warning fails the default --fail-on");
    let cmds = commands(&run.stdout);
    assert_eq!(cmds.len(), 2, "{}", run.stdout);
    // The warning comes before the note: most severe first.
    assert!(
        cmds[0].starts_with(
            "::warning file=infra/kms%2Capp.tf,line=11,col=19,endLine=11,endColumn=32,\
             title=TFKMS002 wildcard-alias-condition::wildcard alias pattern `alias/app-*`"
        ),
        "{}",
        cmds[0]
    );
    assert!(
        cmds[0].ends_with("%0A%0Ain data.aws_iam_policy_document.app"),
        "{}",
        cmds[0]
    );
    assert!(
        cmds[1].starts_with(
            "::notice file=infra/variables.tf,line=9,col=18,endLine=9,endColumn=29,\
             title=TFKMS010 unresolved-policy-value::"
        ),
        "{}",
        cmds[1]
    );
    // The report is in the log too, and the summary line ends it.
    assert!(run.stdout.contains("TFKMS002(wildcard-alias-condition)"));
    assert!(
        run.stdout
            .ends_with("tfkms: 0 errors, 1 warning, 1 note in 2 files (2 policy documents)\n"),
        "{}",
        run.stdout
    );
}

/// Splits `::level props::message` and undoes GitHub's escaping.
fn parse(cmd: &str) -> (String, Vec<(String, String)>, String) {
    let unescape = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let rest = cmd.strip_prefix("::").unwrap();
    let (head, message) = rest.split_once("::").unwrap();
    let (level, props) = head.split_once(' ').unwrap();
    let props = props
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_string(), unescape(v))
        })
        .collect();
    (level.to_string(), props, unescape(message))
}

#[test]
fn messages_and_paths_with_percent_newlines_colons_and_commas_survive() {
    let dir = tempfile::tempdir().unwrap();
    // `%`, `,` and `:` in the file name and in the values quoted by the
    // messages; TFKMS001's help spans several lines.
    let name = "keys, 100%:v2.tf";
    std::fs::write(
        dir.path().join(name),
        r#"data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/a,b:c%0A"]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "kms:RequestAlias"
      values   = ["alias/100%,x:*"]
    }
  }
}
"#,
    )
    .unwrap();
    let run = github(dir.path(), &["."], &[]);
    let cmds = commands(&run.stdout);
    assert_eq!(cmds.len(), 2, "{}", run.stdout);
    for cmd in &cmds {
        // Exactly one `::` separates properties from the message, and
        // property values hold no `,` or `:` of their own.
        assert_eq!(cmd.matches("::").count(), 2, "{cmd}");
        let (_, props, message) = parse(cmd);
        let keys: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
        assert_eq!(props[0].1, name);
        assert!(!message.is_empty());
    }
    let (level, _, message) = parse(cmds[0]);
    assert_eq!(level, "error");
    assert!(message.contains("alias/a,b:c%0A"), "{message}");
    assert!(
        message.contains('\n'),
        "the help's lines survive: {message}"
    );
    assert!(
        cmds[0].contains("alias/a,b:c%250A"),
        "`%` is escaped first: {}",
        cmds[0]
    );
    let (level, _, message) = parse(cmds[1]);
    assert_eq!(level, "warning");
    assert!(message.contains("`alias/100%,x:*`"), "{message}");
}

#[test]
fn at_most_ten_annotations_of_each_level_the_most_severe_first() {
    let root = repo();
    let run = github(&root, &["testdata/scan", "--fail-on", "never"], &[]);
    assert_eq!(run.code, 0);
    let cmds = commands(&run.stdout);
    let count = |level: &str| cmds.iter().filter(|c| c.starts_with(level)).count();
    let (json, _) = common::json(
        &root,
        &[
            "scan",
            "testdata/scan",
            "--format",
            "json",
            "--fail-on",
            "never",
        ],
    );
    let total = |sev: &str| {
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            // Suppressed findings are in the JSON, never annotated.
            .filter(|f| f["severity"] == sev && f.get("suppressed").is_none())
            .count()
    };
    let (errors, warnings, notes) = (total("error"), total("warning"), total("note"));
    assert!(
        errors > 10,
        "the scenarios need more than 10 errors; they have {errors}"
    );
    assert_eq!(count("::error "), 10);
    assert_eq!(count("::warning "), warnings.min(10));
    assert_eq!(count("::notice "), notes.min(10));
    let levels: Vec<&str> = cmds.iter().map(|c| c.split(' ').next().unwrap()).collect();
    let mut sorted = levels.clone();
    sorted.sort_by_key(|l| match *l {
        "::error" => 0,
        "::warning" => 1,
        _ => 2,
    });
    assert_eq!(levels, sorted, "errors first, then warnings, then notices");

    let left = errors - 10 + warnings.saturating_sub(10) + notes.saturating_sub(10);
    assert!(
        run.stdout.contains(&format!(
            "tfkms: {left} findings were not annotated: GitHub shows at most 10 annotations"
        )),
        "{}",
        run.stdout
    );

    // With --quiet the report is left out, so the findings without an
    // annotation are listed one per line.
    let quiet = github(
        &root,
        &["testdata/scan", "--fail-on", "never", "--quiet"],
        &[],
    );
    assert_eq!(commands(&quiet.stdout), cmds);
    let listed = quiet
        .stdout
        .lines()
        .filter(|l| l.starts_with("testdata/scan/") && l.contains(" TFKMS"))
        .count();
    assert_eq!(listed, left);
    assert!(!quiet.stdout.contains("╭─["), "no report with --quiet");
    assert!(run.stdout.contains("╭─["), "the report without --quiet");
}

#[test]
fn the_job_summary_is_appended_with_links_to_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# earlier step\n").unwrap();
    let workspace = repo().join("testdata/action/findings");
    let run = github(
        &workspace.join("infra"),
        &["."],
        &[
            ("GITHUB_STEP_SUMMARY", &summary),
            ("GITHUB_WORKSPACE", &workspace),
            ("GITHUB_SERVER_URL", Path::new("https://github.example")),
            ("GITHUB_REPOSITORY", Path::new("octo/infra")),
            ("GITHUB_SHA", Path::new("0123abc")),
        ],
    );
    assert_eq!(run.code, 1);
    // Annotation paths are relative to the workspace, not the working
    // directory.
    assert!(
        commands(&run.stdout)[0].starts_with("::warning file=infra/kms%2Capp.tf,"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("# earlier step\n## tfkms\n"), "{text}");
    assert!(text.contains("0 errors, 1 warning, 1 note in 2 files (2 policy documents)"));
    assert!(
        text.contains("| `TFKMS002` wildcard-alias-condition | 0 | 1 | 0 |"),
        "{text}"
    );
    assert!(
        text.contains("| `TFKMS010` unresolved-policy-value | 0 | 0 | 1 |"),
        "{text}"
    );
    assert!(
        text.contains(
            "| warning | `TFKMS002` | [infra/kms,app.tf:11]\
             (https://github.example/octo/infra/blob/0123abc/infra/kms,app.tf#L11) |"
        ),
        "{text}"
    );
}

#[test]
fn a_clean_scan_has_no_annotations() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let clean = repo().join("testdata/action/clean");
    let run = github(&clean, &[], &[("GITHUB_STEP_SUMMARY", &summary)]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "tfkms: no findings in 1 file (1 policy document)\n"
    );
    let text = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(
        text,
        "## tfkms\n\nno findings in 1 file (1 policy document)\n\n"
    );

    let quiet = github(&clean, &["--quiet"], &[]);
    assert_eq!(quiet.stdout, "");
}
