#!/usr/bin/env bash
# A real Emacs LSP client against `tfkms lsp`: Emacs in batch mode with
# eglot (built in from Emacs 29; Debian 12 has Emacs 28.2 and the
# elpa-eglot package) and the configuration of docs/editors.md, word for
# word. Two checks, each reading the buffer's flymake diagnostics:
#   1. a file with an alias ARN in `Resource` shows TFKMS001 at its place;
#   2. with `:initializationOptions (:varFiles [...])` in the server contact,
#      the alias ARN set in that var file shows TFKMS001 in the var file.
# terraform-mode is not in Debian: when it is not installed, a stand-in
# major mode of that name takes .tf and .tfvars files, as terraform-mode does.
#
#   scripts/emacs-lsp-check.sh [path/to/tfkms]
set -euo pipefail
cd "$(dirname "$0")/.."
tfkms=${1:-}
if [ -z "$tfkms" ]; then
  cargo build --quiet -p tfkms
  tfkms=$PWD/target/debug/tfkms
fi
command -v emacs >/dev/null || { echo "error: emacs not found (apt-get install emacs-nox elpa-eglot)" >&2; exit 2; }
# The documented contact is ("tfkms" "lsp"): the binary is found on PATH.
bin=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$work" "$bin"' EXIT
ln -s "$(realpath "$tfkms")" "$bin/tfkms"
export PATH=$bin:$PATH

mkdir -p "$work/stack" "$work/vars/env"
cat > "$work/stack/main.tf" <<'TF'
data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:us-east-1:111122223333:alias/app"]
  }
}
TF
cat > "$work/vars/main.tf" <<'TF'
variable "key_arn" {
  type = string
}

data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.key_arn]
  }
}
TF
echo 'key_arn = "arn:aws:kms:us-east-1:111122223333:alias/app"' > "$work/vars/env/prod.tfvars"
# Each directory is a project of its own, as a repository would be.
git -C "$work/stack" init -q
git -C "$work/vars" init -q

cat > "$work/common.el" <<'EL'
(require 'eglot)
(unless (require 'terraform-mode nil t)
  (define-derived-mode terraform-mode prog-mode "Terraform")
  (add-to-list 'auto-mode-alist '("\\.tf\\(vars\\)?\\'" . terraform-mode)))

(defun tfkms-check-diagnostics (file)
  "Visit FILE, wait up to 30 s for its flymake diagnostics, print them."
  (with-current-buffer (find-file file)
    ;; Interactively, flymake checks a newly shown buffer after the next
    ;; command; batch mode runs no command loop, so start it here.
    (flymake-start)
    (let ((deadline (+ (float-time) 30)))
      (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
        (accept-process-output nil 0.1)))
    (dolist (d (flymake-diagnostics))
      (let ((beg (flymake-diagnostic-beg d)))
        (princ (format "%s %s %d:%d %s\n" (file-name-nondirectory file)
                       (flymake-diagnostic-type d)
                       (line-number-at-pos beg)
                       (save-excursion (goto-char beg) (1+ (current-column)))
                       (car (split-string (flymake-diagnostic-text d) "\n"))))))))

(defun tfkms-start-eglot (file)
  "Visit FILE and connect eglot as `M-x eglot' does."
  (with-current-buffer (find-file file)
    (call-interactively #'eglot)))
EL

# 1. The documented configuration, as is.
cat > "$work/plain.el" <<'EL'
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((terraform-mode hcl-mode) . ("tfkms" "lsp"))))
EL
# 2. The documented initialization options form.
cat > "$work/varfiles.el" <<'EL'
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((terraform-mode hcl-mode)
                 . ("tfkms" "lsp" :initializationOptions (:varFiles ["env/prod.tfvars"])))))
EL

run() { # config.el open.tf check-file
  (cd "$(dirname "$2")" && timeout 90 emacs --batch -q -l "$work/$1" -l "$work/common.el" \
    --eval "(progn (tfkms-start-eglot \"$2\") (tfkms-check-diagnostics \"$3\"))")
}
emacs --version | head -1
emacs --batch -q --eval '(progn (require (quote eglot)) (princ (format "eglot %s\n" (or (ignore-errors (pkg-info-version-info (quote eglot))) (with-temp-buffer (insert-file-contents (locate-library "eglot.el" t)) (require (quote lisp-mnt)) (lm-version))))))'

run plain.el "$work/stack/main.tf" "$work/stack/main.tf" | tee "$work/plain.txt"
# The backquotes are eglot's text, not a command substitution.
# shellcheck disable=SC2016
grep -q '^main.tf eglot-error 4:18 tfkms \[TFKMS001\]: alias ARN in `Resource` grants nothing' "$work/plain.txt" ||
  { echo "FAIL: TFKMS001 at main.tf:4:18 expected from the documented configuration" >&2; exit 1; }

run varfiles.el "$work/vars/main.tf" "$work/vars/env/prod.tfvars" | tee "$work/varfiles.txt"
grep -q '^prod.tfvars eglot-error 1:11 tfkms \[TFKMS001\]' "$work/varfiles.txt" ||
  { echo "FAIL: TFKMS001 at prod.tfvars:1:11 expected with :initializationOptions (:varFiles ...)" >&2; exit 1; }
echo "ok: eglot shows TFKMS001 at main.tf:4:18, and at prod.tfvars:1:11 with varFiles"
