//! The incremental engine (`tfkms::engine`) must always answer what a fresh
//! scan of the same texts answers. Each test applies a sequence of edits
//! and, after each, compares the engine's findings with a fresh
//! `tfkms::scan::scan` given the same unsaved buffers.

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tfkms::engine::Engine;
use tfkms::scan::{Overlays, ScanOptions, ScanResult, scan};

/// Everything a reader sees of a finding: place, rule, severity, words,
/// labels, help and fix.
fn describe(result: &ScanResult) -> Vec<String> {
    let place = |span: tfkms_syntax::Span| {
        let file = result.sources.get(span.file);
        let start = file.line_col(span.start);
        let end = file.line_col(span.end);
        format!(
            "{}:{}:{}-{}:{}",
            file.display_path, start.line, start.column, end.line, end.column
        )
    };
    let finding = |f: &tfkms_rules::finding::Finding| {
        let related: Vec<String> = f
            .related
            .iter()
            .map(|l| format!("{} {}", place(l.span), l.message))
            .collect();
        format!(
            "{} {:?} {} {} | {} | {:?} | {:?} | {:?}",
            f.rule.code,
            f.severity,
            place(f.primary.span),
            f.message,
            f.primary.message,
            related,
            f.help,
            f.fix.as_ref().map(|x| format!("{x:?}")),
        )
    };
    let mut out: Vec<String> = result.findings.iter().map(finding).collect();
    out.extend(
        result
            .suppressed
            .iter()
            .map(|s| format!("suppressed {}", finding(&s.finding))),
    );
    out
}

struct Workspace {
    _dir: tempfile::TempDir,
    root: PathBuf,
    opts: ScanOptions,
    engine: Engine,
    overlays: Overlays,
}

impl Workspace {
    fn new(files: &[(&str, &str)]) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Workspace::over(dir, root).expect("the config reads")
    }

    /// `None` when the workspace's config cannot be read.
    fn over(dir: tempfile::TempDir, root: PathBuf) -> Option<Workspace> {
        let (config, config_problem) =
            tfkms::config::for_scan(None, std::slice::from_ref(&root)).ok()?;
        let opts = ScanOptions {
            config_problem,
            today: Some(tfkms::suppress::Date::parse("2026-12-06").unwrap()),
            jobs: Some(2),
            ..config.scan_options(vec![root.clone()])
        };
        let engine = Engine::new(opts.clone()).unwrap();
        Some(Workspace {
            _dir: dir,
            root,
            opts,
            engine,
            overlays: HashMap::new(),
        })
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Sets an unsaved buffer.
    fn edit(&mut self, rel: &str, text: &str) {
        self.overlays.insert(self.path(rel), text.into());
    }

    fn close(&mut self, rel: &str) {
        self.overlays.remove(&self.path(rel));
    }

    fn text(&self, rel: &str) -> String {
        match self.overlays.get(&self.path(rel)) {
            Some(t) => t.to_string(),
            None => std::fs::read_to_string(self.path(rel)).unwrap(),
        }
    }

    /// The engine's findings after the edits so far, checked against a
    /// fresh scan; `written` are files changed on disk since the last step.
    fn check(&mut self, step: &str, written: &[&str]) -> Vec<String> {
        let overlays = Arc::new(self.overlays.clone());
        let written: Vec<PathBuf> = written.iter().map(|p| self.path(p)).collect();
        let incremental = self
            .engine
            .update(overlays.clone(), &written, None)
            .unwrap_or_else(|e| panic!("{step}: {e}"));
        let fresh_opts = ScanOptions {
            overlays: Some(overlays),
            ..self.opts.clone()
        };
        let fresh = scan(&fresh_opts).unwrap_or_else(|e| panic!("{step}: {e}"));
        let (got, want) = (describe(&incremental), describe(&fresh));
        assert_eq!(
            got, want,
            "after {step}: the engine differs from a fresh scan"
        );
        got
    }

    /// The roots the last update evaluated, relative to the workspace.
    fn evaluated(&self) -> Vec<String> {
        self.engine
            .evaluated_roots()
            .iter()
            .map(|r| {
                r.strip_prefix(&self.root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }
}

const SHARED: &str = r#"variable "key_alias" {
  type = string
}

data "aws_iam_policy_document" "use" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:${var.key_alias}"]
  }
}

