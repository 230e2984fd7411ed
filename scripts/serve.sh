#!/usr/bin/env bash
# Serves the playground at http://127.0.0.1:8080/ with live rebuilds.
# Installs whatever is missing first (see scripts/install-tools.sh).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install-tools.sh
exec trunk serve --offline --address 127.0.0.1 --port 8080 "$@"
