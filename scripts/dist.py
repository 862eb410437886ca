#!/usr/bin/env python3
"""Builds what a tfkms release ships, for one target; the release workflow
and scripts/dist-check.sh run the same commands.

    scripts/dist.py build TARGET [--out DIR]
        The wheel (maturin, `bindings = "bin"`, profile `dist`) and, from
        the same build, the release archive tfkms-TARGET.tar.gz (.zip on
        Windows) with its .sha256, all in DIR (default target/release-assets).
    scripts/dist.py sums DIR
        DIR/SHA256SUMS over every file in DIR.

One maturin build per target gives both: the wheel holds the binary cargo
left in target/TARGET/dist/. Linux targets build with zig as the linker
(static musl, any Linux; aarch64 from an x86_64 runner), which maturin
drives itself; the wheel is tagged manylinux2014 and musllinux_1_2, both
true of a static binary.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATE = ROOT / "crates" / "tfkms"
TARGETS = {
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
}
# Shipped beside the binary in each archive.
DOCUMENTS = ["README.md", "LICENSE-MIT", "LICENSE-APACHE"]


def maturin_command(target: str, wheels: Path) -> list:
    cmd = ["maturin", "build", "--locked", "--target", target, "--out", str(wheels)]
    if "-linux-" in target:
        cmd += ["--zig", "--compatibility", "manylinux2014", "musllinux_1_2"]
    return cmd


def built_binary(target: str) -> Path:
    target_dir = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    exe = "tfkms.exe" if "windows" in target else "tfkms"
    return target_dir / target / "dist" / exe


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksum(path: Path) -> None:
    # The format `sha256sum -c` and `shasum -a 256 -c` read.
    Path(f"{path}.sha256").write_text(f"{sha256(path)}  {path.name}\n")


def owned_by_nobody(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def archive(target: str, binary: Path, out: Path) -> Path:
    files = [binary] + [ROOT / d for d in DOCUMENTS]
    if "windows" in target:
        path = out / f"tfkms-{target}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for f in files:
                z.write(f, f.name)
    else:
        path = out / f"tfkms-{target}.tar.gz"
        with tarfile.open(path, "w:gz") as t:
            for f in files:
                t.add(f, f.name, filter=owned_by_nobody)
    write_checksum(path)
    return path


def build(target: str, out: Path) -> None:
    if target not in TARGETS:
        sys.exit(f"error: unknown target {target}; one of: {', '.join(sorted(TARGETS))}")
    out.mkdir(parents=True, exist_ok=True)
    cmd = maturin_command(target, out.resolve())
    print("+", " ".join(cmd), flush=True)
    # In the crate's directory, maturin reads the wheel's pyproject.toml,
    # not the pre-commit package at the root.
    subprocess.run(cmd, cwd=CRATE, check=True)
    binary = built_binary(target)
    if not binary.is_file():
        sys.exit(f"error: maturin finished but {binary} does not exist")
    print(f"{binary}: {binary.stat().st_size} bytes")
    print(f"wrote {archive(target, binary, out)}")


def sums(directory: Path) -> None:
    names = sorted(
        p.name for p in directory.iterdir()
        if p.is_file() and p.name != "SHA256SUMS" and not p.name.endswith(".sha256")
    )
    lines = [f"{sha256(directory / n)}  {n}\n" for n in names]
    (directory / "SHA256SUMS").write_text("".join(lines))
    print(f"wrote {directory / 'SHA256SUMS'} ({len(lines)} files)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the wheel and the archive for a target")
    b.add_argument("target")
    b.add_argument("--out", type=Path, default=ROOT / "target" / "release-assets")
    s = sub.add_parser("sums", help="write SHA256SUMS for a directory")
    s.add_argument("directory", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        build(args.target, args.out)
    else:
        sums(args.directory)


if __name__ == "__main__":
    main()
