#!/usr/bin/env bash
# Builds the VS Code extension (editors/vscode) from a clean copy of its
# tracked files: `npm ci` from the committed lock file, a strict type check,
# the compile, node's test runner (the settings logic, and the command and
# initialization options it builds given to the real `tfkms lsp`), then a
# `.vsix` packaged by the locked @vscode/vsce and checked for what VS Code
# loads. Any failure fails the script. Needs node 20+ and the npm registry.
#
#   scripts/vscode-check.sh [path/to/tfkms] [--keep DIR]   (DIR gets the .vsix)
set -euo pipefail
tfkms=
keep=
while [ $# -gt 0 ]; do
  case $1 in
    --keep) keep=$(realpath -m "${2:?--keep needs a directory}"); shift 2 ;;
    *) tfkms=$(realpath "$1"); shift ;;
  esac
done
cd "$(dirname "$0")/.."
repo=$PWD
if [ -z "$tfkms" ]; then
  cargo build --quiet -p tfkms
  tfkms=$repo/target/debug/tfkms
fi
command -v npm >/dev/null || { echo "error: npm not found (node 20 or newer)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Only what git would check out: no node_modules/ or out/ left from a
# previous build can hide a missing dependency or a stale file.
git ls-files --cached --others --exclude-standard -z -- editors/vscode |
  xargs -0 cp --parents -t "$work"
ext=$work/editors/vscode
cd "$ext"
npm ci --no-audit --no-fund
npx --no-install tsc -p . --noEmit
npm run --silent compile
TFKMS_BIN=$tfkms npm test
version=$(node -p 'require("./package.json").version')
vsix=$work/tfkms-$version.vsix
npx --no-install vsce package --out "$vsix"

# What VS Code loads from the package: the manifest, the compiled entry
# point, and the client library resolved from the package's own files.
mkdir "$work/unpacked"
(cd "$work/unpacked" && unzip -q "$vsix")
installed=$work/unpacked/extension
for file in package.json out/extension.js out/config.js LICENSE.txt; do
  [ -f "$installed/$file" ] || { echo "FAIL: $file missing from the .vsix" >&2; exit 1; }
done
if [ -e "$installed/out/test" ] || [ -e "$installed/src" ]; then
  echo "FAIL: tests or sources packaged in the .vsix" >&2
  exit 1
fi
(cd "$installed" && node -e 'require.resolve("vscode-languageclient/node")') ||
  { echo "FAIL: vscode-languageclient is not in the .vsix" >&2; exit 1; }
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  cp "$vsix" "$keep/"
  echo "kept $keep/$(basename "$vsix")"
fi
echo "ok: tfkms-$version.vsix ($(du -k "$vsix" | cut -f1) KiB) type-checks, passes its tests and packages"
