//! Hostile cases git cannot hold well (FIFOs, sockets, links to devices and
//! out of the tree, lines of megabytes), built at run time. Each case gets
//! `DIR/root` to scan, with a `.git` so no config above it applies, and
//! `DIR/outside` beside it holding files that must never be read or shown.

use super::OUTSIDE_SECRET;
use std::path::Path;

pub struct Case {
    pub name: &'static str,
    pub build: Box<dyn Fn(&Path)>,
    /// `expected.txt` syntax (see the runner).
    pub expect: &'static str,
}

const ALIAS: &str = "arn:aws:kms:us-east-1:111122223333:alias/app";

/// A policy document whose only resource is `expr`, on line 4 column 18.
fn policy(expr: &str) -> String {
    format!(
        "data \"aws_iam_policy_document\" \"d\" {{\n  statement {{\n    actions   = [\"kms:Decrypt\"]\n    resources = [{expr}]\n  }}\n}}\n"
    )
}

/// A policy read by a file function: `policy = CALL` on line 2.
fn policy_from(call: &str) -> String {
    format!("resource \"aws_iam_policy\" \"p\" {{\n  policy = {call}\n}}\n")
}

pub fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

pub fn link(root: &Path, rel: &str, target: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, path).unwrap();
}

pub fn fifo(root: &Path, rel: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

pub fn socket(root: &Path, rel: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // The listener is dropped; the socket file stays.
    std::os::unix::net::UnixListener::bind(path).unwrap();
}

/// Lays out a case: `root` with `.git` and a canary policy whose finding,
/// `TFKMS001 canary/canary.tf:4:18`, shows the scan went on past the hostile
/// input; `outside` with secrets.
pub fn prepare(dir: &Path) -> std::path::PathBuf {
    let root = dir.join("root");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    write(&root, "canary/canary.tf", policy(&format!("\"{ALIAS}\"")));
    let outside = dir.join("outside");
    let secret = format!("{OUTSIDE_SECRET} = \"{ALIAS}\"\n[[[ {OUTSIDE_SECRET}\n");
    write(&outside, "secret.tf", policy(&format!("\"{ALIAS}\"")));
    write(&outside, "secret.json", &secret);
    write(&outside, "secret.toml", &secret);
    write(&outside, "mod/main.tf", policy(&format!("\"{ALIAS}\"")));
    write(
        &outside,
        "dotterraform/modules/modules.json",
        r#"{"Modules":[{"Key":"m","Source":"registry.terraform.io/x/y/aws","Dir":".terraform/modules/m"}]}"#,
    );
    write(&outside, "dotterraform/modules/m/main.tf", &secret);
    root
}

macro_rules! case {
    ($name:literal, $expect:expr, |$root:ident| $body:block) => {
        Case {
            name: $name,
            build: Box::new(|$root: &Path| $body),
            expect: $expect,
        }
    };
}

pub fn all() -> Vec<Case> {
    let mut v = Vec::new();
    v.extend(not_regular_files());
    v.extend(links_out_of_the_roots());
    v.extend(file_functions());
    v.extend(installed_modules());
    v.extend(terragrunt());
    v.extend(terragrunt_stacks());
    v.extend(configs());
    v.extend(long_lines());
    v.extend(many_findings());
    v.extend(accepted_as_terraform_does());
    v
}

fn not_regular_files() -> Vec<Case> {
    let refused = |name: &'static str, expect: &'static str, make: fn(&Path)| Case {
        name,
        build: Box::new(make),
        expect,
    };
    vec![
        refused(
            "fifo-named-a.tf",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ not a regular file",
            |r| fifo(r, "a.tf"),
        ),
        refused(
            "fifo-named-tf.json",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf.json:1:1 ~ not a regular file",
            |r| fifo(r, "a.tf.json"),
        ),
        refused(
            "fifo-named-terraform.tfvars",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 terraform.tfvars:1:1 ~ not a regular file",
            |r| fifo(r, "terraform.tfvars"),
        ),
        refused(
            "fifo-named-auto.tfvars.json",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 x.auto.tfvars.json:1:1 ~ not a regular file",
            |r| fifo(r, "x.auto.tfvars.json"),
        ),
        refused(
            "fifo-in-a-subdirectory",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 sub/b.tf:1:1 ~ not a regular file",
            |r| {
                write(r, "sub/a.tf", policy(&format!("\"{ALIAS}\"")));
                fifo(r, "sub/b.tf");
            },
        ),
        refused(
            "socket-named-a.tf",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ not a regular file",
            |r| socket(r, "a.tf"),
        ),
        refused(
            "fifo-in-a-called-module",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 m/b.tf:1:1 ~ not a regular file",
            |r| {
                write(r, "main.tf", "module \"m\" {\n  source = \"./m\"\n}\n");
                write(r, "m/a.tf", "variable \"x\" {\n  default = 1\n}\n");
                fifo(r, "m/b.tf");
            },
        ),
        refused(
            "var-file-is-a-fifo",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 vars/p.tfvars:1:1 ~ not a regular file",
            |r| {
                fifo(r, "vars/p.tfvars");
                write(r, "args.txt", "--var-file\nvars/p.tfvars\n");
            },
        ),
    ]
}

fn links_out_of_the_roots() -> Vec<Case> {
    vec![
        case!(
            "tf-link-to-dev-zero",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, "a.tf", "/dev/zero");
            }
        ),
        case!(
            "tf-link-to-dev-urandom",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, "a.tf", "/dev/urandom");
            }
        ),
        case!(
            "tf-link-to-proc-environ",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, "a.tf", "/proc/self/environ");
            }
        ),
        case!(
            "tfvars-link-to-etc-passwd",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 terraform.tfvars:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, "terraform.tfvars", "/etc/passwd");
            }
        ),
        case!(
            "tf-link-to-a-file-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, "a.tf", "../outside/secret.tf");
            }
        ),
        case!(
            "tf-link-through-dot-dots",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ leaves the scanned roots",
            |r| {
                std::fs::create_dir_all(r.join("sub")).unwrap();
                link(r, "a.tf", "sub/../../outside/secret.tf");
            }
        ),
        case!(
            "tf-link-to-a-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ leaves the scanned roots\nTFKMS000 b.tf:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, "a.tf", "b.tf");
                link(r, "b.tf", "../outside/secret.tf");
            }
        ),
        case!(
            "tf-link-through-a-directory-link",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 d/x.tf:1:1 ~ leaves the scanned roots",
            |r| {
                // Hidden, so the walk reaches it only through `d`.
                std::fs::create_dir_all(r.join(".sub")).unwrap();
                link(r, "d", ".sub");
                link(r, ".sub/x.tf", "../../outside/secret.tf");
            }
        ),
        case!(
            "directory-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 mods:1:1 ~ leaves the scanned roots\n!TFKMS010",
            |r| {
                link(r, "mods", "../outside");
            }
        ),
        case!(
            "directory-link-to-filesystem-root",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 slash:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, "slash", "/");
            }
        ),
        case!(
            "directory-link-to-proc",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 p:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, "p", "/proc/self");
            }
        ),
        case!(
            "link-to-itself",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ symbolic link",
            |r| {
                link(r, "a.tf", "a.tf");
            }
        ),
        case!(
            "two-links-in-a-loop",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 x.tf:1:1 ~ symbolic link\nTFKMS000 y.tf:1:1 ~ symbolic link",
            |r| {
                link(r, "x.tf", "y.tf");
                link(r, "y.tf", "x.tf");
            }
        ),
        case!(
            "directory-link-to-its-parent",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 sub/up:1:1 ~ loop",
            |r| {
                std::fs::create_dir_all(r.join("sub")).unwrap();
                link(r, "sub/up", "..");
            }
        ),
        case!(
            "directory-links-fanning-out-eight-levels",
            "TFKMS001 canary/canary.tf:4:18\n!TFKMS000",
            |r| {
                // Eight links in each of eight levels to the next: followed
                // naively, 8^8 walks.
                for level in 0..8 {
                    std::fs::create_dir_all(r.join(format!("d{level}"))).unwrap();
                    if level == 7 {
                        continue;
                    }
                    for n in 0..8 {
                        link(r, &format!("d{level}/l{n}"), &format!("../d{}", level + 1));
                    }
                }
            }
        ),
        case!(
            "dangling-link",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 a.tf:1:1 ~ broken symbolic link",
            |r| {
                link(r, "a.tf", "nowhere.tf");
            }
        ),
        case!(
            "link-inside-the-root-is-followed",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS001 a.tf:4:18\n!TFKMS000",
            |r| {
                write(r, "real/b.txt", policy(&format!("\"{ALIAS}\"")));
                link(r, "a.tf", "real/b.txt");
            }
        ),
        case!(
            "absolute-link-inside-the-root-is-followed",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS001 a.tf:4:18\n!TFKMS000",
            |r| {
                write(r, "real/b.txt", policy(&format!("\"{ALIAS}\"")));
                let target = r.canonicalize().unwrap().join("real/b.txt");
                link(r, "a.tf", target.to_str().unwrap());
            }
        ),
        case!(
            "module-source-through-a-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 m:1:1 ~ leaves the scanned roots",
            |r| {
                write(r, "main.tf", "module \"m\" {\n  source = \"./m\"\n}\n");
                link(r, "m", "../outside/mod");
            }
        ),
        case!(
            "module-source-outside-the-root",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS010 main.tf:1 ~ leaves the scanned directories",
            |r| {
                write(
                    r,
                    "main.tf",
                    "module \"m\" {\n  source = \"../outside/mod\"\n}\n",
                );
            }
        ),
    ]
}

