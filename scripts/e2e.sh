#!/usr/bin/env bash
# The Playwright suite against the release binary (built by scripts/build.sh): one instance in demo mode (alone
# in an empty folder, empty environment), one in service mode against a standalone simulator whose client
# secret is made for this run. Called by scripts/test.sh; runs alone once the binary is built.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_healthy() { # url pid log
  for _ in $(seq 1 150); do
    curl -fsS "$1/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; echo "a server exited during start-up" >&2; exit 1; }
    sleep 0.2
  done
  echo "$1 did not become healthy" >&2; cat "$3" >&2; exit 1
}
cargo build -q -p halo-sim --bin halo-sim
eval "$(target/debug/halo-sim --print-credentials)"   # SIM_TENANT, SIM_CLIENT_ID, SIM_CLIENT_SECRET (demo's)
scratch=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$scratch"; }
trap cleanup EXIT

# 1. demo mode: the release binary alone in an empty folder with an empty environment but a 2 s read cache
#    (so faults.spec.ts sees older copies shown while HaloPSA fails within seconds; agent sign-in against
#    the built-in simulator)
mkdir -p "$scratch/demo" "$scratch/service"
cp target/release/haloscope "$scratch/demo/"
port=$(free_port)
# Loopback is its trusted proxy: each agent sign-in in the tests says (X-Forwarded-For) it comes from an
# address of its own, as staff on their own machines do, so the per-address sign-in limit (10 at once, then
# one per 6 s) counts each person apart instead of the whole suite as one address.
(cd "$scratch/demo" && exec env -i HALOSCOPE_CACHE_TTL=2 HALOSCOPE_TRUSTED_PROXIES=127.0.0.1 ./haloscope --listen "127.0.0.1:$port" --demo-fault-control >"$scratch/demo.log" 2>&1) &
pids+=($!)
wait_healthy "http://127.0.0.1:$port" "${pids[-1]}" "$scratch/demo.log"

# 2. service mode: a standalone simulator in strict mode (as hosted HaloPSA answers: empty 200s for untyped
#    creates, 1900-01-01 dates, counts as strings, rotated refresh tokens) with a client secret known only
#    to this run, a local account, and a HaloPSA budget of 3000 calls per 5 minutes (bulk work gets half of
#    it after half the burst, so bulk-service-write.spec.ts's 150-client job takes tens of seconds)
secret="e2e-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
password="e2e-pass-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
sim_port=$(free_port)
target/debug/halo-sim --listen "127.0.0.1:$sim_port" --client-secret "$secret" --control --strict >"$scratch/sim.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do
  if curl -s -o /dev/null "http://127.0.0.1:$sim_port/auth/authorize"; then break; fi
  sleep 0.2
done
cp target/release/haloscope "$scratch/service/"
printf '%s\n' "$password" | env -i "$scratch/service/haloscope" --data-dir "$scratch/service/data" user add e2e-user >/dev/null
service_port=$(free_port)
(cd "$scratch/service" && exec env -i HALO_URL="http://127.0.0.1:$sim_port" HALO_TENANT="$SIM_TENANT" HALO_CLIENT_ID="$SIM_CLIENT_ID" \
  HALO_CLIENT_SECRET="$secret" HALO_RATE_LIMIT=3000 HALOSCOPE_DATA_DIR=data HALOSCOPE_AUDIT_LOG=- RUST_LOG=info \
  ./haloscope --listen "127.0.0.1:$service_port" >"$scratch/service.log" 2>&1) &
pids+=($!)
wait_healthy "http://127.0.0.1:$service_port" "${pids[-1]}" "$scratch/service.log"

export HALOSCOPE_URL="http://127.0.0.1:$port" DEMO_LOG="$scratch/demo.log"
export SERVICE_URL="http://127.0.0.1:$service_port" SERVICE_USER=e2e-user SERVICE_PASSWORD="$password"
export SERVICE_SECRET="$secret" SERVICE_SIM_URL="http://127.0.0.1:$sim_port" SERVICE_LOG="$scratch/service.log"
export SIM_TENANT SIM_CLIENT_ID SIM_CLIENT_SECRET
status=0
mkdir -p end2end/.auth   # where auth.setup.ts saves the shared signed-in session
(cd end2end && npx playwright test "$@") || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- demo haloscope log (last 60 lines) ---" >&2
  tail -n 60 "$scratch/demo.log" >&2
  echo "--- service haloscope log (last 40 lines) ---" >&2
  tail -n 40 "$scratch/service.log" >&2
fi
exit "$status"
