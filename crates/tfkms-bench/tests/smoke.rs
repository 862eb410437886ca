//! A small generated monorepo, scanned in-process: the findings are exactly
//! the planted ones, whatever the thread count, and generation is
//! reproducible. No timing is asserted: that is `tfkms-bench run`'s job.

use std::collections::BTreeMap;
use std::path::Path;
use tfkms_bench::generate::{ALIAS_ARN_IN_RESOURCE, MANIFEST, Manifest, WILDCARD_ALIAS_CONDITION};
use tfkms_bench::{generate, measure};

fn tree_contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable tree").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside the tree");
                out.insert(
                    rel.to_string_lossy().into_owned(),
                    std::fs::read(&path).expect("readable file"),
                );
            }
        }
    }
    out
}

#[test]
fn a_generated_monorepo_scans_to_exactly_its_planted_findings() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("tree");
    let manifest = generate(&dir, 1_000, 7).expect("generated");
    assert!(manifest.files >= 1_000, "{manifest:?}");
    assert_eq!(Manifest::read(&dir).expect("manifest"), manifest);
    for code in [ALIAS_ARN_IN_RESOURCE, WILDCARD_ALIAS_CONDITION] {
        assert!(
            manifest.expected.get(code).is_some_and(|n| *n > 0),
            "{manifest:?}"
        );
    }

    let all = measure::scan_dir(&dir, Some(2)).expect("scan");
    let found = measure::count_findings(&all);
    assert_eq!(
        measure::mismatches(&found, &manifest.expected),
        Vec::new(),
        "found {found:?}"
    );
    let one = measure::scan_dir(&dir, Some(1)).expect("scan with one thread");
    assert_eq!(measure::fingerprint(&one), measure::fingerprint(&all));
}

#[test]
fn the_same_seed_writes_the_same_tree() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    generate(&a, 300, 11).expect("generated");
    generate(&b, 300, 11).expect("generated");
    generate(&c, 300, 12).expect("generated");
    let (ta, tb, tc) = (tree_contents(&a), tree_contents(&b), tree_contents(&c));
    assert!(ta.contains_key(MANIFEST));
    assert_eq!(ta, tb);
    assert_ne!(ta, tc);
    assert!(
        generate(&a, 10, 1).is_err(),
        "a non-empty directory is refused"
    );
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_string()
}

#[test]
fn a_real_repository_tree_takes_the_listed_commit_s_terraform_files_copy_by_copy() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let clone = tmp.path().join("git").join("acme").join("infra");
    std::fs::create_dir_all(clone.join("modules/kms")).expect("dirs");
    git(&clone, &["init", "-q"]);
    std::fs::write(clone.join("main.tf"), "locals { a = 1 }\n").expect("write");
    std::fs::write(clone.join("modules/kms/vars.tfvars"), "x = 1\n").expect("write");
    std::fs::write(clone.join("README.md"), "not terraform\n").expect("write");
    git(&clone, &["add", "."]);
    git(&clone, &["commit", "-q", "-m", "listed"]);
    let listed = git(&clone, &["rev-parse", "HEAD"]);
    // A later commit must not leak into the tree.
    std::fs::write(clone.join("main.tf"), "locals { a = 2 }\n").expect("write");
    std::fs::write(clone.join("later.tf"), "locals { b = 1 }\n").expect("write");
    git(&clone, &["add", "."]);
    git(&clone, &["commit", "-q", "-m", "later"]);

    let repos =
        tfkms_bench::realtree::parse_repo_list(&format!("acme/infra {listed}\n")).expect("list");
    let out = tmp.path().join("tree");
    let manifest =
        tfkms_bench::realtree::build(&out, &repos, &tmp.path().join("git"), 2).expect("built");
    let contents = tree_contents(&out);
    let files: Vec<&str> = contents.keys().map(String::as_str).collect();
    assert_eq!(
        files,
        [
            MANIFEST,
            "copy-0/acme__infra/main.tf",
            "copy-0/acme__infra/modules/kms/vars.tfvars",
            "copy-1/acme__infra/main.tf",
            "copy-1/acme__infra/modules/kms/vars.tfvars",
        ]
    );
    assert_eq!(
        contents["copy-1/acme__infra/main.tf"],
        b"locals { a = 1 }\n"
    );
    assert_eq!((manifest.files, manifest.bytes), (4, 2 * (17 + 6)));
    assert!(!manifest.planted);
    assert_eq!(Manifest::read(&out).expect("manifest"), manifest);

    let missing = tfkms_bench::realtree::parse_repo_list("acme/other 0123\n").expect("list");
    let err = tfkms_bench::realtree::build(
        &tmp.path().join("tree2"),
        &missing,
        &tmp.path().join("git"),
        1,
    )
    .unwrap_err();
    assert!(
        err.starts_with("acme/other: no git directory under "),
        "{err}"
    );
}
