//! `docs/rules/` must be exactly what the rule files generate.

use std::path::Path;
use tfkms_rules::docs;

#[test]
fn rule_pages_are_generated_from_the_rule_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let metas = tfkms_rules::all_metas();
    let mut expected: Vec<(String, String)> = metas
        .iter()
        .map(|m| (docs::page_name(m), docs::rule_page(m)))
        .collect();
    expected.push(("README.md".into(), docs::index_page(&metas)));
    if std::env::var_os("TFKMS_UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let on_disk = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    assert!(
        stale.is_empty() && on_disk == expected.len(),
        "docs/rules is stale ({stale:?}, {on_disk} files for {} pages); regenerate with `TFKMS_UPDATE_DOCS=1 cargo test -p tfkms-rules --test docs`",
        expected.len()
    );
}

#[test]
fn every_rule_documents_what_it_does_why_and_an_example() {
    for m in tfkms_rules::all_metas() {
        for section in ["## What it does", "## Why"] {
            assert!(m.docs.contains(section), "{} lacks `{section}`", m.code);
        }
        if m.code != "TFKMS000" {
            assert!(m.docs.contains("## Example"), "{} lacks an example", m.code);
            assert!(m.docs.contains("```hcl"), "{} lacks an HCL example", m.code);
        }
    }
}
