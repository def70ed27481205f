"""The graph builder: which relationship each extracted entity becomes."""

from __future__ import annotations

import pytest

from kg.graph import build_graph, count_by_label
from kg.records import Entity, Evidence, ExtractionRecord, Paper, VariantLink


def _ev(paper: Paper, text: str) -> Evidence:
    start = paper.abstract.index(text)
    return Evidence("abstract", "test", start, start + len(text), paper.abstract)


def _record() -> ExtractionRecord:
    paper = Paper(id="2501.00001", title="Step-GRPO: better RL",
                  abstract="We propose Step-GRPO. It beats GRPO on GSM8K with "
                           "Qwen2.5-7B, measured by accuracy.",
                  date="2025-01-02", organization="Ant Group",
                  organization_handle="antgroup",
                  code=["https://github.com/x/y"])
    ents = [
        Entity("method", "Step-GRPO", "Step-GRPO", role="proposed",
               evidence=[_ev(paper, "Step-GRPO")]),
        Entity("method", "GRPO", "GRPO", role="used", evidence=[_ev(paper, "GRPO ")]),
        Entity("benchmark", "GSM8K", "GSM8K", role="used",
               evidence=[_ev(paper, "GSM8K")]),
        Entity("model", "Qwen2.5-7B", "Qwen2.5-7B", role="used",
               evidence=[_ev(paper, "Qwen2.5-7B")]),
        Entity("metric", "accuracy", "accuracy", evidence=[_ev(paper, "accuracy")]),
        Entity("organization", "Ant Group", "Ant Group", aliases=["antgroup"],
               evidence=[Evidence("metadata", "metadata.organization",
                                  source="organization")]),
    ]
    return ExtractionRecord(paper, ents, [VariantLink("Step-GRPO", "GRPO")],
                            ["https://github.com/x/y"])


@pytest.mark.parametrize(("target_name", "rel_type"), [
    ("Step-GRPO", "PROPOSES"), ("GRPO", "USES"), ("GSM8K", "EVALUATED_ON"),
    ("Qwen2.5-7B", "USES_MODEL"), ("accuracy", "REPORTS"),
    ("Ant Group", "AFFILIATED_WITH"),
])
def test_builder_maps_entity_role_to_relationship(target_name: str, rel_type: str):
    graph = build_graph([_record()])
    targets = {graph.nodes[v]["name"]: k for _, v, k in graph.out_edges(
        "2501.00001", keys=True) if graph.nodes[v]["label"] != "Repository"}
    assert targets[target_name] == rel_type


def test_builder_keeps_evidence_offsets_valid():
    record = _record()
    graph = build_graph([record])
    for _, _, data in graph.out_edges(record.id, data=True):
        for ev in data["evidence"]:
            if ev["field"] == "abstract":
                mention = record.paper.abstract[ev["start"]:ev["end"]]
                assert mention and mention in ev["sentence"]


def test_builder_links_variant_and_code():
    graph = build_graph([_record()])
    counts = count_by_label(graph)
    variants = {(graph.nodes[u]["name"], graph.nodes[v]["name"])
                for u, v, k in graph.edges(keys=True) if k == "VARIANT_OF"}
    assert ("Step-GRPO", "GRPO") in variants
    assert counts["relationships"]["HAS_CODE"] == 1
    assert counts["nodes"]["Repository"] == 1
    metadata = [d["evidence"][0] for _, _, k, d in graph.edges(keys=True, data=True)
                if k == "HAS_CODE"]
    assert metadata == [{"field": "metadata", "source": "githubRepo",
                         "rule": "metadata.code"}]


def test_builder_is_deterministic_for_the_same_records():
    a, b = build_graph([_record()]), build_graph([_record()])
    assert sorted(a.nodes(data=True)) == sorted(b.nodes(data=True))
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


def test_graph_elements_put_every_relationship_after_its_nodes():
    from kg.graph.builder import graph_elements
    from kg.graph.model import Node
    from kg.resolve import resolve

    records = [_record()]
    seen: set[str] = set()
    rels = 0
    for element in graph_elements(records, resolve(records)):
        if isinstance(element, Node):
            seen.add(element.id)
        else:
            assert element.source in seen and element.target in seen
            rels += 1
    assert rels > 3


def test_builder_counts_one_repository_per_paper_however_spelled():
    paper = Paper(id="2501.00009", title="T", abstract="Code: https://github.com/a/b",
                  code=["https://github.com/a/b.git"])
    record = ExtractionRecord(paper=paper, entities=[],
                              code=["https://github.com/a/b"])
    graph = build_graph([record])
    repos = [n for n, label in graph.nodes(data="label") if label == "Repository"]
    assert len(repos) == 1 and graph.nodes[repos[0]]["papers"] == 1
    assert graph.number_of_edges() == 1


