#!/usr/bin/env bash
# Bounded soak (not part of CI): `bash bench/soak.sh`. 60 s at 64 connections against the release
# haloscope, with 50 ms latency and 5% server errors injected in the simulator, the read cache off so every
# page goes upstream. Prints the responses by status (502 = an injected error that survived the retries;
# anything else non-2xx, and socket errors, are unexpected and must be 0), the latency percentiles, and the
# server's RSS every second; passes when RSS over the last 20 s stays within 5% of its value at 30 s.
# Loopback only; stops by itself. Knobs: SOAK_SECS (60), SOAK_CONNS (64), SOAK_ERROR_RATE (0.05).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
SECS="${SOAK_SECS:-60}"
CONNS="${SOAK_CONNS:-64}"
ERROR_RATE="${SOAK_ERROR_RATE:-0.05}"
HS_BIN="$root/target/release/haloscope"
SIM_BIN="$root/target/release/halo-sim"
[[ -x "$HS_BIN" ]] || bash scripts/build.sh
[[ -x "$SIM_BIN" ]] || cargo build --release -p halo-sim --bin halo-sim
command -v wrk >/dev/null || apt-get install -y wrk >&2

work="$(mktemp -d -t haloscope-soak.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

sim_port="$(free_port)"
"$SIM_BIN" --listen "127.0.0.1:$sim_port" --latency-ms 50 --error-rate "$ERROR_RATE" >"$work/sim.log" 2>&1 &
pids+=($!)
eval "$("$SIM_BIN" --print-credentials)"
hs_port="$(free_port)"
password="soak-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
printf '%s\n' "$password" | "$HS_BIN" --data-dir "$work/data" user add soak >/dev/null
env -i HALO_URL="http://127.0.0.1:$sim_port" HALO_TENANT="$SIM_TENANT" HALO_CLIENT_ID="$SIM_CLIENT_ID" \
    HALO_CLIENT_SECRET="$SIM_CLIENT_SECRET" HALO_RATE_LIMIT=0 HALOSCOPE_CACHE_TTL=0 HALOSCOPE_DATA_DIR="$work/data" \
    HALOSCOPE_LISTEN="127.0.0.1:$hs_port" RUST_LOG=error "$HS_BIN" >"$work/hs.log" 2>&1 &
hs_pid=$!
pids+=($hs_pid)
for _ in $(seq 1 200); do curl -fs -o /dev/null "http://127.0.0.1:$hs_port/readyz" && break; sleep 0.05; done
# every page needs a signed-in session: sign in once, send its cookie with every request
curl -fs -o /dev/null -c "$work/cookies" --data-urlencode username=soak --data-urlencode "password=$password" \
    "http://127.0.0.1:$hs_port/login"
cookie="$(awk '$6 ~ /haloscope_session$/ {print $6 "=" $7}' "$work/cookies")"
[[ -n "$cookie" ]] || { echo "soak: could not sign in" >&2; exit 1; }

# count responses by status across wrk's threads; vary the page so the requests differ
cat >"$work/count.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} ; n = 0 end
function request()
  n = n + 1
  return wrk.format("GET", "/clients?status=all&per_page=25&page=" .. (n % 40 + 1))
end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for s, c in pairs(t:get("counts")) do total[s] = (total[s] or 0) + c end
  end
  local keys = {}
  for s in pairs(total) do table.insert(keys, s) end
  table.sort(keys)
  for _, s in ipairs(keys) do io.write(string.format("status %d: %d\n", s, total[s])) end
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%s: %.1f ms\n", p, latency:percentile(p) / 1000))
  end
end
LUA

( for s in $(seq 1 "$SECS"); do
    awk '/VmRSS/ {print $2}' "/proc/$hs_pid/status" 2>/dev/null || echo 0
    sleep 1
  done ) >"$work/rss.txt" &
sampler=$!
wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 15s -H "Cookie: $cookie" -s "$work/count.lua" "http://127.0.0.1:$hs_port" >"$work/wrk.txt" 2>&1
wait "$sampler" || true

echo "# soak: ${SECS}s, ${CONNS} connections, ${ERROR_RATE} upstream error rate, 50 ms latency, cache off"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E "^(status|socket|latency)|Requests/sec" "$work/wrk.txt"
unexpected=$(awk '/^status/ { code=$2; sub(":", "", code); if (code !~ /^2/ && code != "502") u += $3 } /^socket errors/ { gsub(",", ""); u += $4 + $6 + $8 + $10 } END { print u + 0 }' "$work/wrk.txt")
echo "unexpected errors: $unexpected"
echo "RSS (MB) each second: $(awk '{printf "%.1f ", $1/1024}' "$work/rss.txt")"
python3 - "$work/rss.txt" "$SECS" <<'PY'
import sys
rss = [int(x) for x in open(sys.argv[1]) if x.strip()]
secs = int(sys.argv[2])
if len(rss) < min(secs, 50):
    print("RSS check: not enough samples"); sys.exit(1)
at30 = rss[min(29, len(rss) - 1)]
last = rss[-20:]
worst = max(abs(x - at30) / at30 for x in last) if at30 else 1.0
print(f"RSS at 30 s: {at30/1024:.1f} MB; last 20 s: {min(last)/1024:.1f}-{max(last)/1024:.1f} MB; worst drift {worst*100:.1f}% ({'flat' if worst <= 0.05 else 'NOT flat'})")
PY
[[ "$unexpected" == "0" ]]
