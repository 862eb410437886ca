//! Finding the Terraform files under the scanned roots.

use crate::parse::FileKind;
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};

#[derive(Clone, Debug)]
pub struct FoundFile {
    pub path: PathBuf,
    /// Relative to the working directory when under it, `/`-separated.
    pub display_path: String,
    pub kind: FileKind,
}

/// Something under a root that could not be walked (a symlink loop, a
/// directory without permission, a link leaving the roots).
#[derive(Clone, Debug)]
pub struct WalkProblem {
    pub display_path: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<FoundFile>,
    pub problems: Vec<WalkProblem>,
}

#[derive(Debug)]
pub enum DiscoverError {
    /// A root given on the command line does not exist or cannot be read.
    Root { path: PathBuf, message: String },
    /// An `--exclude` pattern is not a valid glob.
    Glob { pattern: String, message: String },
}

impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiscoverError::Root { path, message } => write!(f, "{}: {message}", path.display()),
            DiscoverError::Glob { pattern, message } => {
                write!(f, "invalid --exclude pattern `{pattern}`: {message}")
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct DiscoverOptions {
    /// Globs matched against each path relative to its root (and against the
    /// displayed path); `*` does not cross `/`, `**` does.
    pub exclude: Vec<String>,
    /// Globs relative to a directory (a config file's, which may sit above
    /// the roots), matched against the absolute paths under it.
    pub anchored_exclude: Vec<(PathBuf, String)>,
    /// Walk hidden directories too (`.git` and `.terraform` are skipped
    /// regardless).
    pub hidden: bool,
}

/// Directories that never hold configuration to check.
const ALWAYS_SKIPPED: &[&str] = &[".git", ".terraform", ".terragrunt-cache"];

pub fn build_globset(patterns: &[String]) -> Result<GlobSet, DiscoverError> {
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        let glob: Glob = GlobBuilder::new(p)
            .literal_separator(true)
            .build()
            .map_err(|e| DiscoverError::Glob {
                pattern: p.clone(),
                message: e.kind().to_string(),
            })?;
        b.add(glob);
        // `dir` and `dir/` exclude everything below too.
        let below = format!("{}/**", p.trim_end_matches('/'));
        if let Ok(g) = GlobBuilder::new(&below).literal_separator(true).build() {
            b.add(g);
        }
    }
    b.build().map_err(|e| DiscoverError::Glob {
        pattern: patterns.join(", "),
        message: e.to_string(),
    })
}

pub fn discover(roots: &[PathBuf], opts: &DiscoverOptions) -> Result<Discovery, DiscoverError> {
    let exclude = build_globset(&opts.exclude)?;
    let mut anchored: Vec<(PathBuf, GlobSet)> = Vec::new();
    let mut bases: Vec<&PathBuf> = opts.anchored_exclude.iter().map(|(b, _)| b).collect();
    bases.sort();
    bases.dedup();
    for base in bases {
        let patterns: Vec<String> = opts
            .anchored_exclude
            .iter()
            .filter(|(b, _)| b == base)
            .map(|(_, p)| p.clone())
            .collect();
        anchored.push((base.clone(), build_globset(&patterns)?));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut canonical_roots = Vec::new();
    for root in roots {
        let canon = std::fs::canonicalize(root).map_err(|e| DiscoverError::Root {
            path: root.clone(),
            message: io_message(&e),
        })?;
        canonical_roots.push(canon);
    }
    let mut out = Discovery::default();
    for (root, canon_root) in roots.iter().zip(&canonical_roots) {
        let mut walk = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let message = if let Some(ancestor) = e.loop_ancestor() {
                        format!(
                            "symbolic link loop: points back to {}; not followed",
                            display(&cwd, ancestor)
                        )
                    } else if let Some(io) = e.io_error() {
                        format!("cannot read: {}", io_message(io))
                    } else {
                        e.to_string()
                    };
                    out.problems.push(WalkProblem {
                        display_path: display(&cwd, &path),
                        message,
                    });
                    continue;
                }
            };
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap_or(path);
            let name = entry.file_name().to_string_lossy();
            let is_dir = entry.file_type().is_dir();
            if entry.depth() > 0 {
                if is_dir
                    && (ALWAYS_SKIPPED.contains(&name.as_ref())
                        || (!opts.hidden && name.starts_with('.')))
                {
                    walk.skip_current_dir();
                    continue;
                }
                let rel_s = slash_path(rel);
                let abs = canon_root.join(rel);
                let anchored_match = anchored.iter().any(|(base, set)| {
                    abs.strip_prefix(base)
                        .is_ok_and(|r| set.is_match(slash_path(r)))
                });
                if anchored_match
                    || exclude.is_match(&rel_s)
                    || exclude.is_match(display(&cwd, path))
                {
                    if is_dir {
                        walk.skip_current_dir();
                    }
                    continue;
                }
            }
            if entry.path_is_symlink() {
                // Never read outside the scanned roots through a link.
                match std::fs::canonicalize(path) {
                    Ok(target) if canonical_roots.iter().any(|r| target.starts_with(r)) => {}
                    Ok(target) => {
                        out.problems.push(WalkProblem {
                            display_path: display(&cwd, path),
                            message: format!(
                                "symbolic link to {} leaves the scanned roots; not followed",
                                target.display()
                            ),
                        });
                        if is_dir {
                            walk.skip_current_dir();
                        }
                        continue;
                    }
                    Err(e) => {
                        out.problems.push(WalkProblem {
                            display_path: display(&cwd, path),
                            message: format!("broken symbolic link: {}", io_message(&e)),
                        });
                        continue;
                    }
                }
            }
            let _ = canon_root;
            if !entry.file_type().is_file() {
                continue;
            }
            if let Some(kind) = FileKind::from_name(&name) {
                out.files.push(FoundFile {
                    path: path.to_path_buf(),
                    display_path: display(&cwd, path),
                    kind,
                });
            }
        }
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.files.dedup_by(|a, b| a.path == b.path);
    crate::tofu::drop_replaced_by_tofu(&mut out.files);
    Ok(out)
}

/// The normal components of a path joined with `/`, as globs match them.
pub fn slash_path(p: &Path) -> String {
    let mut s = String::new();
    for c in p.components() {
        if let Component::Normal(part) = c {
            if !s.is_empty() {
                s.push('/');
            }
            s.push_str(&part.to_string_lossy());
        }
    }
    s
}

/// The path as shown to users: relative to `cwd` when under it, with `/`.
pub fn display(cwd: &Path, path: &Path) -> String {
    let abs;
    let p = if path.is_absolute() {
        abs = path.to_path_buf();
        abs.strip_prefix(cwd)
            .map(Path::to_path_buf)
            .unwrap_or(abs.clone())
    } else {
        path.to_path_buf()
    };
    let mut s = String::new();
    if p.is_absolute() {
        s.push('/');
    }
    for c in p.components() {
        match c {
            Component::Normal(part) => {
                if !s.is_empty() && !s.ends_with('/') {
                    s.push('/');
                }
                s.push_str(&part.to_string_lossy());
            }
            Component::ParentDir => {
                if !s.is_empty() && !s.ends_with('/') {
                    s.push('/');
                }
                s.push_str("..");
            }
            _ => {}
        }
    }
    if s.is_empty() { ".".into() } else { s }
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s,
            }
        }
    }
}
