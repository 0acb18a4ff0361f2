#!/usr/bin/env bash
# Haloscope's benchmark: `bash bench/run.sh` (not part of CI). Takes about two minutes, then about seven for
# the bulk job under the default budget (bench/bulk.sh; BENCH_BULK=0 skips it).
#
# Starts the HaloPSA simulator (50 ms per API request) and the release `haloscope` binary pointed at it,
# both on 127.0.0.1 at free ports, measures, prints one table and stops both. Every load targets loopback
# and ends by itself. What each figure means and the targets: docs/PERFORMANCE.md.
#
# Knobs (environment): BENCH_LATENCY_MS (50), BENCH_SAMPLES (20 cold samples per page type),
# BENCH_SECS (5, seconds per wrk run; the brotli list run takes twice as long), BENCH_VISITS (9 Chromium
# first visits per page), BENCH_QUIET_LOAD (1.0) and BENCH_QUIET_SECS (120): before measuring, wait up to
# that many seconds for the one-minute load average to fall to that level.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

LATENCY_MS="${BENCH_LATENCY_MS:-50}"
SAMPLES="${BENCH_SAMPLES:-20}"
SECS="${BENCH_SECS:-5}"
QUIET_LOAD="${BENCH_QUIET_LOAD:-1.0}"
QUIET_SECS="${BENCH_QUIET_SECS:-120}"
HS_BIN="$root/target/release/haloscope"
SIM_BIN="$root/target/release/halo-sim"

say() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- 1. what it needs
# Always through build.sh (nothing to do when up to date): a binary left by the test suite is built without
# LTO, and the bench measures what is shipped.
say "building the release haloscope, as shipped (scripts/build.sh)…"
bash scripts/build.sh
if [[ ! -x "$SIM_BIN" ]]; then
    say "building the simulator (cargo build --release -p halo-sim --bin halo-sim)…"
    cargo build --release -p halo-sim --bin halo-sim
fi
say "building the compression measurement (cargo build --release -p server --example compression_levels)…"
cargo build -q --release -p server --example compression_levels
LEVELS_BIN="$root/target/release/examples/compression_levels"
if ! command -v wrk >/dev/null; then
    say "installing wrk from Debian…"
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >&2; else sudo apt-get install -y wrk >&2; fi
fi
for tool in curl python3 awk; do
    command -v "$tool" >/dev/null || { say "bench needs $tool"; exit 1; }
done

# A build (minutes of LTO on every core) leaves the machine busy for a while after it, and a cold view's own
# share (~1 ms) is sensitive to that: wait for the load to settle before measuring. (A busy VM host does not
# show in the load average; docs/PERFORMANCE.md, "Three runs of the same code".)
quiet_waited=0
while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v q="$QUIET_LOAD" 'BEGIN { exit !(l > q) }' &&
    ((quiet_waited < QUIET_SECS)); do
    sleep 5
    quiet_waited=$((quiet_waited + 5))
done
say "waited ${quiet_waited} s for the load average to fall to $QUIET_LOAD (now $(cut -d' ' -f1 /proc/loadavg))"

# ---------------------------------------------------------------- 2. simulator + haloscope
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
work="$(mktemp -d -t haloscope-bench.XXXXXX)"
sim_pid=""
hs_pid=""
stop_hs() {
    if [[ -n "$hs_pid" ]]; then
        kill "$hs_pid" 2>/dev/null || true
        wait "$hs_pid" 2>/dev/null || true
        hs_pid=""
    fi
}
cleanup() {
    stop_hs
    if [[ -n "$sim_pid" ]]; then
        kill "$sim_pid" 2>/dev/null || true
        wait "$sim_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_http() { # url: waits up to 10 s for a 200
    local i
    for i in $(seq 1 200); do
        curl -fs -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.05
    done
    say "no answer from $1"
    return 1
}

sim_port="$(free_port)"
sim_started_ns="$(date +%s%N)"
"$SIM_BIN" --listen "127.0.0.1:$sim_port" --latency-ms "$LATENCY_MS" >"$work/sim.log" 2>&1 &
sim_pid=$!
eval "$("$SIM_BIN" --print-credentials)"
for _ in $(seq 1 200); do # any HTTP answer will do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$sim_port/" && break
    sleep 0.05
done
# the simulator generates its full demo data (~30k records) before it answers: this is how long that takes
sim_ready_ms=$(( ($(date +%s%N) - sim_started_ns) / 1000000 ))

