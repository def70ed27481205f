"""A patched LadybugDB database is the database a fresh load of the new graph makes.

Graph G1 is one paper with its entities and lineage; G2 adds a second paper, which
renames an entity, merges one entity into another and changes the lineage.  Loading
G1 and applying the patch from G1 to G2 must give exactly what loading G2 gives.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterable
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.graph.model import Node, Relationship
from kg.graph.patch import GraphPatch
from kg.stores.ladybug_db import load_staged, stage_elements
from kg.stores.ladybug_patch import apply_patch, dump_database

Element = Node | Relationship
HOSTILE = ("x'}) MATCH (n) DETACH DELETE n // \"$rows\" \\' \\\\ `Paper` {id: 1} "
           "é漢字🙂 \t\n ; RETURN 1")

_databases = itertools.count()


def load(tmp_path: Path, elements: Iterable[Element]) -> Path:
    """A database loaded the way a build loads it: staged to Parquet, then COPY."""
    number = next(_databases)
    stage = tmp_path / f"stage-{number}"
    stage.mkdir()
    path = tmp_path / f"graph-{number}.lbug"
    load_staged(path, stage_elements(elements, stage).files)
    return path


def ev(sentence: str, rule: str = "test") -> list[dict]:
    return [{"field": "abstract", "start": 0, "end": len(sentence),
             "sentence": sentence, "rule": rule}]


def paper(paper_id: str, title: str, **props) -> Node:
    base = {"title": title, "abstract": f"{title}. We study things.",
            "date": "2025-01-02", "upvotes": 3, "source": "hf_daily",
            "url": f"https://arxiv.org/abs/{paper_id}",
            "authors": ["A. Author", "B. Author"], "author_count": 2,
            "categories": ["cs.LG", "cs.CL"], "content_hash": f"hash-{paper_id}"}
    return Node(paper_id, "Paper", {**base, **props})


def entity(node_id: str, label: str, name: str, aliases: list[str], papers: int
           ) -> Node:
    return Node(node_id, label, {"name": name, "aliases": aliases, "papers": papers})


def rel(source: str, target: str, rel_type: str, **props) -> Relationship:
    return Relationship(source, target, rel_type, props)


# --- G1 and G2 --------------------------------------------------------------------

REPO = Node("repo:github-com-x-y", "Repository",
            {"url": "https://github.com/x/y", "name": "https://github.com/x/y",
             "papers": 1})


def g1_nodes() -> list[Node]:
    return [
        entity("method:grpo", "Method", "GRPO", ["GRPO"], 1),
        entity("method:step-grpo", "Method", "Step-GRPO", ["Step-GRPO"], 1),
        entity("method:ppo-v", "Method", "PPO-v", ["PPO-v"], 1),
        entity("method:ppo", "Method", "PPO", ["PPO"], 1),
        entity("benchmark:gsm8k", "Benchmark", "GSM8K", ["GSM8K", "gsm8k"], 1),
        entity("model:qwen2-5-7b", "Model", "Qwen2.5-7B", ["Qwen2.5-7B"], 1),
        entity("org:ant-group", "Organization", "Ant Group", ["Ant Group"], 1),
        REPO,
        paper("2501.00001", "Step-GRPO: better RL"),
    ]


def p1_relationships(ppo: str, *, mentions_ant: bool = False
                     ) -> list[Relationship]:
    """Paper 1's relationships; its PPO mention resolves to ``ppo``.  In G1 it also
    MENTIONS Ant Group, a relationship only ``unlink`` can drop (both of its nodes
    stay)."""
    p1 = "2501.00001"
    mentions = [rel(p1, "org:ant-group", "MENTIONS", evidence=ev("Ant Group's"))]
    return [*(mentions if mentions_ant else []),
        rel(p1, "method:step-grpo", "PROPOSES", evidence=ev("We propose Step-GRPO")),
        rel(p1, "method:grpo", "USES", evidence=ev("beats GRPO")),
        rel(p1, ppo, "USES", evidence=ev("and PPO-v")),
        rel(p1, "benchmark:gsm8k", "EVALUATED_ON", evidence=ev("on GSM8K")),
        rel(p1, "model:qwen2-5-7b", "USES_MODEL", evidence=ev("with Qwen2.5-7B")),
        rel(p1, "org:ant-group", "AFFILIATED_WITH",
            evidence=[{"field": "metadata", "source": "organization",
                       "rule": "metadata.organization"}]),
        rel(p1, REPO.id, "HAS_CODE",
            evidence=[{"field": "metadata", "source": "githubRepo",
                       "rule": "metadata.code"}]),
    ]


def g1() -> list[Element]:
    return [
        *g1_nodes(),
        *p1_relationships("method:ppo-v", mentions_ant=True),
        rel("method:step-grpo", "method:grpo", "VARIANT_OF", rule="variant.suffix"),
        rel("method:ppo-v", "method:ppo", "VARIANT_OF", rule="variant.suffix"),
        rel("method:grpo", "method:ppo", "VARIANT_OF", rule="variant.family"),
        rel("model:qwen2-5-7b", "org:ant-group", "DEVELOPED_BY", rule="org.prefix"),
    ]


def g2_changed_nodes() -> list[Node]:
    """What the second paper changes or adds (every node listed in full)."""
    return [
        entity("method:grpo", "Method", "GRPO (group relative)",
               ["GRPO", "GRPO (group relative)"], 2),
        entity("method:ppo", "Method", "PPO", ["PPO", "PPO-v"], 2),
        Node("benchmark:gsm8k", "Benchmark",
             {"name": "GSM8K", "aliases": None, "papers": 2}),  # aliases now NULL
        entity("method:r-grpo", "Method", "R-GRPO", ["R-GRPO", "rGRPO"], 1),
        paper("2501.00001", "Step-GRPO: better RL", upvotes=None),
        paper("2502.00002", "R-GRPO", date="2025-02-03", authors=["C. Ó Author"],
              author_count=1, categories=[], url=None),
    ]


def p2_relationships() -> list[Relationship]:
    p2 = "2502.00002"
    return [
        rel(p2, "method:r-grpo", "PROPOSES", evidence=ev("We propose R-GRPO")),
        rel(p2, "method:grpo", "USES",
            evidence=ev("GRPO", "a") + ev("group relative", "b")),
        rel(p2, "benchmark:gsm8k", "EVALUATED_ON", evidence=ev("GSM8K")),
    ]


def g2() -> list[Element]:
    changed = {node.id: node for node in g2_changed_nodes()}
    nodes = [changed.pop(node.id, node) for node in g1_nodes()
             if node.id != "method:ppo-v"]
    return [
        *nodes, *changed.values(),
        *p1_relationships("method:ppo"), *p2_relationships(),
        rel("method:step-grpo", "method:grpo", "VARIANT_OF", rule="variant.suffix"),
        rel("model:qwen2-5-7b", "org:ant-group", "DEVELOPED_BY", rule="org.prefix"),
        rel("method:r-grpo", "method:grpo", "VARIANT_OF", rule="variant.prefix"),
    ]


def labels_of(elements: Iterable[Element]) -> dict[str, str]:
    return {e.id: e.label for e in elements if isinstance(e, Node)}


def g1_to_g2() -> GraphPatch:
    return GraphPatch(
        labels={**labels_of(g1()), **labels_of(g2())},
        delete=["method:ppo-v"],
        unlink=["2501.00001"],
        remove=[rel("method:grpo", "method:ppo", "VARIANT_OF")],
        upsert=g2_changed_nodes(),
        add=[*p1_relationships("method:ppo"), *p2_relationships(),
             rel("method:r-grpo", "method:grpo", "VARIANT_OF",
                 rule="variant.prefix")],
    )


# --- fixtures: G1 and G2 are loaded once; each test patches a copy of G1 ---------

@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("loaded")
    return {"g1": load(root, g1()), "g2": load(root, g2())}


@pytest.fixture(scope="module")
def g1_dump(loaded: dict[str, Path]) -> dict[str, list[str]]:
    return dump_database(loaded["g1"])


@pytest.fixture(scope="module")
def g2_dump(loaded: dict[str, Path]) -> dict[str, list[str]]:
    return dump_database(loaded["g2"])


@pytest.fixture
def path(loaded: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh copy of the loaded G1 database (one file) for this test to patch."""
    copy = tmp_path / "patched.lbug"
    shutil.copyfile(loaded["g1"], copy)
    return copy


