#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run them.
# Python packages go into .venv; the browser tests use Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
# Browser tests: Debian's chromium, and a Devanagari font so names render (not boxes).
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi devanagari; then
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium fonts-lohit-deva >/dev/null
fi
exec .venv/bin/python -m pytest -q "$@"
