#!/usr/bin/env bash
# Installs what podplay's build needs, skipping whatever is already present:
#   the wasm32 Rust target, Trunk, wasm-bindgen-cli (with wasm-bindgen-test-runner) and the
#   npm packages (wasm-opt from `binaryen`, `playwright-core`, `axe-core` for the accessibility
#   audit, and `esbuild` + CodeMirror for the code editor bundle).
# With --test it also installs Debian's Chromium and chromedriver for the browser tests.
# Only crates.io, npm and Debian are used. A fresh machine takes ~25 minutes (Trunk and
# wasm-bindgen-cli are compiled from source).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

TRUNK_VERSION=0.21.14
# Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml and `wasm_bindgen` in Trunk.toml.
WASM_BINDGEN_VERSION=0.2.130

log() { echo "install-tools: $*" >&2; }

# Runs a command as root (directly, or through sudo when available).
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo -n "$@"
  else
    log "need root for: $*"
    return 1
  fi
}

APT_UPDATED=
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -q
    APT_UPDATED=1
  fi
  as_root apt-get install -y -q --no-install-recommends "$@"
}

if ! command -v cargo >/dev/null || ! command -v rustup >/dev/null; then
  log "cargo and rustup are required (install Rust with rustup first)"
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  log "building Trunk $TRUNK_VERSION from crates.io (about 13 minutes)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
  ! command -v wasm-bindgen-test-runner >/dev/null; then
  log "building wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 8 minutes)"
  # Not --locked: its lockfile pins crates that no longer build on current Rust.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  log "installing Node.js and npm from Debian"
  apt_install nodejs npm
fi

# npm packages: reinstall when missing or when package-lock.json is newer than the install.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
  [ ! -x node_modules/.bin/esbuild ] || [ ! -d node_modules/@codemirror/view ] ||
  [ ! -f node_modules/axe-core/axe.min.js ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages (binaryen's wasm-opt, playwright-core, axe-core, esbuild and CodeMirror for the editor)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--test" ]; then
  if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ]; then
    log "installing Chromium and chromedriver from Debian"
    apt_install chromium chromium-driver
  fi
fi

# Fetch crates once, so Trunk and the tests can build --offline.
cargo fetch --quiet