# --- specifications ---------------------------------------------------------------

def test_loading_g1_and_patching_equals_loading_g2(path, g1_dump, g2_dump):
    assert dump_database(path) == g1_dump
    apply_patch(path, g1_to_g2())
    after = dump_database(path)
    assert after != g1_dump
    assert after == g2_dump


def test_patched_values_have_the_column_types_of_a_load(path):
    apply_patch(path, g1_to_g2())
    nodes = dump_database(path)["nodes"]
    new_paper = next(n for n in nodes if '"id": "2502.00002"' in n)
    assert '"date": "2025-02-03"' in new_paper  # a DATE, dumped as ISO text
    assert '"author_count": 1' in new_paper     # an INT64, not "1"
    assert '"categories": []' in new_paper      # an empty STRING[], not NULL
    assert '"url": null' in new_paper           # absent -> NULL
    assert '"upvotes": 3' in new_paper


def test_applying_the_same_patch_twice_adds_no_duplicate(path, g2_dump):
    apply_patch(path, g1_to_g2())
    apply_patch(path, g1_to_g2())
    assert dump_database(path) == g2_dump


def test_an_element_listed_twice_takes_its_last_listing(path, g2_dump):
    patch = g1_to_g2()
    patch.upsert = [entity("method:grpo", "Method", "stale", [], 0), *patch.upsert]
    patch.add = [rel("2502.00002", "method:grpo", "USES", evidence=ev("stale")),
                 *patch.add]
    apply_patch(path, patch)
    assert dump_database(path) == g2_dump


