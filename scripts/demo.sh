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
$KG view --graph kg-data -o graph.html
echo "open graph.html in a browser to explore the graph" >&2