fn file_functions() -> Vec<Case> {
    vec![
        case!(
            "file-of-a-fifo",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ not a regular file",
            |r| {
                fifo(r, "p.json");
                write(r, "main.tf", policy_from("file(\"${path.module}/p.json\")"));
            }
        ),
        case!(
            "templatefile-of-a-fifo",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ not a regular file",
            |r| {
                fifo(r, "p.tpl");
                write(
                    r,
                    "main.tf",
                    policy_from("templatefile(\"${path.module}/p.tpl\", {})"),
                );
            }
        ),
        case!(
            "filebase64-of-a-fifo",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ not a regular file",
            |r| {
                fifo(r, "p.bin");
                write(
                    r,
                    "main.tf",
                    policy_from("base64decode(filebase64(\"${path.module}/p.bin\"))"),
                );
            }
        ),
        case!(
            "filemd5-of-a-socket",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ not a regular file",
            |r| {
                socket(r, "p.sock");
                write(
                    r,
                    "main.tf",
                    policy_from("filemd5(\"${path.module}/p.sock\")"),
                );
            }
        ),
        case!(
            "file-of-a-link-to-dev-zero",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ leads outside",
            |r| {
                link(r, "p.json", "/dev/zero");
                write(r, "main.tf", policy_from("file(\"${path.module}/p.json\")"));
            }
        ),
        case!(
            "file-of-a-link-to-dev-urandom",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ leads outside",
            |r| {
                link(r, "p.json", "/dev/urandom");
                write(r, "main.tf", policy_from("file(\"${path.module}/p.json\")"));
            }
        ),
        case!(
            "templatefile-of-a-link-to-dev-zero",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ leads outside",
            |r| {
                link(r, "p.tpl", "/dev/zero");
                write(
                    r,
                    "main.tf",
                    policy_from("templatefile(\"${path.module}/p.tpl\", {})"),
                );
            }
        ),
        case!(
            "file-of-dev-zero",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ outside the scanned directories",
            |r| {
                write(r, "main.tf", policy_from("file(\"/dev/zero\")"));
            }
        ),
        case!(
            "file-of-proc-self-environ",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ outside the scanned directories",
            |r| {
                write(r, "main.tf", policy_from("file(\"/proc/self/environ\")"));
            }
        ),
        case!(
            "file-of-a-path-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ outside the scanned directories",
            |r| {
                write(
                    r,
                    "main.tf",
                    policy_from("file(\"${path.module}/../outside/secret.json\")"),
                );
            }
        ),
        case!(
            "file-through-a-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ leads outside",
            |r| {
                link(r, "p.json", "../outside/secret.json");
                write(r, "main.tf", policy_from("file(\"${path.module}/p.json\")"));
            }
        ),
        case!(
            "file-through-a-directory-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ leads outside",
            |r| {
                link(r, "d", "../outside");
                write(
                    r,
                    "main.tf",
                    policy_from("file(\"${path.module}/d/secret.json\")"),
                );
            }
        ),
        case!(
            "file-of-a-directory",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ directory",
            |r| {
                std::fs::create_dir_all(r.join("p.json")).unwrap();
                write(r, "main.tf", policy_from("file(\"${path.module}/p.json\")"));
            }
        ),
        case!(
            "fileexists-outside-is-refused",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS011 main.tf:2 ~ outside the scanned directories",
            |r| {
                write(
                    r,
                    "main.tf",
                    policy_from("fileexists(\"/etc/passwd\") ? \"{}\" : \"{}\""),
                );
            }
        ),
        case!(
            "fileset-through-a-directory-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS010 main.tf:2 ~ leads outside",
            |r| {
                link(r, "d", "../outside");
                write(
                    r,
                    "main.tf",
                    policy_from("jsonencode(fileset(\"${path.module}/d\", \"*\"))"),
                );
            }
        ),
        case!(
            "file-of-a-fifo-in-a-policy-document",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS010 main.tf:4 ~ not a regular file",
            |r| {
                fifo(r, "arn.txt");
                write(r, "main.tf", policy("file(\"${path.module}/arn.txt\")"));
            }
        ),
    ]
}