hs_port="$(free_port)"
BASE="http://127.0.0.1:$hs_port"
start_hs() { # [cache ttl s]: a fresh haloscope process, empty read cache; the app token is fetched before returning
    stop_hs
    env HALO_URL="http://127.0.0.1:$sim_port" HALO_TENANT="$SIM_TENANT" HALO_CLIENT_ID="$SIM_CLIENT_ID" \
        HALO_CLIENT_SECRET="$SIM_CLIENT_SECRET" HALO_RATE_LIMIT=0 HALOSCOPE_LISTEN="127.0.0.1:$hs_port" \
        HALOSCOPE_CACHE_TTL="${1:-30}" \
        HALOSCOPE_DATA_DIR="$work/data" "$HS_BIN" >>"$work/haloscope.log" 2>&1 &
    hs_pid=$!
    wait_http "$BASE/healthz"
    curl -fs -o /dev/null --max-time 10 "$BASE/readyz" # gets the token, so page timings are token-free
    [[ -n "$COOKIE" ]] || sign_in
}
# Pages need a signed-in session: one local account, signed in once (the session store in the data
# directory keeps it across the restarts below).
COOKIE=""
BENCH_PASSWORD="bench-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
printf '%s\n' "$BENCH_PASSWORD" | "$HS_BIN" --data-dir "$work/data" user add bench >/dev/null
sign_in() {
    local jar="$work/cookies"
    curl -fs -o /dev/null -c "$jar" --data-urlencode username=bench --data-urlencode "password=$BENCH_PASSWORD" "$BASE/login"
    COOKIE="$(awk '$6 ~ /haloscope_session$/ {print $6 "=" $7}' "$jar")"
    [[ -n "$COOKIE" ]] || { say "could not sign in"; exit 1; }
}
hc() { curl -H "Cookie: $COOKIE" "$@"; } # curl as the signed-in person

