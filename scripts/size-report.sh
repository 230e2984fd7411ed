#!/usr/bin/env bash
# Prints the size of the built page (dist/) part by part: wasm, JS (the wasm-bindgen glue and
# its snippets), the code editor (editor.js and its chunks), CSS and HTML — raw, gzip -9 and
# brotli -q 11 (the `brotli` tool when installed, else Node's zlib) — and the first load's
# gzip total against the budget. Exits 1 only when the first load is over budget.
#
# First load = everything the page fetches without the person doing anything: all of it but
# the editor's help chunk (editor-help-*.js: completion, field docs, search), which is fetched
# when the person first focuses or touches the editor. That chunk is listed and totalled apart.
# Usage: scripts/size-report.sh [dist-dir]
set -euo pipefail
DIST="${1:-$(dirname "$0")/../dist}"
BUDGET=450000 # bytes, gzip: the first load (wasm, JS, editor, CSS and the HTML) within 450 KB
WARN_AT=95    # percent of the budget at which the report says so

brotli_size() {
  if command -v brotli >/dev/null; then
    brotli -q 11 -c "$1" | wc -c
  else
    node -e 'const z=require("zlib"),fs=require("fs");const b=fs.readFileSync(process.argv[1]);process.stdout.write(String(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$1"
  fi
}

part_of() {
  case "$(basename "$1")" in
    editor-help-*.js) echo "editor*" ;;
    editor*.js) echo editor ;;
    *) echo "${1##*.}" ;;
  esac
}

total_raw=0
total_gz=0
total_br=0
later_gz=0
later_br=0
printf '%-8s %10s %10s %10s  %s\n' part raw gzip brotli file
shopt -s nullglob
for file in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/snippets/*/*.js "$DIST"/*.css "$DIST"/*.html; do
  [ -f "$file" ] || continue
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli_size "$file")
  part=$(part_of "$file")
  printf '%-8s %10d %10d %10d  %s\n' "$part" "$raw" "$gz" "$br" "${file#"$DIST"/}"
  if [ "$part" = "editor*" ]; then
    later_gz=$((later_gz + gz))
    later_br=$((later_br + br))
    continue
  fi
  total_raw=$((total_raw + raw))
  total_gz=$((total_gz + gz))
  total_br=$((total_br + br))
done
printf '%-8s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
echo "(* on the first focus or touch of the editor, not in the first load: ${later_gz} gzip, ${later_br} brotli)"
pct=$((total_gz * 100 / BUDGET))
if [ "$total_gz" -gt "$BUDGET" ]; then
  echo "size: OVER BUDGET: first load ${total_gz} bytes gzip > ${BUDGET} (${pct}%)"
  exit 1
fi
echo "size: first load ${total_gz} bytes gzip of ${BUDGET} budget (${pct}%)"
if [ "$pct" -ge "$WARN_AT" ]; then
  echo "size: warning: within $((100 - pct))% of the budget"
fi
