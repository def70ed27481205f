"""resolve(): merges across papers, acronyms, homonyms, names, ids, support counts."""

from __future__ import annotations

import random

import pytest

from kg.records import Entity, Evidence, ExtractionRecord, Paper
from kg.resolve import Resolution, resolve
from kg.resolve.acronyms import definition, is_acronym, is_long_form


def _rec(pid: str, *entities: Entity, org: str | None = None,
         handle: str | None = None) -> ExtractionRecord:
    return ExtractionRecord(Paper(id=pid, title=pid, organization=org,
                                  organization_handle=handle), list(entities))


def _ent(etype: str, canonical: str, *aliases: str, text: str | None = None,
         expansion: str | None = None) -> Entity:
    return Entity(etype, text or canonical, canonical, list(aliases),
                  expansion=expansion)


def _node(res: Resolution, pid: str, index: int = 0):
    return res.entities[res.mentions[(pid, index)]]


@pytest.mark.parametrize(("etype", "names"), [
    ("model", ["Qwen2-VL-7B-Instruct", "Qwen2VL-7B-Instruct", "Qwen-2-VL-7B-Instruct"]),
    ("model", ["Llama-3.1-70B", "LLaMA 3.1 70B", "Llama3.1-70B"]),
    ("benchmark", ["AMC 2023", "AMC23", "AMC-2023"]),
    ("benchmark", ["AIME 2024", "AIME24", "AIME2024"]),
    ("metric", ["attack success rate", "attack success rates"]),
    ("organization", ["ByteDance Seed", "ByteDance-Seed"]),
])
def test_resolver_merges_spellings_across_papers(etype: str, names: list[str]):
    res = resolve([_rec(f"p{i}", _ent(etype, n)) for i, n in enumerate(names)])
    assert len({res.mentions[(f"p{i}", 0)] for i in range(len(names))}) == 1
    assert _node(res, "p0").papers == len(names)


@pytest.mark.parametrize(("etype", "names"), [
    ("model", ["Gemma-2-9B", "Gemma-2-27B"]),
    ("model", ["o3", "o3-mini"]),
    ("model", ["GPT-3.5", "GPT-3.5-Turbo"]),
    ("model", ["Llama-2-7B", "Llama-2-7B-Chat", "Llama-2-7B-Instruct"]),
    ("model", ["Qwen2-7B", "Qwen2-VL-7B"]),
    ("model", ["Qwen2", "Qwen2.5", "Qwen25", "Qwen-2-5"]),
    ("benchmark", ["GSM8K", "GSM-Hard"]),
    ("benchmark", ["MBPP", "MBPP+"]),
    ("benchmark", ["MMLU", "MMLU-Lite"]),
    ("method", ["PPO", "PPO-Lagrangian"]),
])
def test_resolver_keeps_variants_apart(etype: str, names: list[str]):
    res = resolve([_rec(f"p{i}", _ent(etype, n)) for i, n in enumerate(names)])
    assert len({res.mentions[(f"p{i}", 0)] for i in range(len(names))}) == len(names)


def test_resolver_names_entity_after_most_written_form():
    records = [_rec("a", _ent("benchmark", "GSM8K")),
               _rec("b", _ent("benchmark", "GSM8K")),
               _rec("c", _ent("benchmark", "gsm8k", "GSM-8K"))]
    node = _node(resolve(records), "a")
    assert (node.name, node.aliases, node.papers) == ("GSM8K", ["GSM-8K", "gsm8k"], 3)


def test_resolver_never_names_an_entity_after_invisible_text():
    """A surface form of only zero-width characters writes nothing: it must not
    outvote the real spelling and become an empty name."""
    invisible = "\u200b\u2060"
    records = [_rec(p, _ent("benchmark", "GSM8K", text=invisible)) for p in "abc"]
    records.append(_rec("d", _ent("benchmark", "GSM8K")))
    node = _node(resolve(records), "a")
    assert node.name == "GSM8K" and "" not in node.aliases


