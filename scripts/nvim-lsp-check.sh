#!/usr/bin/env bash
# A real editor's LSP client against `tfkms lsp`: a headless Neovim (Debian's
# `neovim` package, 0.7 or newer) opens a file with an alias ARN in
# `Resource` and must list TFKMS001 in vim.diagnostic.get(), at its place.
#
#   scripts/nvim-lsp-check.sh [path/to/tfkms]
set -euo pipefail
cd "$(dirname "$0")/.."
tfkms=${1:-}
if [ -z "$tfkms" ]; then
  cargo build --quiet -p tfkms
  tfkms=$PWD/target/debug/tfkms
fi
command -v nvim >/dev/null || { echo "error: nvim not found (apt-get install neovim)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/stack"
cat > "$work/stack/main.tf" <<'TF'
data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}
TF
# The client is started by hand, as lspconfig does, so the check runs on
# Neovim 0.7 (Debian 12's) as well as 0.11, whose vim.lsp.config the docs show.
cat > "$work/init.lua" <<LUA
local client = vim.lsp.start_client({ name = 'tfkms', cmd = { '$tfkms', 'lsp' }, root_dir = '$work/stack' })
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.lsp.buf_attach_client(0, client)
    local found = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(out, string.format('%s %d:%d %s', code, d.lnum + 1, d.col + 1, d.source))
    end
    vim.fn.writefile(out, '$work/diagnostics.txt')
    vim.cmd(found and 'qall!' or 'cquit! 1')
  end,
})
LUA
(cd "$work/stack" && timeout 60 nvim --headless --clean -u "$work/init.lua" main.tf) || {
  echo "FAIL: no diagnostics within 30 s" >&2
  exit 1
}
cat "$work/diagnostics.txt"
grep -qx 'TFKMS001 4:18 tfkms' "$work/diagnostics.txt" || { echo "FAIL: TFKMS001 at 4:18 expected" >&2; exit 1; }
echo "ok: Neovim shows TFKMS001 at main.tf:4:18"
