#!/usr/bin/env bash
# Re-derives the expected files of testdata/render/*/ from the real AWS
# provider (see /work/shared/ORACLE.md): for each case it applies main.tf in
# a scratch copy and writes what Terraform printed.
#
#   expected.json / expected.min.json   `terraform output -raw json|minified`
#   expected-error.txt                  the error summary, when the apply fails
#   input.json                          for cases whose source/override
#                                       documents come from other data sources,
#                                       the `input_*` outputs (what Terraform
#                                       passed to the provider) are copied in
#
# Usage: scripts/oracle-render.sh [testdata/render/NN-name ...]
# Needs terraform and jq on PATH and a local provider mirror (TF_PLUGIN_DIR,
# else found under a `tf-plugins` directory). Without them it says so and
# exits 0: the committed files are then the truth the tests read.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v terraform >/dev/null 2>&1; then
    echo "oracle-render: SKIPPED: terraform is not on PATH; expected files left as committed."
    exit 0
fi
if ! command -v jq >/dev/null 2>&1; then
    echo "oracle-render: SKIPPED: jq is not on PATH; expected files left as committed."
    exit 0
fi
plugin_dir=${TF_PLUGIN_DIR:-}
if [[ -z "$plugin_dir" ]]; then
    provider=$(find / -name 'terraform-provider-aws*' -path '*tf-plugins*' 2>/dev/null | head -n 1 || true)
    plugin_dir=${provider%%/registry.terraform.io/*}
fi
if [[ -z "$plugin_dir" || ! -d "$plugin_dir" ]]; then
    echo "oracle-render: SKIPPED: no local AWS provider mirror found (set TF_PLUGIN_DIR); expected files left as committed."
    exit 0
fi

export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

if [[ $# -gt 0 ]]; then
    cases=("$@")
else
    cases=("$repo"/testdata/render/*/)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every case uses the same provider, so one init serves them all.
mkdir "$work/init"
cat >"$work/init/main.tf" <<'EOF'
terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
EOF
(cd "$work/init" && terraform init -input=false -no-color -plugin-dir="$plugin_dir" >/dev/null)
echo "oracle-render: $(terraform version | head -n 1), provider from $plugin_dir"

failed=0
for case_dir in "${cases[@]}"; do
    case_dir=${case_dir%/}
    name=$(basename "$case_dir")
    run="$work/run"
    rm -rf "$run"
    mkdir "$run"
    # The configuration and the files it reads (templates); not the
    # expectations this script writes.
    find "$case_dir" -maxdepth 1 -type f ! -name 'expected*' ! -name input.json -exec cp {} "$run"/ \;
    cp -r "$work/init/.terraform" "$work/init/.terraform.lock.hcl" "$run"/
    # Local modules the case calls live in subdirectories beside main.tf;
    # Terraform must install (record) them before an apply.
    has_modules=0
    for sub in "$case_dir"/*/; do
        if [[ -d "$sub" ]]; then
            cp -r "$sub" "$run"/
            has_modules=1
        fi
    done
    if [[ $has_modules == 1 ]]; then
        (cd "$run" && terraform init -input=false -no-color -plugin-dir="$plugin_dir" >/dev/null)
    fi
    (cd "$run" && terraform apply -auto-approve -input=false -no-color -json >apply.json 2>apply.stderr) || true
    errors=$(jq -r 'select(."@level" == "error") | .diagnostic.summary' "$run/apply.json")
    if [[ -n "$errors" ]]; then
        printf '%s' "$errors" >"$case_dir/expected-error.txt"
        rm -f "$case_dir/expected.json" "$case_dir/expected.min.json"
        echo "$name: error: $errors"
        continue
    fi
    if ! (cd "$run" && terraform output -no-color -raw json >json.out && terraform output -no-color -raw minified >min.out); then
        echo "$name: FAILED: no error reported and no output; see below" >&2
        cat "$run/apply.stderr" >&2
        failed=1
        continue
    fi
    cp "$run/json.out" "$case_dir/expected.json"
    cp "$run/min.out" "$case_dir/expected.min.json"
    rm -f "$case_dir/expected-error.txt"
    # A new case has no input.json yet: the outputs below start it, and a
    # case with statements of its own still needs them written in by hand.
    input=$(cat "$case_dir/input.json" 2>/dev/null || echo '{}')
    for arg in source_policy_documents override_policy_documents; do
        if value=$(cd "$run" && terraform output -no-color -json "input_$arg" 2>/dev/null); then
            if ! jq -n -e --argjson cur "$input" --arg k "$arg" --argjson v "$value" '$cur[$k] == $v' >/dev/null; then
                input=$(jq -n --argjson cur "$input" --arg k "$arg" --argjson v "$value" '$cur | .[$k] = $v')
                printf '%s\n' "$input" >"$case_dir/input.json"
                echo "$name: input.json $arg updated from Terraform"
            fi
        fi
    done
    [[ -f "$case_dir/input.json" ]] || echo "$name: no input.json: write the HclDocument Terraform passes the provider by hand" >&2
    echo "$name: ok"
done
exit "$failed"
