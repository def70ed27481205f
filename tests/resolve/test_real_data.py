"""Resolution of the real gold annotations (seed + hf_dev) as if they were extracted.

The gold files have the entity shape of our records; each entity gets an empty
evidence list.  Checks the issue-5 properties on real names: one node per normalised
name (except acronym homonyms), the EPO homonyms, known variants apart, lineage
within two hops, and that it is fast.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from kg.records import Entity, ExtractionRecord, Paper, VariantLink
from kg.resolve import Resolution, resolve

GOLD_FILES = ("seed_gold.jsonl", "hf_dev_gold.jsonl")


def gold_records(gold_dir: Path) -> list[ExtractionRecord]:
    records = []
    for name in GOLD_FILES:
        for line in (gold_dir / name).read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            entities = [Entity(e["type"], e["text"], e["canonical"],
                               list(e.get("aliases") or []), e.get("role"), [])
                        for e in data["entities"]]
            links = [VariantLink(**v) for v in data.get("variant_of") or []]
            records.append(ExtractionRecord(Paper(data["id"], data["title"]),
                                            entities, links))
    return records


@pytest.fixture(scope="module")
def gold(shared_data: Path) -> tuple[list[ExtractionRecord], Resolution]:
    records = gold_records(shared_data / "gold")
    return records, resolve(records)


def scorer_norm(name: str) -> str:
    """The reference scorer's name normalisation (data/README.md)."""
    out = unicodedata.normalize("NFKC", name).lower()
    for char in " -_":
        out = out.replace(char, "")
    return out[:-1] if len(out) > 4 and out.endswith("s") else out


def test_gold_every_mention_is_resolved(gold):
    records, res = gold
    assert len(res.mentions) == sum(len(r.entities) for r in records)
    assert set(res.mentions.values()) <= set(res.entities)


def test_gold_no_two_nodes_of_a_label_share_a_name(gold):
    _, res = gold
    by_name = defaultdict(list)
    for entity in res.entities.values():
        by_name[(entity.label, scorer_norm(entity.name))].append(entity)
    assert not {k: v for k, v in by_name.items() if len(v) > 1}


def test_gold_epo_homonyms_are_two_nodes(gold):
    """The sense most papers define keeps "EPO"; the other is named by its long
    form, and neither holds the other's names."""
    _, res = gold
    epos = sorted((e.expansion, e.name) for e in res.entities.values()
                  if e.label == "Method" and e.id.startswith("method:epo~"))
    assert [expansion for expansion, _ in epos] == [
        "Entropy-regularized Policy Optimization", "Explicit Policy Optimization"]
    assert sorted(name for _, name in epos) == ["EPO", "Explicit Policy Optimization"]


@pytest.mark.parametrize(("label", "names"), [
    ("Model", ["GPT-4o", "GPT-4o-mini"]),
    ("Model", ["GPT-5", "GPT-5-mini", "GPT-5.5"]),
    ("Model", ["GPT-4", "GPT-4-Turbo", "GPT-4V", "GPT-4.1"]),
    ("Model", ["Qwen2.5-7B", "Qwen2.5-Math-7B", "Qwen2.5"]),
    ("Model", ["Qwen3-ASR-0.6B", "Qwen3-ASR-1.7B", "Qwen3-ASR"]),
    ("Model", ["Llama-3.1-70B", "Llama 3.3 70B", "LLaMA3.1-8B-Instruct"]),
    ("Model", ["Tower", "Tower+"]),
    ("Model", ["SAM2", "SAM2-Matte"]),
    ("Benchmark", ["GSM8K", "GSM+", "GSM-Symbolic"]),
    ("Benchmark", ["AIME24", "AIME 2025", "AIME"]),
    ("Benchmark", ["ScreenSpot", "ScreenSpot-Pro", "ScreenSpot-v2"]),
    ("Benchmark", ["LIBERO", "LIBERO-Long"]),
    ("Benchmark", ["MMLU", "MMLU-STEM"]),
    ("Benchmark", ["VGC", "VGC-Bench"]),
])
def test_gold_known_variants_stay_apart(gold, label: str, names: list[str]):
    _, res = gold
    found = {e.name: e.id for e in res.entities.values() if e.label == label}
    assert set(names) <= set(found)
    assert len({found[n] for n in names}) == len(names)