@pytest.mark.parametrize(("forms", "expected"), [
    (["gsm8k", "GSM8K"], "GSM8K"),  # a tie: the form that is not all lower case
    (["Llama 3 8B", "Llama-3-8B", "Llama-3-8B"], "Llama-3-8B"),
    (["Qwen2.5-7B", "Qwen 2.5 7B"], "Qwen 2.5 7B"),  # a tie, sorted: deterministic
])
def test_resolver_name_ties_are_deterministic(forms: list[str], expected: str):
    for order in (forms, forms[::-1]):
        res = resolve([_rec(f"p{i}", _ent("model", f)) for i, f in enumerate(order)])
        assert _node(res, "p0").name == expected


def test_resolver_name_counts_evidence_spans_not_gazetteer_aliases():
    paper = Paper(id="p1", title="GSM8K results", abstract="")
    ent = Entity("benchmark", "gsm8k", "gsm8k", ["Grade School Math 8K"],
                 evidence=[Evidence("title", "t", 0, 5, "GSM8K results")])
    node = _node(resolve([ExtractionRecord(paper, [ent])]), "p1")
    assert node.name in ("GSM8K", "gsm8k")
    assert "Grade School Math 8K" in node.aliases


def test_resolver_metric_name_is_the_singular_canonical():
    records = [_rec("a", _ent("metric", "attack success rate",
                              text="attack success rates")),
               _rec("b", _ent("metric", "attack success rate"))]
    assert _node(resolve(records), "a").name == "attack success rate"


def test_resolver_links_acronym_and_long_form_across_papers():
    records = [
        _rec("def", _ent("method", "DPO", "Direct Preference Optimization")),
        _rec("long", _ent("method", "Direct Preference Optimization")),
        _rec("short", _ent("method", "DPO")),
    ]
    res = resolve(records)
    ids = {res.mentions[(p, 0)] for p in ("def", "long", "short")}
    assert len(ids) == 1
    node = res.entities[ids.pop()]
    assert node.name == "DPO" and "Direct Preference Optimization" in node.aliases
    assert node.papers == 3 and node.expansion == "Direct Preference Optimization"


def test_resolver_uses_explicit_expansion_field():
    records = [_rec("a", _ent("method", "GRPO",
                              expansion="Group Relative Policy Optimization")),
               _rec("b", _ent("method", "group relative policy optimization"))]
    res = resolve(records)
    assert res.mentions[("a", 0)] == res.mentions[("b", 0)]


@pytest.mark.parametrize(("first", "second"), [
    ("Group Relative Policy Optimization", "Group Relative Policy Optimisation"),
    ("Grouped-Query Attention", "Group Query Attention"),
    ("Test Case Generation", "Test Case Generator"),
    ("Reinforcement Learning with Verifiable Rewards",
     "Reinforcement Learning on Verifiable Rewards"),
])
def test_resolver_merges_wordings_of_one_definition(first: str, second: str):
    acronym = "".join(w[0] for w in first.replace("-", " ").split() if w[0].isupper())
    res = resolve([_rec("a", _ent("method", acronym, first)),
                   _rec("b", _ent("method", acronym, second))])
    assert res.mentions[("a", 0)] == res.mentions[("b", 0)]


def test_resolver_keeps_homonymous_acronyms_apart():
    records = [
        _rec("x", _ent("method", "EPO", "Explicit Policy Optimization")),
        _rec("y", _ent("method", "EPO", "Entropy-regularized Policy Optimization")),
        _rec("z", _ent("method", "Entropy Regularized Policy Optimization")),
    ]
    res = resolve(records)
    assert res.mentions[("x", 0)] != res.mentions[("y", 0)]
    assert res.mentions[("y", 0)] == res.mentions[("z", 0)]
    # the sense most papers define keeps the bare name, the other its long form
    assert _node(res, "y").name == "EPO"
    assert _node(res, "x").name == "Explicit Policy Optimization"
    assert "EPO" not in _node(res, "x").aliases