const MODULE_CALL: &str = "module \"m\" {\n  source = \"x/y/aws\"\n}\n";

/// A Terragrunt unit in `unit/`, deploying its own `main.tf`, with
/// `extra` in its `terragrunt.hcl`.
fn unit(r: &Path, extra: &str) {
    write(r, "unit/main.tf", "output \"o\" {\n  value = 1\n}\n");
    write(r, "unit/terragrunt.hcl", extra);
}

fn terragrunt() -> Vec<Case> {
    vec![
        case!(
            "terragrunt-include-outside-the-root",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 unit/terragrunt.hcl:2 ~ outside the scanned",
            |r| {
                unit(
                    r,
                    "include \"x\" {\n  path = \"../../outside/secret.json\"\n}\n",
                );
            }
        ),
        case!(
            "terragrunt-include-through-a-link-out",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 unit/terragrunt.hcl:2 ~ outside",
            |r| {
                link(r, "root.hcl", "../outside/secret.json");
                unit(r, "include \"x\" {\n  path = \"../root.hcl\"\n}\n");
            }
        ),
        case!(
            "terragrunt-read-config-of-a-fifo",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 unit/terragrunt.hcl:2 ~ not a regular file",
            |r| {
                fifo(r, "unit/env.hcl");
                unit(
                    r,
                    "locals {\n  env = read_terragrunt_config(\"env.hcl\")\n}\n",
                );
            }
        ),
        case!(
            "terragrunt-cache-linked-out",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 unit/.terragrunt-cache ~ leads outside",
            |r| {
                link(r, "unit/.terragrunt-cache", "../../outside");
                unit(
                    r,
                    "terraform {\n  source = \"git::https://example.com/m.git\"\n}\n",
                );
            }
        ),
        case!(
            "terragrunt-find-in-parent-folders-above-the-root",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 unit/terragrunt.hcl:2 ~ inside the scanned directories",
            |r| {
                unit(
                    r,
                    "include \"x\" {\n  path = find_in_parent_folders(\"secret.json\")\n}\n",
                );
            }
        ),
    ]
}

