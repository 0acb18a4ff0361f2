#!/usr/bin/env bash
# Warm-page throughput of two Haloscope replicas behind haproxy against one replica behind the same haproxy
# (and the one replica asked directly), all on this machine: `bash bench/replicas.sh` (not part of CI; about
# a minute). The simulator answers each API call after 50 ms, as in bench/run.sh; both replicas share one
# redis-server (sessions, budget, invalidation). Every load targets 127.0.0.1 and ends by itself.
#
# Knobs: BENCH_LATENCY_MS (50), BENCH_SECS (5 per wrk run), BENCH_CONNS (16).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
LATENCY_MS="${BENCH_LATENCY_MS:-50}"
SECS="${BENCH_SECS:-5}"
CONNS="${BENCH_CONNS:-16}"
HS_BIN="$root/target/release/haloscope"
SIM_BIN="$root/target/release/halo-sim"
say() { printf '%s\n' "$*" >&2; }

[[ -x "$HS_BIN" ]] || bash scripts/build.sh
[[ -x "$SIM_BIN" ]] || cargo build --release -p halo-sim --bin halo-sim
for tool in wrk redis-server haproxy curl python3; do
    command -v "$tool" >/dev/null || { say "bench/replicas.sh needs $tool (Debian package)"; exit 1; }
done

work="$(mktemp -d -t haloscope-replicas.XXXXXX)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    # a replica whose graceful shutdown waits on a connection wrk left half-way is stopped after 5 s
    for _ in $(seq 1 50); do
        alive=0
        for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
        [[ $alive -eq 0 ]] && break
        sleep 0.1
    done
    for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() { # url: up to 10 s for any answer
    for _ in $(seq 1 200); do curl -s -o /dev/null --max-time 1 "$1" && return 0; sleep 0.05; done
    say "no answer from $1"; return 1
}

sim_port="$(free_port)"
"$SIM_BIN" --listen "127.0.0.1:$sim_port" --latency-ms "$LATENCY_MS" >"$work/sim.log" 2>&1 &
pids+=($!)
eval "$("$SIM_BIN" --print-credentials)"
wait_http "http://127.0.0.1:$sim_port/"

redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.05; done

key="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
password="bench-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
mkdir -p "$work/a" "$work/b"
printf '%s\n' "$password" | "$HS_BIN" --data-dir "$work/a" user add bench >/dev/null
cp "$work/a/users.json" "$work/b/users.json"
ports=()
for r in a b; do
    port="$(free_port)"
    env HALO_URL="http://127.0.0.1:$sim_port" HALO_TENANT="$SIM_TENANT" HALO_CLIENT_ID="$SIM_CLIENT_ID" \
        HALO_CLIENT_SECRET="$SIM_CLIENT_SECRET" HALO_RATE_LIMIT=0 HALOSCOPE_LISTEN="127.0.0.1:$port" \
        HALOSCOPE_DATA_DIR="$work/$r" HALOSCOPE_SESSION_KEY="$key" \
        HALOSCOPE_REDIS_URL="redis://127.0.0.1:$redis_port/0" "$HS_BIN" >"$work/$r.log" 2>&1 &
    pids+=($!)
    ports+=("$port")
    wait_http "http://127.0.0.1:$port/healthz"
done

# the embedded default for comparison: one process, no Redis (sessions in its SQLite file)
mkdir -p "$work/c"
cp "$work/a/users.json" "$work/c/users.json"
solo="$(free_port)"
env HALO_URL="http://127.0.0.1:$sim_port" HALO_TENANT="$SIM_TENANT" HALO_CLIENT_ID="$SIM_CLIENT_ID" \
    HALO_CLIENT_SECRET="$SIM_CLIENT_SECRET" HALO_RATE_LIMIT=0 HALOSCOPE_LISTEN="127.0.0.1:$solo" \
    HALOSCOPE_DATA_DIR="$work/c" "$HS_BIN" >"$work/c.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$solo/healthz"

lb_two="$(free_port)"; lb_one="$(free_port)"
cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 4000
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
frontend two
  bind 127.0.0.1:$lb_two
  default_backend two
frontend one
  bind 127.0.0.1:$lb_one
  default_backend one
backend two
  balance roundrobin
  server a 127.0.0.1:${ports[0]}
  server b 127.0.0.1:${ports[1]}
backend one
  server a 127.0.0.1:${ports[0]}
EOF
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)
wait_http "http://127.0.0.1:$lb_two/healthz"

jar="$work/cookies"
curl -fs -o /dev/null -c "$jar" --data-urlencode username=bench --data-urlencode "password=$password" \
    "http://127.0.0.1:$lb_two/login"
cookie="$(awk '$6 ~ /haloscope_session$/ {print $6 "=" $7}' "$jar")"
[[ -n "$cookie" ]] || { say "could not sign in"; exit 1; }
curl -fs -o /dev/null -c "$work/solo-jar" --data-urlencode username=bench --data-urlencode "password=$password" \
    "http://127.0.0.1:$solo/login"
solo_cookie="$(awk '$6 ~ /haloscope_session$/ {print $6 "=" $7}' "$work/solo-jar")"
curl -fs -o /dev/null -H "Cookie: $solo_cookie" "http://127.0.0.1:$solo/clients"
for port in "${ports[@]}"; do # warm each replica's own read cache
    curl -fs -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port/clients"
done

run() { # label base [cookie]: req/s of the warm list page
    wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 5s -H "Cookie: ${3:-$cookie}" "$2/clients" >"$work/wrk.$1"
    awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/wrk.$1"
}
alone="$(run alone "http://127.0.0.1:$solo" "$solo_cookie")"
direct="$(run direct "http://127.0.0.1:${ports[0]}")"
one="$(run one "http://127.0.0.1:$lb_one")"
two="$(run two "http://127.0.0.1:$lb_two")"
errors="$(cat "$work"/wrk.* | awk '/Non-2xx/ {n += $NF} END {print n + 0}')"

echo "warm /clients (50 rows), wrk -t2 -c$CONNS ${SECS} s each, upstream latency ${LATENCY_MS} ms, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %8s req/s\n' "one process without Redis (the default)" "$alone"
printf '%-44s %8s req/s\n' "one replica (Redis), asked directly" "$direct"
printf '%-44s %8s req/s\n' "one replica behind haproxy" "$one"
printf '%-44s %8s req/s  (%s× one behind haproxy)\n' "two replicas behind haproxy (round-robin)" "$two" \
    "$(awk -v a="$two" -v b="$one" 'BEGIN {printf "%.2f", a / b}')"
echo "non-2xx answers in all runs: $errors"
