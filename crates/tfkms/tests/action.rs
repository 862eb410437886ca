//! Runs the GitHub Action (`action.yml`) locally, the way a runner does:
//! its `run:` steps in order, with bash, in a copy of a fixture repository
//! under `testdata/action/`, with the variables a runner sets and the
//! `${{ ... }}` expressions the steps use substituted. Steps that only
//! `uses:` another action are checked for their inputs and skipped.
//!
//! `TFKMS_BIN` points the action at the binary cargo built for this test,
//! so no step downloads or runs `cargo install`. The tests of how the
//! action gets tfkms leave it unset: a release directory served by a
//! `file://` URL stands in for GitHub's releases, and a `cargo` on PATH
//! that records its arguments (and installs the test's binary) stands in
//! for the build.

mod common;

use common::{copy_dir, repo};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Deserialize)]
struct Action {
    inputs: BTreeMap<String, Input>,
    outputs: BTreeMap<String, Output>,
    runs: Runs,
}

#[derive(Deserialize)]
struct Input {
    default: Option<String>,
}

#[derive(Deserialize)]
struct Output {
    value: String,
}

#[derive(Deserialize)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    id: Option<String>,
    #[serde(rename = "if")]
    condition: Option<String>,
    uses: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, String>,
    run: Option<String>,
    shell: Option<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(rename = "working-directory")]
    working_directory: Option<String>,
}

fn action() -> Action {
    let text = std::fs::read_to_string(repo().join("action.yml")).expect("action.yml");
    serde_norway::from_str(&text).expect("action.yml parses")
}

/// What a workflow saw of one use of the action.
struct Outcome {
    /// Everything the steps printed.
    log: String,
    /// The exit status of the step that failed, or 0.
    status: i32,
    outputs: BTreeMap<String, String>,
    summary: String,
    workspace: tempfile::TempDir,
}

struct Runner<'a> {
    inputs: BTreeMap<String, String>,
    steps: BTreeMap<String, BTreeMap<String, String>>,
    action_path: &'a Path,
    temp: PathBuf,
    action_ref: &'a str,
}

/// How the workflow uses the action, beyond its inputs.
struct Setup {
    /// Sets `TFKMS_BIN` to the test's binary.
    tfkms_bin: bool,
    /// `github.action_ref`: the tag, SHA or branch the workflow pinned.
    action_ref: String,
    /// Directories put first on PATH.
    path_first: Vec<PathBuf>,
    /// More variables for every step.
    env: Vec<(String, String)>,
    /// Writes into the workspace before the action runs: what a pull
    /// request could plant.
    plant: Option<fn(&Path)>,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            tfkms_bin: true,
            action_ref: format!("v{}", env!("CARGO_PKG_VERSION")),
            path_first: Vec::new(),
            env: Vec::new(),
            plant: None,
        }
    }
}

impl Runner<'_> {
    /// Substitutes the expressions the action uses; any other expression
    /// fails the test rather than being silently left in the script.
    fn expand(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find("}}").expect("unterminated expression") + start;
            let expr = rest[start + 3..end].trim();
            let parts: Vec<&str> = expr.split('.').collect();
            let value = match parts.as_slice() {
                ["inputs", name] => self
                    .inputs
                    .get(*name)
                    .unwrap_or_else(|| panic!("undeclared input {name}"))
                    .clone(),
                ["steps", id, "outputs", name] => self
                    .steps
                    .get(*id)
                    .and_then(|o| o.get(*name))
                    .cloned()
                    .unwrap_or_default(),
                ["github", "action_path"] => self.action_path.display().to_string(),
                ["github", "action_ref"] => self.action_ref.to_string(),
                ["github", "action_repository"] => "tfkms/tfkms".to_string(),
                ["runner", "temp"] => self.temp.display().to_string(),
                _ => panic!("the test does not evaluate `{expr}`"),
            };
            out.push_str(&value);
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// Reads a `GITHUB_OUTPUT` file: `name=value` lines and `name<<DELIM`
/// blocks.
fn read_outputs(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delim)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delim).collect();
            out.insert(name.to_string(), value.join("\n"));
        } else if let Some((name, value)) = line.split_once('=') {
            out.insert(name.to_string(), value.to_string());
        }
    }
    out
}

