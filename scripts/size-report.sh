#!/usr/bin/env bash
# Prints the size of the built page (dist/): wasm, JS, CSS and HTML, raw and gzip -9, and
# the gzip total against the budget. Exits 1 only when the total is over budget.
# Usage: scripts/size-report.sh [dist-dir]
set -euo pipefail
DIST="${1:-$(dirname "$0")/../dist}"
# bytes, gzip: the whole first load (page and its analysis worker: wasm, JS, CSS and the HTML)
# within 450 KB, the later editor included.
BUDGET=450000
WARN_AT=95             # percent of the budget at which the report says so

total_raw=0
total_gz=0
worker_gz=0 # the engine's Web Worker (podplay-worker*): loads beside the page, not before typing
printf '%-8s %12s %12s  %s\n' kind raw gzip file
for file in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/*.css "$DIST"/*.html; do
  [ -f "$file" ] || continue
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  case "$(basename "$file")" in podplay-worker*) worker_gz=$((worker_gz + gz)) ;; esac
  printf '%-8s %12d %12d  %s\n' "${file##*.}" "$raw" "$gz" "$(basename "$file")"
done
printf '%-8s %12d %12d\n' total "$total_raw" "$total_gz"
echo "size: the page (needed to type) $((total_gz - worker_gz)) bytes gzip; the engine's worker ${worker_gz}"
pct=$((total_gz * 100 / BUDGET))
if [ "$total_gz" -gt "$BUDGET" ]; then
  echo "size: OVER BUDGET: ${total_gz} bytes gzip > ${BUDGET} (${pct}%)"
  exit 1
fi
echo "size: ${total_gz} bytes gzip of ${BUDGET} budget (${pct}%)"
if [ "$pct" -ge "$WARN_AT" ]; then
  echo "size: warning: within $((100 - pct))% of the budget"
fi