def test_resolver_sends_bare_acronym_to_majority_expansion():
    records = [
        _rec("a", _ent("method", "EPO", "Explicit Policy Optimization")),
        _rec("b", _ent("method", "EPO", "Entropy-regularized Policy Optimization")),
        _rec("c", _ent("method", "EPO", "Entropy-regularized Policy Optimization")),
        _rec("bare", _ent("method", "EPO")),
    ]
    res = resolve(records)
    assert res.mentions[("bare", 0)] == res.mentions[("b", 0)]


def test_resolver_bare_acronym_tie_is_broken_by_key():
    records = [
        _rec("a", _ent("method", "EPO", "Explicit Policy Optimization")),
        _rec("b", _ent("method", "EPO", "Entropy-regularized Policy Optimization")),
        _rec("bare", _ent("method", "EPO")),
    ]
    for order in (records, records[::-1]):
        res = resolve(order)
        assert res.mentions[("bare", 0)] == res.mentions[("b", 0)]  # "entropy" < "ex"


def test_resolver_undefined_acronym_is_its_own_node():
    res = resolve([_rec(p, _ent("method", "XYZO")) for p in ("a", "b")])
    assert _node(res, "a").id == "method:xyzo" and _node(res, "a").papers == 2


def test_resolver_separates_short_forms_by_type():
    records = [_rec("a", _ent("method", "SGD", "stochastic gradient descent")),
               _rec("b", _ent("benchmark", "SGD", "Schema-Guided Dialogue"))]
    res = resolve(records)
    method, data = _node(res, "a"), _node(res, "b")
    assert (method.label, data.label) == ("Method", "Benchmark")
    assert method.id != data.id and method.id.startswith("method:")


def test_resolver_merges_organization_with_its_hf_handle():
    listing = _rec("a", _ent("organization", "Ant Group"), org="Ant Group",
                   handle="antgroup")
    text = _rec("b", _ent("organization", "antgroup"))
    res = resolve([listing, text])
    assert res.mentions[("a", 0)] == res.mentions[("b", 0)]
    assert _node(res, "a").name == "Ant Group"
    assert "antgroup" in _node(res, "a").aliases


def test_resolver_counts_a_paper_once():
    record = _rec("a", _ent("model", "Llama-3-8B"), _ent("model", "LLaMA 3 8B"))
    res = resolve([record])
    assert res.mentions[("a", 0)] == res.mentions[("a", 1)]
    assert _node(res, "a").papers == 1


def test_resolver_ids_do_not_depend_on_input_order():
    records = [
        _rec("a", _ent("method", "DPO", "Direct Preference Optimization"),
             _ent("model", "Qwen2.5-7B-Instruct")),
        _rec("b", _ent("method", "Direct Preference Optimization"),
             _ent("model", "qwen2.5-7b-instruct")),
        _rec("c", _ent("organization", "OpenAI"), _ent("model", "GPT-4o")),
    ]
    first, second = resolve(records), resolve(records[::-1])
    assert first.entities == second.entities
    assert first.mentions == second.mentions
    assert first.lineage == second.lineage


@pytest.mark.parametrize(("entity", "expected_id"), [
    (_ent("model", "Qwen2.5-7B"), "model:qwen2.5-7b"),
    (_ent("benchmark", "AIME 2024"), "benchmark:aime24"),
    (_ent("method", "GRPO", "Group Relative Policy Optimization"),
     "method:grpo~grouprelativepolicyoptimiz"),  # expansion words stemmed
    (_ent("organization", "OpenAI"), "organization:openai"),
])
def test_resolver_ids_are_type_and_key(entity: Entity, expected_id: str):
    assert resolve([_rec("a", entity)]).mentions[("a", 0)] == expected_id


@pytest.mark.parametrize(("short", "long", "expected"), [
    ("GRPO", "Group Relative Policy Optimization", True),
    ("CoT", "Chain-of-Thought", True),
    ("LLMs", "large language models", True),
    ("EPO", "Entropy-regularized Policy Optimization", True),
    ("DPO", "Proximal Policy Optimization", False),
    ("SGD", "Schema-Guided Dialogue", True),
    ("GRPO", "GRPO", False),
])
def test_acronyms_schwartz_hearst_match(short: str, long: str, expected: bool):
    assert is_long_form(short, long) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("GRPO", True), ("CoT", True), ("LoRA", True), ("ReAct", False),
    ("Transformer", False), ("Group Relative", False), ("A", False),
])
def test_acronyms_shape(name: str, expected: bool):
    assert is_acronym(name) is expected