/// Stack files nesting `width` stack blocks per level over `levels`
/// levels, the last generating `width` units each: `width^levels` units
/// from `levels + 1` small files. Each level names the next from the
/// repository root, so the source is found from wherever the stack above
/// generated it.
fn stack_fan_out(r: &Path, width: usize, levels: usize) {
    write(r, "units/u/terragrunt.hcl", "");
    for level in 0..levels {
        let blocks: String = (0..width)
            .map(|i| {
                if level + 1 == levels {
                    format!("unit \"u{i}\" {{\n  source = \"${{get_repo_root()}}/units/u\"\n  path   = \"u{i}\"\n}}\n")
                } else {
                    format!(
                        "stack \"s{i}\" {{\n  source = \"${{get_repo_root()}}/stacks/l{}\"\n  path   = \"s{i}\"\n}}\n",
                        level + 1
                    )
                }
            })
            .collect();
        write(r, &format!("stacks/l{level}/terragrunt.stack.hcl"), blocks);
    }
}

/// A stack in `live/` whose unit's source is `SOURCE`, through
/// `live/linkdir`, a link to the directory outside the root.
fn stack_source_through_a_link_out(r: &Path, source: &str) {
    link(r, "live/linkdir", "../../outside");
    write(
        r,
        "live/terragrunt.stack.hcl",
        format!("unit \"u\" {{\n  source = \"{source}\"\n  path   = \"u\"\n}}\n"),
    );
}

