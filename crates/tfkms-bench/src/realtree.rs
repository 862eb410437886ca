//! A benchmark tree of real public Terraform: the Terraform files of each
//! repository of a list (`owner/name commit` per line, as
//! `../shared/corpus/repos.txt`), taken from local git directories at the
//! listed commit and copied side by side a number of times. Nothing is
//! fetched: the git directories must already be on the machine, and the
//! files written are for measuring only, never to be committed.

use crate::generate::{MANIFEST, Manifest};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One repository of the list, at one commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repo {
    pub owner: String,
    pub name: String,
    pub commit: String,
}

/// Reads the repository list: `owner/name commit` per line; blank lines
/// and `#` comments are skipped. A malformed line is an error naming it.
pub fn parse_repo_list(text: &str) -> Result<Vec<Repo>, String> {
    let mut repos = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "line {}: expected `owner/name commit`, found `{line}`",
                i + 1
            )
        };
        let mut words = line.split_whitespace();
        let (Some(repo), Some(commit), None) = (words.next(), words.next(), words.next()) else {
            return Err(bad());
        };
        let Some((owner, name)) = repo.split_once('/') else {
            return Err(bad());
        };
        if owner.is_empty() || name.is_empty() || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        repos.push(Repo {
            owner: owner.into(),
            name: name.into(),
            commit: commit.into(),
        });
    }
    Ok(repos)
}

/// Whether a path in a repository is one the corpus takes: Terraform
/// configuration and variable files.
pub fn is_terraform(path: &str) -> bool {
    path.ends_with(".tf") || path.ends_with(".tfvars") || path.ends_with(".tf.json")
}

/// The places a repository's git directory may be under `git_root`, in the
/// layouts people keep clones in: `owner+name/repo` (snapshots),
/// `owner+name`, `owner/name` and `name`, each bare or with a `.git`.
fn git_dir_candidates(git_root: &Path, repo: &Repo) -> Vec<PathBuf> {
    let joined = format!("{}+{}", repo.owner, repo.name);
    let bases = [
        git_root.join(&joined).join("repo"),
        git_root.join(&joined),
        git_root.join(&repo.owner).join(&repo.name),
        git_root.join(&repo.name),
    ];
    bases
        .into_iter()
        .flat_map(|b| [b.join(".git"), b])
        .collect()
}

fn git(git_dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("--git-dir").arg(git_dir);
    c
}

/// The git directory under `git_root` that holds the repository's commit.
fn find_git_dir(git_root: &Path, repo: &Repo) -> Result<PathBuf, String> {
    let wanted = format!("{}^{{commit}}", repo.commit);
    for dir in git_dir_candidates(git_root, repo) {
        if !dir.is_dir() {
            continue;
        }
        let has_commit = git(&dir)
            .args(["cat-file", "-e", &wanted])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if has_commit {
            return Ok(dir);
        }
    }
    Err(format!(
        "{}/{}: no git directory under {} holds commit {} (looked for {}+{}/repo, {}+{}, {}/{}, {})",
        repo.owner,
        repo.name,
        git_root.display(),
        repo.commit,
        repo.owner,
        repo.name,
        repo.owner,
        repo.name,
        repo.owner,
        repo.name,
        repo.name
    ))
}

