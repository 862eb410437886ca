#!/usr/bin/env bash
# Proves the release path on this machine, with the commands the release
# workflow runs (too slow for .ci/run: two release builds and one more for
# `cargo install`, several minutes each on 2 cores):
#
#   1. the Linux release archives and wheels (scripts/dist.py build);
#      the x86_64 binary is static, stripped, and runs;
#   2. the wheel installs into a fresh virtualenv, with no Rust on PATH,
#      and `tfkms scan` works;
#   3. the tfkms-pypi pre-commit hook, with `pre-commit try-repo`, on a
#      repository with a finding (fails) and one without (passes), pip
#      taking the wheel built in 1 instead of PyPI;
#   4. the crates package and publish (dry run) in dependency order, and
#      `cargo install --locked` works from the packaged crate (a debug
#      build, to save minutes).
#
# Usage: scripts/dist-check.sh [STEP...]   (steps: linux wheel pre-commit crates;
# default all). Needs python3 with maturin and ziglang (pip install maturin
# ziglang), pre-commit, and the Rust targets x86_64- and
# aarch64-unknown-linux-musl. Network: pip fetches setuptools for the
# pre-commit package's build, cargo reads the crates.io index.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
assets="$root/target/release-assets"
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tfkms-dist-check.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(linux wheel pre-commit crates)

say() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# PATH with no cargo or rustc: what a user without Rust has.
rustless_path() {
  local dir out=""
  IFS=: read -ra dirs <<< "$PATH"
  for dir in "${dirs[@]}"; do
    [ -x "$dir/cargo" ] || [ -x "$dir/rustc" ] && continue
    out="${out:+$out:}$dir"
  done
  echo "$out"
}

