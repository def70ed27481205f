"""FalkorDBStore: its URI, and how it fails (server down, server gone mid-load)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from live.storekit import FalkorDBServer, free_port, start_falkordb

from kg.errors import StoreError, StoreUnavailableError
from kg.stores.falkordb_store import FalkorDBAddress, FalkorDBStore, parse_uri
from kg.stores.server import open_server_store


@pytest.mark.parametrize(("uri", "expected"), [
    ("redis://localhost:6379", FalkorDBAddress("localhost", 6379, "kg")),
    ("redis://127.0.0.1:7000/papers", FalkorDBAddress("127.0.0.1", 7000, "papers")),
    ("redis://h", FalkorDBAddress("h", 6379, "kg")),
    ("redis://u:p%40ss@h:1/g", FalkorDBAddress("h", 1, "g", "u", "p@ss")),
    ("rediss://h:2/g", FalkorDBAddress("h", 2, "g", ssl=True)),
])
def test_falkordb_parse_uri(uri: str, expected: FalkorDBAddress) -> None:
    assert parse_uri(uri) == expected


def test_falkordb_uri_display_hides_password() -> None:
    assert parse_uri("redis://u:secret@h:1/g").display == "redis://h:1/g"


@pytest.mark.parametrize("uri", ["bolt://h:7687", "h:6379", "redis://h:notaport"])
def test_falkordb_bad_uri_is_store_error(uri: str) -> None:
    with pytest.raises(StoreError):
        parse_uri(uri)


def test_falkordb_server_down_is_unavailable_in_one_line() -> None:
    uri = f"redis://127.0.0.1:{free_port()}/kg"
    with pytest.raises(StoreUnavailableError) as info:
        FalkorDBStore(uri, connect_timeout=1)
    assert str(info.value).startswith(f"cannot reach FalkorDB at {uri}: start it")
    assert "\n" not in str(info.value)


def test_open_server_store_takes_falkordb_uri_from_env() -> None:
    uri = f"redis://127.0.0.1:{free_port()}/kg"
    with pytest.raises(StoreUnavailableError, match="FalkorDB"):
        open_server_store(env={"FALKORDB_URI": uri})


@pytest.mark.falkordb
def test_falkordb_stats_of_unwritten_graph_are_empty(
        falkordb_server: FalkorDBServer) -> None:
    with FalkorDBStore(falkordb_server.uri("never_written")) as store:
        assert store.stats() == {"nodes": {}, "relationships": {}}


@pytest.mark.falkordb
def test_falkordb_index_created_once(falkordb_server: FalkorDBServer,
                                     north_star_graph: nx.MultiDiGraph) -> None:
    with FalkorDBStore(falkordb_server.uri("index_once")) as store:
        store.write_graph(north_star_graph)
        with FalkorDBStore(falkordb_server.uri("index_once")) as again:
            again.write_graph(north_star_graph)  # no "already indexed" error
        rows = store.query("CALL db.indexes() YIELD label RETURN label").rows
        assert sorted(r[0] for r in rows) == sorted(
            {"Paper", "Method", "Benchmark", "Model", "Organization", "Metric",
             "Concept", "Repository"})
        store.clear()


@pytest.mark.falkordb
def test_falkordb_server_stopping_mid_load_raises_unavailable(
        tmp_path: Path, real_graph: nx.MultiDiGraph) -> None:
    server = start_falkordb(tmp_path)
    try:
        store = FalkorDBStore(server.uri(), batch_size=10)

        def stop_after_first_batches(done: int, total: int) -> None:
            if done >= 30:
                server.stop()

        with pytest.raises(StoreUnavailableError, match="cannot reach FalkorDB"):
            store.write_graph(real_graph, progress=stop_after_first_batches)
    finally:
        server.stop()