fn run_action(fixture: &str, inputs: &[(&str, &str)]) -> Outcome {
    run_action_with(fixture, inputs, &Setup::default())
}

fn run_action_with(fixture: &str, inputs: &[(&str, &str)], setup: &Setup) -> Outcome {
    let action = action();
    assert_eq!(action.runs.using, "composite");
    let workspace = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("testdata/action").join(fixture),
        workspace.path(),
    );
    if let Some(plant) = setup.plant {
        plant(workspace.path());
    }
    let scratch = tempfile::tempdir().unwrap();
    let temp = scratch.path().join("runner-temp");
    std::fs::create_dir_all(&temp).unwrap();
    let summary = scratch.path().join("step-summary.md");
    let action_path = std::fs::canonicalize(repo()).unwrap();

    let mut values = BTreeMap::new();
    for (name, input) in &action.inputs {
        values.insert(name.clone(), input.default.clone().unwrap_or_default());
    }
    for (name, value) in inputs {
        assert!(values.contains_key(*name), "action.yml has no input {name}");
        values.insert(name.to_string(), value.to_string());
    }
    let mut runner = Runner {
        inputs: values,
        steps: BTreeMap::new(),
        action_path: &action_path,
        temp: temp.clone(),
        action_ref: &setup.action_ref,
    };
    let mut path = std::env::join_paths(&setup.path_first).unwrap();
    if let Some(rest) = std::env::var_os("PATH") {
        if !path.is_empty() {
            path.push(":");
        }
        path.push(rest);
    }

    let mut log = String::new();
    let mut status = 0;
    for (n, step) in action.runs.steps.iter().enumerate() {
        if let Some(uses) = &step.uses {
            check_uses(uses, step, &runner);
            if let Some(id) = &step.id {
                runner.steps.insert(id.clone(), BTreeMap::new());
            }
            continue;
        }
        assert!(
            step.condition.is_none(),
            "the test does not evaluate `if:` on run steps"
        );
        let script = step.run.as_ref().expect("a step either uses or runs");
        assert_eq!(
            step.shell.as_deref(),
            Some("bash"),
            "composite run steps need a shell"
        );
        let output_file = scratch.path().join(format!("output-{n}"));
        let cwd = match &step.working_directory {
            Some(dir) => workspace.path().join(runner.expand(dir)),
            None => workspace.path().to_path_buf(),
        };
        let script_file = scratch.path().join(format!("step-{n}.sh"));
        std::fs::write(&script_file, runner.expand(script)).unwrap();

        // A runner's environment, not the test's: nothing of the machine
        // running the test (a real GITHUB_* variable) leaks in. Composite
        // actions get no INPUT_* variables, so none are set: a step reading
        // one would work here and fail on GitHub.
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script_file)
            .current_dir(&cwd)
            .env_clear()
            .env("PATH", &path)
            .env("HOME", scratch.path())
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", workspace.path())
            .env("GITHUB_ACTION_PATH", &action_path)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_SERVER_URL", "https://github.com")
            .env("GITHUB_REPOSITORY", "octo/infra")
            .env("GITHUB_SHA", "cafe0123")
            .env("RUNNER_TEMP", &temp)
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .envs(setup.env.iter().map(|(k, v)| (k, v)));
        if setup.tfkms_bin {
            cmd.env("TFKMS_BIN", env!("CARGO_BIN_EXE_tfkms"));
        }
        for (k, v) in &step.env {
            cmd.env(k, runner.expand(v));
        }
        let out = cmd.output().expect("bash runs");
        log.push_str(&String::from_utf8_lossy(&out.stdout));
        log.push_str(&String::from_utf8_lossy(&out.stderr));
        if let Some(id) = &step.id {
            runner.steps.insert(id.clone(), read_outputs(&output_file));
        }
        if !out.status.success() {
            // A failed step ends the action; later steps would need
            // `if: always()`, which this action does not use.
            status = out.status.code().unwrap_or(-1);
            break;
        }
    }
    let outputs = action
        .outputs
        .iter()
        .map(|(name, o)| (name.clone(), runner.expand(&o.value)))
        .collect();
    Outcome {
        log,
        status,
        outputs,
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
        workspace,
    }
}

