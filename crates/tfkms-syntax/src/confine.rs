//! Touching nothing outside the scanned roots, and reading only regular
//! files.
//!
//! A path is resolved one component at a time. A component inside a root is
//! examined (`lstat`, `readlink`); a component that would lie outside every
//! root is refused before any system call names it, so a link to
//! `/proc/self/environ` or `/dev/zero` is never even `stat`ed. Reading opens
//! only what `stat` calls a regular file, without blocking (a FIFO swapped
//! in after the check fails the second check instead of hanging), and never
//! more than the size cap.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Component, Path, PathBuf};

/// How many symbolic links one path may pass through, as Linux allows.
const MAX_LINK_HOPS: usize = 40;

/// Canonical directories: everything tfkms reads lies under one of them.
#[derive(Clone, Debug, Default)]
pub struct Roots {
    canonical: Vec<PathBuf>,
}

/// Why a path was not followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The path, or a link on the way, names `target`, outside every root.
    Outside {
        target: PathBuf,
    },
    /// More links than [`MAX_LINK_HOPS`]: a loop.
    Loop,
    /// A component does not exist (a broken link when one was followed).
    Missing {
        through_link: bool,
    },
    Io(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Outside { target } => write!(
                f,
                "leads to {}, which leaves the scanned roots; not followed",
                target.display()
            ),
            Refusal::Loop => f.write_str("symbolic link loop: too many links to follow"),
            Refusal::Missing { through_link: true } => {
                f.write_str("broken symbolic link: no such file or directory")
            }
            Refusal::Missing {
                through_link: false,
            } => f.write_str("no such file or directory"),
            Refusal::Io(why) => f.write_str(why),
        }
    }
}

impl Roots {
    /// `canonical` must already be canonical (as `std::fs::canonicalize`
    /// returns them).
    pub fn new(canonical: Vec<PathBuf>) -> Roots {
        Roots { canonical }
    }

    pub fn canonical(&self) -> &[PathBuf] {
        &self.canonical
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.canonical.iter().any(|r| path.starts_with(r))
    }

    /// A directory on the way to a root: canonical already, so nothing
    /// needs to be asked about it.
    fn leads_to_a_root(&self, path: &Path) -> bool {
        self.canonical.iter().any(|r| r.starts_with(path))
    }

    /// The real path `path` names (absolute, or relative to the working
    /// directory), every link on the way followed and checked.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            let cwd = std::env::current_dir().map_err(|e| Refusal::Io(io_message(&e)))?;
            cwd.join(path)
        };
        let mut pending: VecDeque<OsString> = VecDeque::new();
        push_components(&mut pending, &abs, false);
        let mut resolved = PathBuf::from("/");
        let mut hops = 0;
        while let Some(part) = pending.pop_front() {
            if part == ".." {
                // `resolved` holds no link, so `..` is its parent.
                resolved.pop();
                continue;
            }
            let next = resolved.join(&part);
            if self.leads_to_a_root(&next) {
                resolved = next;
                continue;
            }
            if !self.contains(&next) {
                let mut target = next;
                target.extend(pending.iter());
                return Err(Refusal::Outside {
                    target: lexical(&target),
                });
            }
            let meta = match std::fs::symlink_metadata(&next) {
                Ok(m) => m,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(Refusal::Missing {
                        through_link: hops > 0,
                    });
                }
                Err(e) => return Err(Refusal::Io(io_message(&e))),
            };
            if !meta.file_type().is_symlink() {
                resolved = next;
                continue;
            }
            hops += 1;
            if hops > MAX_LINK_HOPS {
                return Err(Refusal::Loop);
            }
            let target = std::fs::read_link(&next).map_err(|e| Refusal::Io(io_message(&e)))?;
            if target.is_absolute() {
                resolved = PathBuf::from("/");
            }
            push_components(&mut pending, &target, true);
        }
        // A directory above the roots may be passed through, never named.
        if !self.contains(&resolved) {
            return Err(Refusal::Outside { target: resolved });
        }
        Ok(resolved)
    }
}

/// Queues the components of `path`, at the front when they replace a link.
fn push_components(pending: &mut VecDeque<OsString>, path: &Path, front: bool) {
    let parts: Vec<OsString> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_os_string()),
            Component::ParentDir => Some("..".into()),
            _ => None,
        })
        .collect();
    if front {
        for p in parts.into_iter().rev() {
            pending.push_front(p);
        }
    } else {
        pending.extend(parts);
    }
}

