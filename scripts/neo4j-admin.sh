#!/usr/bin/env bash
# `neo4j-admin` of the Neo4j that scripts/neo4j-server.sh runs, on the directory
# $NEO4J_HOME (as the real binary reads it), e.g. the import of a kg export:
#
#   kg export --format neo4j-admin -o out/neo4j
#   NEO4J_HOME=DIR NEO4J_ADMIN=scripts/neo4j-admin.sh out/neo4j/import.sh
#   scripts/neo4j-server.sh start DIR        # serves the imported graph
set -euo pipefail
[ -n "${NEO4J_HOME:-}" ] || { echo "neo4j-admin.sh: set NEO4J_HOME to the server's directory" >&2; exit 1; }
exec "$(cd "$(dirname "$0")" && pwd)/neo4j-server.sh" admin "$NEO4J_HOME" "$@"
