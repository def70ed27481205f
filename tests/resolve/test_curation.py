"""The curation file: each entry kind, its checks, and that every build keeps it.

Entry kinds are tested on hand-made records (the exact identities are known);
the builds keeping a curation run on the seed page and a real hf_daily day.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from graphs import graph_rows

from datapaths import HF_DAILY, SEED_PAGE
from kg.graph import build_graph
from kg.pipeline import build_embedded
from kg.records import Entity, Evidence, ExtractionRecord, Paper
from kg.resolve.curation import CurationError, load_curation, parse_curation
from kg.resolve.resolver import resolve_full
from kg.stores.embedded import EmbeddedStore
from kg.views.export import export_graph


def record(paper_id: str, *mentions: tuple[str, str, list[str]]) -> ExtractionRecord:
    """A paper whose abstract writes each (type, name, aliases) mention once."""
    abstract = "We study " + ", ".join(name for _, name, _ in mentions) + "."
    paper = Paper(id=paper_id, title=f"Paper {paper_id}", abstract=abstract,
                  date="2025-02-01")
    entities = []
    for etype, name, aliases in mentions:
        start = abstract.index(name)
        entities.append(Entity(etype, name, name, aliases, "used", [
            Evidence("abstract", "test", start, start + len(name), abstract)]))
    return ExtractionRecord(paper, entities)


RECORDS = [
    record("2501.1", ("method", "FooNet", ["BarNet"]), ("model", "Qwen2.5-7B", [])),
    record("2501.2", ("method", "BarNet", []), ("method", "BazNet", [])),
    record("2501.3", ("method", "BazNet", []), ("benchmark", "GSM8K", [])),
]


def curated(tmp_path: Path, text: str, records=RECORDS) -> EmbeddedStore:
    """The graph of ``records`` written with the curation ``text``; checks that
    the stored graph (what exports and servers read) is the database's."""
    curation = parse_curation(textwrap.dedent(text), "cur.yaml")
    store = EmbeddedStore(tmp_path / "g")
    store.write(list(records), curation=curation)
    assert graph_rows(EmbeddedStore(store.directory).graph()) == graph_rows(
        build_graph(records, resolve_full(list(records), curation).resolution))
    ids = sorted(row[0] for row in store.query("MATCH (n) RETURN n.id").rows)
    assert ids == sorted(EmbeddedStore(store.directory).graph().nodes)
    store.warnings = curation.warnings  # type: ignore[attr-defined]
    return store


def node(store: EmbeddedStore, node_id: str) -> dict | None:
    graph = EmbeddedStore(store.directory).graph()
    return dict(graph.nodes[node_id]) if node_id in graph else None


def links(store: EmbeddedStore, paper_id: str) -> set[tuple[str, str]]:
    graph = EmbeddedStore(store.directory).graph()
    return {(target, data["type"]) for _, target, data
            in graph.out_edges(paper_id, data=True)}


def test_without_curation_barnet_is_foonet(tmp_path):
    """The case the entries correct: FooNet's alias BarNet joins them."""
    store = curated(tmp_path, "")
    assert node(store, "method:barnet")["aliases"] == ["FooNet"]
    assert node(store, "method:foonet") is None


# -- each entry kind -------------------------------------------------------------

def test_merge_makes_the_names_one_node_with_all_their_papers(tmp_path):
    store = curated(tmp_path, """
        merge:
          - label: Method
            names: [FooNet, BazNet]
    """)
    merged = node(store, "method:barnet")  # the node FooNet was part of
    assert merged["papers"] == 3
    assert {merged["name"], *merged["aliases"]} == {"FooNet", "BarNet", "BazNet"}
    assert node(store, "method:baznet") is None
    assert links(store, "2501.2") == {("method:barnet", "USES")}
    assert ("method:barnet", "USES") in links(store, "2501.3")


def test_split_keeps_a_name_apart_from_the_node_it_was_joined_to(tmp_path):
    store = curated(tmp_path, """
        split:
          - {label: Method, name: BarNet, from: FooNet}
    """)
    assert node(store, "method:barnet")["papers"] == 1
    foonet = node(store, "method:foonet")
    assert (foonet["papers"], foonet["aliases"]) == (1, [])
    assert ("method:barnet", "USES") in links(store, "2501.2")
    assert ("method:foonet", "USES") in links(store, "2501.1")