@pytest.mark.parametrize(("label", "name", "alias"), [
    ("Method", "GRPO", "Group Relative Policy Optimization"),
    ("Method", "SFT", "Supervised Fine-Tuning"),
    ("Method", "PPO", "Proximal Policy Optimization"),
    ("Benchmark", "MATH-500", "MATH500"),
    ("Benchmark", "AIME 2025", "AIME25"),
])
def test_gold_merges_forms_of_one_entity(gold, label: str, name: str, alias: str):
    _, res = gold
    nodes = [e for e in res.entities.values() if e.label == label and e.name == name]
    assert len(nodes) == 1 and alias in nodes[0].aliases


def test_gold_lineage_reaches_every_ancestor_within_two_hops(gold):
    _, res = gold
    parents = defaultdict(set)
    for edge in res.lineage:
        assert edge.source in res.entities and edge.target in res.entities
        if edge.type == "VARIANT_OF":
            parents[edge.source].add(edge.target)
    for source in parents:
        hops, frontier = {}, {source}
        for depth in range(1, 10):
            frontier = ({p for n in frontier for p in parents.get(n, ())}
                        - set(hops) - {source})
            hops.update(dict.fromkeys(frontier, depth))
        assert max(hops.values()) <= 2, (source, hops)


@pytest.mark.parametrize(("child", "parent"), [
    ("Qwen2.5-VL-3B-Instruct", "Qwen2.5-VL-3B"),
    ("Qwen2.5-VL-3B", "Qwen2.5-VL"),
    ("Qwen2.5-7B", "Qwen2.5"),
    ("LLaMA3.1-8B-Instruct", "LLaMA3.1-8B"),
    ("Step-GRPO", "GRPO"),
    ("Training-Free GRPO", "GRPO"),
    ("Scaf-GRPO", "GRPO"),
])
def test_gold_variant_lineage(gold, child: str, parent: str):
    _, res = gold
    names = {i: e.name for i, e in res.entities.items()}
    edges = {(names[e.source], names[e.target]) for e in res.lineage
             if e.type == "VARIANT_OF"}
    assert (child, parent) in edges


def test_gold_developers(gold):
    _, res = gold
    names = {i: e.name for i, e in res.entities.items()}
    developed = {(names[e.source], names[e.target]) for e in res.lineage
                 if e.type == "DEVELOPED_BY"}
    assert {("GPT-4o", "OpenAI"), ("Qwen2.5-7B", "Alibaba"),
            ("DeepSeek-V3", "DeepSeek")} <= developed


def test_gold_resolution_is_order_independent(gold):
    records, res = gold
    again = resolve(records[::-1])
    assert again.entities == res.entities and again.lineage == res.lineage


def test_gold_resolution_scales(gold):
    records, _ = gold
    many = [ExtractionRecord(Paper(f"{r.id}#{n}", r.paper.title), r.entities,
                             r.variant_of) for n in range(100) for r in records]
    res = resolve(many)  # 15,000 papers, ~120k mentions; speed: scripts/bench_build.py
    assert len(res.mentions) == sum(len(r.entities) for r in many)


# --- the extracted corpus: hf_daily papers that write the names below ------------
#: papers are picked by these strings so that the module extracts a few hundred
#: papers instead of ten thousand (about 5 s)
CORPUS_TRIGGERS = ("LoRA", "RoPE", "RFT", "AIGC", "IMO", "MSE", "SVD", "TP-GRPO",
                   "ImageNet 256", "ImageNet-256", "Llama 3", "Llama-3", "Llama3",
                   "Qwen2.5-7B", "Qwen3-8B", "Granite", "LiveCodeBench", "671B",
                   "Qwen2.5-72B")


@pytest.fixture(scope="module")
def corpus_records(shared_data: Path) -> list[ExtractionRecord]:
    from kg.extract import Extractor
    from kg.sources import read_papers

    papers = [p for p in read_papers([shared_data / "hf_daily"])
              if any(t in f"{p.title}\n{p.abstract}" for t in CORPUS_TRIGGERS)]
    return list(Extractor().extract_many(papers))


@pytest.fixture(scope="module")
def corpus(corpus_records) -> Resolution:
    return resolve(corpus_records)


def test_corpus_resolution_is_order_independent(corpus_records, corpus):
    """Spelling merges, senses and the names of homonyms do not depend on which
    paper came first."""
    again = resolve(corpus_records[::-1])
    assert again.entities == corpus.entities and again.lineage == corpus.lineage


