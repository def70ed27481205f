#!/usr/bin/env bash
# The main job on the seed page: set up, build the graph, show stats, ask the
# north-star question, write the explorer page.  Output lands in ./kg-data and
# ./graph.html.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
KG=.venv/bin/kg
SEED=../shared/data/seed
$KG build "$SEED" --graph kg-data
$KG stats --graph kg-data
$KG query --graph kg-data "MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark)
RETURN b.name AS benchmark, count(DISTINCT p) AS papers
ORDER BY papers DESC, benchmark LIMIT 10"
echo "The north-star question (interface.md): methods proposed by papers evaluated on" >&2
echo "GSM8K with a Qwen2.5-7B model since 2025, and their organizations:" >&2
$KG query --graph kg-data "$(.venv/bin/python -c 'from kg.queries import NORTH_STAR; print(NORTH_STAR)')"
$KG view --graph kg-data -o graph.html
echo "open graph.html in a browser to explore the graph" >&2
