//! The ways tfkms is installed stay in step with the crate's version.

mod common;

use common::repo;

fn read(path: &str) -> String {
    std::fs::read_to_string(repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `name = "value"` line of a TOML file, outside any table's arrays.
fn toml_string(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
    })
}

#[test]
fn the_pre_commit_package_pins_this_version_of_the_wheel() {
    let shim = read("pyproject.toml");
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(toml_string(&shim, "version").as_deref(), Some(version));
    assert_eq!(
        toml_string(&shim, "dependencies"),
        Some(format!("[\"tfkms=={version}\"]")),
        "the hook at tag v{version} must install tfkms {version}"
    );
}

#[test]
fn the_wheel_takes_the_crate_version_and_ships_the_binary() {
    let wheel = read("crates/tfkms/pyproject.toml");
    assert_eq!(toml_string(&wheel, "name").as_deref(), Some("tfkms"));
    assert_eq!(
        toml_string(&wheel, "dynamic").as_deref(),
        Some("[\"version\"]")
    );
    assert_eq!(toml_string(&wheel, "bindings").as_deref(), Some("bin"));
}

#[test]
fn both_pre_commit_hooks_run_tfkms_scan() {
    let hooks: Vec<serde_json::Value> =
        serde_norway::from_str(&read(".pre-commit-hooks.yaml")).expect("hooks parse");
    let ids: Vec<(&str, &str)> = hooks
        .iter()
        .map(|h| (h["id"].as_str().unwrap(), h["language"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, [("tfkms-pypi", "python"), ("tfkms", "system")]);
    for hook in &hooks {
        assert_eq!(hook["entry"], "tfkms scan");
        assert_eq!(hook["pass_filenames"], false);
    }
}

/// The five release targets, as the workflow builds them.
fn workflow_targets() -> Vec<String> {
    let wf: serde_norway::Value =
        serde_norway::from_str(&read(".github/workflows/release.yml")).expect("workflow parses");
    let jobs = wf["jobs"].as_mapping().expect("jobs");
    for (name, job) in jobs {
        for need in job["needs"].as_str().into_iter() {
            assert!(
                jobs.contains_key(need),
                "{name:?} needs {need}, which is no job"
            );
        }
    }
    let mut targets: Vec<String> = wf["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .expect("a build matrix")
        .iter()
        .map(|e| e["target"].as_str().unwrap().to_string())
        .collect();
    targets.sort();
    targets
}

#[test]
fn every_release_target_is_built_packed_downloaded_and_documented() {
    let targets = workflow_targets();
    assert_eq!(targets.len(), 5, "{targets:?}");
    let dist = read("scripts/dist.py");
    let action = read("action.yml");
    let readme = read("README.md");
    for target in &targets {
        assert!(
            dist.contains(&format!("\"{target}\",")),
            "dist.py lacks {target}"
        );
        assert!(
            action.contains(&format!("target={target} ")),
            "the action never downloads {target}"
        );
        assert!(
            readme.contains(&format!("`{target}`")),
            "README lacks {target}"
        );
    }
}