fn terragrunt_stacks() -> Vec<Case> {
    vec![
        // Whether the source exists is decided without following the link
        // out: refused the same whether outside/mod exists or not (were it
        // looked up, the missing one would be taken for a remote source).
        case!(
            "terragrunt-stack-source-through-a-link-out-existing",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 live/terragrunt.stack.hcl:2:12 ~ leaves the scanned roots\n!TFKMS010",
            |r| {
                stack_source_through_a_link_out(r, "linkdir/mod");
            }
        ),
        case!(
            "terragrunt-stack-source-through-a-link-out-missing",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 live/terragrunt.stack.hcl:2:12 ~ leaves the scanned roots\n!TFKMS010",
            |r| {
                stack_source_through_a_link_out(r, "linkdir/missing");
            }
        ),
        case!(
            // 10^8 units asked for. Generated depth first, the 5001st unit or
            // stack is unit "u6" of a copy of the last level (line 25): one
            // note there, and nothing more is generated.
            "terragrunt-stack-fan-out-10-by-8",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS010 stacks/l7/terragrunt.stack.hcl:25:1 ~ more than 5000 units and stacks (`max_generated_units`)",
            |r| {
                stack_fan_out(r, 10, 8);
            }
        ),
    ]
}

fn installed_modules() -> Vec<Case> {
    vec![
        case!(
            "dot-terraform-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform:1:1 ~ leaves the scanned roots",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                link(r, ".terraform", "../outside/dotterraform");
            }
        ),
        case!(
            "modules-json-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform/modules/modules.json:1:1 ~ leaves the scanned roots",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                link(
                    r,
                    ".terraform/modules/modules.json",
                    "../../../outside/dotterraform/modules/modules.json",
                );
            }
        ),
        case!(
            "modules-json-is-a-fifo",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform/modules/modules.json:1:1 ~ not a regular file",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                fifo(r, ".terraform/modules/modules.json");
            }
        ),
        case!(
            "modules-json-link-to-dev-zero",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform/modules/modules.json:1:1 ~ leaves the scanned roots",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                link(r, ".terraform/modules/modules.json", "/dev/zero");
            }
        ),
        case!(
            "modules-json-is-not-json",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform/modules/modules.json:1 ~ manifest",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                write(r, ".terraform/modules/modules.json", "{\"Modules\": [");
            }
        ),
        case!(
            "modules-json-dir-leaves-the-root",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform/modules/modules.json:1 ~ leaves",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                write(
                    r,
                    ".terraform/modules/modules.json",
                    r#"{"Modules":[{"Key":"m","Source":"x/y/aws","Dir":"../outside/mod"}]}"#,
                );
            }
        ),
        case!(
            "installed-module-dir-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform/modules/m:1:1 ~ leaves the scanned roots",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                write(
                    r,
                    ".terraform/modules/modules.json",
                    r#"{"Modules":[{"Key":"m","Source":"x/y/aws","Dir":".terraform/modules/m"}]}"#,
                );
                link(r, ".terraform/modules/m", "../../../outside/mod");
            }
        ),
        case!(
            "installed-module-file-is-a-fifo",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform/modules/m/b.tf:1:1 ~ not a regular file",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                write(
                    r,
                    ".terraform/modules/modules.json",
                    r#"{"Modules":[{"Key":"m","Source":"x/y/aws","Dir":".terraform/modules/m"}]}"#,
                );
                write(
                    r,
                    ".terraform/modules/m/a.tf",
                    "variable \"x\" {\n  default = 1\n}\n",
                );
                fifo(r, ".terraform/modules/m/b.tf");
            }
        ),
        case!(
            "installed-module-file-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .terraform/modules/m/b.tf:1:1 ~ leaves the scanned roots",
            |r| {
                write(r, "main.tf", MODULE_CALL);
                write(
                    r,
                    ".terraform/modules/modules.json",
                    r#"{"Modules":[{"Key":"m","Source":"x/y/aws","Dir":".terraform/modules/m"}]}"#,
                );
                link(
                    r,
                    ".terraform/modules/m/b.tf",
                    "../../../../outside/secret.tf",
                );
            }
        ),
    ]
}

