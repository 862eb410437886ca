//! End to end against the real provider: for every case in
//! `testdata/render/`, `tfkms policies` evaluates the case's `main.tf`
//! (variables, dynamic blocks, chained documents) and must print exactly the
//! `json` the AWS provider rendered for `data.aws_iam_policy_document.d`
//! (recorded in `expected.json` by `scripts/oracle-render.sh`).

mod common;

#[test]
fn policies_match_the_provider_rendering_end_to_end() {
    let root = common::repo().join("testdata/render");
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Ok(expected) = std::fs::read_to_string(dir.join("expected.json")) else {
            continue;
        };
        cases += 1;
        let (v, _) = common::json(&dir, &["policies", ".", "--format", "json"]);
        let doc = v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["address"] == "data.aws_iam_policy_document.d");
        let got = doc
            .and_then(|d| d["json"].as_str())
            .unwrap_or("<no document>");
        if got != expected {
            failures.push(format!(
                "{}:\n--- provider\n{expected}\n--- tfkms\n{got}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
        if let Some(d) = doc {
            assert_eq!(d["complete"], true, "{}", dir.display());
        }
    }
    assert!(
        cases >= 40,
        "expected at least 40 provider cases, found {cases}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
