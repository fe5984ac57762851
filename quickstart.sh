#!/usr/bin/env bash
# Sets up eventline in ./.venv, runs it on the bundled examples, prints the timeline and writes
# report.html. Safe to run again: the store is reused and nothing is processed twice.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/eventline run examples --db examples.db
.venv/bin/eventline timeline --db examples.db
.venv/bin/eventline report --db examples.db -o report.html
