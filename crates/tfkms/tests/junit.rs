//! `--format junit`, and the CLI additions around the CI formats:
//! `--quiet`, `--verbose`, `completions`, `manpage`.

mod common;

use common::{Run, repo, tfkms};

#[test]
fn junit_has_a_case_per_rule_and_file_and_a_failure_per_finding() {
    let dir = repo().join("testdata/action/findings");
    let Run {
        stdout: xml, code, ..
    } = tfkms(&dir, &["scan", "--format", "junit"]);
    assert_eq!(code, 1);
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");

    let metas = tfkms_rules::all_metas();
    let files = ["infra/kms,app.tf", "infra/variables.tf"];
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), metas.len());
    assert_eq!(
        root.attribute("tests"),
        Some((metas.len() * files.len()).to_string().as_str())
    );
    assert_eq!(root.attribute("failures"), Some("2"));

    let mut failures = Vec::new();
    for (suite, meta) in suites.iter().zip(&metas) {
        assert_eq!(
            suite.attribute("name"),
            Some(format!("{} {}", meta.code, meta.slug).as_str())
        );
        let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
        let names: Vec<_> = cases.iter().filter_map(|c| c.attribute("name")).collect();
        assert_eq!(names, files);
        for case in cases {
            for f in case.children().filter(|n| n.has_tag_name("failure")) {
                failures.push((
                    meta.code,
                    case.attribute("file").unwrap().to_string(),
                    f.attribute("type").unwrap().to_string(),
                    f.attribute("message").unwrap().to_string(),
                    f.text().unwrap_or("").to_string(),
                ));
            }
        }
    }
    assert_eq!(failures.len(), 2, "{failures:?}");
    let (code, file, severity, message, body) = &failures[0];
    assert_eq!(
        (*code, file.as_str(), severity.as_str()),
        ("TFKMS002", "infra/kms,app.tf", "warning")
    );
    assert!(
        message.starts_with("wildcard alias pattern `alias/app-*`"),
        "{message}"
    );
    assert!(
        body.starts_with("infra/kms,app.tf:11:19: warning TFKMS002\n"),
        "{body}"
    );
    assert!(
        body.contains("in data.aws_iam_policy_document.app\n"),
        "{body}"
    );
    assert_eq!(failures[1].0, "TFKMS010");
}

#[test]
fn quiet_prints_the_summary_line_or_nothing() {
    let Run {
        stdout: out, code, ..
    } = tfkms(
        &repo().join("testdata/action/findings"),
        &["scan", "--quiet", "--no-color"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "tfkms: 0 errors, 1 warning, 1 note in 2 files (2 policy documents)\n"
    );
    let Run {
        stdout: out, code, ..
    } = tfkms(&repo().join("testdata/action/clean"), &["scan", "-q"]);
    assert_eq!((out.as_str(), code), ("", 0));
}

#[test]
fn verbose_lists_the_documents_on_stderr() {
    let Run {
        stdout: out,
        stderr: err,
        ..
    } = tfkms(
        &repo().join("testdata/action/findings"),
        &["scan", "--verbose", "--format", "json"],
    );
    serde_json::from_str::<serde_json::Value>(&out).expect("stdout stays JSON");
    assert!(
        err.starts_with("tfkms: read 2 files, resolved 2 policy documents in "),
        "{err}"
    );
    assert!(
        err.contains("  infra/kms,app.tf:2:1: data.aws_iam_policy_document.app\n"),
        "{err}"
    );
    assert!(
        err.contains(
            "  infra/variables.tf:6:1: data.aws_iam_policy_document.ops (partly unknown)\n"
        ),
        "{err}"
    );
    let Run {
        stderr: err, code, ..
    } = tfkms(&repo(), &["scan", "--quiet", "--verbose"]);
    assert_eq!(code, 2, "--quiet and --verbose conflict: {err}");
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let Run {
            stdout: out,
            stderr: err,
            code,
        } = tfkms(&repo(), &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(
            out.contains("fail-on"),
            "{shell} completion lacks --fail-on"
        );
        assert!(
            out.contains("manpage"),
            "{shell} completion lacks the subcommands"
        );
        // Elvish and PowerShell completions do not list option values.
        if matches!(shell, "bash" | "zsh" | "fish") {
            assert!(
                out.contains("sarif"),
                "{shell} completion lacks the formats"
            );
        }
    }
    let Run { code, .. } = tfkms(&repo(), &["completions", "tcsh"]);
    assert_eq!(code, 2);

    let Run {
        stdout: man, code, ..
    } = tfkms(&repo(), &["manpage"]);
    assert_eq!(code, 0);
    assert!(
        man.starts_with(".ie"),
        "roff: {}",
        &man[..man.len().min(80)]
    );
    assert!(man.contains(".TH tfkms 1"), "{man}");
    for sub in [
        "scan",
        "policies",
        "rules",
        "explain",
        "completions",
        "manpage",
    ] {
        assert!(
            man.contains(&format!("tfkms\\-{sub}(1)")),
            "man page lacks {sub}"
        );
    }

    // The pages it refers to, with every option of `tfkms scan`.
    let dir = tempfile::tempdir().unwrap();
    let Run {
        stderr: err, code, ..
    } = tfkms(&repo(), &["manpage", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let scan = std::fs::read_to_string(dir.path().join("tfkms-scan.1")).unwrap();
    for flag in [
        "fail\\-on",
        "format",
        "output",
        "quiet",
        "verbose",
        "var\\-file",
    ] {
        assert!(
            scan.contains(&format!("\\-\\-{flag}")),
            "tfkms-scan.1 lacks --{flag}"
        );
    }
    assert!(dir.path().join("tfkms.1").is_file());
}
