#!/usr/bin/env bash
# Set up newstrail with its test dependencies in ./.venv (the multilingual models and
# pyarrow too, so the tests run the real ones), check the guard rails (the
# layer contract, the type check) and run the whole test suite, doctests included.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,train,multilingual,parquet,web,postgres,dask]'
echo "== layers (import-linter: pyproject.toml [tool.importlinter])"
.venv/bin/lint-imports --no-cache
echo "== types (mypy over src/newstrail)"
.venv/bin/mypy
echo "== tests (pytest, doctests included)"
.venv/bin/python -m pytest "$@"
