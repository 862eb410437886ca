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
