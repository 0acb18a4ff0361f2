#!/usr/bin/env bash
# Every test: formatting, clippy (server and wasm sides), cargo tests, the replicas test (Redis and haproxy),
# the release build, and the Playwright suite in Debian's Chromium against the release binary copied alone
# into an empty folder and started with an empty environment. Installs what is missing first
# (scripts/setup.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
step() { printf '\n==> %s\n' "$*" >&2; }

step "setup"
bash scripts/setup.sh test

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (server side: ssr)"
cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
step "cargo clippy (browser side: hydrate, wasm32)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "cargo test"
cargo test --workspace --exclude frontend

step "replicas (redis-server, two haloscope processes, haproxy)"
# the same package selection as the step above, so the features unify the same way and the test binary it
# built is reused (`-p server` alone resolves other features and recompiled the server: ~2 min of CI)
cargo test --workspace --exclude frontend --test replicas -- --ignored

step "release build (without LTO: the same behaviour, minutes sooner)"
HALOSCOPE_LTO=0 bash scripts/build.sh

step "end-to-end (Playwright, Chromium)"
bash scripts/e2e.sh
