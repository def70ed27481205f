#!/usr/bin/env bash
# The install a user gets from a clone, a git URL or a wheel (not `pip install -e`):
# build the wheel, install it into a fresh virtual environment, and run the main job
# on the seed page from outside the clone, so only what the package carries is read.
# Exits non-zero if any step fails.  Used by .ci/run; run it by hand after changing
# what the package reads (schema, lexicons, explorer assets).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
SEED="$REPO/../shared/data/seed"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

PYTHON=${PYTHON:-python3}
echo "check_wheel: building the wheel" >&2
"$PYTHON" -m pip wheel -q --no-deps . -w "$WORK/dist"
WHEEL=$(ls "$WORK"/dist/paper_kg-*.whl)
"$PYTHON" -m venv "$WORK/venv"
echo "check_wheel: installing $(basename "$WHEEL") into a fresh venv" >&2
"$WORK/venv/bin/python" -m pip install -q "$WHEEL"

cd "$WORK"  # not the clone: the installed package must carry what it reads
KG="$WORK/venv/bin/kg"
"$KG" build "$SEED" --graph "$WORK/kg-data" -q
"$KG" stats --graph "$WORK/kg-data" --json
NORTH_STAR=$("$WORK/venv/bin/python" -c 'from kg.queries import NORTH_STAR; print(NORTH_STAR)')
ROWS=$("$KG" query --graph "$WORK/kg-data" --format csv "$NORTH_STAR" | wc -l)
"$KG" view --graph "$WORK/kg-data" -o "$WORK/graph.html" -q
"$KG" export --graph "$WORK/kg-data" --format jsonl -o "$WORK/export" -q
test -s "$WORK/graph.html"
echo "check_wheel: ok (the north-star query gave $((ROWS - 1)) rows from the installed wheel)" >&2
