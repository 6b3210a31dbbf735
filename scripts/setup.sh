#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh: system packages (Debian/Ubuntu),
# a virtual environment in .venv and the project installed into it. Safe to re-run: each
# part is skipped when it is already done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# System packages used by the app and its tests (Qt runtime libraries, fonts, CUPS with a
# PDF queue, poppler for rendering PDFs, Xvfb for screenshots).
APT_PACKAGES=(
  fonts-dejavu-core libpulse0 libegl1 libgl1 libdbus-1-3 libfontconfig1 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-shape0 xvfb xauth
  cups printer-driver-cups-pdf poppler-utils
  sane-utils libsane1 libsane-dev pcscd vsmartcard-vpcd libpcsclite-dev
  postgresql  # the station's PostgreSQL path is tested against a real server (tests/station)
  ffmpeg
)
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
    echo "setup: installing system packages: ${missing[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
      || { $SUDO apt-get update -q && $SUDO env DEBIAN_FRONTEND=noninteractive \
           apt-get install -y -q --no-install-recommends "${missing[@]}"; }
  fi
fi

PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in python3.11 python3.12 python3.13 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      PY="$cand"; break
    fi
  done
fi
[ -n "$PY" ] || { echo "setup: Python 3.11+ is required" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PY"
  "$PY" -m venv .venv
fi
STAMP=.venv/.mobile-case-installed
WANT="$(sha256sum pyproject.toml | cut -d' ' -f1)-${1:-app}"
if [ ! -f "$STAMP" ] || ! grep -qx "$WANT" "$STAMP"; then
  echo "setup: installing Python packages"
  if [ "${1:-app}" = "test" ]; then
    .venv/bin/pip install -q -e ".[test]"
  else
    .venv/bin/pip install -q -e .
  fi
  echo "$WANT" > "$STAMP"
fi
