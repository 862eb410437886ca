#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/parse_hcl corpus/parse_json corpus/scan_text
i=0
for f in ../testdata/scan/*/*.tf ../testdata/render/*/main.tf; do
  cp "$f" "corpus/scan_text/seed$i.tf"
  cp "$f" "corpus/parse_hcl/seed$i.tf"
  i=$((i + 1))
done
for f in ../testdata/render/*/expected.json ../testdata/scan/*/*.tf.json; do
  cp "$f" "corpus/parse_json/seed$i.json"
  i=$((i + 1))
done