def test_acronyms_definition_from_aliases_or_field():
    assert definition(_ent("method", "COPO", "Consistency-Aware Policy Optimization")) \
        == ("COPO", "Consistency-Aware Policy Optimization")
    assert definition(_ent("method", "X", expansion="Long X")) == ("X", "Long X")
    assert definition(_ent("method", "Guide")) is None


def test_resolver_resolves_a_large_corpus():
    rng = random.Random(5)
    pool = [("model", f"Qwen{v}-{s}B{t}") for v in ("2", "2.5", "3") for s in
            (1, 3, 7, 14, 32, 72) for t in ("", "-Instruct")]
    pool += [("method", f"M{i}PO") for i in range(3000)]
    pool += [("benchmark", f"Bench-{i}") for i in range(3000)]
    records = [_rec(f"p{n}", *(_ent(*rng.choice(pool)) for _ in range(10)))
               for n in range(20_000)]
    res = resolve(records)  # its speed is measured by scripts/bench_build.py
    assert len(res.mentions) == 200_000


def test_resolver_a_bare_size_never_joins_two_models():
    """"Llama 3 8B and 70B" makes "70B" a mention of Llama-3-70B; another paper's
    "70B" of Llama 3.1 must not join them, nor "8B" Qwen3-8B and Granite 8B."""
    records = [
        _rec("a", _ent("model", "Llama3-70B", "70B", text="70B")),
        _rec("b", _ent("model", "Llama 3.1 70B", "70B", text="70B")),
        _rec("c", _ent("model", "Qwen3-8B", "8B", text="8B")),
        _rec("d", _ent("model", "Granite 8B", "8B", text="8B")),
    ]
    res = resolve(records)
    assert len({res.mentions[(p, 0)] for p in "abcd"}) == 4
    assert all(not any(a in ("70B", "8B") for a in e.aliases)
               for e in res.entities.values())
    assert res.lookup("model", "70B") is None


def test_resolver_the_bare_name_follows_the_dominant_sense():
    """One definition of SVD as stable video diffusion, then two as singular value
    decomposition: the bare name moves; ids do not."""
    video = _rec("v", _ent("method", "SVD", "Stable Video Diffusion",
                           expansion="Stable Video Diffusion"))
    singular = [_rec(p, _ent("method", "SVD", "singular value decomposition",
                             expansion="singular value decomposition"))
                for p in ("s1", "s2")]
    alone = resolve([video, singular[0]])
    both = resolve([video, *singular])
    assert _node(both, "s1").name == "SVD" and "SVD" not in _node(both, "v").aliases
    assert _node(both, "v").name == "Stable Video Diffusion"
    assert _node(alone, "v").id == _node(both, "v").id
    assert _node(alone, "s1").id == _node(both, "s1").id


def test_resolver_a_neighbouring_long_form_defines_the_acronym():
    abstract = "We propose TurningPoint-GRPO (TP-GRPO), a GRPO framework."
    paper = Paper(id="p", title="t", abstract=abstract)
    res = resolve([ExtractionRecord(paper, [
        _ent("method", "TurningPoint-GRPO"), _ent("method", "TP-GRPO"),
        _ent("method", "GRPO")])])
    assert res.mentions[("p", 0)] == res.mentions[("p", 1)] != res.mentions[("p", 2)]
    assert _node(res, "p", 1).expansion == "TurningPoint-GRPO"


def test_resolver_an_epoch_ancestor_is_no_alias():
    """Qwen2.5-72B-Instruct inherits its developer from Epoch's Qwen2.5-72B row,
    not that name: a look-up of Qwen2.5-72B must not find the instruct model."""
    res = resolve([_rec("a", _ent("model", "Qwen2.5-72B-Instruct"))])
    instruct = _node(res, "a")
    assert "Qwen2.5-72B" not in instruct.aliases
    assert res.lookup("model", "Qwen2.5-72B") != instruct.id
