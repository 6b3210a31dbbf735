#!/usr/bin/env bash
# Launch Мобільний кейс with the demo community in a local data folder (./data by default).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh" app
cd "$ROOT"
exec .venv/bin/mobile-case --data-dir "${MOBILE_CASE_DATA:-$ROOT/data}" --demo "$@"
