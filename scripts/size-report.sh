#!/usr/bin/env bash
# Prints the size of the built page (dist/) part by part — the page's wasm and the engine
# worker's wasm, JS (wasm-bindgen glue, snippets, the worker's loader), the code editor
# (editor.js and its chunks), CSS and HTML — raw, gzip -9 and brotli -q 11 (the `brotli` tool
# when installed, else Node's zlib), then the first load's gzip total against the target and
# the enforced budget. Exits 1 only when the first load is over the enforced budget.
#
# First load = every file listed: the page, the worker that starts with it, the editor, and
# the editor's help chunk (editor-help-*.js: completion, field docs, search), which is fetched
# on the first focus or touch of the editor — counted too, since using the page means that.
# The total without that chunk is printed for information.
# Usage: scripts/size-report.sh [dist-dir]
set -euo pipefail
DIST="${1:-$(dirname "$0")/../dist}"
TARGET=450000 # bytes, gzip: the performance issue's first-load target
# The enforced budget: the measured first load after the worker and editor merges (592,368
# bytes gzip), rounded up to the next 10 KB. It is over TARGET; the overage is printed on every
# run, not hidden. Lower it as cuts land.
BUDGET=600000
WARN_AT=98 # percent of the budget at which the report says so

brotli_size() {
  if command -v brotli >/dev/null; then
    brotli -q 11 -c "$1" | wc -c
  else
    node -e 'const z=require("zlib"),fs=require("fs");const b=fs.readFileSync(process.argv[1]);process.stdout.write(String(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$1"
  fi
}

part_of() {
  case "$(basename "$1")" in
    podplay-worker*.wasm) echo "worker" ;;
    podplay-worker*.js) echo "worker-js" ;;
    editor-help-*.js) echo "editor*" ;;
    editor*.js) echo editor ;;
    *.wasm) echo "page" ;;
    *) echo "${1##*.}" ;;
  esac
}

total_raw=0
total_gz=0
total_br=0
later_gz=0
later_br=0
declare -A part_gz=()
printf '%-9s %10s %10s %10s  %s\n' part raw gzip brotli file
shopt -s nullglob
for file in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/snippets/*/*.js "$DIST"/*.css "$DIST"/*.html; do
  [ -f "$file" ] || continue
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli_size "$file")
  part=$(part_of "$file")
  printf '%-9s %10d %10d %10d  %s\n' "$part" "$raw" "$gz" "$br" "${file#"$DIST"/}"
  part_gz[$part]=$((${part_gz[$part]:-0} + gz))
  if [ "$part" = "editor*" ]; then
    later_gz=$((later_gz + gz))
    later_br=$((later_br + br))
  fi
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  total_br=$((total_br + br))
done
printf '%-9s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
summary=""
for part in page worker js worker-js editor "editor*" css html; do
  summary+=" ${part} ${part_gz[$part]:-0};"
done
echo "size: gzip by part:${summary% ;}"
echo "size: (* the editor's help chunk, fetched on the first focus or touch of the editor: ${later_gz} gzip, ${later_br} brotli; first load without it $((total_gz - later_gz)) gzip)"
if [ "$total_gz" -gt "$TARGET" ]; then
  echo "size: first load ${total_gz} bytes gzip: OVER the ${TARGET}-byte target by $((total_gz - TARGET))"
else
  echo "size: first load ${total_gz} bytes gzip: within the ${TARGET}-byte target ($((TARGET - total_gz)) to spare)"
fi
pct=$((total_gz * 100 / BUDGET))
if [ "$total_gz" -gt "$BUDGET" ]; then
  echo "size: OVER BUDGET: first load ${total_gz} bytes gzip > enforced budget ${BUDGET} (${pct}%)"
  exit 1
fi
echo "size: first load ${total_gz} bytes gzip of the enforced ${BUDGET} budget (${pct}%)"
if [ "$pct" -ge "$WARN_AT" ]; then
  echo "size: warning: within $((100 - pct))% of the enforced budget"
fi
