//! `tfkms scan --watch` on a real directory: the report again after a
//! file changes or is created. It waits for what the process prints, never a fixed time.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

const PATIENCE: Duration = Duration::from_secs(60);

#[test]
fn a_changed_file_is_scanned_again() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.tf");
    std::fs::write(
        &main,
        "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    actions   = [\"kms:Decrypt\"]\n    resources = [\"arn:aws:kms:us-east-1:111122223333:alias/app\"]\n  }\n}\n",
    )
    .unwrap();
    let watch = Watch::start(dir.path());
    let first = watch.status();
    assert!(
        first.contains("1 error, 0 warnings, 0 notes in 1 file"),
        "{first}"
    );
    std::fs::write(&main, "# nothing left\n").unwrap();
    let second = watch.status();
    assert!(
        second.contains("0 errors, 0 warnings, 0 notes in 1 file"),
        "{second}"
    );
    // A new file: the engine discovers the files again.
    std::fs::write(
        dir.path().join("other.tf"),
        "data \"aws_iam_policy_document\" \"o\" {\n  statement {\n    actions   = [\"kms:Encrypt\"]\n    resources = [\"arn:aws:kms:us-east-1:111122223333:alias/other\"]\n  }\n}\n",
    )
    .unwrap();
    let third = watch.status();
    assert!(
        third.contains("1 error, 0 warnings, 0 notes in 2 files"),
        "{third}"
    );
    // Written again: taken in place.
    std::fs::write(dir.path().join("other.tf"), "# fixed\n").unwrap();
    let fourth = watch.status();
    assert!(
        fourth.contains("0 errors, 0 warnings, 0 notes in 2 files"),
        "{fourth}"
    );
}

/// A file the evaluation read through `file()`, written: the root reading
/// it is scanned again, though it is not a Terraform file.
#[test]
fn a_file_read_by_file_is_scanned_again_when_written() {
    let dir = tempfile::tempdir().unwrap();
    let policy_path =
        common::policy_read_by_file(dir.path(), "arn:aws:kms:us-east-1:111122223333:alias/app");
    let watch = Watch::start(dir.path());
    let first = watch.status();
    assert!(
        first.contains("1 error, 0 warnings, 0 notes in 1 file"),
        "{first}"
    );
    std::fs::write(
        &policy_path,
        common::decrypt_policy(
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ),
    )
    .unwrap();
    let second = watch.status();
    assert!(
        second.contains("0 errors, 0 warnings, 0 notes in 1 file"),
        "{second}"
    );
}

/// A file a Terragrunt unit reads (`env.hcl`, through
/// `read_terragrunt_config(find_in_parent_folders(...))`), written: the
/// unit is scanned again, though nothing the scan discovers changed.
#[test]
fn a_file_a_terragrunt_unit_reads_is_scanned_again_when_written() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "modules/use/main.tf",
        "variable \"key_arn\" {\n  type = string\n}\n\ndata \"aws_iam_policy_document\" \"d\" {\n  statement {\n    actions   = [\"kms:Decrypt\"]\n    resources = [var.key_arn]\n  }\n}\n",
    );
    write(
        "live/app/terragrunt.hcl",
        "locals {\n  env = read_terragrunt_config(find_in_parent_folders(\"env.hcl\"))\n}\n\nterraform {\n  source = \"../../modules//use\"\n}\n\ninputs = {\n  key_arn = local.env.locals.key_arn\n}\n",
    );
    let env = |key_arn: &str| format!("locals {{\n  key_arn = \"{key_arn}\"\n}}\n");
    write(
        "live/env.hcl",
        &env("arn:aws:kms:us-east-1:111122223333:alias/app"),
    );
    let watch = Watch::start(dir.path());
    let first = watch.status();
    assert!(first.contains("1 error, 0 warnings, 0 notes"), "{first}");
    write(
        "live/env.hcl",
        &env("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
    );
    let second = watch.status();
    assert!(second.contains("0 errors, 0 warnings, 0 notes"), "{second}");
}

/// `tfkms scan --watch` running in a directory, its lines read as printed.
struct Watch {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
}

impl Watch {
    fn start(dir: &std::path::Path) -> Watch {
        let mut child = common::command(dir, &["scan", "--watch", "--color", "never"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Watch { child, lines }
    }

    /// The status line under the next report.
    fn status(&self) -> String {
        loop {
            let line = self.lines.recv_timeout(PATIENCE).expect("a status line");
            if line.contains("watching for changes") {
                return line;
            }
        }
    }
}

/// Stopped however the test ends, a failed assertion included.
impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_prints_only_the_human_report() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::run(&mut common::command(
        dir.path(),
        &["scan", "--watch", "--format", "json"],
    ));
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--watch prints the human report"),
        "{}",
        run.stderr
    );
}
