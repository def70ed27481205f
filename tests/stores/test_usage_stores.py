"""Usage in the stores: USES_MODEL's ``usage`` property and MENTIONS of methods,
benchmarks and models arrive in the embedded store and in FalkorDB, and the two
north-star queries of interface.md (any model, base model) give the same rows on
both."""

from __future__ import annotations

from pathlib import Path

import pytest
from live.storekit import listing_org, mention

from kg.graph import build_graph
from kg.queries import NORTH_STAR, NORTH_STAR_BASE
from kg.records import ExtractionRecord, Paper
from kg.stores.embedded import EmbeddedStore


def _record(pid: str, date: str, abstract: str, method: str, models: dict[str, str],
            benchmarks: dict[str, str], mentioned: tuple[str, ...] = (),
            org: str | None = None) -> ExtractionRecord:
    """A paper proposing ``method`` with models and benchmarks of given usages."""
    paper = Paper(id=pid, title=f"{method}: a method", abstract=abstract, date=date,
                  source="test")
    entities = [mention(paper, "method", method, role="proposed")]
    for name, usage in models.items():
        entity = mention(paper, "model", name)
        entity.usage = usage  # type: ignore[assignment]
        entities.append(entity)
    for name, usage in benchmarks.items():
        entity = mention(paper, "benchmark", name)
        entity.usage = usage  # type: ignore[assignment]
        entities.append(entity)
    for name in mentioned:
        entity = mention(paper, "method", name)
        entity.usage = "mentioned"
        entities.append(entity)
    if org:
        entities.append(listing_org(org))
    return ExtractionRecord(paper=paper, entities=entities)


def usage_records() -> list[ExtractionRecord]:
    return [
        _record("2502.10001", "2025-02-01",
                "Unlike DPO, we fine-tune Qwen2.5-7B on GSM8K with GPT-4o as the "
                "judge.",
                "JudgeRL", {"Qwen2.5-7B": "base", "GPT-4o": "tool"},
                {"GSM8K": "evaluated"}, mentioned=("DPO",), org="MIT"),
        _record("2502.10002", "2025-03-01",
                "Our method outperforms Qwen2.5-7B-Instruct on GSM8K, while models "
                "that excel on MMLU still fail.",
                "BaselineRL", {"Qwen2.5-7B-Instruct": "evaluated"},
                {"GSM8K": "evaluated", "MMLU": "mentioned"}),
        _record("2502.10003", "2025-04-01",
                "Since GPT-4, reasoning improved; we train Qwen2.5-7B-Math on GSM8K.",
                "MathRL", {"GPT-4": "mentioned", "Qwen2.5-7B-Math": "base"},
                {"GSM8K": "evaluated"}, org="Stanford University"),
    ]


#: The rows the north-star queries give on usage_records(): every paper has
#: GSM8K, a Qwen2.5-7B model and a method; only two build on it.
NORTH_STAR_ROWS = [["BaselineRL", "2502.10002", []], ["JudgeRL", "2502.10001", ["MIT"]],
                   ["MathRL", "2502.10003", ["Stanford University"]]]
NORTH_STAR_BASE_ROWS = [["JudgeRL", "2502.10001", ["MIT"]],
                        ["MathRL", "2502.10003", ["Stanford University"]]]

USAGE_ROWS = ("MATCH (p:Paper)-[r:USES_MODEL]->(m:Model) "
              "RETURN p.id AS paper, m.name AS model, r.usage AS usage")
MENTION_ROWS = " UNION ALL ".join(
    f"MATCH (p:Paper)-[:MENTIONS]->(n:{label}) RETURN p.id AS paper, n.name AS name"
    for label in ("Method", "Benchmark", "Model"))
EXPECTED_USAGES = [["2502.10001", "GPT-4o", "tool"],
                   ["2502.10001", "Qwen2.5-7B", "base"],
                   ["2502.10002", "Qwen2.5-7B-Instruct", "evaluated"],
                   ["2502.10003", "Qwen2.5-7B-Math", "base"]]
EXPECTED_MENTIONS = [["2502.10001", "DPO"], ["2502.10002", "MMLU"],
                     ["2502.10003", "GPT-4"]]


def _sorted(rows: list[list]) -> list[list]:
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    store = EmbeddedStore(Path(tmp_path_factory.mktemp("usage")) / "g")
    store.write(usage_records())
    return store


def test_usage_embedded_store_has_usage_and_mentions(embedded: EmbeddedStore) -> None:
    assert _sorted(embedded.query(USAGE_ROWS).rows) == EXPECTED_USAGES
    assert _sorted(embedded.query(MENTION_ROWS).rows) == EXPECTED_MENTIONS
    rels = embedded.stats()["relationships"]
    assert rels["MENTIONS"] == 3 and rels["USES_MODEL"] == 4


def test_usage_embedded_north_star_queries(embedded: EmbeddedStore) -> None:
    assert _sorted(embedded.query(NORTH_STAR).rows) == NORTH_STAR_ROWS
    assert _sorted(embedded.query(NORTH_STAR_BASE).rows) == NORTH_STAR_BASE_ROWS


def test_usage_embedded_addition_carries_usage(tmp_path: Path) -> None:
    """Papers added in place (kg.stores.increment, ladybug_patch) get the same
    relationships and usage as a fresh load of all of them."""
    records = usage_records()
    added = EmbeddedStore(tmp_path / "added")
    added.write(records[:1])
    added.add(records[1:])
    fresh = EmbeddedStore(tmp_path / "fresh")
    fresh.write(records)
    for cypher in (USAGE_ROWS, MENTION_ROWS, NORTH_STAR_BASE):
        assert _sorted(added.query(cypher).rows) == _sorted(fresh.query(cypher).rows)
    assert added.stats() == fresh.stats()


def test_usage_servers_agree_with_the_embedded_store(store,
                                                     embedded: EmbeddedStore) -> None:
    """FalkorDB and Neo4j hold the usage property and MENTIONS as the embedded
    store does, and give the same north-star rows."""
    store.write_graph(build_graph(usage_records()))
    for cypher in (USAGE_ROWS, NORTH_STAR, NORTH_STAR_BASE):
        assert _sorted(store.query(cypher).rows) == \
            _sorted(embedded.query(cypher).rows), cypher
    assert _sorted(store.query(MENTION_ROWS).rows) == EXPECTED_MENTIONS
    assert store.stats() == embedded.stats()
