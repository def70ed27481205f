"""The embedded store: a graph directory that persists, answers Cypher, survives
kills."""

from __future__ import annotations

import json

import pytest

from kg.errors import QueryError, StoreError
from kg.graph import build_graph, count_by_label
from kg.queries import NORTH_STAR
from kg.stores.embedded import EmbeddedStore


def test_embedded_store_persists_records_and_stats(tmp_path, sample_records):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    reopened = EmbeddedStore(tmp_path / "g")
    assert [r.id for r in reopened.load_records()] == sorted(
        r.id for r in sample_records)
    assert reopened.stats() == count_by_label(build_graph(sample_records))


def test_embedded_store_answers_the_north_star_query(tmp_path, sample_records):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    rows = sorted(store.query(NORTH_STAR).as_dicts(), key=lambda r: r["paper"])
    assert rows == [
        {"method": "Step-GRPO", "paper": "2501.00001", "organizations": ["Ant Group"]},
        {"method": "Step-GRPO", "paper": "2502.00002", "organizations": ["Ant Group"]},
    ]


@pytest.mark.parametrize("cypher", [
    "MATCH (p:Paper RETURN p",            # syntax error
    "MATCH (x:NoSuchLabel) RETURN x",     # unknown label
])
def test_embedded_store_rejects_bad_cypher_with_query_error(tmp_path, sample_records,
                                                            cypher):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    with pytest.raises(QueryError) as info:
        store.query(cypher)
    assert "\n" not in str(info.value)


def test_embedded_store_query_takes_parameters_not_text(tmp_path, sample_records):
    hostile = "x'}) MATCH (n) DETACH DELETE n //"
    sample_records[0].paper.title = hostile
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    rows = store.query("MATCH (p:Paper) WHERE p.title = $t RETURN p.id AS id",
                       {"t": hostile}).rows
    assert rows == [["2501.00001"]]
    assert store.stats()["nodes"]["Paper"] == 3


def test_embedded_store_without_graph_says_how_to_build(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        EmbeddedStore(tmp_path / "empty").stats()


def test_embedded_store_rewrite_keeps_one_generation(tmp_path, sample_records):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    store.write(sample_records[:1])
    names = sorted(p.name for p in (tmp_path / "g").iterdir())
    assert names == ["cypher-2.lbug", "manifest.json", "papers-2.jsonl.gz",
                     "records-2.jsonl.gz"]
    assert store.stats()["nodes"]["Paper"] == 1


def test_embedded_store_ignores_debris_of_a_killed_build(tmp_path, sample_records):
    """A build killed before the manifest moved leaves the old graph current."""
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    (tmp_path / "g" / "records-2.jsonl.gz").write_bytes(b"\x1f\x8b half written")
    (tmp_path / "g" / "cypher-2.lbug").write_bytes(b"garbage")
    assert EmbeddedStore(tmp_path / "g").stats()["nodes"]["Paper"] == 3
    store.write(sample_records[:2])  # the next build clears the debris
    assert json.loads((tmp_path / "g" / "manifest.json").read_text())[
        "generation"] == 2
    assert EmbeddedStore(tmp_path / "g").stats()["nodes"]["Paper"] == 2
