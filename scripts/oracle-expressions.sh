#!/usr/bin/env bash
# Re-derives the expected results in testdata/expressions/cases.txt from the
# real Terraform: every expression (one line, or a heredoc from its `<<` line
# to the `=>`) becomes `output "oNNNN" { value = jsonencode(EXPR) }` in one
# configuration (the files of
# testdata/expressions/files beside it, so path.module finds them), which is
# applied without providers; an expression Terraform rejects is recorded as
# `!error`. Cases after the `# tfkms-only` marker (hostile input, impure
# functions) are tfkms's own expectations and are never sent to Terraform.
#
# Tests never need Terraform: they read the committed expectations. Run this
# after adding cases (with `=> ?`) or when Terraform's behaviour changes.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cases="$root/testdata/expressions/cases.txt"

if ! command -v terraform >/dev/null 2>&1; then
    echo "oracle-expressions: SKIPPED: terraform is not on the PATH; expectations left as they are." >&2
    exit 0
fi
command -v python3 >/dev/null 2>&1 || { echo "oracle-expressions: python3 is required" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tfkms-oracle-expr.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

python3 - "$cases" "$root/testdata/expressions/files" "$work" <<'PY'
import json, os, re, shutil, subprocess, sys

cases_path, files_dir, work = sys.argv[1:4]
lines = open(cases_path, encoding="utf-8").read().split("\n")

# (index of the expression's first line, index of its `=>` line) for
# oracle cases. A heredoc (a line starting with `<<`) runs to the `=>`.
cases = []
opened = None
for i, line in enumerate(lines):
    if line.startswith("# tfkms-only"):
        break
    if line.startswith("<<") and opened is None:
        opened = i
    if line.startswith("=>") and i > 0:
        cases.append((i - 1 if opened is None else opened, i))
        opened = None

def run(exprs, d):
    """Applies the expressions in directory d; returns (outputs, failed names, stderr)."""
    shutil.copytree(files_dir, d, dirs_exist_ok=True)
    with open(os.path.join(d, "main.tf"), "w", encoding="utf-8") as f:
        for name, expr in exprs:
            f.write(f'output "{name}" {{\n  value = jsonencode(\n{expr}\n)\n}}\n')
    def tf(*args):
        return subprocess.run(["terraform", *args], cwd=d, capture_output=True, text=True)
    r = tf("init", "-input=false")
    if r.returncode != 0:
        sys.exit("terraform init failed:\n" + r.stderr)
    r = tf("apply", "-auto-approve", "-input=false", "-no-color")
    if r.returncode == 0:
        out = json.loads(tf("output", "-json").stdout or "{}")
        return {k: v["value"] for k, v in out.items()}, set(), ""
    failed = set(re.findall(r'in output "(o\d+)"', r.stderr))
    return None, failed, r.stderr

pending = {
    f"o{n:04d}": lines[e].strip() if a == e + 1 else "\n".join(lines[e:a])
    for n, (e, a) in enumerate(cases)
}
results = {}
attempt = 0
while pending:
    attempt += 1
    d = os.path.join(work, f"batch{attempt}")
    os.makedirs(d)
    outputs, failed, err = run(sorted(pending.items()), d)
    if outputs is not None:
        results.update(outputs)
        break
    if not failed:
        # An error Terraform did not tie to an output: one directory each.
        for name, expr in sorted(pending.items()):
            d1 = os.path.join(work, name)
            os.makedirs(d1)
            o, f1, _ = run([(name, expr)], d1)
            results[name] = o[name] if o is not None else None
        break
    for name in failed:
        results[name] = None
        pending.pop(name, None)

changed = 0
for n, (e, a) in enumerate(cases):
    name = f"o{n:04d}"
    value = results.get(name)
    new = "=> !error" if value is None else "=> " + value
    if "\n" in new:
        sys.exit(f"line {a}: the result has a raw newline; cannot store it")
    if lines[a] != new:
        changed += 1
        lines[a] = new

open(cases_path, "w", encoding="utf-8").write("\n".join(lines))
print(f"oracle-expressions: {len(cases)} cases from {subprocess.run(['terraform', 'version'], capture_output=True, text=True).stdout.splitlines()[0]}; {changed} expectations changed")
PY
