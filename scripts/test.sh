#!/usr/bin/env bash
# Every test: formatting, clippy (server and wasm sides), cargo tests, the release build, and the Playwright
# suite in Debian's Chromium against the release binary copied alone into an empty folder and started with an
# empty environment. Installs what is missing first (scripts/setup.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
step() { printf '\n==> %s\n' "$*" >&2; }

step "setup"
bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (server side: ssr)"
cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
step "cargo clippy (browser side: hydrate, wasm32)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "cargo test"
cargo test --workspace --exclude frontend

step "release build"
bash scripts/build.sh

step "end-to-end (Playwright, Chromium)"
scratch=$(mktemp -d)
cp target/release/haloscope "$scratch/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$scratch" && exec env -i ./haloscope --listen "127.0.0.1:$port" --demo-fault-control >"$scratch/haloscope.log" 2>&1) &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$scratch/haloscope.log" >&2; echo "haloscope exited during start-up" >&2; exit 1; }
  sleep 0.2
done
export HALOSCOPE_URL="http://127.0.0.1:$port"
export SIM_TENANT SIM_CLIENT_ID SIM_CLIENT_SECRET
eval "$(cargo run -q -p halo-sim --bin halo-sim -- --print-credentials)"
status=0
(cd end2end && npx playwright test) || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- haloscope log (last 80 lines) ---" >&2
  tail -n 80 "$scratch/haloscope.log" >&2
fi
exit "$status"