output "json" {
  value = data.aws_iam_policy_document.use.json
}
"#;

const ROOT_A: &str = r#"variable "alias" {
  type = string
}

module "shared" {
  source    = "../../modules/shared"
  key_alias = var.alias
}
"#;

const ROOT_B: &str = r#"module "shared" {
  source    = "../../modules/shared"
  key_alias = "alias/b"
}

resource "aws_iam_policy" "from_file" {
  name   = "b"
  policy = file("${path.module}/policy.json")
}
"#;

const POLICY_JSON: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "kms:Encrypt",
      "Resource": "arn:aws:kms:us-east-1:111122223333:alias/from-file"
    }
  ]
}
"#;

const ROOT_C: &str = r#"resource "aws_iam_policy" "c" {
  name = "c"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "kms:Decrypt"
      Resource = "*"
    }]
  })
}
"#;

fn monorepo() -> Workspace {
    Workspace::new(&[
        ("modules/shared/main.tf", SHARED),
        ("roots/a/main.tf", ROOT_A),
        ("roots/a/terraform.tfvars", "alias = \"alias/a\"\n"),
        ("roots/b/main.tf", ROOT_B),
        ("roots/b/policy.json", POLICY_JSON),
        ("roots/c/main.tf", ROOT_C),
    ])
}

fn count(findings: &[String], code: &str) -> usize {
    findings.iter().filter(|f| f.starts_with(code)).count()
}

#[test]
fn every_edit_gives_what_a_fresh_scan_gives() {
    let mut ws = monorepo();
    let start = ws.check("the first scan", &[]);
    // The alias ARN in the shared module, once per root calling it, and the
    // one in the file root b reads.
    assert_eq!(count(&start, "TFKMS001"), 3, "{start:#?}");
    assert_eq!(ws.evaluated(), ["roots/a", "roots/b", "roots/c"]);

    // A module two roots call: both are evaluated again, not the third.
    let fixed = SHARED.replace("${var.key_alias}", "key/${var.key_alias}");
    ws.edit("modules/shared/main.tf", &fixed);
    let now = ws.check("fixing the shared module", &[]);
    assert_eq!(count(&now, "TFKMS001"), 1, "{now:#?}");
    assert_eq!(ws.evaluated(), ["roots/a", "roots/b"]);
    ws.edit("modules/shared/main.tf", SHARED);
    assert_eq!(ws.check("undoing it", &[]), start);

    // A root's tfvars: only that root.
    ws.edit(
        "roots/a/terraform.tfvars",
        "alias = \"key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n",
    );
    let now = ws.check("a tfvars value", &[]);
    assert_eq!(count(&now, "TFKMS001"), 2, "{now:#?}");
    assert_eq!(ws.evaluated(), ["roots/a"]);
    ws.close("roots/a/terraform.tfvars");
    assert_eq!(ws.check("closing the tfvars buffer", &[]), start);
    assert_eq!(ws.evaluated(), ["roots/a"]);

    // A file read by file(), written on disk: only the root reading it.
    let fixed = POLICY_JSON.replace(
        "alias/from-file",
        "key/1234abcd-12ab-34cd-56ef-1234567890ab",
    );
    std::fs::write(ws.path("roots/b/policy.json"), fixed).unwrap();
    let now = ws.check("a file read by file()", &["roots/b/policy.json"]);
    assert_eq!(count(&now, "TFKMS001"), 2, "{now:#?}");
    assert_eq!(ws.evaluated(), ["roots/b"]);
    std::fs::write(ws.path("roots/b/policy.json"), POLICY_JSON).unwrap();
    assert_eq!(ws.check("restoring it", &["roots/b/policy.json"]), start);

    // A statement added and removed.
    let with_statement = format!(
        "{ROOT_C}\ndata \"aws_iam_policy_document\" \"more\" {{\n  statement {{\n    actions   = [\"kms:Decrypt\"]\n    resources = [\"arn:aws:kms:us-east-1:111122223333:alias/more\"]\n  }}\n}}\n"
    );
    ws.edit("roots/c/main.tf", &with_statement);
    let now = ws.check("adding a statement", &[]);
    assert_eq!(count(&now, "TFKMS001"), 4, "{now:#?}");
    assert_eq!(ws.evaluated(), ["roots/c"]);
    ws.edit("roots/c/main.tf", ROOT_C);
    assert_eq!(ws.check("removing it", &[]), start);

    // Syntax broken and fixed, in a module and in a root.
    for file in ["modules/shared/main.tf", "roots/a/main.tf"] {
        let text = ws.text(file);
        ws.edit(file, &text[..text.len() / 2]);
        let broken = ws.check(&format!("breaking {file}"), &[]);
        assert!(count(&broken, "TFKMS000") >= 1, "{broken:#?}");
        ws.edit(file, &text);
        assert_eq!(ws.check(&format!("fixing {file}"), &[]), start);
    }

    // A root stops calling the shared module (root a still calls it), then
    // calls it again.
    ws.edit(
        "roots/b/main.tf",
        &ROOT_B[ROOT_B.find("resource").unwrap()..],
    );
    let now = ws.check("removing a module call", &[]);
    assert_eq!(count(&now, "TFKMS001"), 2, "{now:#?}");
    ws.close("roots/b/main.tf");
    assert_eq!(ws.check("closing the buffer", &[]), start);

    // A new file not yet saved: discovered again.
    ws.edit("roots/d/main.tf", &with_statement);
    let now = ws.check("a new unsaved file", &[]);
    assert_eq!(count(&now, "TFKMS001"), 4, "{now:#?}");
    ws.close("roots/d/main.tf");
    assert_eq!(ws.check("closing it", &[]), start);
}