fn configs() -> Vec<Case> {
    vec![
        case!(
            "config-link-outside",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .tfkms.toml:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, ".tfkms.toml", "../outside/secret.toml");
            }
        ),
        case!(
            "config-link-to-proc-environ",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .tfkms.toml:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, ".tfkms.toml", "/proc/self/environ");
            }
        ),
        case!(
            "config-link-to-dev-zero",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .tfkms.toml:1:1 ~ leaves the scanned roots",
            |r| {
                link(r, ".tfkms.toml", "/dev/zero");
            }
        ),
        case!(
            "config-is-a-fifo",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 .tfkms.toml:1:1 ~ not a regular file",
            |r| {
                fifo(r, ".tfkms.toml");
            }
        ),
        case!("config-link-inside-is-used", "!TFKMS001", |r| {
            write(r, "conf/real.toml", "[rules]\nTFKMS001 = \"off\"\n");
            link(r, ".tfkms.toml", "conf/real.toml");
        }),
        case!(
            "config-error-past-column-65535",
            "TFKMS000 .tfkms.toml:1:70012 ~ the scan used the default settings",
            |r| {
                write(
                    r,
                    ".tfkms.toml",
                    format!("exclude = [{}1]\n", " ".repeat(70_000)),
                );
            }
        ),
        case!(
            "config-unknown-rule-past-column-65535",
            "TFKMS000 .tfkms.toml:1 ~ unknown rule",
            |r| {
                write(
                    r,
                    ".tfkms.toml",
                    format!("rules = {{ {}NOPE = \"off\" }}\n", " ".repeat(70_000)),
                );
            }
        ),
        case!(
            "config-planted-in-a-parent-without-git",
            "TFKMS001 canary/canary.tf:4:18",
            |r| {
                // The root's own .git is removed: nothing marks a repository.
                std::fs::remove_dir(r.join(".git")).unwrap();
                write(
                    r.parent().unwrap(),
                    ".tfkms.toml",
                    "[rules]\nTFKMS001 = \"off\"\n",
                );
            }
        ),
        case!(
            "config-planted-above-the-repository",
            "TFKMS001 canary/canary.tf:4:18",
            |r| {
                write(
                    r.parent().unwrap(),
                    ".tfkms.toml",
                    "[rules]\nTFKMS001 = \"off\"\n",
                );
            }
        ),
        case!(
            "config-planted-above-a-terraform-root",
            "TFKMS001 canary/canary.tf:4:18",
            |r| {
                std::fs::remove_dir(r.join(".git")).unwrap();
                std::fs::create_dir_all(r.join(".terraform")).unwrap();
                write(
                    r.parent().unwrap(),
                    ".tfkms.toml",
                    "[rules]\nTFKMS001 = \"off\"\n",
                );
            }
        ),
    ]
}

/// `resources = [` and `pad` spaces, then the alias ARN.
fn long_resources(pad: usize) -> String {
    policy(&format!("{}\"{ALIAS}\"", " ".repeat(pad)))
}