/// `path` with `.` and `..` applied to the text alone: only for naming a
/// refused target, never for deciding anything.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    out
}

/// What a file that is not a regular file is, for messages.
pub fn kind_of(t: std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a file"
    }
}

/// Why a file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadRefusal {
    /// Not a regular file; says what it is.
    NotRegular(&'static str),
    TooLarge {
        size: u64,
        cap: u64,
    },
    Io(String),
}

impl std::fmt::Display for ReadRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadRefusal::NotRegular(what) => write!(
                f,
                "not a regular file ({what}); tfkms reads only regular files"
            ),
            ReadRefusal::TooLarge { size, cap } => {
                write!(f, "the file is {size} bytes, over the {cap} byte limit")
            }
            ReadRefusal::Io(why) => f.write_str(why),
        }
    }
}

/// Reads `path` when it is a regular file of at most `cap` bytes. The path
/// must have been confined already (by discovery or [`Roots::resolve`]):
/// a link in it is followed.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadRefusal> {
    let io = |e: std::io::Error| ReadRefusal::Io(io_message(&e));
    let meta = std::fs::metadata(path).map_err(io)?;
    check_regular(&meta, cap)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(io)?;
    // The file may have been replaced since the first look.
    check_regular(&file.metadata().map_err(io)?, cap)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(ReadRefusal::TooLarge {
            size: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}

fn check_regular(meta: &std::fs::Metadata, cap: u64) -> Result<(), ReadRefusal> {
    if !meta.is_file() {
        return Err(ReadRefusal::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > cap {
        return Err(ReadRefusal::TooLarge {
            size: meta.len(),
            cap,
        });
    }
    Ok(())
}

pub fn io_message(e: &std::io::Error) -> String {
    crate::discover::io_message(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots_at(dir: &Path) -> (PathBuf, Roots) {
        let root = dir.join("root");
        std::fs::create_dir_all(&root).unwrap();
        let root = root.canonicalize().unwrap();
        (root.clone(), Roots::new(vec![root]))
    }

    #[test]
    fn links_inside_are_followed_and_links_out_are_refused_unread() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, roots) = roots_at(tmp.path());
        std::fs::write(root.join("real.tf"), "").unwrap();
        std::os::unix::fs::symlink("real.tf", root.join("in.tf")).unwrap();
        std::os::unix::fs::symlink("../elsewhere/x.tf", root.join("out.tf")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("zero.tf")).unwrap();
        assert_eq!(roots.resolve(&root.join("in.tf")), Ok(root.join("real.tf")));
        let outside = tmp.path().canonicalize().unwrap().join("elsewhere/x.tf");
        assert_eq!(
            roots.resolve(&root.join("out.tf")),
            Err(Refusal::Outside { target: outside })
        );
        assert_eq!(
            roots.resolve(&root.join("zero.tf")),
            Err(Refusal::Outside {
                target: "/dev/zero".into()
            })
        );
    }

    #[test]
    fn dot_dots_through_a_root_and_back_stay_inside() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, roots) = roots_at(tmp.path());
        std::fs::write(root.join("a.tf"), "").unwrap();
        let back = root.join("../root/a.tf");
        assert_eq!(roots.resolve(&back), Ok(root.join("a.tf")));
        std::os::unix::fs::symlink("/", root.join("slash")).unwrap();
        assert_eq!(
            roots.resolve(&root.join("slash")),
            Err(Refusal::Outside { target: "/".into() })
        );
    }

    #[test]
    fn loops_and_broken_links_are_named() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, roots) = roots_at(tmp.path());
        std::os::unix::fs::symlink("a.tf", root.join("a.tf")).unwrap();
        std::os::unix::fs::symlink("gone.tf", root.join("b.tf")).unwrap();
        assert_eq!(roots.resolve(&root.join("a.tf")), Err(Refusal::Loop));
        assert_eq!(
            roots.resolve(&root.join("b.tf")),
            Err(Refusal::Missing { through_link: true })
        );
    }

    #[test]
    fn only_regular_files_are_read_and_never_past_the_cap() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("p");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(
            read_regular(&fifo, 10),
            Err(ReadRefusal::NotRegular("a FIFO"))
        );
        assert_eq!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadRefusal::NotRegular("a character device"))
        );
        let big = tmp.path().join("big");
        std::fs::write(&big, "0123456789a").unwrap();
        assert_eq!(
            read_regular(&big, 10),
            Err(ReadRefusal::TooLarge { size: 11, cap: 10 })
        );
        assert_eq!(read_regular(&big, 11).unwrap().len(), 11);
    }
}
