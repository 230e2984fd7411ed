#!/usr/bin/env bash
# Runs every test layer and prints one closing line: `N passed, N failed`.
#   1. native:  cargo test (core, CLI, the web crate's pure modules)
#   2. wasm:    component tests in headless Chromium (wasm-bindgen-test-runner + chromedriver)
#   3. build:   trunk build --release, then the size report against the 450 KB gzip budget
#   4. e2e:     Playwright (playwright-core + Debian's Chromium) against dist/, served at / and /podplay/
# Installs whatever is missing first (scripts/install-tools.sh --test). Exits non-zero if
# anything failed. `cargo fmt --check` is reported but does not fail the run.
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"
PASSED=0
FAILED=0
SKIPPED=0
LAYERS=()

section() { printf '\n===== %s =====\n' "$*"; }

# Adds a layer's counts and remembers its line for the per-layer table.
record() { # name passed failed skipped
  PASSED=$((PASSED + $2))
  FAILED=$((FAILED + $3))
  SKIPPED=$((SKIPPED + $4))
  LAYERS+=("$(printf '%-8s %4d passed, %d failed, %d skipped' "$1" "$2" "$3" "$4")")
}

# Sums cargo's (and wasm-bindgen-test-runner's) `test result:` lines in a log.
cargo_counts() { # log → "passed failed skipped"
  awk '/^test result:/ {
         for (i = 1; i <= NF; i++) {
           if ($(i+1) ~ /^passed/) p += $i
           if ($(i+1) ~ /^failed/) f += $i
           if ($(i+1) ~ /^ignored/) s += $i
         }
       }
       END { print p + 0, f + 0, s + 0 }' "$1"
}

# Runs a cargo test layer; a build failure (no test counted as failed) counts as one failure.
cargo_layer() { # name log command...
  local name=$1 log=$2
  shift 2
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  read -r p f s < <(cargo_counts "$log")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "$name: failed before its tests ran (exit $status)"
    f=1
  fi
  record "$name" "$p" "$f" "$s"
}

section "tools"
if ! scripts/install-tools.sh --test; then
  echo "tools: installation failed"
  echo "0 passed, 1 failed"
  exit 1
fi

section "format (informational)"
if ! cargo fmt --version >/dev/null 2>&1; then
  echo "cargo fmt: rustfmt is not installed; skipped"
elif cargo fmt --all --check >"$LOGS/fmt.log" 2>&1; then
  echo "cargo fmt: clean"
else
  echo "cargo fmt: these files need \`cargo fmt\`:"
  grep '^Diff in' "$LOGS/fmt.log" | sed 's/^Diff in \(.*\) at line.*/  \1/' | sort -u
fi

section "native: cargo test"
cargo_layer native "$LOGS/native.log" cargo test --offline

section "wasm: component tests in headless Chromium"
cargo_layer wasm "$LOGS/wasm.log" cargo test --offline --target wasm32-unknown-unknown -p podplay-web

section "build: trunk build --release"
if trunk build --release --offline 2>&1 | tee "$LOGS/build.log" | grep -Ev '^\s+(Compiling|Checking) '; [ "${PIPESTATUS[0]}" -eq 0 ]; then
  section "size report"
  if scripts/size-report.sh dist | tee "$LOGS/size.log"; then
    record build 2 0 0
  else
    record build 1 1 0
  fi
  section "e2e: Playwright against dist/"
  node --test --test-reporter=spec e2e/*.test.mjs editor/yaml_path.test.mjs 2>&1 | tee "$LOGS/e2e.log"
  status=${PIPESTATUS[0]}
  read -r p f s < <(sed 's/\x1b\[[0-9;]*m//g' "$LOGS/e2e.log" | awk '
    /^(ℹ|#) pass [0-9]+$/ { p = $3 }
    /^(ℹ|#) fail [0-9]+$/ { f = $3 }
    /^(ℹ|#) (skipped|todo) [0-9]+$/ { s += $3 }
    END { print p + 0, f + 0, s + 0 }')
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "e2e: failed before its tests ran (exit $status)"
    f=1
  fi
  record e2e "$p" "$f" "$s"
else
  echo "build: trunk build failed (see $LOGS/build.log); e2e not run"
  record build 0 1 0
fi

section "summary"
printf '%s\n' "${LAYERS[@]}"
if [ "$SKIPPED" -gt 0 ]; then
  echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
  echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" -eq 0 ]
