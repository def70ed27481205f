"""The same integration suite against every real server (FalkorDB always, Neo4j when
``$NEO4J_URI`` is set): loads, idempotence, killed loads, the north-star query,
hostile strings."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.graph import count_by_label
from kg.stores.cypher import DIALECTS, clean_id, node_rows
from live.storekit import (
    HOSTILE_STRINGS,
    LONG_TITLE,
    NORTH_STAR,
    NORTH_STAR_EXPECTED,
    Target,
    dump,
    normalise_rows,
    north_star_rows,
)

REPO = Path(__file__).resolve().parents[3]


def test_live_store_load_counts_equal_graph(store: Any, real_graph: nx.MultiDiGraph
                                            ) -> None:
    summary = store.write_graph(real_graph)
    assert store.stats() == count_by_label(real_graph)
    assert summary.nodes == real_graph.number_of_nodes()
    assert summary.relationships == real_graph.number_of_edges()


def test_live_store_second_load_changes_nothing(store: Any,
                                                real_graph: nx.MultiDiGraph) -> None:
    store.write_graph(real_graph)
    first = dump(store)
    store.write_graph(real_graph)
    assert dump(store) == first
    assert store.stats() == count_by_label(real_graph)


def test_live_store_small_batches_give_the_same_graph(target: Target,
                                                      real_graph: nx.MultiDiGraph
                                                      ) -> None:
    with target.open(batch_size=7) as store:
        store.write_graph(real_graph)
        small = dump(store)
        store.clear()
    with target.open() as store:
        store.write_graph(real_graph)
        assert dump(store) == small


def test_live_store_north_star_rows(store: Any, real_graph: nx.MultiDiGraph) -> None:
    store.write_graph(real_graph)
    result = store.query(NORTH_STAR)
    assert result.columns == ["method", "paper", "organizations"]
    assert normalise_rows(result.rows) == north_star_rows(real_graph)
    assert normalise_rows(result.rows) == NORTH_STAR_EXPECTED


def test_live_store_dates_come_back_as_iso_text(store: Any,
                                                north_star_graph: nx.MultiDiGraph
                                                ) -> None:
    store.write_graph(north_star_graph)
    result = store.query("MATCH (p:Paper {id: $id}) RETURN p.date AS date, "
                         "p.date >= date('2025-01-01') AS recent", {"id": "2501.00001"})
    assert result.as_dicts() == [{"date": "2025-03-01", "recent": True}]
    undated = store.query("MATCH (p:Paper {id: '2599.00007'}) RETURN p.date AS d")
    assert undated.rows == [[None]]


def test_live_store_evidence_is_json_text(store: Any,
                                          north_star_graph: nx.MultiDiGraph) -> None:
    import json

    store.write_graph(north_star_graph)
    result = store.query("MATCH (:Paper {id: '2501.00001'})-[r:AFFILIATED_WITH]->() "
                         "RETURN r.evidence_json AS evidence")
    assert json.loads(result.rows[0][0]) == [{
        "field": "metadata", "source": "organization", "rule": "metadata.organization"}]


def test_live_store_hostile_strings_stored_verbatim(store: Any,
                                                    hostile_graph: nx.MultiDiGraph
                                                    ) -> None:
    store.write_graph(hostile_graph)
    assert store.stats() == count_by_label(hostile_graph)
    for index, text in enumerate(HOSTILE_STRINGS):
        pid = clean_id(f"hostile-{index}:{text}")  # ids lose control characters
        row = store.query("MATCH (p:Paper {id: $id}) RETURN p.id, p.title, p.authors",
                          {"id": pid}).rows  # the title keeps them
        assert row == [[pid, text, [text, "Plain Name"]]], text
        names = store.query("MATCH (p:Paper {id: $id})-[:PROPOSES]->(m:Method) "
                            "RETURN m.name", {"id": pid}).rows
        assert len(names) == 1
    long = store.query("MATCH (p:Paper {id: 'hostile-long'}) RETURN p.title").rows
    assert long == [[LONG_TITLE]]
    store.write_graph(hostile_graph)  # every id found again: nothing duplicated
    assert store.stats() == count_by_label(hostile_graph)


def test_live_store_rerun_after_sigkill_equals_clean_load(
        target: Target, real_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    graph_file = tmp_path / "graph.pickle"
    graph_file.write_bytes(pickle.dumps(real_graph))
    script = textwrap.dedent(f"""
        import pickle, sys, time
        from kg.stores.server import open_server_store
        graph = pickle.loads(open({str(graph_file)!r}, "rb").read())
        store = open_server_store(**{target.options!r}, batch_size=5)
        def progress(done, total):
            print(done, total, flush=True)
            time.sleep(0.01)
        store.write_graph(graph, progress=progress)
        print("finished", flush=True)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], cwd=REPO,
                               stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    assert process.stdout is not None
    for _ in range(40):  # let 40 batches (200 rows) land, then kill mid-way
        line = process.stdout.readline()
        assert line and line != "finished\n", "load ended before it was killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    with target.open() as store:
        partial = store.stats()
        assert partial != count_by_label(real_graph)
        store.write_graph(real_graph)
        rerun = dump(store)
        store.clear()
        store.write_graph(real_graph)
        assert rerun == dump(store)
        assert store.stats() == count_by_label(real_graph)


def test_live_store_holds_what_the_writer_sent(store: Any,
                                               north_star_graph: nx.MultiDiGraph
                                               ) -> None:
    """Properties on the server are exactly the writer's rows (plus typed dates)."""
    store.write_graph(north_star_graph)
    for label, rows in node_rows(north_star_graph).items():
        for row in rows:
            got = store.query(f"MATCH (n:{label} {{id: $id}}) RETURN properties(n)",
                              {"id": row["id"]}).rows
            expected = {"id": row["id"], **row["props"]}
            expected.update({k: v for k, v in row.get("dates", {}).items() if v})
            assert got == [[expected]]


def test_live_store_query_error_is_query_error(store: Any) -> None:
    from kg.errors import QueryError

    with pytest.raises(QueryError):
        store.query("MATCH (n:Paper RETURN n")


def test_live_store_dialect_is_known(target: Target) -> None:
    assert target.kind in DIALECTS