def test_rename_changes_the_name_keeps_the_id_and_the_old_name(tmp_path):
    store = curated(tmp_path, """
        rename:
          - {label: Model, name: Qwen2.5-7B, to: Qwen 2.5 7B Base}
    """)
    qwen = node(store, "model:qwen2.5-7b")
    assert (qwen["name"], qwen["aliases"]) == ("Qwen 2.5 7B Base", ["Qwen2.5-7B"])


def test_retype_moves_the_node_to_another_label_and_relationship(tmp_path):
    store = curated(tmp_path, """
        retype:
          - {label: Benchmark, name: GSM8K, to: Method}
    """)
    assert node(store, "benchmark:gsm8k") is None
    assert node(store, "method:gsm8k")["label"] == "Method"
    assert ("method:gsm8k", "USES") in links(store, "2501.3")


def test_retype_onto_an_existing_node_merges_them(tmp_path):
    records = [*RECORDS, record("2501.4", ("model", "BazNet", []))]
    store = curated(tmp_path, """
        retype:
          - {label: Model, name: BazNet, to: Method}
    """, records)
    assert node(store, "model:baznet") is None
    assert node(store, "method:baznet")["papers"] == 3


def test_drop_removes_the_node_and_its_relationships(tmp_path):
    store = curated(tmp_path, """
        drop:
          - {label: Benchmark, name: GSM8K}
    """)
    assert node(store, "benchmark:gsm8k") is None
    assert links(store, "2501.3") == {("method:baznet", "USES")}


def test_alias_adds_a_name_the_node_is_found_by(tmp_path):
    curation = parse_curation("alias:\n  - {label: Model, name: Qwen2.5-7B, "
                              "alias: Qwen-2.5 7B Base}\n", "cur.yaml")
    resolution = resolve_full(list(RECORDS), curation).resolution
    assert resolution.lookup("model", "Qwen-2.5 7B Base") == "model:qwen2.5-7b"
    assert resolution.entities["model:qwen2.5-7b"].aliases == ["Qwen-2.5 7B Base"]


def test_an_entry_that_matches_nothing_is_reported_with_its_line(tmp_path):
    store = curated(tmp_path, """
        merge:
          - label: Method
            names: [FooNet, NoSuchNet]
        drop:
          - {label: Model, name: GSM8K}
    """)
    assert store.warnings == [
        "cur.yaml:3: merge entry: no Method named 'NoSuchNet'; nothing changed",
        "cur.yaml:6: drop entry: no Model named 'GSM8K'; nothing changed"]
    assert node(store, "benchmark:gsm8k") is not None


def test_entries_apply_in_kind_order_whatever_the_file_order(tmp_path):
    one = curated(tmp_path / "a", """
        rename: [{label: Method, name: FooNet, to: Foo Network}]
        merge: [{label: Method, names: [FooNet, BazNet]}]
    """)
    two = curated(tmp_path / "b", """
        merge: [{label: Method, names: [FooNet, BazNet]}]
        rename: [{label: Method, name: FooNet, to: Foo Network}]
    """)
    assert node(one, "method:barnet") == node(two, "method:barnet")
    assert node(one, "method:barnet")["name"] == "Foo Network"


