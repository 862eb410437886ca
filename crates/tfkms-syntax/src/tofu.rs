//! OpenTofu's file naming rules, which decide which configuration files of a
//! directory make up its module.
//!
//! From <https://opentofu.org/docs/language/files/> ("Extension Precedence")
//! and <https://opentofu.org/docs/language/files/override>: a module is its
//! directory's `.tf`, `.tf.json`, `.tofu` and `.tofu.json` files; when
//! `name.tofu` and `name.tf` are both present only `name.tofu` is loaded, and
//! likewise `name.tofu.json` hides `name.tf.json`. The rule applies to
//! override files too (`x_override.tofu` hides `x_override.tf`). Test files
//! (`.tftest.hcl`, `.tofutest.hcl`) are not configuration.

use crate::discover::FoundFile;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The name without its configuration extension, or `None` when the name is
/// not a configuration file's.
fn config_stem(name: &str) -> Option<&str> {
    [".tf.json", ".tofu.json", ".tf", ".tofu"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
}

/// `override.tf`, `x_override.tofu.json` and the like: merged into the
/// module after its other files.
pub fn is_override_file(name: &str) -> bool {
    config_stem(name).is_some_and(|stem| stem == "override" || stem.ends_with("_override"))
}

/// The OpenTofu file that takes the place of a Terraform file of this path,
/// if it is one (`a/x.tf` → `a/x.tofu`, `a/x.tf.json` → `a/x.tofu.json`).
fn tofu_alternative(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let replacement = if let Some(stem) = name.strip_suffix(".tf.json") {
        format!("{stem}.tofu.json")
    } else {
        format!("{}.tofu", name.strip_suffix(".tf")?)
    };
    Some(path.with_file_name(replacement))
}

/// Drops every `.tf` / `.tf.json` file whose `.tofu` / `.tofu.json`
/// namesake is in the list, as OpenTofu ignores it.
pub fn drop_replaced_by_tofu(files: &mut Vec<FoundFile>) {
    let tofu: HashSet<PathBuf> = files
        .iter()
        .filter(|f| is_tofu_file(&f.path))
        .map(|f| f.path.clone())
        .collect();
    // Most trees have no OpenTofu file: nothing to look up then.
    if tofu.is_empty() {
        return;
    }
    files.retain(|f| tofu_alternative(&f.path).is_none_or(|alt| !tofu.contains(&alt)));
}

fn is_tofu_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".tofu") || n.ends_with(".tofu.json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::FileKind;

    fn found(paths: &[&str]) -> Vec<FoundFile> {
        paths
            .iter()
            .map(|p| FoundFile {
                path: PathBuf::from(p),
                display_path: p.to_string(),
                kind: FileKind::from_name(p).unwrap(),
            })
            .collect()
    }

    fn kept(paths: &[&str]) -> Vec<String> {
        let mut files = found(paths);
        drop_replaced_by_tofu(&mut files);
        files.into_iter().map(|f| f.display_path).collect()
    }

    #[test]
    fn a_tofu_file_hides_its_tf_namesake_in_the_same_directory_only() {
        assert_eq!(
            kept(&["a/main.tf", "a/main.tofu", "a/other.tf", "b/main.tf"]),
            ["a/main.tofu", "a/other.tf", "b/main.tf"]
        );
    }

    #[test]
    fn json_is_hidden_only_by_json() {
        assert_eq!(
            kept(&[
                "main.tf.json",
                "main.tofu",
                "x.tf",
                "x.tf.json",
                "x.tofu.json"
            ]),
            ["main.tf.json", "main.tofu", "x.tf", "x.tofu.json"]
        );
    }

    #[test]
    fn override_files_follow_the_same_rule() {
        assert_eq!(
            kept(&["main_override.tf", "main_override.tofu", "override.tf"]),
            ["main_override.tofu", "override.tf"]
        );
    }

    #[test]
    fn variable_files_are_never_hidden() {
        assert_eq!(
            kept(&["terraform.tfvars", "terraform.tofu"]),
            ["terraform.tfvars", "terraform.tofu"]
        );
    }

    #[test]
    fn override_names_in_every_extension() {
        for name in [
            "override.tf",
            "override.tofu",
            "a_override.tf.json",
            "a_override.tofu.json",
        ] {
            assert!(is_override_file(name), "{name}");
        }
        for name in [
            "main.tofu",
            "overrides.tf",
            "override.tftest.hcl",
            "override.tfvars",
        ] {
            assert!(!is_override_file(name), "{name}");
        }
    }

    #[test]
    fn test_files_are_not_configuration() {
        for name in ["main.tftest.hcl", "main.tofutest.hcl", "main.tftest.json"] {
            assert_eq!(FileKind::from_name(name), None, "{name}");
        }
        assert_eq!(FileKind::from_name("main.tofu"), Some(FileKind::Config));
        assert_eq!(
            FileKind::from_name("main.tofu.json"),
            Some(FileKind::ConfigJson)
        );
    }
}
