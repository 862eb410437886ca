//! The differential corpus: random programs from `scripts/differential.py`
//! (seeded, so `generate --seed 3 --count 300` makes them again), each
//! rendered by the real Terraform 1.11 and AWS provider 5.100 into its
//! `expected.json`. Every program's `data.aws_iam_policy_document.d` must
//! come out of `tfkms policies` complete and byte for byte the same. One
//! scan covers them all: each program is a root of its own.

mod common;

use std::collections::BTreeMap;

/// Fewer programs than this means the corpus went missing.
const MIN_PROGRAMS: usize = 300;

#[test]
fn every_generated_program_renders_as_terraform_renders_it() {
    let root = common::repo().join("testdata/differential");
    let mut expected = BTreeMap::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        if let Ok(json) = std::fs::read_to_string(dir.join("expected.json")) {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            expected.insert(format!("{name}/main.tf"), json);
        }
    }
    assert!(
        expected.len() >= MIN_PROGRAMS,
        "expected at least {MIN_PROGRAMS} programs, found {}",
        expected.len()
    );

    let (v, _) = common::json(&root, &["policies", ".", "--format", "json"]);
    let mut got = BTreeMap::new();
    for doc in v["documents"].as_array().unwrap() {
        if doc["address"] == "data.aws_iam_policy_document.d" {
            let path = doc["location"]["path"].as_str().unwrap().to_string();
            got.insert(path, (doc["complete"] == true, doc["json"].as_str()));
        }
    }

    let mut failures = Vec::new();
    for (path, want) in &expected {
        match got.get(path) {
            Some((true, Some(json))) if json == want => {}
            Some((complete, json)) => failures.push(format!(
                "{path} (complete: {complete}):\n--- terraform\n{want}\n--- tfkms\n{}",
                json.unwrap_or("<no json>")
            )),
            None => failures.push(format!(
                "{path}: no document data.aws_iam_policy_document.d"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from Terraform:\n\n{}",
        failures.len(),
        expected.len(),
        failures.join("\n\n")
    );
}