#[test]
fn a_cancelled_update_is_finished_by_the_next() {
    let mut ws = monorepo();
    let start = ws.check("the first scan", &[]);
    let cancel = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let fixed = SHARED.replace("${var.key_alias}", "key/${var.key_alias}");
    ws.edit("modules/shared/main.tf", &fixed);
    let cancelled = ws
        .engine
        .update(Arc::new(ws.overlays.clone()), &[], Some(cancel));
    assert!(matches!(cancelled, Err(tfkms::scan::ScanError::Cancelled)));
    // The roots the cancelled update did not finish are evaluated now.
    let now = ws.check("the next update", &[]);
    assert_ne!(now, start);
    assert_eq!(ws.evaluated(), ["roots/a", "roots/b"]);
}

/// The scan takes only Terraform files from unsaved buffers: `file()` and
/// Terragrunt read the disk. Typing in any other buffer, one a root reads
/// or not, evaluates nothing again; a read file written on disk
/// re-evaluates only the roots that read it, and only when its text
/// changed.
#[test]
fn other_buffers_evaluate_nothing_and_a_read_file_only_its_readers() {
    let mut ws = monorepo();
    let start = ws.check("the first scan", &[]);
    let fixed = POLICY_JSON.replace(
        "alias/from-file",
        "key/1234abcd-12ab-34cd-56ef-1234567890ab",
    );
    ws.edit("roots/b/policy.json", &fixed);
    assert_eq!(ws.check("typing in a file root b reads", &[]), start);
    assert_eq!(ws.evaluated(), Vec::<String>::new());
    ws.edit("roots/a/notes.md", "# notes\n");
    assert_eq!(ws.check("typing in a file no root reads", &[]), start);
    assert_eq!(ws.evaluated(), Vec::<String>::new());
    ws.close("roots/b/policy.json");
    assert_eq!(ws.check("closing the buffer", &[]), start);
    assert_eq!(ws.evaluated(), Vec::<String>::new());

    // Written on disk with the same text (a save without a change).
    std::fs::write(ws.path("roots/b/policy.json"), POLICY_JSON).unwrap();
    assert_eq!(ws.check("saved unchanged", &["roots/b/policy.json"]), start);
    assert_eq!(ws.evaluated(), Vec::<String>::new());
    std::fs::write(ws.path("roots/b/policy.json"), &fixed).unwrap();
    let now = ws.check("saved changed", &["roots/b/policy.json"]);
    assert_eq!(count(&now, "TFKMS001"), 2, "{now:#?}");
    assert_eq!(ws.evaluated(), ["roots/b"]);
}

