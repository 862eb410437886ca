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

/// A document Terraform cannot render yet is never called complete, and
/// its unknown parts are shown in place, inside JSON that still parses,
/// never as a placeholder standing for the whole text.
#[test]
fn documents_with_unknown_parts_are_incomplete_and_show_them_in_place() {
    let cases = [
        (
            "json-policy-scalar-typed-references",
            "aws_iam_policy.scalars.policy",
            "${aws_kms_alias.a.arn}",
        ),
        (
            "policy-from-incomplete-document-json",
            "aws_iam_policy.p.policy",
            "${var.key_arn}",
        ),
    ];
    for (scenario, address, placeholder) in cases {
        let (v, _) = common::json(
            &common::scenario(scenario),
            &["policies", ".", "--format", "json"],
        );
        let doc = v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["address"] == address)
            .unwrap_or_else(|| panic!("{scenario}: no document {address}"));
        assert_eq!(doc["complete"], false, "{scenario}: {address}");
        let text = doc["json"].as_str().unwrap();
        let parsed: serde_json::Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("{scenario}: {address} is no JSON ({e}): {text}"));
        let resource = &parsed["Statement"][0]["Resource"];
        let shown = resource.as_str().or_else(|| resource[0].as_str());
        assert_eq!(shown, Some(placeholder), "{scenario}: {text}");
    }
}
