"""Lineage: what names say (VARIANT_OF) and who developed a model (DEVELOPED_BY)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kg.records import Entity, ExtractionRecord, Paper, VariantLink
from kg.resolve import Resolution, resolve
from kg.resolve.developers import (
    DATA_FILE,
    Developer,
    developer_rows,
    load_developers,
    parse_organizations,
)
from kg.resolve.keys import typed_key
from kg.resolve.names import method_bases, model_parents


def _rec(pid: str, *entities: Entity, links: list[VariantLink] | None = None):
    return ExtractionRecord(Paper(id=pid, title=pid), list(entities), links or [])


def _ent(etype: str, name: str, *aliases: str) -> Entity:
    return Entity(etype, name, name, list(aliases))


def _edges(res: Resolution, rel: str = "VARIANT_OF") -> set[tuple[str, str]]:
    names = {i: e.name for i, e in res.entities.items()}
    return {(names[x.source], names[x.target]) for x in res.lineage if x.type == rel}


@pytest.mark.parametrize(("name", "expected"), [
    ("Llama-2-7B-Chat", [("Llama-2-7B", "model.tuned_to_base")]),
    ("Qwen2.5-7B-Instruct", [("Qwen2.5-7B", "model.tuned_to_base")]),
    ("gemma-2-9b-it", [("gemma-2-9b", "model.tuned_to_base")]),
    ("Qwen3-4B-Thinking-2507", [("Qwen3-4B", "model.tuned_to_base")]),
    ("Gemma-2-9B", [("Gemma-2", "model.size_to_family")]),
    ("Qwen2.5-7B", [("Qwen2.5", "model.size_to_family")]),
    ("Llama 3 8B", [("Llama 3", "model.size_to_family")]),
    ("Qwen3-30B-A3B", [("Qwen3", "model.size_to_family")]),
    ("Mixtral-8x7B", [("Mixtral", "model.size_to_family")]),
    ("DeepSeek-R1-Distill-Qwen-7B", [("DeepSeek-R1", "model.distill_teacher"),
                                     ("Qwen-7B", "model.distill_student")]),
    ("Qwen2.5-Math-7B", [("Qwen2.5-Math", "model.size_to_family"),
                         ("Qwen2.5-7B", "model.domain_to_sized_base")]),
    ("Qwen2-VL", [("Qwen2", "model.domain_to_base")]),
    ("Llama-3.1", [("Llama-3", "model.point_release_to_major")]),
    ("Qwen2.5", [("Qwen2", "model.point_release_to_major")]),
    ("o3-mini", []), ("GPT-4o", []), ("GPT-3.5-Turbo", []),
    ("BERT", []), ("7B", []),
])
def test_names_model_parents(name: str, expected: list[tuple[str, str]]):
    assert model_parents(name) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Step-GRPO", ["GRPO"]), ("PPO-Lagrangian", ["PPO"]), ("GRPO-D", ["GRPO"]),
    ("Training-Free GRPO", ["GRPO"]), ("Dr. GRPO", ["GRPO"]),
    ("GRPO-style", []), ("SFT-then-RL", []), ("GRPO", []), ("TD-MPC", ["MPC"]),
    ("Chain-of-Thought", []),
])
def test_names_method_bases(name: str, expected: list[str]):
    assert method_bases(name) == expected


def test_lineage_chain_instruct_base_family():
    res = resolve([_rec("a", _ent("model", "Qwen2.5-7B-Instruct"))])
    assert _edges(res) >= {("Qwen2.5-7B-Instruct", "Qwen2.5-7B"),
                           ("Qwen2.5-7B", "Qwen2.5")}
    created = {e.name: e.papers for e in res.entities.values()}
    assert created["Qwen2.5-7B"] == 0 and created["Qwen2.5"] == 0


def test_lineage_links_to_the_mentioned_spelling():
    res = resolve([_rec("a", _ent("model", "Llama-2-7B-Chat")),
                   _rec("b", _ent("model", "LLaMA 2 7B"))])
    assert ("Llama-2-7B-Chat", "LLaMA 2 7B") in _edges(res)
    assert len([e for e in res.entities.values() if e.name == "Llama-2-7B"]) == 0


def test_lineage_size_to_family():
    res = resolve([_rec("a", _ent("model", "Gemma-2-9B"),
                        _ent("model", "Gemma-2-27B"))])
    assert _edges(res) == {("Gemma-2-9B", "Gemma-2"), ("Gemma-2-27B", "Gemma-2")}


def test_lineage_distilled_model_follows_its_name_only():
    res = resolve([_rec("a", _ent("model", "DeepSeek-R1-Distill-Qwen-7B"))])
    assert _edges(res) == {("DeepSeek-R1-Distill-Qwen-7B", "DeepSeek-R1"),
                           ("DeepSeek-R1-Distill-Qwen-7B", "Qwen-7B"),
                           ("Qwen-7B", "Qwen")}


def test_lineage_sized_domain_base_only_when_mentioned():
    alone = resolve([_rec("a", _ent("model", "Qwen2-VL-2B"))])
    assert ("Qwen2-VL-2B", "Qwen2-2B") not in _edges(alone)
    both = resolve([_rec("a", _ent("model", "Qwen2.5-Math-7B"),
                         _ent("model", "Qwen2.5-7B"))])
    assert ("Qwen2.5-Math-7B", "Qwen2.5-7B") in _edges(both)


def test_lineage_method_variants_from_records_and_names():
    records = [
        _rec("a", _ent("method", "Step-GRPO"), _ent("method", "GRPO"),
             links=[VariantLink("Step-GRPO", "GRPO")]),
        _rec("b", _ent("method", "PPO-Lagrangian"), _ent("method", "PPO")),
        _rec("c", _ent("method", "Scaf-GRPO"),
             links=[VariantLink("Scaf-GRPO", "GRPO")]),
        _rec("d", _ent("method", "Foo-XYZ")),  # XYZ: no paper names it
    ]
    edges = _edges(resolve(records))
    assert edges == {("Step-GRPO", "GRPO"), ("PPO-Lagrangian", "PPO"),
                     ("Scaf-GRPO", "GRPO")}


def test_lineage_record_link_creates_unmentioned_base():
    res = resolve([_rec("a", _ent("method", "GRPO-D"),
                        links=[VariantLink("GRPO-D", "GRPO")])])
    base = [e for e in res.entities.values() if e.name == "GRPO"]
    assert len(base) == 1 and base[0].papers == 0 and base[0].label == "Method"


def _hops(res: Resolution) -> dict[str, dict[str, int]]:
    parents = defaultdict(set)
    for edge in res.lineage:
        if edge.type == "VARIANT_OF":
            parents[edge.source].add(edge.target)
    out = {}
    for source in parents:
        seen, frontier, depth = {}, {source}, 0
        while frontier:
            depth += 1
            frontier = {p for n in frontier for p in parents.get(n, ())} - set(seen)
            seen.update(dict.fromkeys(frontier - {source}, depth))
        out[source] = seen
    return out


def test_lineage_every_ancestor_within_two_hops():
    res = resolve([_rec("a", _ent("model", "Qwen2.5-Math-7B-Instruct"),
                        _ent("model", "Qwen2.5-VL-3B-Instruct"))])
    names = {i: e.name for i, e in res.entities.items()}
    reach = _hops(res)
    instruct = res.lookup("model", "Qwen2.5-Math-7B-Instruct")
    assert names[res.lookup("model", "Qwen2.5")] in {names[a] for a in reach[instruct]}
    assert all(h <= 2 for hops in reach.values() for h in hops.values())


@pytest.mark.parametrize(("model", "developer"), [
    ("GPT-4o", "OpenAI"), ("o3-mini", "OpenAI"), ("Qwen2.5-7B", "Alibaba"),
    ("Qwen2.5-7B-Instruct", "Alibaba"), ("Llama-3.1-8B-Instruct", "Meta AI"),
    ("Gemma-2-9B", "Google DeepMind"), ("DeepSeek-R1", "DeepSeek"),
])
def test_lineage_developed_by_from_epoch(model: str, developer: str):
    res = resolve([_rec("a", _ent("model", model))])
    assert (model, developer) in _edges(res, "DEVELOPED_BY")


@pytest.mark.parametrize("model", ["DeepSeek-R1-Distill-Qwen-7B", "MyModel-7B",
                                   "Xiangqi-R1"])
def test_lineage_no_developer_without_evidence(model: str):
    res = resolve([_rec("a", _ent("model", model))])
    assert not [e for e in res.lineage if e.type == "DEVELOPED_BY"
                and e.source == res.lookup("model", model)]


def test_lineage_developer_is_the_extracted_organization_node():
    res = resolve([_rec("a", _ent("organization", "OpenAI"), _ent("model", "GPT-4o"))])
    org_id = res.mentions[("a", 0)]
    assert org_id == "organization:openai"
    assert any(e.target == org_id for e in res.lineage if e.type == "DEVELOPED_BY")
    assert res.entities[org_id].papers == 1


def test_lineage_epoch_spelling_becomes_an_alias():
    res = resolve([_rec("a", _ent("model", "Gemma-2-9B"))])
    assert "Gemma 2 9B" in res.entities[res.mentions[("a", 0)]].aliases


@pytest.mark.parametrize(("cell", "expected"), [
    ("OpenAI", [Developer("OpenAI")]),
    ("Massachusetts Institute of Technology (MIT)",
     [Developer("Massachusetts Institute of Technology", ("MIT",))]),
    ("Beijing Academy of Artificial Intelligence / BAAI",
     [Developer("Beijing Academy of Artificial Intelligence", ("BAAI",))]),
    ("Allen Institute for AI,University of Washington",
     [Developer("Allen Institute for AI"), Developer("University of Washington")]),
    ("", []),
])
def test_developers_parse_organizations(cell: str, expected: list[Developer]):
    assert parse_organizations(cell) == expected


def test_developers_family_rows_need_agreement():
    rows = [{"Model": "Foo-7B", "Organization": "A"},
            {"Model": "Foo-13B", "Organization": "A"},
            {"Model": "Bar-7B", "Organization": "A"},
            {"Model": "Bar-13B", "Organization": "B"},
            {"Model": "Baz (7B)", "Organization": "A,B"}]
    out = {(name, kind, dev.name) for name, kind, dev in developer_rows(rows)}
    assert ("Foo", "family", "A") in out
    assert not any(name in ("Bar", "Baz") for name, _, _ in out if _ == "family")


def test_developers_data_file_has_attribution_and_families():
    head = DATA_FILE.read_text(encoding="utf-8")[:400]
    assert "Epoch AI" in head and "CC-BY 4.0" in head
    table = load_developers()
    assert table[typed_key("model", "Qwen2.5")].kind == "family"
    assert table[typed_key("model", "GPT-4o")].developers == (Developer("OpenAI"),)


def _entity_under_folded_id(name: str):
    """A resolution holding an organization papers name (papers = 3) whose id is
    the one ``name``'s key folds into, but under another key: looking ``name``
    up fails, creating it would land on that id."""
    from kg.resolve.resolver import ResolvedEntity, make_id

    entity_id = make_id(f"organization:{typed_key('organization', name)}")
    entity = ResolvedEntity(entity_id, "Organization", "Written By Papers", ["WBP"], 3)
    return Resolution(entities={entity_id: entity},
                      keys={"organization:written_by_papers": entity_id}), entity


def test_creating_an_entity_never_replaces_one_papers_name():
    resolution, entity = _entity_under_folded_id("Foo Labs")
    found = resolution.ensure("organization", "Foo Labs")
    assert resolution.entities[found] is entity and entity.papers == 3


def test_a_developer_gives_its_aliases_only_to_an_organization_lineage_made():
    from kg.resolve.developers import Developer
    from kg.resolve.lineage import _organization

    resolution, entity = _entity_under_folded_id("Foo Labs")
    assert _organization(resolution, Developer("Foo Labs", ("FL",))) == entity.id
    assert entity.aliases == ["WBP"]
    made = _organization(resolution, Developer("Bar Institute", ("BI",)))
    assert resolution.entities[made].aliases == ["BI"]


def test_lineage_a_point_release_reaches_its_major_only_when_named():
    alone = resolve([_rec("a", _ent("model", "Llama-3.1-8B"))])
    assert "Llama-3" not in {e.name for e in alone.entities.values()}
    named = resolve([_rec("a", _ent("model", "Llama-3.1-8B")),
                     _rec("b", _ent("model", "Llama 3"))])
    assert ("Llama-3.1", "Llama 3") in _edges(named)


def test_lineage_a_benchmark_version_is_variant_of_the_living_benchmark():
    res = resolve([_rec("a", _ent("benchmark", "LiveCodeBench v5")),
                   _rec("b", _ent("benchmark", "LiveCodeBench")),
                   _rec("c", _ent("benchmark", "ScreenSpot-v2"))])
    edges = _edges(res)
    assert ("LiveCodeBench v5", "LiveCodeBench") in edges
    assert not any(child == "ScreenSpot-v2" for child, _ in edges)  # base unnamed
