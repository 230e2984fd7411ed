# Sourced by the other scripts: puts the project's tools first on PATH.
# node_modules/.bin comes first so Trunk finds wasm-opt 132 from npm (Debian's binaryen is
# too old); ~/.cargo/bin holds trunk and wasm-bindgen.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must never reach GitHub: no update check, and (Trunk.toml) tool versions that match
# the installed ones exactly.
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/webdriver.json"
export DEBIAN_FRONTEND=noninteractive
