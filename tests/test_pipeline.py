"""Builds end to end on real data: counts, incrementality, determinism, idempotence."""

from __future__ import annotations

import json

import pytest

from datapaths import GOLD, SEED_PAGE
from kg.graph import build_graph, count_by_label
from kg.pipeline import build_embedded, extract_inputs
from kg.stores.embedded import EmbeddedStore
from kg.views.export import export_graph

DEV = GOLD / "hf_dev_papers.json"
LABELS = ["Paper", "Method", "Benchmark", "Model", "Organization", "Metric"]


@pytest.fixture(scope="module")
def seed_dev_graph(tmp_path_factory):
    directory = tmp_path_factory.mktemp("seed_dev")
    summary = build_embedded([SEED_PAGE, DEV], EmbeddedStore(directory))
    return directory, summary


def test_pipeline_extracts_one_record_per_seed_paper(shared_data):
    records = list(extract_inputs([SEED_PAGE]))
    assert len(records) == 70
    assert len({r.id for r in records}) == 70


def test_pipeline_seed_build_has_papers_and_all_entity_types(tmp_path, shared_data):
    store = EmbeddedStore(tmp_path / "g")
    build_embedded([SEED_PAGE], store)
    nodes = store.stats()["nodes"]
    assert nodes["Paper"] == 70
    for label in LABELS:
        assert nodes.get(label, 0) > 0, label


def test_pipeline_rebuild_of_the_same_input_changes_nothing(seed_dev_graph):
    directory, first = seed_dev_graph
    again = build_embedded([SEED_PAGE, DEV], EmbeddedStore(directory))
    assert first.changed and not again.changed
    assert again.papers_extracted == 0


def test_pipeline_seed_then_dev_equals_seed_and_dev_at_once(tmp_path, seed_dev_graph,
                                                             shared_data):
    store = EmbeddedStore(tmp_path / "stepwise")
    build_embedded([SEED_PAGE], store)
    summary = build_embedded([DEV], store)
    assert summary.papers_reused == 70
    stepwise = _export_lines(EmbeddedStore(tmp_path / "stepwise").graph(), tmp_path)
    at_once = _export_lines(EmbeddedStore(seed_dev_graph[0]).graph(), tmp_path)
    assert stepwise == at_once


def test_pipeline_two_fresh_builds_export_byte_identical(tmp_path, shared_data):
    outputs = []
    for name in ("a", "b"):
        records = list(extract_inputs([SEED_PAGE, DEV]))
        export_graph(build_graph(records), "jsonl", tmp_path / name)
        outputs.append([(tmp_path / name / f).read_bytes()
                        for f in ("nodes.jsonl", "relationships.jsonl")])
    assert outputs[0] == outputs[1]


def test_pipeline_store_stats_equal_the_graph(seed_dev_graph):
    store = EmbeddedStore(seed_dev_graph[0])
    assert store.stats() == count_by_label(store.graph())


def _export_lines(graph, tmp_path) -> list[dict]:
    out = tmp_path / f"export-{id(graph)}"
    export_graph(graph, "jsonl", out)
    return [json.loads(line) for f in ("nodes.jsonl", "relationships.jsonl")
            for line in (out / f).read_text(encoding="utf-8").splitlines()]