@pytest.mark.parametrize("text", [
    "plain", "", 'quote " and \\ backslash', "new\nline\ttab\x00nul\x1f", "\x7f del",
    "é 日本 \U0001f600 \u2028 \u200b \xa0 \x85", '\\"', "\\u0041", "\ud800 lone",
])
def test_content_hash_changes_with_what_extraction_reads_only(text: str):
    """Same paper, same hash; a change to any field extraction reads changes it;
    listing data it does not read (upvotes, date) does not."""
    from dataclasses import replace

    paper = Paper(id="x", title=text, abstract=f"a {text} b", organization=text,
                  organization_handle="h", code=[text, "https://g/x"])
    same = replace(paper, code=list(paper.code), upvotes=7, date="2025-01-01")
    assert paper.content_hash() == same.content_hash()
    for change in ({"title": text + "!"}, {"abstract": text}, {"organization": None},
                   {"organization_handle": "g"}, {"code": [text]}):
        assert replace(paper, **change).content_hash() != paper.content_hash()


def _usage_record() -> ExtractionRecord:
    """A paper with one entity of every usage (hf_daily-like wording)."""
    paper = Paper(id="2502.00002", title="JudgeRL",
                  abstract="We propose JudgeRL. Unlike DPO, we fine-tune Qwen2.5-7B "
                           "with GRPO on GSM8K, "
                           "using GPT-4o as the judge, and outperform Llama-3-8B. "
                           "Models that excel on MMLU still fail; since DeepSeek-R1, "
                           "reasoning is popular.", date="2025-02-02")

    def ent(kind: str, name: str, usage: str, role: str = "used") -> Entity:
        return Entity(kind, name, name, role=role, usage=usage,  # type: ignore[arg-type]
                      evidence=[_ev(paper, name)])

    return ExtractionRecord(paper, [
        ent("method", "JudgeRL", "proposed", role="proposed"),
        ent("method", "GRPO", "used"), ent("method", "DPO", "mentioned"),
        ent("benchmark", "GSM8K", "evaluated"), ent("benchmark", "MMLU", "mentioned"),
        ent("model", "Qwen2.5-7B", "base"), ent("model", "GPT-4o", "tool"),
        ent("model", "Llama-3-8B", "evaluated"),
        ent("model", "DeepSeek-R1", "mentioned")])


@pytest.mark.parametrize(("target_name", "rel_type", "usage"), [
    ("JudgeRL", "PROPOSES", None), ("GRPO", "USES", None),
    ("DPO", "MENTIONS", None), ("GSM8K", "EVALUATED_ON", None),
    ("MMLU", "MENTIONS", None), ("Qwen2.5-7B", "USES_MODEL", "base"),
    ("GPT-4o", "USES_MODEL", "tool"), ("Llama-3-8B", "USES_MODEL", "evaluated"),
    ("DeepSeek-R1", "MENTIONS", None),
])
def test_builder_maps_usage_to_relationship(target_name: str, rel_type: str,
                                            usage: str | None) -> None:
    graph = build_graph([_usage_record()])
    edges = {graph.nodes[v]["name"]: (k, d) for _, v, k, d in graph.out_edges(
        "2502.00002", keys=True, data=True)}
    kind, data = edges[target_name]
    assert kind == rel_type
    assert data.get("usage") == usage
    assert data["evidence"][0]["sentence"]


def test_builder_takes_the_strongest_usage_of_entities_of_one_node() -> None:
    """Two entities of the paper that resolve to one model node: one relationship,
    the stronger usage (base before evaluated), the evidence of both."""
    paper = Paper(id="2502.00003", title="T",
                  abstract="We compare with Qwen2.5 7B. We fine-tune Qwen2.5-7B.")
    record = ExtractionRecord(paper, [
        Entity("model", "Qwen2.5 7B", "Qwen2.5-7B", role="used", usage="evaluated",
               evidence=[_ev(paper, "Qwen2.5 7B")]),
        Entity("model", "Qwen2.5-7B", "Qwen2.5-7B", role="used", usage="base",
               evidence=[_ev(paper, "Qwen2.5-7B")])])
    graph = build_graph([record])
    edges = [(k, d) for _, _, k, d in graph.out_edges("2502.00003", keys=True,
                                                      data=True)]
    assert [(k, d["usage"], len(d["evidence"])) for k, d in edges] == [
        ("USES_MODEL", "base", 2)]


def test_builder_record_without_usage_keeps_the_role_mapping() -> None:
    """Records written before usage (no ``usage`` key) map as roles did."""
    data = _record().to_dict()
    for entity in data["entities"]:
        entity.pop("usage", None)
    graph = build_graph([ExtractionRecord.from_dict(data)])
    kinds = sorted(k for _, _, k in graph.out_edges("2501.00001", keys=True))
    assert "MENTIONS" not in kinds
    assert {"PROPOSES", "USES", "EVALUATED_ON", "USES_MODEL"} <= set(kinds)
