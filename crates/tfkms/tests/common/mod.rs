//! What the integration tests share: the repository's test data, and the
//! tfkms binary run so that nothing in the caller's environment changes
//! what it prints.

// Each test binary compiles its own copy and uses only part of it.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Variables that change tfkms's output: a GitHub runner's (paths relative
/// to the workspace, links, a job summary written to a file), and NO_COLOR.
/// Tests that want one set it on the [`command`] again.
const ENVIRONMENT: &[&str] = &[
    "GITHUB_WORKSPACE",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_SERVER_URL",
    "GITHUB_REPOSITORY",
    "GITHUB_SHA",
    "NO_COLOR",
];

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A scenario of `testdata/scan/`.
pub fn scenario(name: &str) -> PathBuf {
    repo().join("testdata/scan").join(name)
}

/// Copies a directory tree into `to`, creating it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// What a run of tfkms printed, and its exit status.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// `tfkms ARGS` in `dir`, without the variables in [`ENVIRONMENT`].
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tfkms"));
    cmd.current_dir(dir).args(args);
    for v in ENVIRONMENT {
        cmd.env_remove(v);
    }
    cmd
}

/// Runs a [`command`] to its end; its output must be UTF-8.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("tfkms runs");
    Run {
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        code: out.status.code().unwrap_or(-1),
    }
}

/// `tfkms ARGS` in `dir`.
pub fn tfkms(dir: &Path, args: &[&str]) -> Run {
    run(&mut command(dir, args))
}

/// `tfkms ARGS` in `dir`, whose stdout must be JSON.
pub fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let r = tfkms(dir, args);
    let v = serde_json::from_str(&r.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: output is not JSON ({e}):\n{}\nstderr:\n{}",
            dir.display(),
            r.stdout,
            r.stderr
        )
    });
    (v, r.code)
}

/// A JSON policy allowing `kms:Decrypt` on `resource`.
pub fn decrypt_policy(resource: &str) -> String {
    format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"{resource}\"}}]}}\n"
    )
}

/// A module whose `aws_iam_policy` reads `policy.json` through `file()`,
/// the policy naming `resource`; returns the policy file's path.
pub fn policy_read_by_file(dir: &Path, resource: &str) -> PathBuf {
    std::fs::write(
        dir.join("main.tf"),
        "resource \"aws_iam_policy\" \"p\" {\n  name   = \"p\"\n  policy = file(\"${path.module}/policy.json\")\n}\n",
    )
    .unwrap();
    let policy_path = dir.join("policy.json");
    std::fs::write(&policy_path, decrypt_policy(resource)).unwrap();
    policy_path
}