# -- bad files -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "line", "words"), [
    ("merge:\n  - label: Method\n    names: [A, B\n", 4, "not valid YAML"),
    ("merge:\n  - {label: Method, names: [A, B]}\nunite:\n  - {}\n", 3,
     "unknown entry kind 'unite'"),
    ("drop:\n  - label: Method\n    name: A\n    reason: noise\n", 4,
     "unknown field 'reason'"),
    ("drop:\n  - {label: Methods, name: A}\n", 2, "unknown label 'Methods'"),
    ("rename:\n  - {label: Model, name: A}\n", 2, "needs 'to'"),
    ("merge:\n  - {label: Model, names: [A]}\n", 2, "two or more names"),
    ("retype:\n  - {label: Model, name: A, to: Dataset}\n", 2,
     "unknown label 'Dataset'"),
    ("drop:\n  label: Model\n", 2, "must be a list"),
    ("- drop\n", 1, "must be a mapping"),
    ("alias:\n  - {label: Model, name: A, alias: ''}\n", 2, "alias is empty"),
])
def test_a_bad_file_is_an_error_naming_the_file_and_line(tmp_path, text, line,
                                                         words):
    path = tmp_path / "cur.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError) as error:
        load_curation(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert words in str(error.value)


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    with pytest.raises(CurationError, match="cannot read the curation file"):
        load_curation(tmp_path / "none.yaml")


def test_the_shipped_example_is_valid():
    example = Path(__file__).resolve().parents[2] / "docs" / "curation.example.yaml"
    assert {e.kind for e in load_curation(example).entries} == {
        "merge", "split", "rename", "retype", "drop", "alias"}


# -- builds keep it ----------------------------------------------------------------

DAY = HF_DAILY / "2025-04-22.json"
REAL = """\
merge:
  - label: Benchmark
    names: [AIME, AIME24]
  - label: Method
    names: [NeRF, 3DGS]   # only the day's papers name them
rename:
  - {label: Model, name: Llama3, to: Llama 3}
retype:
  - {label: Model, name: Normal-Inverse-Wishart, to: Concept}
alias:
  - {label: Model, name: GPT-4o, alias: GPT-4 Omni}
drop:
  - {label: Concept, name: large language model}
"""


def exported(directory: Path, out: Path) -> dict[str, bytes]:
    export_graph(EmbeddedStore(directory).graph(), "jsonl", out)
    return {f.name: f.read_bytes() for f in sorted(out.iterdir())}


def names(store: EmbeddedStore, label: str) -> set[str]:
    return {row[0] for row in store.query(f"MATCH (n:{label}) RETURN n.name").rows}


@pytest.fixture
def real_curation(tmp_path):
    path = tmp_path / "cur.yaml"
    path.write_text(REAL, encoding="utf-8")
    return path


@pytest.mark.usefixtures("shared_data")
def test_a_rebuild_and_an_addition_keep_the_curation(tmp_path, real_curation):
    store = EmbeddedStore(tmp_path / "steps")
    first = build_embedded([SEED_PAGE], store, curation=real_curation)
    assert first.warnings == [f"{real_curation}:4: merge entry: no Method named "
                              "'NeRF', '3DGS'; nothing changed"]
    assert "Llama 3" in names(store, "Model")
    assert "Normal-Inverse-Wishart" in names(store, "Concept")
    assert not build_embedded([SEED_PAGE], store).changed
    build_embedded([SEED_PAGE], store, rebuild=True)
    assert "Llama 3" in names(store, "Model")
    added = build_embedded([DAY], store)  # no --curation: the kept one applies
    assert added.warnings == []
    once = EmbeddedStore(tmp_path / "once")
    build_embedded([SEED_PAGE, DAY], once, curation=real_curation)
    assert exported(store.directory, tmp_path / "a") == exported(
        once.directory, tmp_path / "b")
    assert len({"NeRF", "3DGS"} & names(store, "Method")) == 1
    assert "large language model" not in names(store, "Concept")


@pytest.mark.usefixtures("shared_data")
def test_a_new_curation_replaces_the_kept_one(tmp_path, real_curation):
    store = EmbeddedStore(tmp_path / "g")
    build_embedded([SEED_PAGE], store, curation=real_curation)
    other = tmp_path / "other.yaml"
    other.write_text("rename:\n  - {label: Model, name: GPT-4o, to: GPT 4 Omni}\n",
                     encoding="utf-8")
    summary = build_embedded([SEED_PAGE], store, curation=other)
    assert summary.changed and summary.papers_extracted == 0
    models = names(store, "Model")
    assert "GPT 4 Omni" in models and "Llama 3" not in models
    assert store.curation().origin == str(other)
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing to correct\n", encoding="utf-8")
    build_embedded([SEED_PAGE], store, curation=empty)
    assert store.curation() is None and "GPT-4o" in names(store, "Model")
    plain = EmbeddedStore(tmp_path / "plain")
    build_embedded([SEED_PAGE], plain)
    assert exported(store.directory, tmp_path / "a") == exported(
        plain.directory, tmp_path / "b")
