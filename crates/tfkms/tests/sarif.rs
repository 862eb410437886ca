//! `--format sarif`: valid against the official SARIF 2.1.0 schema, one
//! result per finding with the locations of `--format json`, and
//! fingerprints that survive unrelated edits.

mod common;

use common::{Run, copy_dir, repo, tfkms};
use serde_json::Value;
use std::path::Path;

fn sarif(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["scan", "--format", "sarif", "--fail-on", "never"];
    all.extend_from_slice(args);
    let Run {
        stdout: out, code, ..
    } = tfkms(dir, &all);
    assert_eq!(code, 0, "{out}");
    serde_json::from_str(&out).expect("SARIF is JSON")
}

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("testdata/sarif/sarif-2.1.0-rtm.5.json"))
        .expect("the schema copy is in testdata/sarif");
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    // The `language` pattern of `run` and `toolComponent` has a stray `]`.
    // ECMA-262 reads it as a literal only outside Unicode mode, and
    // jsonschema checks every pattern of a schema by the Unicode rules
    // before using it, so it refuses the schema. Escaping the `]` keeps the
    // pattern's meaning; the file stays a verbatim copy. (tfkms writes no
    // `language` anyway.)
    let fixed = escape_stray_bracket(&mut schema);
    assert_eq!(
        fixed, 2,
        "the schema changed: is the workaround still needed?"
    );
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn escape_stray_bracket(v: &mut Value) -> usize {
    const STRAY: &str = r"^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        Value::Object(map) => map
            .iter_mut()
            .map(|(k, v)| {
                if k == "pattern" && *v == STRAY {
                    *v = STRAY.replace("]?", r"\]?").into();
                    1
                } else {
                    escape_stray_bracket(v)
                }
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(escape_stray_bracket).sum(),
        _ => 0,
    }
}

fn schema_errors(v: &jsonschema::Validator, log: &Value) -> Vec<String> {
    v.iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    // Without this, a validator that accepted everything would pass the
    // tests below.
    let v = validator();
    let mut log = sarif(
        &repo().join("testdata/scan/alias-wildcard-matches-everything"),
        &[],
    );
    assert!(schema_errors(&v, &log).is_empty());
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!schema_errors(&v, &log).is_empty());
    log["runs"][0]["results"][0]["level"] = "error".into();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!schema_errors(&v, &log).is_empty());
}

#[test]
fn sarif_of_every_scenario_is_valid_and_matches_the_json_report() {
    let root = repo();
    let log = sarif(&root, &["testdata/scan"]);
    let errors = schema_errors(&validator(), &log);
    assert!(errors.is_empty(), "schema errors:\n{}", errors.join("\n"));

    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "tfkms");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );

    let rules = driver["rules"].as_array().unwrap();
    let metas = tfkms_rules::all_metas();
    assert_eq!(rules.len(), metas.len());
    for (r, m) in rules.iter().zip(&metas) {
        assert_eq!(r["id"], m.code);
        assert_eq!(r["name"], m.slug);
        assert_eq!(r["shortDescription"]["text"], m.summary);
        assert_eq!(r["help"]["markdown"], m.docs);
        assert_eq!(r["defaultConfiguration"]["level"], m.severity.as_str());
        assert_eq!(
            r["properties"]["tags"],
            serde_json::json!(["security", "kms"])
        );
        let full = r["fullDescription"]["text"].as_str().unwrap();
        assert!(!full.is_empty() && !full.contains('\n'), "{full:?}");
    }

    let Run { stdout: json, .. } = tfkms(
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
    let json: Value = serde_json::from_str(&json).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    assert!(results.len() > 10, "the scenarios have many findings");

    let mut fingerprints = std::collections::HashSet::new();
    for (r, f) in results.iter().zip(findings) {
        assert_eq!(r["ruleId"], f["code"]);
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert_eq!(r["level"], f["severity"]);
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(f["message"].as_str().unwrap())
        );

        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(loc["artifactLocation"]["uri"], f["location"]["path"]);
        let region = &loc["region"];
        assert_eq!(region["startLine"], f["location"]["start"]["line"]);
        assert_eq!(region["startColumn"], f["location"]["start"]["column"]);
        assert_eq!(region["endLine"], f["location"]["end"]["line"]);
        assert_eq!(region["endColumn"], f["location"]["end"]["column"]);

        let related = r["relatedLocations"]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        let expected = f["related"].as_array().unwrap();
        assert_eq!(related.len(), expected.len());
        for (rl, e) in related.iter().zip(expected) {
            assert_eq!(rl["message"]["text"], e["message"]);
            assert_eq!(
                rl["physicalLocation"]["artifactLocation"]["uri"],
                e["location"]["path"]
            );
            assert_eq!(
                rl["physicalLocation"]["region"]["startLine"],
                e["location"]["start"]["line"]
            );
        }

        let fp = r["partialFingerprints"]["tfkmsFindingHash/v1"]
            .as_str()
            .unwrap();
        assert!(
            fingerprints.insert(fp.to_string()),
            "duplicate fingerprint {fp}"
        );
    }

    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
}

