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
# cargo-leptos writes the site's files (and their compressed copies) anew on every front-end build, and the
# hint step rewrites the glue, even when their content has not changed; the server embeds them, so cargo
# would rebuild it (minutes of LTO) for a changed file time alone. A file the same as the last build's gets
# that build's time back; a gzip copy, whose header holds the time it was written, counts as the same when
# its content is, and the last build's copy is put back. target/site.last is that build's site.
keep_unchanged_times() {
    local site=target/site last=target/site.last rel
    if [[ -d "$last" ]]; then
        while IFS= read -r -d '' rel; do
            [[ -f "$last/$rel" ]] || continue
            if cmp -s "$site/$rel" "$last/$rel"; then
                touch -r "$last/$rel" "$site/$rel"
            elif [[ "$rel" == *.gz ]] && cmp -s <(gzip -dc "$site/$rel") <(gzip -dc "$last/$rel"); then
                cp -p "$last/$rel" "$site/$rel"
            fi
        done < <(cd "$site" && find . -type f -print0)
    fi
    rm -rf "$last"
    cp -a "$site" "$last"
}
keep_unchanged_times
cargo leptos build --release --precompress --server-only --bin-features embed
ls -l target/release/haloscope >&2