linux() {
  for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
    say "scripts/dist.py build $target"
    python3 scripts/dist.py build "$target" --out "$assets"
  done
  python3 scripts/dist.py sums "$assets"
  (cd "$assets" && sha256sum -c --quiet ./*.sha256) || fail "a checksum does not match"

  local x86="$root/target/x86_64-unknown-linux-musl/dist/tfkms"
  local arm="$root/target/aarch64-unknown-linux-musl/dist/tfkms"
  say "file / ldd"
  file "$x86" "$arm"
  file "$x86" | grep -q 'x86-64.*static.*stripped' || fail "x86_64 binary is not static and stripped"
  file "$arm" | grep -q 'ARM aarch64.*static.*stripped' || fail "aarch64 binary is not static and stripped"
  # ldd exits 1 on a static binary, saying so.
  { ldd "$x86" 2>&1 || true; } | grep -q 'not a dynamic executable' || fail "ldd finds dynamic libraries"
  ls -l "$x86" "$arm" "$assets"/*.tar.gz

  say "the x86_64 binary, unpacked from its archive"
  mkdir -p "$scratch/unpacked"
  tar xzf "$assets/tfkms-x86_64-unknown-linux-musl.tar.gz" -C "$scratch/unpacked"
  "$scratch/unpacked/tfkms" --version
  local status=0
  "$scratch/unpacked/tfkms" scan examples --color never > "$scratch/scan.txt" || status=$?
  tail -n 1 "$scratch/scan.txt"
  [ "$status" -eq 1 ] || fail "scan of examples exited $status, not 1"
  grep -q '^tfkms: 4 errors, 3 warnings, 0 notes' "$scratch/scan.txt" || fail "unexpected summary"
}

wheel() {
  local whl
  whl=$(ls "$assets"/tfkms-*-py3-none-*x86_64*.whl)
  say "pip install $(basename "$whl") in a fresh virtualenv, no Rust on PATH"
  python3 -m venv "$scratch/venv"
  PATH="$scratch/venv/bin:$(rustless_path)" bash -euo pipefail -c '
    ! command -v cargo && ! command -v rustc
    pip install --quiet --no-index "$1"
    command -v tfkms
    tfkms --version
    status=0
    tfkms scan "$2/examples" --color never > "$3/wheel-scan.txt" || status=$?
    tail -n 1 "$3/wheel-scan.txt"
    [ "$status" -eq 1 ]
  ' _ "$whl" "$root" "$scratch" || fail "the wheel does not install or run"
}

pre_commit() {
  say "pre-commit try-repo with the tfkms-pypi hook"
  [ -z "$(git status --porcelain)" ] || echo "note: uncommitted changes; try-repo uses a shadow copy"
  local links="$scratch/links"
  mkdir -p "$links"
  cp "$assets"/tfkms-*-py3-none-*x86_64*.whl "$links/"
  # The pre-commit package's build backend; pip reads nothing else from
  # an index below.
  python3 -m pip download --quiet --only-binary :all: --dest "$links" 'setuptools>=61'

  mkdir -p "$scratch/with-finding" "$scratch/clean"
  cp examples/payments/*.tf examples/payments/*.tfvars "$scratch/with-finding/"
  cat > "$scratch/clean/main.tf" <<'TF'
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}
TF
  local repo status
  for repo in with-finding clean; do
    git -C "$scratch/$repo" init --quiet
    git -C "$scratch/$repo" add .
    status=0
    (cd "$scratch/$repo" &&
      PATH="$(rustless_path)" PRE_COMMIT_HOME="$scratch/pre-commit-home" \
      PIP_NO_INDEX=1 PIP_FIND_LINKS="$links" \
      pre-commit try-repo "$root" tfkms-pypi --all-files --color never) > "$scratch/$repo.log" 2>&1 || status=$?
    grep -E '^tfkms|^- exit code|^tfkms:' "$scratch/$repo.log" || true
    if [ "$repo" = with-finding ]; then
      [ "$status" -eq 1 ] && grep -q 'TFKMS001' "$scratch/$repo.log" ||
        { cat "$scratch/$repo.log"; fail "the hook did not fail on the findings"; }
    else
      [ "$status" -eq 0 ] || { cat "$scratch/$repo.log"; fail "the hook failed on a clean repository"; }
    fi
    echo "$repo: pre-commit exit status $status"
  done
}

crates() {
  say "cargo publish --workspace --dry-run --locked"
  local status=0
  cargo publish --workspace --dry-run --locked > "$scratch/publish.log" 2>&1 || status=$?
  grep -E '^ +(Packag|Verif|Upload|Finish)|warning|error' "$scratch/publish.log" || true
  [ "$status" -eq 0 ] || { cat "$scratch/publish.log"; fail "cargo publish --dry-run"; }

  say "cargo install --locked from the packaged tfkms crate"
  # The packaged tfkms depends on the other tfkms crates from crates.io,
  # where this version may not be yet: serve them, and every third-party
  # crate, from a directory source, as the registry would.
  local pkg="$root/target/package" vendor="$scratch/vendor" version
  # publish --dry-run verified the packages but keeps no .crate files.
  cargo package --workspace --locked --no-verify --quiet
  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
  cargo vendor --locked --quiet "$vendor" > /dev/null
  for c in tfkms-syntax tfkms-eval tfkms-iam tfkms-access tfkms-rules; do
    tar xzf "$pkg/$c-$version.crate" -C "$vendor"
    printf '{"files":{},"package":"%s"}' "$(sha256sum "$pkg/$c-$version.crate" | cut -d' ' -f1)" \
      > "$vendor/$c-$version/.cargo-checksum.json"
  done
  tar xzf "$pkg/tfkms-$version.crate" -C "$scratch"
  # --debug: what this checks is that the packaged sources and their lock
  # file install; the optimised build of the same sources is step linux's.
  # (It reuses the debug build cargo publish just verified.)
  CARGO_TARGET_DIR="$root/target" cargo install --debug --locked --path "$scratch/tfkms-$version" --root "$scratch/cargo-root" \
    --config 'source.crates-io.replace-with="packaged"' \
    --config "source.packaged.directory=\"$vendor\""
  "$scratch/cargo-root/bin/tfkms" --version
  ls -l "$scratch/cargo-root/bin/tfkms"
  status=0
  "$scratch/cargo-root/bin/tfkms" scan examples --color never > "$scratch/cargo-scan.txt" || status=$?
  tail -n 1 "$scratch/cargo-scan.txt"
  [ "$status" -eq 1 ] || fail "the installed tfkms exited $status on examples"
}

for step in "${steps[@]}"; do
  case "$step" in
    linux) linux ;;
    wheel) wheel ;;
    pre-commit) pre_commit ;;
    crates) crates ;;
    *) fail "unknown step $step" ;;
  esac
done
say "all steps passed: ${steps[*]}"