/// One document of `n` statements, each with its own alias ARN: statement
/// `i`'s resource is on line `4 + 4i`, column 18.
fn many_alias_statements(n: usize) -> String {
    let statements: String = (0..n)
        .map(|i| {
            format!(
                "  statement {{\n    actions   = [\"kms:Decrypt\"]\n    resources = [\"arn:aws:kms:us-east-1:111122223333:alias/a{i}\"]\n  }}\n"
            )
        })
        .collect();
    format!("data \"aws_iam_policy_document\" \"d\" {{\n{statements}}}\n")
}

/// Work per finding that grew with the document or the file (each
/// statement's fix looking through every statement, each snippet copying
/// the whole file) made these quadratic: minutes, not seconds.
fn many_findings() -> Vec<Case> {
    vec![case!(
        "one-document-3000-alias-statements",
        "TFKMS001 main.tf:4:18\nTFKMS001 main.tf:12000:18\n!TFKMS000",
        |r| {
            write(r, "main.tf", many_alias_statements(3_000));
        }
    )]
}

fn long_lines() -> Vec<Case> {
    vec![
        case!(
            "alias-arn-past-column-65535",
            "TFKMS001 main.tf:4:70018",
            |r| {
                write(r, "main.tf", long_resources(70_000));
            }
        ),
        case!(
            "alias-arn-at-column-65536",
            "TFKMS001 main.tf:4:65536",
            |r| {
                write(r, "main.tf", long_resources(65_536 - 18));
            }
        ),
        case!(
            "alias-arn-past-column-1000000",
            "TFKMS001 main.tf:4:1000018",
            |r| {
                write(r, "main.tf", long_resources(1_000_000));
            }
        ),
        case!(
            "alias-arn-after-wide-characters",
            "TFKMS001 main.tf:4:70019",
            |r| {
                write(
                    r,
                    "main.tf",
                    policy(&format!("/*{}*/\"{ALIAS}\"", "é".repeat(69_997))),
                );
            }
        ),
        case!(
            "parse-error-past-column-65535",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 main.tf:1",
            |r| {
                write(r, "main.tf", format!("a = [{}}}\n", " ".repeat(70_000)));
            }
        ),
        case!(
            "minified-json-policy-past-column-65535",
            "TFKMS001 main.tf.json:1",
            |r| {
                let pad = " ".repeat(70_000);
                write(
                    r,
                    "main.tf.json",
                    format!(
                        "{{\"data\":{{\"aws_iam_policy_document\":{{\"d\":{{\"statement\":[{{\"actions\":[\"kms:Decrypt\"],{pad}\"resources\":[\"{ALIAS}\"]}}]}}}}}}}}\n"
                    ),
                );
            }
        ),
        case!(
            "heredoc-policy-with-a-long-line",
            "TFKMS001 main.tf:3",
            |r| {
                let pad = " ".repeat(70_000);
                write(
                    r,
                    "main.tf",
                    format!(
                        "resource \"aws_iam_policy\" \"p\" {{\n  policy = <<EOT\n{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",{pad}\"Resource\":\"{ALIAS}\"}}]}}\nEOT\n}}\n"
                    ),
                );
            }
        ),
        case!(
            "tfvars-value-past-column-65535",
            "TFKMS001 terraform.tfvars:1",
            |r| {
                write(
                    r,
                    "main.tf",
                    format!("variable \"arn\" {{}}\n{}", policy("var.arn")),
                );
                write(
                    r,
                    "terraform.tfvars",
                    format!("arn = {}\"{ALIAS}\"\n", " ".repeat(70_000)),
                );
            }
        ),
        case!(
            "not-utf8-past-column-65535",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 main.tf:1:70001 ~ not valid UTF-8",
            |r| {
                let mut bytes = " ".repeat(70_000).into_bytes();
                bytes.extend_from_slice(b"\xff = 1\n");
                write(r, "main.tf", bytes);
            }
        ),
        case!(
            "thirty-megabyte-line-of-list-elements",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 big.tf:1",
            |r| {
                let mut text = String::with_capacity(31 << 20);
                text.push_str("x = [");
                while text.len() < 30 << 20 {
                    text.push_str("1,");
                }
                text.push_str("1]\n");
                write(r, "big.tf", text);
            }
        ),
        case!(
            "file-over-the-size-cap",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 big.tf:1:1 ~ over the",
            |r| {
                let f = std::fs::File::create(r.join("big.tf")).unwrap();
                // Sparse: the size is what is refused, not the bytes.
                f.set_len(40 << 20).unwrap();
            }
        ),
    ]
}

