//! Names the commit tfkms is built from, for `tfkms --version`.
//!
//! The commit comes from, in order: `TFKMS_BUILD_COMMIT` (for builds from a
//! source archive, which has no `.git`), the git checkout this crate is in,
//! or the `.cargo_vcs_info.json` that `cargo package` writes into a
//! published crate. With none of them, the version says the commit is
//! unknown rather than guessing.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Long enough to be unique in any real repository, short enough to read.
const COMMIT_LEN: usize = 12;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=TFKMS_BUILD_COMMIT");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let commit = commit_from_env()
        .or_else(|| commit_from_git(&manifest_dir))
        .or_else(|| commit_from_vcs_info(&manifest_dir));
    let described = match commit {
        Some(sha) => format!("commit {}", &sha[..COMMIT_LEN]),
        None => "commit unknown".to_string(),
    };
    println!("cargo::rustc-env=TFKMS_BUILD_COMMIT_DESCRIBED={described}");
}

fn is_commit_id(text: &str) -> bool {
    text.len() >= COMMIT_LEN && text.bytes().all(|b| b.is_ascii_hexdigit())
}

fn commit_from_env() -> Option<String> {
    let sha = std::env::var("TFKMS_BUILD_COMMIT").ok()?;
    let sha = sha.trim().to_ascii_lowercase();
    if is_commit_id(&sha) {
        Some(sha)
    } else {
        println!("cargo::warning=TFKMS_BUILD_COMMIT is not a commit id: {sha:?}");
        None
    }
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Only the checkout that holds this crate's own source counts: a crate
/// unpacked from a registry inside some unrelated repository must not take
/// that repository's commit.
fn commit_from_git(manifest_dir: &Path) -> Option<String> {
    let top = PathBuf::from(git(manifest_dir, &["rev-parse", "--show-toplevel"])?);
    let own = top.join("crates/tfkms").canonicalize().ok()?;
    if own != manifest_dir.canonicalize().ok()? {
        return None;
    }
    rerun_when_head_moves(manifest_dir);
    let sha = git(manifest_dir, &["rev-parse", "HEAD"])?;
    is_commit_id(&sha).then_some(sha)
}

/// HEAD names a branch whose ref file (or packed-refs) moves on commit;
/// a detached HEAD holds the commit itself.
fn rerun_when_head_moves(manifest_dir: &Path) {
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(manifest_dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(manifest_dir, &["rev-parse", "--git-path", &name]) {
            let path = manifest_dir.join(path);
            // A watched path that does not exist makes cargo rebuild every time.
            if path.exists() {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
    }
}

/// `{"git": {"sha1": "..."}, "path_in_vcs": "crates/tfkms"}`, as cargo
/// writes it; the id is the only 40-digit hex string in it.
fn commit_from_vcs_info(manifest_dir: &Path) -> Option<String> {
    let path = manifest_dir.join(".cargo_vcs_info.json");
    let text = std::fs::read_to_string(&path).ok()?;
    println!("cargo::rerun-if-changed={}", path.display());
    let start = text.find("\"sha1\"")?;
    text[start + "\"sha1\"".len()..]
        .split('"')
        .find(|part| part.len() == 40 && is_commit_id(part))
        .map(str::to_string)
}