# ---------------------------------------------------------------- helpers
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
upstream_total() { # sum of every page view's halo_upstream_requests_total series
    upstream_stats | cut -d' ' -f1
}
# page views' requests (class "interactive"; background work, such as an unfiltered list's two status
# counts, is not a page view's), then the summed seconds and count of halo_upstream_request_seconds
upstream_stats() {
    curl -fs --max-time 5 "$BASE/metrics" | awk '
        /^halo_upstream_requests_total[{ ]/ && /class="interactive"/ {n += $NF}
        /^halo_upstream_request_seconds_sum[{ ]/ {s += $NF}
        /^halo_upstream_request_seconds_count[{ ]/ {c += $NF}
        END {printf "%d %.6f %d\n", n, s, c}'
}
time_page() { # seconds for one page view, as a browser asks for it (brotli)
    hc -fs -o /dev/null --max-time 30 -H 'Accept-Encoding: br' -w '%{time_total}\n' "$BASE$1"
}
time_cold_page() { # seconds for one page view, then the seconds of its slowest HaloPSA call (its Server-Timing)
    hc -fs -o /dev/null --max-time 30 -H 'Accept-Encoding: br' -w '%{time_total} %header{server-timing}\n' "$BASE$1" |
        awk '{t = $1; s = "nan"; if (match($0, /halo;dur=[0-9.]+/)) s = substr($0, RSTART + 9, RLENGTH - 9) / 1000
              print t; print s > "/dev/stderr"}'
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$hs_pid/stat"; }
CLK_TCK="$(getconf CLK_TCK)"

# ---------------------------------------------------------------- 3a. cold pages
# One process with a 1 s read cache: each sample is viewed 1.2 s after anything else, so its data is no longer
# cached and every upstream call the page needs is made (token already fetched); the same page is then viewed
# again at once, warm. Each page type is viewed once, unrecorded, before its samples (for another record), so
# a sample measures an empty read cache — not a process rendering that page type for the first time, which
# also pages in its code (a fresh process: +1–2 ms, measured by hand).
start_hs 1
html="$(hc -fs --max-time 30 "$BASE/clients")"
mapfile -t client_ids < <(grep -o 'href="/clients/[0-9]\+"' <<<"$html" | grep -o '[0-9]\+' | awk '!seen[$0]++')
if (( ${#client_ids[@]} < SAMPLES + 1 )); then
    say "the client list shows only ${#client_ids[@]} clients"
    exit 1
fi
rows="$(grep -o '<tr' <<<"$html" | wc -l)"
rows=$((rows - 1)) # the header row

declare -A up_ms slow_ms own_n cold_ms cold_range cold_up warm_up warm_ms own_ms
for kind in list detail overview; do
    : >"$work/$kind.cold" ; : >"$work/$kind.up" ; : >"$work/$kind.wup" ; : >"$work/$kind.warm" ; : >"$work/$kind.upsec" ; : >"$work/$kind.slowest"
    for i in $(seq -1 $((SAMPLES - 1))); do
        case $kind in
            list) url="/clients" ;;
            detail) url="/clients/${client_ids[$((i + 1))]}" ;;
            overview) url="/" ;;
        esac
        sleep 1.2 # everything cached before has expired
        if (( i < 0 )); then # the unrecorded first view of this page type
            time_page "$url" >/dev/null
            continue
        fi
        read -r before s0 c0 < <(upstream_stats)
        time_cold_page "$url" >>"$work/$kind.cold" 2>>"$work/$kind.slowest"
        read -r after s1 c1 < <(upstream_stats)
        echo $((after - before)) >>"$work/$kind.up"
        awk -v a="$s0" -v b="$s1" -v x="$c0" -v y="$c1" 'BEGIN {if (y > x) printf "%.6f\n", (b - a) / (y - x)}' \
            >>"$work/$kind.upsec"
        time_page "$url" >>"$work/$kind.warm"
        echo $(($(upstream_total) - after)) >>"$work/$kind.wup"
    done
    cold_ms[$kind]="$(median <"$work/$kind.cold" | awk '{printf "%.1f", $1 * 1000}')"
    up_ms[$kind]="$(median <"$work/$kind.upsec" | awk '{printf "%.1f", $1 * 1000}')"
    cold_range[$kind]="$(sort -n "$work/$kind.cold" | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%.1f–%.1f", lo*1000, hi*1000}')"
    warm_ms[$kind]="$(median <"$work/$kind.warm" | awk '{printf "%.1f", $1 * 1000}')"
    slow_ms[$kind]="$(median <"$work/$kind.slowest" | awk '{printf "%.1f", $1 * 1000}')"
    # Haloscope's own share of each cold view: the page's time (as curl saw it, loopback included) less its
    # slowest upstream call, which the page names in its Server-Timing (its other calls ran beside it)
    own_ms[$kind]="$(paste "$work/$kind.cold" "$work/$kind.slowest" | awk 'NF == 2 && $2 != "nan" {print ($1 - $2) * 1000}' |
        median | awk '{printf "%.2f", $1}')"
    own_n[$kind]="$(paste "$work/$kind.cold" "$work/$kind.slowest" | awk 'NF == 2 && $2 != "nan"' | wc -l)"
    cold_up[$kind]="$(sort -n "$work/$kind.up" | uniq | paste -sd/)"
    warm_up[$kind]="$(sort -n "$work/$kind.wup" | uniq | paste -sd/)"
done

# ---------------------------------------------------------------- 3b. warm throughput
start_hs
html="$(hc -fs --max-time 30 "$BASE/clients")"
mapfile -t assets < <(grep -o '/pkg/[A-Za-z0-9._-]\+\.\(wasm\|js\|css\)' <<<"$html" | awk '!seen[$0]++')
asset_of() { printf '%s\n' "${assets[@]}" | grep "\.$1\$" | head -1; }
wasm="$(asset_of wasm)"; js="$(asset_of js)"; css="$(asset_of css)"
if [[ -z "$wasm" || -z "$js" || -z "$css" ]]; then
    say "could not find the wasm, js and css in the page: ${assets[*]}"
    exit 1
fi
size() { # bytes on the wire: url [accept-encoding]
    hc -fs -o /dev/null --max-time 30 ${2:+-H "Accept-Encoding: $2"} -w '%{size_download}' "$BASE$1"
}
page_plain="$(size /clients)"
hc -fs --max-time 30 -o "$work/page.html" "$BASE/clients" # for the compression levels (section 4)
page_br="$(size /clients br)"
# The same binary's static file closest in size to the page: an embedded /pkg asset, precompressed.
static="$css"
for a in "$js" "$css"; do
    d_new=$(( $(size "$a") - page_plain )); d_new=${d_new#-}
    d_old=$(( $(size "$static") - page_plain )); d_old=${d_old#-}
    (( d_new < d_old )) && static="$a"
done
static_plain="$(size "$static")"

wrk_out() { cat "$work/wrk.$1"; }
run_wrk() { # name conns secs url [accept-encoding]
    local name=$1 conns=$2 secs=$3 url=$4 enc=${5:-}
    local t0 t1 u0 u1
    u0="$(upstream_total)"
    t0="$(cpu_ticks)"
    wrk --latency -t2 -c"$conns" -d"${secs}s" --timeout 5s -H "Cookie: $COOKIE" ${enc:+-H "Accept-Encoding: $enc"} "$BASE$url" \
        >"$work/wrk.$name"
    t1="$(cpu_ticks)"
    u1="$(upstream_total)"
    echo "$((t1 - t0))" >"$work/cpu.$name"
    echo "$((u1 - u0))" >"$work/up.$name"
}
rps() { awk '/^Requests\/sec/ {printf "%.0f", $2}' "$work/wrk.$1"; }
nreq() { awk '/requests in/ {print $1}' "$work/wrk.$1"; }
errors() { # non-2xx plus socket errors
    awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(/[^0-9 ]/," "); split($0,a," "); for (i in a) n+=a[i]} END {print n+0}' "$work/wrk.$1"
}
pct() { # name percentile -> ms
    awk -v p="$2%" '$1==p {v=$2; u=v; gsub(/[0-9.]/,"",u); gsub(/[a-z]/,"",v);
        m = (u=="us") ? v/1000 : (u=="ms") ? v : (u=="s") ? v*1000 : (u=="m") ? v*60000 : v;
        printf "%.2f", m}' "$work/wrk.$1"
}
cpu_us() { # server CPU µs per request
    awk -v t="$(cat "$work/cpu.$1")" -v n="$(nreq "$1")" -v hz="$CLK_TCK" 'BEGIN {if (n > 0) printf "%.0f", t / hz * 1e6 / n; else print "nan"}'
}

hc -fs -o /dev/null "$BASE/clients" # warm: the cache keeps it 30 s, the four runs using it take 25 s
run_wrk list 8 "$SECS" /clients
run_wrk list_br 8 $((SECS * 2)) /clients br
# Where a warm list page's time goes: its two data calls alone (the list_records and get_filter_options
# server functions' JSON, from the same cache entries) and the page frame alone (the app's 404 page).
run_wrk list_fn 8 "$SECS" "/api/list_records?kind=clients&view=&query="
run_wrk options_fn 8 "$SECS" /api/get_filter_options
run_wrk frame 8 "$SECS" /no-such-page
run_wrk static 8 "$SECS" "$static"
run_wrk static_br 8 "$SECS" "$static" br
run_wrk healthz 8 "$SECS" /healthz
hc -fs -o /dev/null "$BASE/clients?page=2" # another 50-row page, fetched fresh for the 64-connection run
run_wrk list64_br 64 "$SECS" "/clients?page=2" br
rss_mb="$(awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$hs_pid/status")"
# What each level costs on this page (printed after the table), measured after the wrk runs (run before
# them, it let the warm cache entries age past their 30 s during the runs); q5's time is what a page not
# sent before costs on top of drawing it (repeats come from the page memo).
"$LEVELS_BIN" "$work/page.html" >"$work/levels"
q5_us="$(awk -F'|' '$2 ~ /^ pages. brotli \(C\) q5 $/ {print $4 + 0}' "$work/levels")"