fn accepted_as_terraform_does() -> Vec<Case> {
    vec![
        case!(
            "byte-order-mark-in-tf",
            "TFKMS001 main.tf:4:18\n!TFKMS000",
            |r| {
                write(r, "main.tf", format!("\u{feff}{}", long_resources(0)));
            }
        ),
        case!(
            "byte-order-mark-before-a-comment",
            "TFKMS001 main.tf:5:18\n!TFKMS000",
            |r| {
                write(
                    r,
                    "main.tf",
                    format!("\u{feff}# policies\n{}", long_resources(0)),
                );
            }
        ),
        case!(
            "byte-order-mark-in-tfvars",
            "TFKMS001 terraform.tfvars:1:7\n!TFKMS000",
            |r| {
                write(
                    r,
                    "main.tf",
                    format!("variable \"arn\" {{}}\n{}", policy("var.arn")),
                );
                write(
                    r,
                    "terraform.tfvars",
                    format!("\u{feff}arn = \"{ALIAS}\"\n"),
                );
            }
        ),
        case!(
            "byte-order-mark-with-crlf",
            "TFKMS001 main.tf:4:18\n!TFKMS000",
            |r| {
                write(
                    r,
                    "main.tf",
                    format!("\u{feff}{}", long_resources(0)).replace('\n', "\r\n"),
                );
            }
        ),
        case!(
            "byte-order-mark-in-tf-json-is-an-error",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 main.tf.json:1:1",
            |r| {
                write(r, "main.tf.json", "\u{feff}{\"locals\": {\"a\": 1}}\n");
            }
        ),
        case!(
            "byte-order-mark-mid-file-is-an-error",
            "TFKMS001 canary/canary.tf:4:18\nTFKMS000 main.tf:2",
            |r| {
                write(r, "main.tf", "a = 1\n\u{feff}b = 2\n");
            }
        ),
        case!("number-1e400", "TFKMS001 main.tf:7:18\n!TFKMS000", |r| {
            write(
                r,
                "main.tf",
                format!("locals {{\n  n = 1e400\n}}\n{}", long_resources(0)),
            );
        }),
        case!(
            "number-minus-1.5e+400",
            "TFKMS001 canary/canary.tf:4:18\n!TFKMS000",
            |r| {
                write(r, "main.tf", "locals {\n  n = -1.5e+400\n}\n");
            }
        ),
        case!(
            "number-1e-400",
            "TFKMS001 canary/canary.tf:4:18\n!TFKMS000",
            |r| {
                write(r, "main.tf", "locals {\n  n = 1e-400\n}\n");
            }
        ),
        case!(
            "number-1e400-in-tfvars",
            "TFKMS001 canary/canary.tf:4:18\n!TFKMS000",
            |r| {
                write(r, "main.tf", "variable \"n\" {\n  default = 1\n}\n");
                write(r, "terraform.tfvars", "n = 1e400\n");
            }
        ),
        case!(
            "number-1e400-in-an-alias-arn",
            "TFKMS001 main.tf:4:18\n!TFKMS000",
            |r| {
                write(
                    r,
                    "main.tf",
                    policy(&format!("\"{}\"", ALIAS.replace("app", "${1e400}"))),
                );
            }
        ),
        case!(
            "number-1e400-in-tf-json",
            "TFKMS001 canary/canary.tf:4:18\n!TFKMS000",
            |r| {
                write(r, "main.tf.json", "{\"locals\": {\"n\": 1e400}}\n");
            }
        ),
    ]
}
