#!/usr/bin/env bash
# Set up newstrail with its test dependencies in ./.venv and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,train]'
.venv/bin/python -m pytest "$@"
