//! The module-call skim against the parser, on every `.tf` and `.tofu` file of the
//! repository's test data: where the skim answers, it must find exactly the
//! literal `source` of every top-level `module` block the parser finds.

use std::path::{Path, PathBuf};
use tfkms_syntax::ast::ExprKind;
use tfkms_syntax::{FileId, FileKind};

fn tf_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("readable test data")
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            tf_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "tf" || e == "tofu") {
            out.push(path);
        }
    }
}

#[test]
fn the_skim_agrees_with_the_parser_on_every_test_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let mut files = Vec::new();
    tf_files(&root, &mut files);
    files.sort();
    let mut compared = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(body) = tfkms_syntax::parse(FileId(0), FileKind::Config, &text) else {
            continue;
        };
        let parsed: Vec<String> = body
            .blocks("module")
            .filter_map(|b| match &b.body.attribute("source")?.expr.kind {
                ExprKind::Template(t) => t.as_literal(),
                _ => None,
            })
            .collect();
        if let Some(skimmed) = tfkms_syntax::calls::module_sources(&text) {
            assert_eq!(skimmed, parsed, "{}", path.display());
            compared += 1;
        } else {
            // Giving up is allowed only where a source is not a plain literal.
            assert!(
                body.blocks("module").count() > parsed.len(),
                "the skim gave up on {}",
                path.display()
            );
        }
    }
    assert!(compared > 50, "only {compared} files compared");
}