def test_corpus_identity_report_is_clean(corpus):
    """No two nodes of a label share a normalised display name or any name, and no
    alias is a bare size (kg.resolve.report)."""
    from kg.resolve.report import identity_report, resolution_nodes

    report = identity_report(resolution_nodes(corpus))
    assert {label: (r.duplicate_names, r.shared_names, r.size_aliases)
            for label, r in report.items()
            if r.duplicate_names or r.shared_names or r.size_aliases} == {}


@pytest.mark.parametrize(("etype", "names"), [
    ("method", ["LoRA", "Low-Rank Adaptation", "low-rank adapter",
                "low-rank adaption"]),
    ("method", ["RoPE", "Rotary Position Embedding", "Rotary Position Encoding",
                "rotary positional embeddings"]),
    ("method", ["RFT", "Reinforcement Fine-Tuning", "reinforced fine-tuning",
                "reinforcement finetune"]),
    ("method", ["AIGC", "AI-generated content",
                "Artificial Intelligence Generated Content"]),
    ("concept", ["IMO", "International Math Olympiads",
                 "International Mathematical Olympiad"]),  # a contest: no method
    ("metric", ["MSE", "mean squared error", "Mean Square Error"]),
    ("method", ["TP-GRPO", "TurningPoint-GRPO"]),
    ("benchmark", ["ImageNet 256", "ImageNet 256x256", "ImageNet-256px"]),
    ("model", ["Qwen2.5-7B", "Qwen2.5-7B base"]),
])
def test_corpus_spellings_of_one_entity_are_one_node(corpus, etype: str,
                                                     names: list[str]):
    found = {name: corpus.lookup(etype, name) for name in names}
    assert None not in found.values(), found
    assert len(set(found.values())) == 1, found


@pytest.mark.parametrize(("etype", "names"), [
    ("method", ["singular value decomposition", "Stable Video Diffusion"]),
    ("method", ["Reinforcement Fine-Tuning", "Rejection Sampling Fine-Tuning"]),
    ("model", ["Llama3-70B", "Llama 3.1 70B"]),
    ("model", ["Qwen3-8B", "Granite 8B", "Qwen3-VL 8B"]),
    ("model", ["DeepSeek-R1", "DeepSeek-R1-671B"]),
    ("model", ["Qwen2.5-72B", "Qwen2.5-72B-Instruct", "Qwen2.5-VL-72B"]),
])
def test_corpus_different_entities_stay_apart(corpus, etype: str, names: list[str]):
    found = {name: corpus.lookup(etype, name) for name in names}
    assert None not in found.values(), found
    assert len(set(found.values())) == len(names), found


def test_corpus_the_dominant_sense_keeps_the_bare_acronym(corpus):
    singular = corpus.entities[corpus.lookup("method", "singular value decomposition")]
    video = corpus.entities[corpus.lookup("method", "Stable Video Diffusion")]
    assert singular.papers > video.papers
    assert corpus.lookup("method", "SVD") == singular.id and singular.name == "SVD"
    assert video.name != "SVD" and "SVD" not in video.aliases


def _reaches(res: Resolution, source: str, target: str, hops: int = 2) -> bool:
    parents = defaultdict(set)
    for edge in res.lineage:
        if edge.type == "VARIANT_OF":
            parents[edge.source].add(edge.target)
    frontier = {source}
    for _ in range(hops):
        frontier = {p for node in frontier for p in parents[node]}
        if target in frontier:
            return True
    return False


@pytest.mark.parametrize(("etype", "child", "ancestor"), [
    ("model", "Llama 3.1 70B", "Llama 3"),
    ("model", "Llama-3.1-8B-Instruct", "Llama 3"),
    ("model", "Llama-3.2-3B-Instruct", "Llama 3"),
    ("model", "Qwen2.5-7B-Instruct", "Qwen2.5-7B"),
    ("benchmark", "LiveCodeBench v5", "LiveCodeBench"),
])
def test_corpus_lineage_reaches_the_family(corpus, etype: str, child: str,
                                           ancestor: str):
    source, target = corpus.lookup(etype, child), corpus.lookup(etype, ancestor)
    assert source and target
    assert _reaches(corpus, source, target)
