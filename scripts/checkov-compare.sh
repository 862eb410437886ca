#!/usr/bin/env bash
# Times tfkms and checkov on the same generated Terraform monorepo.
#
#   scripts/checkov-compare.sh [--files N] [--seed S] [--jobs J] [DIR]
#
# Generates DIR (default target/bench-trees/checkov-N-S) with tfkms-bench
# unless it already holds a generated tree, installs checkov from PyPI into a
# virtualenv (CHECKOV_VENV, default target/checkov-venv; CHECKOV_VERSION pins
# it), runs both scanners once over the tree (after one untimed tfkms run to
# warm the page cache), and prints both wall times and their ratio. Checkov
# checks far more than KMS aliases, so the ratio is the cost of a general
# scanner against a focused one, not a like-for-like comparison.
set -euo pipefail

files=1000
seed=1
jobs=""
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) dir="$1"; shift ;;
  esac
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
dir="${dir:-$target/bench-trees/checkov-$files-$seed}"
venv="${CHECKOV_VENV:-$target/checkov-venv}"

(cd "$repo" && cargo build --release --quiet -p tfkms -p tfkms-bench)
tfkms="$target/release/tfkms"
bench="$target/release/tfkms-bench"

if [ ! -f "$dir/.tfkms-bench.json" ]; then
  "$bench" generate "$dir" --files "$files" --seed "$seed"
fi

if [ ! -x "$venv/bin/checkov" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet "checkov${CHECKOV_VERSION:+==$CHECKOV_VERSION}"
fi

now() { date +%s.%N; }
jobs_arg=()
[ -n "$jobs" ] && jobs_arg=(--jobs "$jobs")

"$tfkms" scan "$dir" --format json --fail-on never "${jobs_arg[@]}" > /dev/null
t0=$(now)
"$tfkms" scan "$dir" --format json --fail-on never "${jobs_arg[@]}" > /dev/null
t1=$(now)
# Exit status 1 means failed checks, which the generated tree has plenty of.
# Its log (warnings about unresolved references) goes to a file, not here.
"$venv/bin/checkov" --directory "$dir" --framework terraform --compact --quiet \
  --output json > "$target/checkov-output.json" 2> "$target/checkov-stderr.log" \
  || [ $? -eq 1 ]
t2=$(now)

echo "tree:    $dir ($(grep -o '"files": [0-9]*' "$dir/.tfkms-bench.json" | grep -o '[0-9]*') files)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "tfkms:   $("$tfkms" --version)"
echo "checkov: $("$venv/bin/checkov" --version)"
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
  tf = b - a; ck = c - b;
  printf "tfkms   %8.2f s\ncheckov %8.2f s\nratio   %8.1fx (checkov / tfkms)\n", tf, ck, ck / tf
}'
