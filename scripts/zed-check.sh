#!/usr/bin/env bash
# Builds the Zed extension (editors/zed) the way Zed's "Install Dev
# Extension" does: a Rust cdylib for WebAssembly. Current Zed (0.205 and
# newer, zed_extension_api 0.7) builds for wasm32-wasip2, older releases for
# wasm32-wasip1; both must build. Then the unit tests of the command
# selection run on the host, and rustfmt and clippy must be clean. Needs
# rustup (to add the targets) and crates.io.
#
#   scripts/zed-check.sh
set -euo pipefail
cd "$(dirname "$0")/../editors/zed"
# Inside the repository's target/, away from the workspace's own builds.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/../../target/editors-zed}
rustup target add wasm32-wasip1 wasm32-wasip2
for target in wasm32-wasip2 wasm32-wasip1; do
  cargo build --locked --release --target "$target"
  wasm=$CARGO_TARGET_DIR/$target/release/zed_tfkms.wasm
  # Every WebAssembly binary, module or component, starts with "\0asm".
  [ "$(head -c 4 "$wasm" | od -An -c | tr -d ' ')" = '\0asm' ] ||
    { echo "FAIL: $wasm is not WebAssembly" >&2; exit 1; }
  echo "built $target: $(du -k "$wasm" | cut -f1) KiB"
done
cargo test --locked
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
echo "ok: the Zed extension builds for wasm32-wasip2 and wasm32-wasip1 and passes its tests"