fn fingerprints_and_lines(log: &Value) -> Vec<(String, u64)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["partialFingerprints"]["tfkmsFindingHash/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_unrelated_lines_moving_and_change_with_the_finding() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.tf");
    let original = std::fs::read_to_string(
        repo().join("testdata/scan/local-module-called-with-bad-and-good-argument/main.tf"),
    )
    .unwrap();
    let module = repo().join("testdata/scan/local-module-called-with-bad-and-good-argument");
    copy_dir(&module, dir.path());

    let before = fingerprints_and_lines(&sarif(dir.path(), &[]));
    assert!(!before.is_empty());

    // Unrelated lines above every finding: a comment and a new resource.
    std::fs::write(
        &main,
        format!("# moved down\n\nresource \"null_resource\" \"x\" {{}}\n\n{original}"),
    )
    .unwrap();
    let moved = fingerprints_and_lines(&sarif(dir.path(), &[]));
    assert_eq!(moved.len(), before.len());
    let fps = |v: &[(String, u64)]| v.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>();
    assert_eq!(
        fps(&moved),
        fps(&before),
        "fingerprints moved with the lines"
    );
    let main_moved = moved
        .iter()
        .zip(&before)
        .any(|((_, after), (_, was))| *after == was + 4);
    assert!(
        main_moved,
        "no finding in main.tf moved: {before:?} {moved:?}"
    );

    // Changing the offending text changes the fingerprint.
    let edited = original.replacen("alias/", "alias/other-", 1);
    assert_ne!(edited, original, "the scenario has an alias ARN to edit");
    std::fs::write(&main, edited).unwrap();
    let changed = fingerprints_and_lines(&sarif(dir.path(), &[]));
    assert_ne!(fps(&changed), fps(&before));
}

#[test]
fn paths_are_relative_to_the_github_workspace_when_run_in_a_subdirectory() {
    let root = repo();
    let sub = root.join("testdata/scan/alias-wildcard-matches-everything");
    let out = common::run(
        common::command(
            &sub,
            &["scan", ".", "--format", "sarif", "--fail-on", "never"],
        )
        .env("GITHUB_WORKSPACE", &root),
    );
    let log: Value = serde_json::from_str(&out.stdout).unwrap();
    let run = &log["runs"][0];
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "testdata/scan/alias-wildcard-matches-everything/main.tf"
    );
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    let real = std::fs::canonicalize(&root).unwrap();
    assert!(base.ends_with(&format!("{}/", real.display())), "{base}");
}

#[test]
fn output_writes_sarif_to_a_file_and_the_report_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out.sarif");
    let scenario = repo().join("testdata/scan/alias-wildcard-matches-everything");
    let Run { stdout, code, .. } = tfkms(
        &scenario,
        &[
            "scan",
            "--format",
            "sarif",
            "--output",
            file.to_str().unwrap(),
            "--no-color",
        ],
    );
    assert_eq!(code, 1, "findings still fail the scan");
    assert!(stdout.contains("TFKMS002"), "{stdout}");
    assert!(
        stdout.ends_with("in 1 file (1 policy document)\n"),
        "{stdout}"
    );
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "TFKMS002");

    let Run { stdout: quiet, .. } = tfkms(
        &scenario,
        &[
            "scan",
            "--format",
            "sarif",
            "--output",
            file.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(
        quiet,
        "tfkms: 1 error, 0 warnings, 0 notes in 1 file (1 policy document)\n"
    );

    let missing = dir.path().join("no/such/dir/out.sarif");
    let Run { code, .. } = tfkms(
        &scenario,
        &[
            "scan",
            "--format",
            "sarif",
            "--output",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "an unwritable --output fails the scan");
}