/// With Terragrunt units, whose files read others outside any root's log,
/// a buffer that is not a Terraform file still changes nothing.
#[test]
fn other_buffers_beside_terragrunt_units_evaluate_nothing() {
    let mut ws = Workspace::new(&[
        ("modules/shared/main.tf", SHARED),
        (
            "live/app/terragrunt.hcl",
            "terraform {\n  source = \"../../modules/shared\"\n}\n\ninputs = {\n  key_alias = \"alias/app\"\n}\n",
        ),
    ]);
    let start = ws.check("the first scan", &[]);
    assert_eq!(count(&start, "TFKMS001"), 1, "{start:#?}");
    assert_eq!(ws.evaluated(), ["live/app"]);
    ws.edit("live/app/README.md", "# the app\n");
    assert_eq!(ws.check("typing in a README", &[]), start);
    assert_eq!(ws.evaluated(), Vec::<String>::new());
}

/// Every scenario of `testdata/scan/`: the first scan, then one of its
/// files cut in half (a syntax error), restored, and given one more
/// statement.
#[test]
fn every_scenario_edited_gives_what_a_fresh_scan_gives() {
    let scenarios = common::repo().join("testdata/scan");
    let mut checked = 0;
    for entry in std::fs::read_dir(&scenarios).unwrap() {
        let dir = entry.unwrap().path();
        // Scenarios with command-line arguments or a config that must fail
        // are not what an editor opens.
        if !dir.join("expected.txt").is_file() || dir.join("args.txt").is_file() {
            continue;
        }
        let copy = tempfile::tempdir().unwrap();
        let root = copy.path().canonicalize().unwrap();
        copy_tree(&dir, &root);
        let Some(file) = first_tf_file(&root) else {
            continue;
        };
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Some(mut ws) = Workspace::over(copy, root) else {
            continue;
        };
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let start = ws.check(&format!("{name}: the first scan"), &[]);
        // An editor edits text (the scenario with bytes that are not UTF-8
        // is checked unedited).
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let mut cut = text.len() / 2;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        ws.edit(&rel, &text[..cut]);
        ws.check(&format!("{name}: {rel} cut in half"), &[]);
        ws.edit(&rel, &text);
        assert_eq!(ws.check(&format!("{name}: {rel} restored"), &[]), start);
        ws.edit(
            &rel,
            &format!("{text}\nlocals {{\n  incremental_probe = \"alias/probe\"\n}}\n"),
        );
        ws.check(&format!("{name}: {rel} with one more statement"), &[]);
        checked += 1;
    }
    assert!(checked > 50, "only {checked} scenarios checked");
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn first_tf_file(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
        .iter()
        .find(|p| p.is_file() && p.extension().is_some_and(|e| e == "tf"))
        .cloned()
        .or_else(|| {
            entries
                .iter()
                .filter(|p| p.is_dir() && !p.ends_with(".terraform"))
                .find_map(|d| first_tf_file(d))
        })
}

/// A stack's `values` decide what its units deploy: editing the stack file
/// (or the values file a generated unit reads) evaluates its units again.
#[test]
fn editing_a_stack_file_gives_what_a_fresh_scan_gives() {
    let key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let stack = format!(
        "unit \"app\" {{\n  source = \"../units/app\"\n  path   = \"app\"\n  values = {{\n    key_arns = [\"{key}\"]\n  }}\n}}\n"
    );
    let module = "variable \"key_arns\" {}\n\ndata \"aws_iam_policy_document\" \"use\" {\n  statement {\n    actions   = [\"kms:Decrypt\"]\n    resources = var.key_arns\n  }\n}\n";
    let unit = "terraform {\n  source = \"${find_in_parent_folders(\"modules\")}//app\"\n}\n\ninputs = {\n  key_arns = values.key_arns\n}\n";
    let mut ws = Workspace::new(&[
        ("live/terragrunt.stack.hcl", &stack),
        ("units/app/terragrunt.hcl", unit),
        ("modules/app/main.tf", module),
    ]);
    let start = ws.check("the first scan", &[]);
    assert_eq!(count(&start, "TFKMS001"), 0, "{start:#?}");
    let alias = stack.replace(key, "arn:aws:kms:eu-west-1:111122223333:alias/app");
    ws.edit("live/terragrunt.stack.hcl", &alias);
    let now = ws.check("an alias ARN in the stack's values", &[]);
    assert_eq!(count(&now, "TFKMS001"), 1, "{now:#?}");
    ws.close("live/terragrunt.stack.hcl");
    assert_eq!(ws.check("closing the buffer", &[]), start);
}

/// A unit reading its environment's `env.hcl` through
/// `read_terragrunt_config(find_in_parent_folders("env.hcl"))`.
const UNIT_READING_ENV: &str = r#"locals {
  env = read_terragrunt_config(find_in_parent_folders("env.hcl"))
}

