#!/usr/bin/env bash
# Set up paper-kg on a fresh Debian/Ubuntu machine: Chromium (for the explorer's
# browser tests), a virtual environment in .venv, and the project with its dev extra.
# Safe to run again.  Needs root (or sudo) only for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing Chromium from Debian (browser tests of kg view)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)" >&2
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
echo "setup: installing paper-kg[dev] into .venv" >&2
.venv/bin/python -m pip install -q -e ".[dev]"
echo "setup: done; activate with: . .venv/bin/activate" >&2