# A first visit in Chromium, CPU slowed 4×: navigation start → first contentful paint and → the "interactive"
# mark, median of BENCH_VISITS (9) fresh browser contexts per page, in rounds (the server's cache warm).
visits_load="$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -d "$root/end2end/node_modules/playwright" ]] && command -v chromium >/dev/null; then
    node "$root/bench/first_visit.cjs" "$BASE" "$COOKIE" / /clients /clients/new >"$work/visits" 2>"$work/visits.err" ||
        { say "the Chromium first visits failed: $(tail -3 "$work/visits.err")"; : >"$work/visits"; }
else
    say "no Playwright or chromium (bash scripts/setup.sh test installs them): first visits skipped"
    : >"$work/visits"
fi

wasm_br="$(size "$wasm" br)"; js_br="$(size "$js" br)"; css_br="$(size "$css" br)"
assets_br=$((wasm_br + js_br + css_br))

# ---------------------------------------------------------------- 4. the table
ratio() { awk -v a="$1" -v b="$LATENCY_MS" 'BEGIN {printf "%.2f", a / b}'; }
verdict() { # awk condition on x
    awk -v x="$1" "BEGIN {exit !(x ~ /^[0-9.]+\$/ && ($2))}" && echo met || echo MISSED
}
share() { awk -v a="$(rps "$1")" -v b="$(rps "$2")" 'BEGIN {if (b > 0) printf "%.0f", 100 * a / b; else print "nan"}'; }
kb() { awk -v b="$1" 'BEGIN {printf "%.1f KB", b / 1024}'; }

