#!/usr/bin/env bash
# Every performance report in one command (reports, not tests: only the size report has a
# limit, the one scripts/test.sh enforces):
#   1. size:    scripts/size-report.sh on dist/ (each part gzip and brotli, the 450 KB target)
#   2. native:  the benchmark, time per stage (crates/podplay-core/examples/bench.rs, the
#               `native` profile: optimised for speed), for the seed pod, the gallery, a
#               50-container pod, a 200-document bundle and growth with size
#   3. browser: scripts/browser-report.mjs in headless Chromium against dist/ (load, first
#               analysis, analysis per keystroke, timeline frame times)
# Usage: scripts/perf-report.sh [--build]   (--build: `trunk build --release` first; without
# it dist/ must already be built)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
if [ "${1:-}" = "--build" ]; then
  trunk build --release --offline
fi
if [ ! -f dist/index.html ]; then
  echo "perf-report: dist/ is not built (run with --build, or trunk build --release)" >&2
  exit 1
fi
printf '\n===== size (dist/) =====\n'
scripts/size-report.sh dist || true
printf '\n===== native: time per stage (fastest of repeats) =====\n'
cargo run --quiet --offline --profile native -p podplay-core --example bench -- seed gallery pod50 bundle growth
printf '\n===== browser: headless Chromium against dist/ =====\n'
node scripts/browser-report.mjs
