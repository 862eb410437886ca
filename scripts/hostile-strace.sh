#!/usr/bin/env bash
# Runs tfkms under strace on every hostile case and fails if it opened,
# stat'ed, read a link or otherwise named a path outside the case's root,
# beyond what any process needs (its loader and libraries, /proc/self,
# the CPU count) and the config lookup's own climb (the root's ancestors and
# their .git, .terraform and .tfkms.toml).
#
# The cases: every directory of testdata/hostile/, and the cases the test
# suite builds at run time (FIFOs, links out of the tree), materialized by
# `cargo test` into a scratch directory through TFKMS_HOSTILE_DIR.
#
#   scripts/hostile-strace.sh [TFKMS_BINARY]     (default: target/debug/tfkms)
#
# CI cannot run strace (no ptrace in its containers); run this by hand.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$repo/target/debug/tfkms}")
if ! command -v strace >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq strace >/dev/null
  else
    echo "hostile-strace: strace is not installed" >&2
    exit 2
  fi
fi
[ -x "$bin" ] || { echo "hostile-strace: no binary at $bin (cargo build -p tfkms)" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "hostile-strace: building the run-time cases in $scratch/built" >&2
TFKMS_HOSTILE_DIR="$scratch/built" cargo test -q -p tfkms --test hostile \
  built_hostile_cases_end_in_located_findings >/dev/null 2>&1 || {
  echo "hostile-strace: the hostile suite failed; run cargo test -p tfkms --test hostile" >&2
  exit 2
}

roots=()
for d in "$repo"/testdata/hostile/*/ "$scratch"/built/*/root/; do
  [ -d "$d" ] && roots+=("${d%/}")
done

failed=0
checked=0
for root in "${roots[@]}"; do
  log="$scratch/trace.log"
  args=()
  if [ -f "$root/args.txt" ]; then
    while IFS= read -r a; do [ -n "$a" ] && args+=("$a"); done < "$root/args.txt"
  fi
  (cd "$root" && timeout 60 strace -f -qq -e trace=%file -o "$log" \
    "$bin" scan . --format json "${args[@]}" >/dev/null 2>&1) || true
  checked=$((checked + 1))
  if ! python3 - "$root" "$bin" "$log" <<'PY'
import os, re, sys
root, binary, log = sys.argv[1], sys.argv[2], sys.argv[3]
real_root = os.path.realpath(root)
# What every process, or this one's runtime, reads: never the user's data.
allowed_prefixes = (
    # the loader and libraries
    "/etc/ld.so.", "/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/",
    # std and rayon: the process's own files, the CPU count and quota
    "/proc/self/", "/sys/devices/system/cpu/", "/sys/fs/cgroup/",
    # mimalloc: NUMA nodes, overcommit and huge-page settings
    "/sys/devices/system/node/", "/proc/sys/vm/overcommit_memory",
    "/sys/kernel/mm/transparent_hugepage/",
)
allowed_exact = {binary, "/proc/self", ""}
ancestors = set()
p = real_root
while True:
    ancestors.add(p)
    parent = os.path.dirname(p)
    if parent == p:
        break
    p = parent
# The config lookup climbs to the repository root (or stops at the root).
markers = {os.path.join(a, m) for a in ancestors for m in (".git", ".terraform", ".tfkms.toml")}

def inside(path):
    for r in (root, real_root):
        if path == r or path.startswith(r.rstrip("/") + "/"):
            return True
    return False

bad = []
for line in open(log, errors="replace"):
    m = re.search(r'^\d+\s+(\w+)\((?:AT_FDCWD, |\d+, )?"((?:[^"\\]|\\.)*)"', line)
    if not m:
        continue
    call, path = m.group(1), m.group(2)
    if path.startswith("/"):
        full = os.path.normpath(path)
    else:
        full = os.path.normpath(os.path.join(root, path)) if path else ""
    if (inside(full) or full in allowed_exact or full in ancestors or full in markers
            or full.startswith(allowed_prefixes)):
        continue
    bad.append(f"  {call}: {path}")
if bad:
    print(f"FAIL {root}")
    print("\n".join(sorted(set(bad))))
    sys.exit(1)
PY
  then
    failed=$((failed + 1))
  fi
done
echo "hostile-strace: $checked cases, $failed touched paths outside their root"
[ "$failed" = 0 ]