/// The Terraform files of the commit: path and blob id, in tree order.
fn terraform_blobs(git_dir: &Path, commit: &str) -> Result<Vec<(String, String)>, String> {
    let out = git(git_dir)
        .args(["ls-tree", "-r", "-z", commit])
        .output()
        .map_err(|e| format!("git ls-tree: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git ls-tree {commit} in {}: {}",
            git_dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let mut blobs = Vec::new();
    for entry in out.stdout.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        // `MODE TYPE ID\tPATH`
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let mut meta = meta.split(' ');
        let (Some(_mode), Some("blob"), Some(id)) = (meta.next(), meta.next(), meta.next()) else {
            continue;
        };
        if is_terraform(path) {
            blobs.push((path.to_string(), id.to_string()));
        }
    }
    Ok(blobs)
}

/// The contents of the blobs, in order, through one `git cat-file --batch`.
fn read_blobs(git_dir: &Path, ids: &[&str]) -> Result<Vec<Vec<u8>>, String> {
    let mut child = git(git_dir)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("git cat-file: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("git cat-file: no stdin")?;
    let request: String = ids.iter().map(|id| format!("{id}\n")).collect();
    // Written from another thread: git answers while it reads, and a full
    // pipe on both sides would stall.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut stdout = BufReader::new(child.stdout.take().ok_or("git cat-file: no stdout")?);
    let mut contents = Vec::with_capacity(ids.len());
    for id in ids {
        let mut header = String::new();
        stdout
            .read_line(&mut header)
            .map_err(|e| format!("git cat-file: {e}"))?;
        // `ID blob SIZE`, or `ID missing`.
        let size: usize = match header.split_whitespace().collect::<Vec<_>>().as_slice() {
            [_, "blob", size] => size
                .parse()
                .map_err(|_| format!("git cat-file: {header}"))?,
            _ => {
                return Err(format!(
                    "blob {id}: git cat-file answered `{}`",
                    header.trim()
                ));
            }
        };
        let mut body = vec![0; size + 1];
        stdout
            .read_exact(&mut body)
            .map_err(|e| format!("git cat-file: {e}"))?;
        body.pop();
        contents.push(body);
    }
    writer
        .join()
        .map_err(|_| "git cat-file: writer panicked")?
        .map_err(|e| format!("git cat-file: {e}"))?;
    child.wait().map_err(|e| format!("git cat-file: {e}"))?;
    Ok(contents)
}

/// Writes `copies` copies of every listed repository's Terraform files into
/// `out` (new or empty), as `out/copy-N/OWNER__NAME/PATH`, with a manifest
/// that plants nothing: `run` then reports the findings without checking
/// them against expected counts.
pub fn build(
    out: &Path,
    repos: &[Repo],
    git_root: &Path,
    copies: usize,
) -> Result<Manifest, String> {
    crate::generate::ensure_empty_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut files = 0;
    let mut bytes = 0u64;
    for repo in repos {
        let git_dir = find_git_dir(git_root, repo)?;
        let blobs = terraform_blobs(&git_dir, &repo.commit)?;
        let ids: Vec<&str> = blobs.iter().map(|(_, id)| id.as_str()).collect();
        let contents = read_blobs(&git_dir, &ids)?;
        for copy in 0..copies {
            let base = out
                .join(format!("copy-{copy}"))
                .join(format!("{}__{}", repo.owner, repo.name));
            for ((path, _), content) in blobs.iter().zip(&contents) {
                let target = base.join(path);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                std::fs::write(&target, content)
                    .map_err(|e| format!("{}: {e}", target.display()))?;
                files += 1;
                bytes += content.len() as u64;
            }
        }
    }
    let manifest = Manifest {
        seed: 0,
        files,
        bytes,
        root_modules: 0,
        shared_modules: 0,
        module_calls: 0,
        expected: BTreeMap::new(),
        planted: false,
    };
    manifest
        .write(out)
        .map_err(|e| format!("{}: {e}", out.join(MANIFEST).display()))?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repo_list_lines_are_read_and_bad_ones_named() {
        let text = "# corpus\n\na/b 0123abcd\n  c/d-e.f   89ef  \n";
        let repos = parse_repo_list(text).unwrap();
        assert_eq!(
            repos,
            vec![
                Repo {
                    owner: "a".into(),
                    name: "b".into(),
                    commit: "0123abcd".into()
                },
                Repo {
                    owner: "c".into(),
                    name: "d-e.f".into(),
                    commit: "89ef".into()
                },
            ]
        );
        assert_eq!(
            parse_repo_list("a/b 12\nnoslash 12\n").unwrap_err(),
            "line 2: expected `owner/name commit`, found `noslash 12`"
        );
        assert!(parse_repo_list("a/b\n").is_err());
        assert!(parse_repo_list("a/b main\n").is_err());
        assert!(parse_repo_list("a/b 12 extra\n").is_err());
    }

    #[test]
    fn only_terraform_files_are_taken() {
        assert!(is_terraform("modules/kms/main.tf"));
        assert!(is_terraform("examples/complete/terraform.tfvars"));
        assert!(is_terraform("stack/main.tf.json"));
        assert!(!is_terraform("README.md"));
        assert!(!is_terraform("policy.json"));
        assert!(!is_terraform("main.tf.bak"));
    }
}
