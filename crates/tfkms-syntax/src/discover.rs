//! Finding the Terraform files under the scanned roots.

use crate::confine::{Refusal, Roots, kind_of};
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
    /// The scanned roots: nothing outside them is read.
    pub roots: Roots,
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
    let mut walker = Walker {
        opts,
        exclude,
        anchored,
        cwd,
        roots: Roots::new(canonical_roots.clone()),
        canon_root: PathBuf::new(),
        linked: Default::default(),
        out: Discovery::default(),
    };
    for (root, canon_root) in roots.iter().zip(&canonical_roots) {
        walker.canon_root = canon_root.clone();
        walker.walk(root, root, canon_root, 0);
    }
    let mut out = walker.out;
    out.roots = walker.roots;
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.files.dedup_by(|a, b| a.path == b.path);
    crate::tofu::drop_replaced_by_tofu(&mut out.files);
    Ok(out)
}

/// How deep directory links inside the roots may nest: each is walked
/// again under its own name, as the files are reached through it.
const MAX_LINK_NESTING: usize = 8;

struct Walker<'a> {
    opts: &'a DiscoverOptions,
    exclude: GlobSet,
    anchored: Vec<(PathBuf, GlobSet)>,
    cwd: PathBuf,
    roots: Roots,
    /// The root being walked, canonical: anchored excludes match under it.
    canon_root: PathBuf,
    /// Directories already walked through a link.
    linked: std::collections::HashSet<PathBuf>,
    out: Discovery,
}

impl Walker<'_> {
    /// Walks `top` (a root, or a directory link under one) without following
    /// links: each link is resolved by [`Roots::resolve`], which refuses one
    /// leading out before touching its target, and only then followed.
    /// `real_top` is the real directory `top` names.
    fn walk(&mut self, top: &Path, root: &Path, real_top: &Path, nesting: usize) {
        let mut walk = walkdir::WalkDir::new(top)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(top).to_path_buf();
                    let message = match e.io_error() {
                        Some(io) => format!("cannot read: {}", io_message(io)),
                        None => e.to_string(),
                    };
                    self.problem(&path, message);
                    continue;
                }
            };
            let path = entry.path();
            let name = entry.file_name().to_string_lossy();
            let file_type = entry.file_type();
            if entry.depth() == 0 && nesting > 0 {
                // The link itself, checked by the walk that met it.
                continue;
            }
            if entry.depth() > 0 && self.skipped(root, path, &name, file_type) {
                if file_type.is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if file_type.is_symlink() {
                let real_parent = path
                    .parent()
                    .and_then(|p| p.strip_prefix(top).ok())
                    .map(|rel| real_top.join(rel))
                    .unwrap_or_else(|| real_top.to_path_buf());
                self.follow(path, root, &real_parent, nesting);
            } else if file_type.is_file() {
                self.found(path, &name);
            } else if !file_type.is_dir() && FileKind::from_name(&name).is_some() {
                self.not_regular(path, file_type);
            }
        }
    }

    /// Hidden and always-skipped directories (and links named like them,
    /// never followed), and excluded paths.
    fn skipped(&self, root: &Path, path: &Path, name: &str, t: std::fs::FileType) -> bool {
        let dir_like = t.is_dir() || t.is_symlink();
        if dir_like && self.skipped_dir_name(name) {
            return true;
        }
        let rel = path.strip_prefix(root).unwrap_or(path);
        self.excluded(&self.canon_root, rel, path)
    }

    fn skipped_dir_name(&self, name: &str) -> bool {
        ALWAYS_SKIPPED.contains(&name) || (!self.opts.hidden && name.starts_with('.'))
    }

    /// Whether the walk of a root reaches the real directory `target`
    /// without a link: no directory on the way is skipped or excluded.
    fn reached_directly(&self, target: &Path) -> bool {
        self.roots.canonical().iter().any(|root| {
            let Ok(rel) = target.strip_prefix(root) else {
                return false;
            };
            let mut on_the_way = PathBuf::new();
            rel.components().all(|c| {
                on_the_way.push(c);
                let name = c.as_os_str().to_string_lossy();
                !self.skipped_dir_name(&name)
                    && !self.excluded(root, &on_the_way, &root.join(&on_the_way))
            })
        })
    }

    /// Whether `rel`, under the real root `canon_root` and walked as `path`,
    /// matches an exclude pattern.
    fn excluded(&self, canon_root: &Path, rel: &Path, path: &Path) -> bool {
        // Asked for every entry walked: the paths to match are built only
        // when there are patterns (most scans have none).
        let anchored_match = !self.anchored.is_empty() && {
            let abs = canon_root.join(rel);
            self.anchored.iter().any(|(base, set)| {
                abs.strip_prefix(base)
                    .is_ok_and(|r| set.is_match(slash_path(r)))
            })
        };
        anchored_match
            || (!self.exclude.is_empty()
                && (self.exclude.is_match(slash_path(rel))
                    || self.exclude.is_match(display(&self.cwd, path))))
    }

    fn follow(&mut self, link: &Path, root: &Path, real_parent: &Path, nesting: usize) {
        let target = match self.roots.resolve(link) {
            Ok(t) => t,
            Err(r @ Refusal::Outside { .. }) => {
                return self.problem(link, format!("symbolic link {r}"));
            }
            Err(r) => return self.problem(link, r.to_string()),
        };
        let meta = match std::fs::symlink_metadata(&target) {
            Ok(m) => m,
            Err(e) => return self.problem(link, format!("cannot read: {}", io_message(&e))),
        };
        let name = link
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if meta.is_file() {
            self.found(link, &name);
        } else if meta.is_dir() {
            if real_parent.starts_with(&target) {
                let message = format!(
                    "symbolic link loop: points back to {}; not followed",
                    display(&self.cwd, &target)
                );
                self.problem(link, message);
            } else if self.reached_directly(&target) {
                // The walk of a root reaches it under its own name: its
                // files are scanned once, where they are.
            } else if !self.linked.insert(target.clone()) {
                // Walked through another link already: its files are in the
                // scan once, and links fanning out to one directory cannot
                // multiply the walk.
            } else if nesting >= MAX_LINK_NESTING {
                let message = format!(
                    "more than {MAX_LINK_NESTING} directory links nested in one another; not followed"
                );
                self.problem(link, message);
            } else {
                self.walk(link, root, &target, nesting + 1);
            }
        } else if FileKind::from_name(&name).is_some() {
            self.not_regular(link, meta.file_type());
        }
    }

    fn found(&mut self, path: &Path, name: &str) {
        if let Some(kind) = FileKind::from_name(name) {
            self.out.files.push(FoundFile {
                path: path.to_path_buf(),
                display_path: display(&self.cwd, path),
                kind,
            });
        }
    }

    /// A FIFO named `a.tf` is reported, never opened: opening one blocks.
    fn not_regular(&mut self, path: &Path, t: std::fs::FileType) {
        let message = format!(
            "not a regular file ({}); tfkms reads only regular files, so it was not read",
            kind_of(t)
        );
        self.problem(path, message);
    }

    fn problem(&mut self, path: &Path, message: String) {
        self.out.problems.push(WalkProblem {
            display_path: display(&self.cwd, path),
            message,
        });
    }
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
