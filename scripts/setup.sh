#!/usr/bin/env bash
# Installs what Haloscope needs, idempotently; quick when all is there.
#   bash scripts/setup.sh run    the build alone (scripts/run.sh): the wasm target, cargo-leptos 0.3.11, the
#                                wasm-bindgen CLI 0.2.130, npm binaryen@132 (wasm-opt)
#   bash scripts/setup.sh [test] that, and the tests' browser: Debian chromium and end2end's @playwright/test,
#                                and Debian redis-server and haproxy for the replicas test
# See ../shared/toolchain-notes.md for why each step is done this way on this kind of machine.
set -euo pipefail

purpose="${1:-test}"
case "$purpose" in
  run|test) ;;
  *) printf 'usage: bash scripts/setup.sh [run|test]\n' >&2; exit 2 ;;
esac

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
log() { printf '[setup] %s\n' "$*" >&2; }

# 1. the wasm target of the installed stable toolchain (rust-toolchain.toml names it; nothing is downloaded
#    but the target's standard library, which rustup fetches from its registry).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Installs a crate's CLI from its registry source with one dependency pinned down (its lock file
# wants a version that does not build or is missing here). Release profile without fat LTO: the
# tools run for seconds, so a 4x faster install is the better trade.
install_from_source() { # crate version pin-crate pin-version
  local crate=$1 version=$2 pin=$3 pin_version=$4 src scratch
  src=$(find "$cargo_home/registry/src" -maxdepth 2 -type d -name "$crate-$version" 2>/dev/null | head -n1 || true)
  if [ -z "$src" ]; then
    log "fetching $crate $version source through the registry"
    scratch=$(mktemp -d)
    (cd "$scratch" && cargo init -q --name fetch_src && cargo add -q "$crate@=$version" && cargo fetch -q) >/dev/null
    rm -rf "$scratch"
    src=$(find "$cargo_home/registry/src" -maxdepth 2 -type d -name "$crate-$version" | head -n1)
  fi
  scratch=$(mktemp -d)
  cp -r "$src/." "$scratch/"
  log "building $crate $version (pinning $pin to $pin_version)"
  (cd "$scratch"
   [ -f Cargo.lock ] || cargo generate-lockfile -q
   cargo update -q -p "$pin" --precise "$pin_version"
   CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
     cargo install --quiet --path . --locked --force)
  rm -rf "$scratch"
}

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
  install_from_source cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  install_from_source wasm-bindgen-cli "$WASM_BINDGEN_VERSION" webpki-roots 1.0.10
fi

# 2. Debian's chromium for the end-to-end tests (Playwright cannot download its own browser here).
if [ "$purpose" = test ] && ! command -v chromium >/dev/null 2>&1; then
  log "installing Debian chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi

# 2b. Debian's redis-server and haproxy for the replicas test (two haloscope processes on one Redis behind
#     haproxy); the dashboard itself never needs them.
if [ "$purpose" = test ] && { ! command -v redis-server >/dev/null 2>&1 || ! command -v haproxy >/dev/null 2>&1; }; then
  log "installing Debian redis-server and haproxy (replicas test)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends redis-server haproxy >/dev/null
fi

# 3. npm packages pinned in the committed lock files: binaryen@132 (wasm-opt that keeps hydration working)
#    at the root, @playwright/test in end2end/ (tests only).
dirs=("$root")
[ "$purpose" = test ] && dirs+=("$root/end2end")
for dir in "${dirs[@]}"; do
  if [ -f "$dir/package-lock.json" ] && { [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; }; then
    log "npm ci in ${dir#$root/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
if [ "$purpose" = test ]; then
  log "tools ready: $(cargo leptos --version), $(wasm-bindgen --version), $(chromium --version 2>/dev/null | head -n1)"
else
  log "tools ready: $(cargo leptos --version), $(wasm-bindgen --version)"
fi
