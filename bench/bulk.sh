#!/usr/bin/env bash
# A bulk job under HaloPSA's default budget: `bash bench/bulk.sh` (bench/run.sh runs it last; not part of
# CI). Takes about seven minutes.
#
# Starts the simulator (50 ms per API request) and the release `haloscope` with the default budget
# (HALO_RATE_LIMIT=300 requests per 5 minutes) and no read cache, both on 127.0.0.1 at free ports. Measures
# cold client pages (every call made) with no job running, then deactivates 150 clients as one bulk job
# and measures the same kind of page while it runs. Prints how long the job took and the two medians; the
# pages must stay within 1.5x (docs/PERFORMANCE.md). Everything targets loopback and stops by itself.
#
# Knobs (environment): BENCH_LATENCY_MS (50), BENCH_SAMPLES (8 page views each way), BENCH_BULK_RECORDS (150).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

LATENCY_MS="${BENCH_LATENCY_MS:-50}"
SAMPLES="${BENCH_SAMPLES:-8}"
RECORDS="${BENCH_BULK_RECORDS:-150}"
HS_BIN="$root/target/release/haloscope"
SIM_BIN="$root/target/release/halo-sim"
say() { printf '%s\n' "$*" >&2; }

[[ -x "$HS_BIN" ]] || bash scripts/build.sh
[[ -x "$SIM_BIN" ]] || cargo build --release -p halo-sim --bin halo-sim

work="$(mktemp -d -t haloscope-bulk.XXXXXX)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

sim_port="$(free_port)"
"$SIM_BIN" --listen "127.0.0.1:$sim_port" --latency-ms "$LATENCY_MS" >"$work/sim.log" 2>&1 &
pids+=($!)
eval "$("$SIM_BIN" --print-credentials)"
for _ in $(seq 1 200); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$sim_port/" && break; sleep 0.05; done

password="bench-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
printf '%s\n' "$password" | "$HS_BIN" --data-dir "$work/data" user add bench >/dev/null
hs_port="$(free_port)"
BASE="http://127.0.0.1:$hs_port"
env HALO_URL="http://127.0.0.1:$sim_port" HALO_TENANT="$SIM_TENANT" HALO_CLIENT_ID="$SIM_CLIENT_ID" \
    HALO_CLIENT_SECRET="$SIM_CLIENT_SECRET" HALO_RATE_LIMIT=300 HALOSCOPE_CACHE_TTL=0 \
    HALOSCOPE_LISTEN="127.0.0.1:$hs_port" HALOSCOPE_DATA_DIR="$work/data" "$HS_BIN" >"$work/haloscope.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do curl -fs -o /dev/null --max-time 1 "$BASE/healthz" && break; sleep 0.05; done
curl -fs -o /dev/null --max-time 10 "$BASE/readyz"
jar="$work/cookies"
curl -fs -o /dev/null -c "$jar" --data-urlencode username=bench --data-urlencode "password=$password" "$BASE/login"
hc() { curl -fs -b "$jar" "$@"; }

# the clients: the job's (the first RECORDS active ones), and others whose pages are measured
ids_json() { # page of 100 active clients, by id
    hc --max-time 60 -H 'Accept: application/json' "$BASE/api/list_records?kind=clients&view=&query=per_page%3D100%26sort%3Did%26page%3D$1"
}
mapfile -t ids < <(for p in 1 2 3; do ids_json "$p"; echo; sleep 3; done |
    python3 -c 'import json,sys
for line in sys.stdin:
    line = line.strip()
    if line:
        for r in json.loads(line)["rows"]: print(r["id"])')
if (( ${#ids[@]} < RECORDS + 2 * SAMPLES )); then say "only ${#ids[@]} active clients"; exit 1; fi
job_ids="$(printf '%s\n' "${ids[@]:0:RECORDS}" | paste -sd,)"
others=("${ids[@]:RECORDS}")

time_page() { hc -o /dev/null --max-time 60 -w '%{time_total}\n' "$BASE$1"; }
median_ms() { sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.0f", m * 1000}'; }

say "cold client pages, no job…"
: >"$work/idle"
time_page "/clients/${others[0]}" >/dev/null # code paged in, unrecorded
for i in $(seq 1 "$SAMPLES"); do
    sleep 6 # the budget's page-view share refills between views
    time_page "/clients/${others[$i]}" >>"$work/idle"
done

say "deactivating $RECORDS clients as one job…"
started="$(date +%s.%N)"
location="$(hc -o /dev/null -w '%{redirect_url}' -H 'Accept: text/html' -H "Referer: $BASE/clients" \
    --data-urlencode list=clients --data-urlencode query= --data-urlencode "ids=$job_ids" \
    --data-urlencode action=deactivate "$BASE/api/start_job")"
job="${location##*/jobs/}"
[[ "$job" =~ ^[0-9]+$ ]] || { say "the job did not start: $location"; exit 1; }
state() { hc -H 'Accept: application/json' "$BASE/api/get_job?id=$job"; }
: >"$work/busy"
i=$((SAMPLES + 1))
while state | python3 -c 'import json,sys; sys.exit(0 if json.load(sys.stdin)["running"] else 1)'; do
    if (( i <= 2 * SAMPLES )); then
        time_page "/clients/${others[$i]}" >>"$work/busy"
        i=$((i + 1))
    fi
    sleep 6
done
took="$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f", e - s}')"
summary="$(state | python3 -c 'import json,sys
j = json.load(sys.stdin)["job"]
c = {}
for i in j["items"]: c[i["state"]] = c.get(i["state"], 0) + 1
print(j["state"], c)')"
(( $(wc -l <"$work/busy") > 0 )) || { say "the job ended before any page was measured"; exit 1; }

idle_ms="$(median_ms <"$work/idle")"
busy_ms="$(median_ms <"$work/busy")"
printf 'bulk job: deactivate %s clients at 300 requests / 5 min: %d min %02d s (%s)\n' \
    "$RECORDS" $((took / 60)) $((took % 60)) "$summary"
printf 'cold client page, median of %s: %s ms with no job, %s ms while the job runs (%s pages): %sx\n' \
    "$SAMPLES" "$idle_ms" "$busy_ms" "$(wc -l <"$work/busy")" \
    "$(awk -v a="$busy_ms" -v b="$idle_ms" 'BEGIN {printf "%.2f", a / b}')"
