"""Server builds on different days add up to one graph (FalkorDB always, Neo4j when
``$NEO4J_URI`` is set): the graph directory keeps the resolution state and the
server gets the change, or the whole graph with what it no longer holds deleted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from datapaths import HF_DAILY
from kg.errors import StoreError
from kg.graph.model import add_node, add_relationship, new_graph
from kg.pipeline import build_embedded, build_server
from kg.stores.embedded import EmbeddedStore
from live.storekit import dump

DAYS = [HF_DAILY / "2025-03-04.json", HF_DAILY / "2025-03-05.json"]


@pytest.fixture(autouse=True)
def _needs_data(shared_data) -> None:
    """The listings come from ../shared/data."""


def clean_load_dump(store: Any, graph_dir: Path) -> dict[str, list[Any]]:
    """What the server holds after a clean load of the directory's whole graph."""
    store.clear()
    store.write_graph(EmbeddedStore(graph_dir).graph())
    return dump(store)


def rows(summary) -> int:
    return summary.write.nodes + summary.write.relationships


def test_live_sync_a_second_day_sends_only_the_change(store: Any, tmp_path: Path
                                                      ) -> None:
    graph = EmbeddedStore.for_server(tmp_path / "state")
    first = build_server(DAYS[:1], store, graph)
    day_one = graph.graph()
    assert rows(first) == day_one.number_of_nodes() + day_one.number_of_edges()
    assert first.sent == "the whole graph"
    second = build_server(DAYS[1:], store, graph)
    assert second.sent == "the change"
    whole = EmbeddedStore(tmp_path / "state").graph()
    assert whole.number_of_nodes() > day_one.number_of_nodes()
    assert 0 < rows(second) < (whole.number_of_nodes() + whole.number_of_edges()) / 2
    assert dump(store) == clean_load_dump(store, tmp_path / "state")


def test_live_sync_equals_one_build_of_both_days(store: Any, tmp_path: Path) -> None:
    build_server(DAYS[:1], store, EmbeddedStore.for_server(tmp_path / "days"))
    build_server(DAYS[1:], store, EmbeddedStore.for_server(tmp_path / "days"))
    by_day = dump(store)
    store.clear()
    build_server(DAYS, store, EmbeddedStore.for_server(tmp_path / "at-once"))
    assert by_day == dump(store)


def test_live_sync_nothing_new_sends_nothing(store: Any, tmp_path: Path) -> None:
    graph = EmbeddedStore.for_server(tmp_path / "state")
    build_server(DAYS, store, graph)
    again = build_server(DAYS, store, graph)
    assert rows(again) == 0 and not again.changed and again.sent is None


def test_live_sync_server_behind_gets_the_whole_graph_without_stale_nodes(
        store: Any, tmp_path: Path) -> None:
    graph_dir = tmp_path / "state"
    build_server(DAYS[:1], store, EmbeddedStore.for_server(graph_dir))
    # What an older graph of the directory had and the next one has not: an entity
    # merged away, a relationship between nodes that both stay.
    paper = next(n for n, d in EmbeddedStore(graph_dir).graph().nodes(data=True)
                 if d["label"] == "Paper")
    stale = new_graph()
    add_node(stale, paper, "Paper")
    add_node(stale, "method:gone", "Method", name="Gone", papers=1)
    add_node(stale, "benchmark:gsm8k", "Benchmark", name="GSM8K", papers=1)
    add_relationship(stale, paper, "method:gone", "USES", rule="old")
    add_relationship(stale, paper, "benchmark:gsm8k", "EVALUATED_ON", rule="old")
    store.write_graph(stale)
    build_embedded(DAYS[1:], EmbeddedStore(graph_dir))  # the server misses it
    assert (EmbeddedStore(graph_dir).server_version(store.target)
            != EmbeddedStore(graph_dir).version())
    behind = build_server(DAYS[1:], store, EmbeddedStore.for_server(graph_dir))
    assert behind.sent == "the whole graph, stale elements deleted"
    synced = dump(store)
    assert not any("method:gone" in node for node in synced["nodes"])
    assert synced == clean_load_dump(store, graph_dir)


def test_live_sync_interrupted_change_is_completed_by_the_next_build(
        store: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    graph_dir = tmp_path / "state"
    build_server(DAYS[:1], store, EmbeddedStore.for_server(graph_dir))
    write, calls = store._write, []

    def dies_midway(statement):
        calls.append(statement)
        if len(calls) == 3:
            raise StoreError("connection lost")
        write(statement)

    monkeypatch.setattr(store, "_write", dies_midway)
    with pytest.raises(StoreError):
        build_server(DAYS[1:], store, EmbeddedStore.for_server(graph_dir))
    monkeypatch.setattr(store, "_write", write)
    again = build_server(DAYS[1:], store, EmbeddedStore.for_server(graph_dir))
    assert again.changed  # the directory had the papers; the server got the graph
    assert dump(store) == clean_load_dump(store, graph_dir)
