#!/usr/bin/env bash
# Builds the release binary with the whole site embedded and precompressed (brotli + gzip).
# --precompress (and hash-files) make cargo-leptos build the front end before the server, so the
# embed captures the finished site; the test suite checks the binary alone in an empty folder.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$root/node_modules/.bin:$PATH"   # npm binaryen@132's wasm-opt
# Whole-program optimisation for the server (measured: a fifth off every page's CPU; docs/PERFORMANCE.md),
# unless HALOSCOPE_LTO=0: the test suite's build, which checks behaviour, skips the ~7 min link.
if [[ "${HALOSCOPE_LTO:-1}" != 0 ]]; then
    export CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
fi
# The front end first, then the glue's compile hint (scripts/glue_hint.cjs), then the server that embeds both.
cargo leptos build --release --precompress --frontend-only
node scripts/glue_hint.cjs target/site/pkg
cargo leptos build --release --precompress --server-only --bin-features embed
ls -l target/release/haloscope >&2