/// Steps that use other actions: only their inputs are checked.
fn check_uses(uses: &str, step: &Step, runner: &Runner) {
    let (name, version) = uses.split_once('@').expect("actions are pinned");
    assert!(!version.is_empty());
    match name {
        "actions/cache" => {
            assert_eq!(
                step.with.keys().map(String::as_str).collect::<Vec<_>>(),
                ["key", "path"]
            );
            assert_eq!(step.with["path"], "${{ steps.key.outputs.root }}");
            assert_eq!(step.with["key"], "${{ steps.key.outputs.key }}");
            // Nothing to cache when tfkms is not built.
            let skip = &runner.steps["key"]["skip"];
            assert_eq!(
                skip == "true",
                !runner.steps["release"]["bin"].is_empty(),
                "skip={skip}"
            );
            assert_eq!(
                step.condition.as_deref(),
                Some("steps.key.outputs.skip == 'false'")
            );
        }
        other => panic!("the test does not know the action {other}"),
    }
}

fn annotations(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| {
            l.starts_with("::error") || l.starts_with("::warning") || l.starts_with("::notice")
        })
        .collect()
}

#[test]
fn fail_on_decides_the_exit_status() {
    // The fixture has one warning and one note.
    for (fail_on, status) in [("error", 0), ("warning", 1), ("note", 1), ("never", 0)] {
        let o = run_action("findings", &[("path", "infra"), ("fail-on", fail_on)]);
        assert_eq!(o.status, status, "fail-on {fail_on}:\n{}", o.log);
        assert_eq!(o.outputs["findings"], "2", "fail-on {fail_on}");
        assert_eq!(o.outputs["sarif-file"], "");
        let a = annotations(&o.log);
        assert_eq!(a.len(), 2, "{}", o.log);
        assert!(
            a[0].starts_with("::warning file=infra/kms%2Capp.tf,line=11,"),
            "{}",
            a[0]
        );
        assert!(
            a[1].starts_with("::notice file=infra/variables.tf,line=9,"),
            "{}",
            a[1]
        );
        assert!(
            o.summary
                .contains("| `TFKMS002` wildcard-alias-condition | 0 | 1 | 0 |")
        );
        assert!(
            o.summary.contains(
                "[infra/kms,app.tf:11](https://github.com/octo/infra/blob/cafe0123/infra/kms,app.tf#L11)"
            ),
            "{}",
            o.summary
        );
    }
}

#[test]
fn sarif_is_written_for_upload_from_a_working_directory() {
    let o = run_action(
        "findings",
        &[
            ("working-directory", "infra"),
            ("sarif-file", "../reports/tfkms.sarif"),
        ],
    );
    assert_eq!(o.status, 1, "{}", o.log);
    assert_eq!(o.outputs["findings"], "2");
    let sarif = PathBuf::from(&o.outputs["sarif-file"]);
    assert!(sarif.is_absolute(), "{}", sarif.display());
    assert_eq!(
        std::fs::canonicalize(&sarif).unwrap(),
        std::fs::canonicalize(o.workspace.path().join("reports/tfkms.sarif")).unwrap()
    );
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    // Relative to the repository root, as code scanning needs, though the
    // scan ran in infra/.
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "infra/kms,app.tf"
    );
    assert!(annotations(&o.log)[0].starts_with("::warning file=infra/kms%2Capp.tf,"));
    // The SARIF run adds no second report or summary to the log.
    assert_eq!(
        o.log.matches("tfkms: 0 errors, 1 warning, 1 note").count(),
        1,
        "{}",
        o.log
    );
    assert_eq!(o.summary.matches("## tfkms").count(), 1);
}

#[test]
fn a_clean_repository_passes() {
    let o = run_action(
        "clean",
        &[("fail-on", "note"), ("sarif-file", "tfkms.sarif")],
    );
    assert_eq!(o.status, 0, "{}", o.log);
    assert_eq!(o.outputs["findings"], "0");
    assert!(annotations(&o.log).is_empty(), "{}", o.log);
    assert!(
        o.log
            .contains("tfkms: no findings in 1 file (1 policy document)")
    );
    assert!(o.summary.contains("no findings"), "{}", o.summary);
    assert!(o.workspace.path().join("tfkms.sarif").is_file());
}

