"""Graphs for the explorer tests, built from hand-made extraction records.

They go through the real ``kg.graph.build_graph`` so the page is tested on the
graph conventions every other stage produces.
"""

from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.records import Entity, Evidence, ExtractionRecord, Paper, VariantLink

GRPO_SENTENCE = "We train Qwen2.5-7B with GRPO on GSM8K and report accuracy."
HOSTILE_TITLES = (
    "<img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=1</script>",
    "<!-- <script>window.__pwned=1</script> \u2028 & &amp; \u2029 -->",
)


def mention(etype: str, text: str, sentence: str, *, role: str | None = None,
            aliases: tuple[str, ...] = (), field: str = "abstract",
            rule: str = "test.rule") -> Entity:
    """One entity with evidence pointing into ``sentence``."""
    start = max(sentence.find(text), 0)
    evidence = Evidence(field=field, rule=rule, start=start, end=start + len(text),
                        sentence=sentence)
    return Entity(type=etype, text=text, canonical=text, aliases=list(aliases),
                  role=role, evidence=[evidence])


def organization(name: str) -> Entity:
    """An organization the listing names (metadata evidence -> AFFILIATED_WITH)."""
    evidence = Evidence(field="metadata", rule="metadata.organization",
                        source="organization")
    return Entity(type="organization", text=name, canonical=name, evidence=[evidence])


def paper(pid: str, title: str, sentence: str, date: str = "2025-03-01") -> Paper:
    return Paper(id=pid, title=title, abstract=sentence, date=date,
                 url=f"https://arxiv.org/abs/{pid}", upvotes=3)


def grpo_records() -> list[ExtractionRecord]:
    """Four papers around GRPO: a variant, benchmarks, a model, organizations."""
    s1 = GRPO_SENTENCE
    s2 = "Step-GRPO extends GRPO with step rewards and is evaluated on MATH-500."
    s3 = "We compare PPO and DPO on MMLU using Llama-3-8B."
    s4 = "GRPO is applied to code generation on HumanEval."
    return [
        ExtractionRecord(
            paper(
                "2501.00001",
                "Group Relative Policy Optimization for Math Reasoning",
                s1,
            ),
            entities=[mention("method", "GRPO", s1, role="used",
                              aliases=("Group Relative Policy Optimization",)),
                      mention("model", "Qwen2.5-7B", s1),
                      mention("benchmark", "GSM8K", s1),
                      mention("metric", "accuracy", s1),
                      organization("DeepSeek")]),
        ExtractionRecord(
            paper("2502.00002", "Step-GRPO: Process Rewards", s2, "2025-04-02"),
            entities=[mention("method", "Step-GRPO", s2, role="proposed"),
                      mention("method", "GRPO", s2, role="used"),
                      mention("benchmark", "MATH-500", s2)],
            variant_of=[VariantLink("Step-GRPO", "GRPO")]),
        ExtractionRecord(
            paper("2503.00003", "Preference Optimization at Scale", s3, "2025-05-03"),
            entities=[mention("method", "PPO", s3), mention("method", "DPO", s3),
                      mention("benchmark", "MMLU", s3),
                      mention("model", "Llama-3-8B", s3), organization("Meta")]),
        ExtractionRecord(
            paper("2504.00004", "GRPO for Code", s4, "2025-06-04"),
            entities=[mention("method", "GRPO", s4, role="used"),
                      mention("benchmark", "HumanEval", s4)]),
    ]


def hostile_records() -> list[ExtractionRecord]:
    """Papers whose titles, names and sentences are markup and script."""
    records = []
    for index, title in enumerate(HOSTILE_TITLES):
        sentence = f"{title} is evaluated on GSM8K."
        records.append(ExtractionRecord(
            paper(f"2509.0000{index}", title, sentence),
            entities=[mention("method", title, sentence, role="proposed"),
                      mention("benchmark", "GSM8K", sentence)]))
    return records


@pytest.fixture
def grpo_graph() -> nx.MultiDiGraph:
    return build_graph(grpo_records())


@pytest.fixture
def hostile_graph() -> nx.MultiDiGraph:
    return build_graph(hostile_records())


def node_id(graph: nx.MultiDiGraph, name: str) -> str:
    """The id of the one node called ``name`` (ids are the resolver's business)."""
    hits = [n for n, d in graph.nodes(data=True)
            if name in (d.get("name"), d.get("title"))]
    assert len(hits) == 1, f"{len(hits)} nodes named {name!r}"
    return hits[0]
