#!/usr/bin/env bash
# Where a warm page's CPU goes: `bash bench/profile.sh [PATH] [SECONDS]` (not part of CI; needs `perf`).
#
# Builds haloscope with symbols (`--profile profiling`: the release build, unstripped, line tables only, in
# target/profiling so the release build is left alone; about 10 min the first time), starts it in service
# mode against the simulator on free 127.0.0.1 ports, signs in, warms PATH (default /clients), then samples
# the process with `perf record` while `wrk` asks for PATH for SECONDS (default 6). Prints the hottest
# functions (self time) and the hottest of Haloscope's own and Leptos's functions (with callees), and keeps
# perf.data for `perf report -i`.
#
# Knobs (environment): PROFILE_FREQ (397 samples/s; DWARF call graphs make higher rates slow to report).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
URL_PATH="${1:-/clients}"
SECS="${2:-6}"
FREQ="${PROFILE_FREQ:-397}"
say() { printf '%s\n' "$*" >&2; }
for tool in perf wrk curl python3; do
    command -v "$tool" >/dev/null || { say "profile needs $tool"; exit 1; }
done

# the embedded site must exist: the release build makes it
[[ -d target/site/pkg ]] || bash scripts/build.sh
say "building haloscope with symbols (cargo build --profile profiling)…"
cargo build -q --profile profiling -p server --bin haloscope --features embed
cargo build -q --release -p halo-sim --bin halo-sim
HS_BIN="$root/target/profiling/haloscope"
SIM_BIN="$root/target/release/halo-sim"

work="$(mktemp -d -t haloscope-profile.XXXXXX)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
sim_port="$(free_port)"
hs_port="$(free_port)"
"$SIM_BIN" --listen "127.0.0.1:$sim_port" >"$work/sim.log" 2>&1 &
pids+=($!)
eval "$("$SIM_BIN" --print-credentials)"
password="profile-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
printf '%s\n' "$password" | "$HS_BIN" --data-dir "$work/data" user add bench >/dev/null
env HALO_URL="http://127.0.0.1:$sim_port" HALO_TENANT="$SIM_TENANT" HALO_CLIENT_ID="$SIM_CLIENT_ID" \
    HALO_CLIENT_SECRET="$SIM_CLIENT_SECRET" HALO_RATE_LIMIT=0 HALOSCOPE_CACHE_TTL=600 \
    HALOSCOPE_LISTEN="127.0.0.1:$hs_port" HALOSCOPE_DATA_DIR="$work/data" "$HS_BIN" >"$work/hs.log" 2>&1 &
hs_pid=$!
pids+=("$hs_pid")
base="http://127.0.0.1:$hs_port"
for _ in $(seq 1 200); do curl -fs -o /dev/null --max-time 1 "$base/healthz" && break; sleep 0.05; done
curl -fs -o /dev/null -c "$work/jar" --data-urlencode username=bench --data-urlencode "password=$password" "$base/login"
cookie="$(awk '$6 ~ /haloscope_session$/ {print $6 "=" $7}' "$work/jar")"
for _ in 1 2 3; do curl -s -o /dev/null -H "Cookie: $cookie" "$base$URL_PATH"; done

out="$root/target/profile-$(date -u +%Y%m%dT%H%M%S).data"
perf record -q -F "$FREQ" --call-graph dwarf,16384 -p "$hs_pid" -o "$out" -- sleep "$SECS" >/dev/null 2>&1 &
perf_pid=$!
wrk -t1 -c2 -d"${SECS}s" -H "Cookie: $cookie" "$base$URL_PATH" | grep -E "Requests/sec|Latency"
wait "$perf_pid"

echo "== self time (the hottest functions), $URL_PATH"
perf report -i "$out" --no-inline --no-children --sort symbol --stdio -g none --percent-limit 0.5 2>/dev/null |
    grep -v '^#' | grep -v '^$' | sed 's/  */ /g' | cut -c1-160 | head -30
echo "== with callees: Haloscope's own functions, Leptos's rendering and the session/SQLite work (inlined frames left unresolved, so this takes seconds, not minutes)"
perf report -i "$out" --no-inline --children --sort symbol --stdio -g none --percent-limit 1 2>/dev/null |
    grep -E 'app::|haloscope::|halo::|tachys::|leptos|rusqlite|tower_sessions' | grep -v '(inlined)' |
    sed 's/  */ /g' | cut -c1-160 | head -40
echo "perf data: $out"