load="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_model="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
{
echo
echo "Haloscope benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPUs, ${cpu_model:-unknown CPU}; load average at the start: $load_start (after waiting ${quiet_waited} s for ≤ $QUIET_LOAD), at the end: $load"
echo "upstream: halo-sim, ${LATENCY_MS} ms per API request; haloscope release build, cache TTL 30 s, rate limit off"
echo "simulator: started and answering with its full demo data in ${sim_ready_ms} ms (50 ms polls)"
echo "list page: /clients ($rows rows); static file: $static (embedded in the same binary)"
echo "wrk: -t2 -c8 --latency on the same machine as the server, ${SECS} s per run (brotli list run $((SECS * 2)) s)"
echo
rowf="$work/table"
: >"$rowf"
row() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "${3:-}" "${4:-}" >>"$rowf"; }
row "figure" "measured" "target" "result"
for kind in list detail overview; do
    case $kind in list) label="list (/clients)" ;; detail) label="client detail (/clients/<id>)" ;; overview) label="overview (/)" ;; esac
    row "cold page ÷ upstream, $label" "$(ratio "${cold_ms[$kind]}") (median ${cold_ms[$kind]} ms of $SAMPLES, ${cold_range[$kind]})" \
        "≤ 1.15" "$(verdict "${cold_ms[$kind]}" "x / $LATENCY_MS <= 1.15")"
done
row "  upstream call as haloscope timed it, the mean / the page's slowest (Server-Timing): list / detail / overview" \
    "${up_ms[list]} / ${up_ms[detail]} / ${up_ms[overview]} ms; ${slow_ms[list]} / ${slow_ms[detail]} / ${slow_ms[overview]} ms"
ups="${cold_up[list]} / ${cold_up[detail]} / ${cold_up[overview]}"
row "upstream requests per cold view: list / detail / overview" "$ups" "3 / 4 / 5" \
    "$([[ "$ups" == "3 / 4 / 5" ]] && echo met || echo MISSED)"
ups="${warm_up[list]} / ${warm_up[detail]} / ${warm_up[overview]}"
row "upstream requests per warm view: list / detail / overview" "$ups" "0 / 0 / 0" \
    "$([[ "$ups" == "0 / 0 / 0" ]] && echo met || echo MISSED)"
row "Haloscope's own share of a cold view (page − its slowest upstream call), median of ${own_n[list]} / ${own_n[detail]} / ${own_n[overview]}: list / detail / overview" \
    "${own_ms[list]} / ${own_ms[detail]} / ${own_ms[overview]} ms (load $load_start)" "≤ 1.5 ms (goal 0.5)" \
    "$(verdict "$(printf '%s\n' "${own_ms[@]}" | sort -n | tail -1)" 'x <= 1.5')"
row "warm view latency, one at a time: list / detail / overview" "${warm_ms[list]} / ${warm_ms[detail]} / ${warm_ms[overview]} ms"
row "req/s warm list, identity ($(kb "$page_plain"))" "$(rps list) ($(share list static)% of static)" "≥ 25% of static (goal 40)" \
    "$(verdict "$(share list static)" 'x >= 25')"
row "req/s warm list, brotli ($(kb "$page_br"))" "$(rps list_br) ($(share list_br static_br)% of static)" "≥ 30% of static" \
    "$(verdict "$(share list_br static_br)" 'x >= 30')"
row "req/s static $static, identity ($(kb "$static_plain"))" "$(rps static)"
row "req/s static, brotli (precompressed, $(kb "$(size "$static" br)"))" "$(rps static_br)"
row "req/s /healthz" "$(rps healthz)"
times() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f", a / b; else print "nan"}'; }
row "server CPU per warm list page ÷ per static file, identity" "$(times "$(cpu_us list)" "$(cpu_us static)")× ($(cpu_us list) / $(cpu_us static) µs)" \
    "≤ 9× (goal 4)" "$(verdict "$(times "$(cpu_us list)" "$(cpu_us static)")" 'x <= 9')"