#[test]
fn args_are_split_like_a_shell_and_never_expanded() {
    let o = run_action(
        "findings",
        &[
            ("path", "infra"),
            (
                "args",
                r#"--exclude "kms,app.tf" --var 'key_arn=arn:aws:kms:us-east-1:111122223333:key/$(touch pwned)'"#,
            ),
        ],
    );
    assert!(!o.workspace.path().join("infra/pwned").exists());
    assert!(!o.workspace.path().join("pwned").exists());
    assert_eq!(o.status, 0, "{}", o.log);
    assert_eq!(o.outputs["findings"], "0", "{}", o.log);

    let o = run_action("findings", &[("args", r#"--exclude "unbalanced"#)]);
    assert_ne!(o.status, 0, "an unbalanced quote fails the step");
}

#[test]
fn a_scan_that_cannot_run_fails_the_step() {
    let o = run_action("findings", &[("path", "no-such-dir"), ("fail-on", "never")]);
    assert_eq!(o.status, 2, "{}", o.log);
    assert!(
        o.log
            .contains("::error title=tfkms::the scan failed (exit status 2)"),
        "{}",
        o.log
    );
    assert_eq!(o.outputs["findings"], "");
}

/// What stands in for GitHub's releases and for `cargo`, in a scratch
/// directory the test keeps until it ends.
struct Install {
    scratch: tempfile::TempDir,
}

const LINUX_X64: &str = "tfkms-x86_64-unknown-linux-musl.tar.gz";

impl Install {
    fn new() -> Self {
        let install = Install {
            scratch: tempfile::tempdir().unwrap(),
        };
        let fake = install.scratch.path().join("fake-bin");
        std::fs::create_dir_all(&fake).unwrap();
        // Records its arguments and installs the test's binary where
        // `cargo install --root ROOT` would.
        let script = format!(
            "#!/usr/bin/env bash\n\
             printf '%s\\n' \"$*\" >> '{log}'\n\
             echo \"cargo cwd=$PWD toolchain=${{RUSTUP_TOOLCHAIN:-}}\" >> '{env_log}'\n\
             while [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=$2; shift; done\n\
             mkdir -p \"$root/bin\" && cp '{bin}' \"$root/bin/tfkms\"\n",
            log = install.cargo_log().display(),
            env_log = install.build_env_log().display(),
            bin = env!("CARGO_BIN_EXE_tfkms"),
        );
        // rustup only records that it was asked, from where, for what.
        let rustup = format!(
            "#!/bin/sh\necho \"rustup cwd=$PWD toolchain=${{RUSTUP_TOOLCHAIN:-}}\" >> '{}'\n",
            install.build_env_log().display()
        );
        // The cache key names the toolchain; the runner's HOME is not the
        // one rustup was installed in.
        let rustc = "#!/bin/sh\necho 'rustc 1.95.0 (stand-in)'\n".to_string();
        for (name, text) in [("cargo", script), ("rustc", rustc), ("rustup", rustup)] {
            let path = fake.join(name);
            std::fs::write(&path, text).unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::create_dir_all(install.release_dir()).unwrap();
        install
    }

    fn releases(&self) -> PathBuf {
        self.scratch.path().join("releases")
    }

    fn release_dir(&self) -> PathBuf {
        self.releases()
            .join(format!("v{}", env!("CARGO_PKG_VERSION")))
    }

    fn cargo_log(&self) -> PathBuf {
        self.scratch.path().join("cargo-calls.txt")
    }

    /// Where each build tool ran and with which `RUSTUP_TOOLCHAIN`.
    fn build_env_log(&self) -> PathBuf {
        self.scratch.path().join("build-env.txt")
    }

    fn cargo_calls(&self) -> String {
        std::fs::read_to_string(self.cargo_log()).unwrap_or_default()
    }

    /// Publishes this version's Linux x86_64 archive, with its checksum
    /// file as the release workflow writes it. The archive's `tfkms` runs
    /// the test's binary: the debug build is too big to pack in each test.
    fn publish(&self) {
        let stage = self.scratch.path().join("stage");
        std::fs::create_dir_all(&stage).unwrap();
        let tfkms = stage.join("tfkms");
        let script = format!("#!/bin/sh\nexec '{}' \"$@\"\n", env!("CARGO_BIN_EXE_tfkms"));
        std::fs::write(&tfkms, script).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tfkms, std::fs::Permissions::from_mode(0o755)).unwrap();
        let archive = self.release_dir().join(LINUX_X64);
        let tar = Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .arg("-C")
            .arg(&stage)
            .arg("tfkms")
            .status()
            .unwrap();
        assert!(tar.success());
        let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
        let hex = String::from_utf8(sum.stdout).unwrap();
        let hex = hex.split(' ').next().unwrap();
        self.write_checksum(hex);
    }

    fn write_checksum(&self, hex: &str) {
        std::fs::write(
            self.release_dir().join(format!("{LINUX_X64}.sha256")),
            format!("{hex}  {LINUX_X64}\n"),
        )
        .unwrap();
    }

    fn setup(&self, action_ref: &str) -> Setup {
        Setup {
            tfkms_bin: false,
            action_ref: action_ref.to_string(),
            path_first: vec![self.scratch.path().join("fake-bin")],
            env: vec![(
                "TFKMS_RELEASE_URL".to_string(),
                format!("file://{}", self.releases().display()),
            )],
            plant: None,
        }
    }
}

fn release_tag() -> String {
    format!("v{}", env!("CARGO_PKG_VERSION"))
}

#[test]
fn without_a_release_the_action_builds_in_its_own_directory_with_the_pinned_toolchain() {
    let install = Install::new();
    let setup = Setup {
        // What a pull request could plant to run its own code in the build.
        plant: Some(|workspace: &Path| {
            std::fs::write(
                workspace.join("rust-toolchain.toml"),
                "[toolchain]\npath = \"/pull-request/toolchain\"\n",
            )
            .unwrap();
            std::fs::create_dir_all(workspace.join(".cargo")).unwrap();
            std::fs::write(
                workspace.join(".cargo/config.toml"),
                "[build]\nrustc-wrapper = \"/pull-request/wrapper\"\n",
            )
            .unwrap();
        }),
        ..install.setup("main")
    };
    let o = run_action_with("findings", &[("path", "infra")], &setup);
    assert_eq!(o.status, 1, "{}", o.log);
    assert_eq!(o.outputs["findings"], "2", "{}", o.log);
    builds_from_the_actions_source(&install, &o);
    // From the action's directory, the toolchain named: rustup takes
    // RUSTUP_TOOLCHAIN and `+1.95.0` over the workspace's
    // rust-toolchain.toml, and cargo reads no config from the workspace.
    let env_log = std::fs::read_to_string(install.build_env_log()).unwrap();
    let action_path = std::fs::canonicalize(repo()).unwrap();
    assert_eq!(env_log.lines().count(), 2, "rustup and cargo: {env_log}");
    for call in env_log.lines() {
        assert!(
            call.contains(&format!("cwd={} ", action_path.display())),
            "{call}"
        );
        assert!(call.ends_with("toolchain=1.95.0"), "{call}");
    }
}

#[test]
fn at_a_release_tag_the_action_installs_the_checked_release_binary() {
    let install = Install::new();
    install.publish();
    let o = run_action_with(
        "findings",
        &[("path", "infra")],
        &install.setup(&release_tag()),
    );
    assert_eq!(o.status, 1, "{}", o.log);
    assert_eq!(o.outputs["findings"], "2", "{}", o.log);
    assert!(
        o.log.contains(&format!(
            "tfkms: installed {LINUX_X64} from file://{}/{}",
            install.releases().display(),
            release_tag()
        )),
        "{}",
        o.log
    );
    assert_eq!(install.cargo_calls(), "", "nothing is built");
}

#[test]
fn a_release_binary_whose_checksum_differs_fails_the_step() {
    let install = Install::new();
    install.publish();
    install.write_checksum(&"0".repeat(64));
    let o = run_action_with(
        "findings",
        &[("path", "infra")],
        &install.setup(&release_tag()),
    );
    assert_eq!(o.status, 1, "{}", o.log);
    assert!(
        o.log.contains(&format!(
            "::error title=tfkms::checksum mismatch for file://{}/{}/{LINUX_X64}",
            install.releases().display(),
            release_tag()
        )),
        "{}",
        o.log
    );
    assert_eq!(o.outputs["findings"], "", "nothing was scanned");
    assert_eq!(
        install.cargo_calls(),
        "",
        "a mismatch never falls back to a build"
    );
}

/// The `cargo install` the build step runs, into the runner's temp dir.
fn builds_from_the_actions_source(install: &Install, o: &Outcome) {
    let calls = install.cargo_calls();
    assert!(
        calls.starts_with("+1.95.0 install --locked --path crates/tfkms --root "),
        "cargo was called with: {calls}\n{}",
        o.log
    );
    assert_eq!(calls.lines().count(), 1, "{calls}");
    assert_eq!(o.status, 1, "{}", o.log);
    assert_eq!(o.outputs["findings"], "2", "{}", o.log);
}

#[test]
fn at_a_branch_or_a_commit_the_action_builds_from_its_source() {
    for action_ref in ["main", "0123456789abcdef0123456789abcdef01234567"] {
        let install = Install::new();
        install.publish();
        let o = run_action_with("findings", &[("path", "infra")], &install.setup(action_ref));
        builds_from_the_actions_source(&install, &o);
        assert!(
            o.log.contains(&format!(
                "tfkms: the action's ref '{action_ref}' is not its release tag {}; \
                 building from the action's source instead",
                release_tag()
            )),
            "{}",
            o.log
        );
    }
}

#[test]
fn a_tag_without_a_release_builds_unless_install_is_release() {
    let install = Install::new();
    let o = run_action_with(
        "findings",
        &[("path", "infra")],
        &install.setup(&release_tag()),
    );
    builds_from_the_actions_source(&install, &o);
    assert!(
        o.log.contains("tfkms: cannot download file://"),
        "{}",
        o.log
    );

    let install = Install::new();
    let o = run_action_with(
        "findings",
        &[("path", "infra"), ("install", "release")],
        &install.setup(&release_tag()),
    );
    assert_eq!(o.status, 1, "{}", o.log);
    assert!(
        o.log
            .contains("::error title=tfkms::no release binary to install: cannot download file://"),
        "{}",
        o.log
    );
    assert_eq!(install.cargo_calls(), "");
}

#[test]
fn install_source_builds_even_at_a_release_tag() {
    let install = Install::new();
    install.publish();
    let o = run_action_with(
        "findings",
        &[("path", "infra"), ("install", "source")],
        &install.setup(&release_tag()),
    );
    builds_from_the_actions_source(&install, &o);

    let o = run_action_with(
        "findings",
        &[("install", "sometimes")],
        &install.setup(&release_tag()),
    );
    assert_eq!(o.status, 2, "{}", o.log);
    assert!(
        o.log.contains(
            "::error title=tfkms::install must be auto, release or source, not 'sometimes'"
        ),
        "{}",
        o.log
    );
}

#[test]
fn the_example_workflow_uploads_the_actions_sarif() {
    let text = std::fs::read_to_string(repo().join("examples/workflows/tfkms.yml")).unwrap();
    let wf: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    assert!(wf["on"]["pull_request"].is_mapping());
    let job = &wf["jobs"]["tfkms"];
    assert_eq!(job["permissions"]["security-events"], "write");
    let steps = job["steps"].as_sequence().unwrap();
    let uses = |s: &serde_norway::Value| s["uses"].as_str().unwrap_or("").to_string();
    let tfkms = steps
        .iter()
        .find(|s| uses(s).starts_with("tfkms/tfkms@"))
        .unwrap();
    let declared = action().inputs;
    for key in tfkms["with"].as_mapping().unwrap().keys() {
        assert!(
            declared.contains_key(key.as_str().unwrap()),
            "{key:?} is not an input"
        );
    }
    let upload = steps
        .iter()
        .find(|s| uses(s).starts_with("github/codeql-action/upload-sarif@"))
        .unwrap();
    assert_eq!(
        upload["with"]["sarif_file"],
        "${{ steps.tfkms.outputs.sarif-file }}"
    );
    assert!(upload["if"].as_str().unwrap().contains("always()"));
}
