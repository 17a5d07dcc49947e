#!/usr/bin/env bash
# Set up newstrail in ./.venv and run its main job on the sample corpus shipped in the repo.
# The demo ends with the exact commands to try next: as .venv/bin/newstrail when the venv
# is not on PATH, with how to activate it (source .venv/bin/activate) to type newstrail.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# the multilingual extra: the sample corpus holds a Spanish and a German article, which
# linking compares with their English sources (translation edges)
.venv/bin/python -m pip install --quiet -e '.[multilingual]'
.venv/bin/newstrail demo "$@"
