#!/usr/bin/env bash
# The dashboard in one command: installs what the build needs (not the tests' browser), builds the one-file release binary and starts it.
# With no HALO_* setting it runs on demo data from the built-in simulator at http://127.0.0.1:3000.
# Arguments are passed to haloscope (e.g. --listen 127.0.0.1:8080).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh run   # the build tools only: the browser and Playwright are for scripts/test.sh
bash scripts/build.sh
exec ./target/release/haloscope "$@"