def test_an_empty_patch_changes_nothing(path, g1_dump):
    apply_patch(path, GraphPatch())
    assert dump_database(path) == g1_dump


def test_a_relationship_to_a_missing_node_rolls_the_whole_patch_back(
        path, g1_dump, g2_dump):
    patch = g1_to_g2()
    patch.labels["method:nowhere"] = "Method"
    patch.add.append(rel("2502.00002", "method:nowhere", "USES", evidence=ev("x")))
    with pytest.raises(StoreError, match="rolled back") as info:
        apply_patch(path, patch)
    assert str(path) in str(info.value)
    assert dump_database(path) == g1_dump
    apply_patch(path, g1_to_g2())  # and the database still takes a good patch
    assert dump_database(path) == g2_dump


def test_a_value_the_engine_refuses_midway_rolls_everything_back(path, g1_dump):
    """The delete and unlink have run when the upsert fails: both are undone."""
    patch = g1_to_g2()
    patch.upsert.append(entity("method:huge", "Method", "Huge", [], 2**70))
    with pytest.raises(StoreError, match="refused"):
        apply_patch(path, patch)
    assert dump_database(path) == g1_dump


@pytest.mark.parametrize("spoil", [
    lambda p: p.labels.update({"method:ppo-v": "NoSuchLabel"}),
    lambda p: p.labels.pop("method:ppo-v"),
    lambda p: p.add.append(rel("2501.00001", "method:grpo", "NO_SUCH_TYPE")),
    lambda p: p.add.append(rel("2501.00001", "org:ant-group", "USES")),
    lambda p: p.upsert.append(Node("x", "Paper; DROP", {})),
], ids=["unknown label", "label missing", "unknown type", "pair not in schema",
        "unknown upsert label"])
def test_a_name_outside_the_schema_is_refused_before_any_write(path, g1_dump,
                                                               spoil):
    patch = g1_to_g2()
    spoil(patch)
    with pytest.raises(StoreError, match="nothing written") as info:
        apply_patch(path, patch)
    assert str(path) in str(info.value)
    assert dump_database(path) == g1_dump


def test_a_missing_database_is_not_created(tmp_path):
    path = tmp_path / "absent.lbug"
    with pytest.raises(StoreError, match="kg build"):
        apply_patch(path, g1_to_g2())
    assert not path.exists()


def test_hostile_strings_round_trip_as_data(path, tmp_path):
    """Quotes, backslashes, ``$``, Cypher and unicode reach the columns unchanged:
    values are parameters, never query text."""
    hostile_paper = paper("2503.00003", HOSTILE, abstract=HOSTILE,
                          authors=[HOSTILE, "$rows", "'"], categories=["\\"])
    hostile_entity = entity("concept:hostile", "Concept", HOSTILE, [HOSTILE, ""], 1)
    link = rel(hostile_paper.id, hostile_entity.id, "MENTIONS",
               evidence=ev(HOSTILE, rule="'); MATCH (n) DETACH DELETE n //"))
    apply_patch(path, GraphPatch(labels=labels_of([hostile_paper, hostile_entity]),
                                 upsert=[hostile_paper, hostile_entity], add=[link]))
    expected = dump_database(load(tmp_path, [*g1(), hostile_entity, hostile_paper,
                                             link]))
    assert dump_database(path) == expected