terraform {
  source = "../../../modules/shared"
}

inputs = {
  key_alias = local.env.locals.key_alias
}
"#;

fn env_hcl(key_alias: &str) -> String {
    format!("locals {{\n  key_alias = \"{key_alias}\"\n}}\n")
}

/// The files Terragrunt units read are in the engine's read log, and
/// `env.hcl` written on disk re-evaluates the modules of the units that
/// read it, and only theirs: not the other environment's unit, nor the
/// Terraform root beside them.
#[test]
fn a_file_terragrunt_units_read_re_evaluates_only_its_readers() {
    let prod_env = env_hcl("alias/prod");
    let stage_env = env_hcl("alias/stage");
    let mut ws = Workspace::new(&[
        ("modules/shared/main.tf", SHARED),
        ("live/prod/env.hcl", &prod_env),
        ("live/prod/app/terragrunt.hcl", UNIT_READING_ENV),
        ("live/stage/env.hcl", &stage_env),
        ("live/stage/app/terragrunt.hcl", UNIT_READING_ENV),
        ("roots/c/main.tf", ROOT_C),
    ]);
    let start = ws.check("the first scan", &[]);
    // Each unit's alias in a key policy resource: TFKMS001 in both.
    assert_eq!(count(&start, "TFKMS001"), 2, "{start:#?}");
    let reads = ws.engine.read_files();
    for env in ["live/prod/env.hcl", "live/stage/env.hcl"] {
        assert!(reads.contains(&ws.path(env)), "{env} not in {reads:#?}");
    }

    let key = "key/1234abcd-12ab-34cd-56ef-1234567890ab";
    std::fs::write(ws.path("live/prod/env.hcl"), env_hcl(key)).unwrap();
    let now = ws.check("prod's env.hcl written", &["live/prod/env.hcl"]);
    assert_eq!(count(&now, "TFKMS001"), 1, "{now:#?}");
    assert_eq!(ws.evaluated(), ["live/prod/app"]);

    std::fs::write(ws.path("live/prod/env.hcl"), env_hcl(key)).unwrap();
    assert_eq!(ws.check("saved unchanged", &["live/prod/env.hcl"]), now);
    assert_eq!(ws.evaluated(), Vec::<String>::new());
}
