//! What the server asks the client to watch on disk: changes made outside
//! the editor (a `git checkout`, a generator) to the Terraform files, the
//! config, and the other files the evaluation read (`file()` and its kin),
//! which no glob of Terraform names covers and which change as the
//! configuration does.

use super::uri;
use lsp_types::{FileSystemWatcher, GlobPattern, OneOf, RelativePattern};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The files every scan may read, whatever it evaluates.
pub fn scanned_files() -> Vec<FileSystemWatcher> {
    [
        "**/*.{tf,tf.json,tofu,tofu.json,tfvars,tfvars.json}",
        "**/.tfkms.toml",
    ]
    .into_iter()
    .map(|glob| watcher(GlobPattern::String(glob.to_string())))
    .collect()
}

/// One watcher for each file read, and the files that cannot have one. A
/// file is named by its directory and its name where the client takes
/// relative patterns, which need no escaping of the directory; else by its
/// absolute path as a glob. A name with a glob character in it would match
/// other files or none (clients escape differently, if at all): such a file
/// is not watched, and the caller says so.
pub fn read_files(
    reads: &BTreeSet<PathBuf>,
    relative_patterns: bool,
) -> (Vec<FileSystemWatcher>, Vec<&Path>) {
    let mut watchers = Vec::new();
    let mut unwatched = Vec::new();
    for path in reads {
        match read_file(path, relative_patterns) {
            Some(glob) => watchers.push(watcher(glob)),
            None => unwatched.push(path.as_path()),
        }
    }
    (watchers, unwatched)
}

fn read_file(path: &Path, relative_patterns: bool) -> Option<GlobPattern> {
    if relative_patterns {
        let name = path.file_name()?.to_str()?;
        let directory = path.parent()?;
        is_literal(name).then(|| {
            GlobPattern::Relative(RelativePattern {
                base_uri: OneOf::Right(uri::from_path(directory)),
                pattern: name.to_string(),
            })
        })
    } else {
        let path = path.to_str()?;
        is_literal(path).then(|| GlobPattern::String(path.to_string()))
    }
}

/// Whether a glob of this text matches only this text.
fn is_literal(text: &str) -> bool {
    !text.contains(['*', '?', '[', ']', '{', '}'])
}

fn watcher(glob_pattern: GlobPattern) -> FileSystemWatcher {
    FileSystemWatcher {
        glob_pattern,
        kind: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(reads: &[&str], relative_patterns: bool) -> Vec<serde_json::Value> {
        let reads = reads.iter().map(PathBuf::from).collect();
        read_files(&reads, relative_patterns)
            .0
            .into_iter()
            .map(|w| serde_json::to_value(w.glob_pattern).unwrap())
            .collect()
    }

    #[test]
    fn a_read_file_is_named_by_its_directory_or_its_whole_path() {
        let reads = ["/work/a b/policy.json"];
        assert_eq!(
            globs(&reads, true),
            [serde_json::json!({"baseUri": "file:///work/a%20b", "pattern": "policy.json"})]
        );
        assert_eq!(globs(&reads, false), ["/work/a b/policy.json"]);
    }

    #[test]
    fn a_name_a_glob_would_read_otherwise_is_not_watched() {
        let reads = ["/work/policy[1].json", "/work/{x}/p.json", "/work/p?.json"];
        assert_eq!(globs(&reads, false), Vec::<serde_json::Value>::new());
        let set = reads.iter().map(PathBuf::from).collect();
        assert_eq!(read_files(&set, false).1.len(), 3, "each said unwatched");
        // Relative to its directory, only the name is a glob.
        assert_eq!(
            globs(&reads, true),
            [serde_json::json!({"baseUri": "file:///work/%7Bx%7D", "pattern": "p.json"})]
        );
    }
}
