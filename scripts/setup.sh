#!/usr/bin/env bash
# Installs what the build and the tests need; quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  if ! rustup target add wasm32-unknown-unknown; then
    cat >&2 <<'MSG'
setup: `rustup target add wasm32-unknown-unknown` failed.
  Without rustup's target, Debian's rustc-web, cargo-web and rust-web-src build it:
  apt-get install -y rustc-web cargo-web rust-web-src, then
  RUSTC_BOOTSTRAP=1 cargo build -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown
MSG
    exit 1
  fi
fi

# wasm-bindgen's CLI must be exactly the library's version in Cargo.lock.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes once"
  cargo install wasm-bindgen-cli --version "=$want"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dev dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The browser tests (pkg-tests/browser.test.mjs) drive Debian's Chromium.
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing chromium for the browser tests"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