row "same, the list page compressed (brotli; a repeat view, from the page memo)" "$(times "$(cpu_us list_br)" "$(cpu_us static)")× ($(cpu_us list_br) µs)" \
    "≤ 12× (goal 6)" "$(verdict "$(times "$(cpu_us list_br)" "$(cpu_us static)")" 'x <= 12')"
row "  a page not sent before: identity + one q5 compression by the pages' encoder (C; compression_levels)" \
    "$(times "$(( $(cpu_us list) + q5_us ))" "$(cpu_us static)")× ($(cpu_us list) + $q5_us µs)"
row "  its data alone: list_records server fn, JSON (warm)" "$(cpu_us list_fn) µs ($(rps list_fn) req/s)"
row "  its toolbar alone: get_filter_options server fn (warm)" "$(cpu_us options_fn) µs ($(rps options_fn) req/s)"
row "  its frame alone: the 404 page (no upstream data)" "$(cpu_us frame) µs ($(rps frame) req/s)"
row "server CPU per static file, identity / brotli" "$(cpu_us static) / $(cpu_us static_br) µs"
row "server CPU per /healthz" "$(cpu_us healthz) µs"
row "warm list p50 / p99, 8 connections, identity" "$(pct list 50) / $(pct list 99) ms" "p99 ≤ 10 ms" "$(verdict "$(pct list 99)" 'x <= 10')"
row "warm list p50 / p99, 8 connections, brotli" "$(pct list_br 50) / $(pct list_br 99) ms" "p99 ≤ 10 ms" "$(verdict "$(pct list_br 99)" 'x <= 10')"
row "warm list, 64 connections, brotli: req/s, p50 / p99" "$(rps list64_br), $(pct list64_br 50) / $(pct list64_br 99) ms"
row "peak RSS (VmHWM) after the 64-connection run" "$rss_mb MB" "≤ 100 MB" "$(verdict "$rss_mb" 'x <= 100')"
row "brotli bytes: wasm + js + css" "$(kb "$assets_br")" "≤ 200 KB (goal 120)" "$(verdict "$assets_br" 'x <= 200 * 1024')"
row "  wasm / js / css" "$(kb "$wasm_br") / $(kb "$js_br") / $(kb "$css_br")"
row "brotli bytes: list page HTML ($rows rows)" "$(kb "$page_br") (identity $(kb "$page_plain"))" "≤ 3.5 KB (goal 3)" \
    "$(verdict "$page_br" 'x <= 3.5 * 1024')"
while IFS=$'\t' read -r vpath fcp tti vratio each; do
    row "first visit, Chromium 4× CPU throttling, $vpath: interactive ÷ FCP (median of each run's)" \
        "$vratio (FCP $fcp ms, interactive $tti ms; runs FCP/interactive: $each; load $visits_load)" "≤ 1.3 (goal 1.1)" \
        "$(verdict "$vratio" 'x <= 1.3')"
done <"$work/visits"
all_up=0; all_err=0
for n in list list_br list_fn options_fn static static_br healthz list64_br; do # the 404 run answers 404 on purpose
    all_up=$((all_up + $(cat "$work/up.$n"))); all_err=$((all_err + $(errors "$n")))
done
row "check: upstream calls / failed requests during the wrk runs" "$all_up / $all_err" "0 / 0" \
    "$([[ $all_up == 0 && $all_err == 0 ]] && echo met || echo MISSED)"
python3 - "$rowf" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
rows.insert(1, ["---"] * 4)
w = [max(len(r[i]) for r in rows) for i in range(4)]
for r in rows:
    cells = [("-" * w[i]) if r[i] == "---" else r[i].ljust(w[i]) for i in range(4)]
    print("| " + " | ".join(cells) + " |")
PY
echo
echo "What each compression level costs and saves on this list page (the server uses brotli q5 for pages):"
cat "$work/levels"
echo
}

# ---------------------------------------------------------------- 5. a bulk job under the default budget
# About seven more minutes; BENCH_BULK=0 skips it.
if [[ "${BENCH_BULK:-1}" != 0 ]]; then
    stop_hs
    bash "$root/bench/bulk.sh"
fi
