"""Adding papers to an embedded graph in place: the result equals a full build.

Every case builds graph A, adds papers B (``EmbeddedStore.add`` or ``kg build``'s
pipeline), and compares everything the database holds, the counts and the records
with a full build of A + B.
"""

from __future__ import annotations

import json

import pytest
from graphs import graph_rows

from kg.errors import StoreError
from kg.graph import build_graph
from kg.pipeline import build_embedded
from kg.records import Entity, Evidence, ExtractionRecord, Paper
from kg.stores.embedded import EmbeddedStore
from kg.stores.ladybug_patch import dump_database


def assert_same_graph(added: EmbeddedStore, full: EmbeddedStore) -> None:
    one, two = added.manifest(), full.manifest()
    assert one["stats"] == two["stats"]
    assert dump_database(added.directory / one["cypher"]) == dump_database(
        full.directory / two["cypher"])
    assert [r.to_dict() for r in added.load_records()] == [
        r.to_dict() for r in full.load_records()]
    # What `kg export` and `kg view` read: the added store's stored resolution
    # joined to its records, against the records resolved from scratch.
    assert graph_rows(EmbeddedStore(added.directory).graph()) == graph_rows(
        build_graph(full.load_records()))



def build_then_add(tmp_path, first: list[ExtractionRecord],
                   second: list[ExtractionRecord]) -> EmbeddedStore:
    """Graph of ``first`` with ``second`` added in place, checked against a full
    build of both."""
    added = EmbeddedStore(tmp_path / "added")
    added.write(list(first))
    added.add(list(second))
    full = EmbeddedStore(tmp_path / "full")
    full.write([*first, *second])
    assert_same_graph(added, full)
    return added


def record(paper_id: str, *mentions: tuple[str, str, list[str]],
           expansion: str | None = None) -> ExtractionRecord:
    """A paper whose abstract writes each (type, name, aliases) mention once."""
    names = [name for _, name, _ in mentions]
    abstract = "We study " + ", ".join(names) + "."
    paper = Paper(id=paper_id, title=f"Paper {paper_id}", abstract=abstract,
                  date="2025-02-01")
    entities = []
    for etype, name, aliases in mentions:
        start = abstract.index(name)
        entities.append(Entity(
            etype, name, name, aliases, "used" if etype != "organization" else None,
            [Evidence("abstract", "test", start, start + len(name), abstract)],
            expansion if aliases and expansion else None))
    return ExtractionRecord(paper, entities)


def test_adding_papers_that_name_known_and_new_entities(tmp_path, sample_records,
                                                        record_maker):
    build_then_add(tmp_path, sample_records[:2], [
        record_maker("2503.00004", benchmark="MATH-500", model="Qwen2.5-7B"),
        record_maker("2401.00005", benchmark="GSM8K", model="Llama-3.1-70B")])


def test_a_new_alias_that_joins_two_entities_relinks_their_papers(tmp_path):
    """A new paper writing "FooNet" with the alias "BarNet" makes two stored
    entities one: the papers of the one whose id goes away point at the other,
    with their evidence merged as a full build merges it."""
    first = [record("2501.1", ("method", "FooNet", [])),
             record("2501.2", ("method", "BarNetwork", []), ("method", "BarNet", [])),
             record("2501.3", ("method", "BarNet", []), ("model", "Qwen2.5-7B", []))]
    second = [record("2502.1", ("method", "FooNet", ["BarNet"]))]
    added = build_then_add(tmp_path, first, second)
    ids = added.query("MATCH (m:Method) RETURN m.id ORDER BY m.id").rows
    assert ["method:barnet"] in ids and ["method:foonet"] not in ids


def test_a_new_acronym_definition_takes_in_the_bare_acronym(tmp_path):
    """Stored papers write "DPX" bare; a new paper defines it, so the bare name
    joins the definition's entity (which gets a new id)."""
    first = [record("2501.1", ("method", "DPX", [])),
             record("2501.2", ("method", "DPX", []), ("benchmark", "GSM8K", []))]
    second = [record("2502.1", ("method", "DPX", ["Direct Preference X"]),
                     expansion="Direct Preference X")]
    build_then_add(tmp_path, first, second)


def test_an_acronym_that_changes_its_expansion_splits_its_group(tmp_path):
    """Two new papers define "GRPO" otherwise than the one stored paper: the bare
    name (and what papers wrote beside it) leaves the stored expansion's entity
    for the new one, which a union-find cannot do without regrouping."""
    first = [record("2501.1", ("method", "GRPO", ["Group Relative Policy Opt"]),
                    expansion="Group Relative Policy Opt"),
             record("2501.2", ("method", "GRPO", ["GRPO-v1"])),
             record("2501.3", ("method", "Group Relative Policy Opt", []),
                    ("benchmark", "GSM8K", []))]
    other = "Gradient Regularized Policy Opt"
    second = [record(f"2502.{i}", ("method", "GRPO", [other]), expansion=other)
              for i in (1, 2)]
    added = build_then_add(tmp_path, first, second)
    rows = added.query("MATCH (p:Paper {id: '2501.2'})-[]->(m:Method) "
                       "RETURN m.name").rows
    assert rows == [[other]] or rows == [["GRPO"]]


def test_an_acronym_defined_once_more_the_same_way_changes_nothing_else(tmp_path):
    first = [record("2501.1", ("method", "DPO", ["Direct Preference Opt"]),
                    expansion="Direct Preference Opt"),
             record("2501.2", ("method", "DPO", []))]
    second = [record("2502.1", ("method", "DPO", ["Direct Preference Opt"]),
                     expansion="Direct Preference Opt")]
    build_then_add(tmp_path, first, second)


def test_a_base_only_lineage_made_goes_when_its_variant_is_renamed(tmp_path):
    """"Foo-7B" exists only because a stored paper wrote "Foo-7B-Instruct"
    (lineage makes the base, papers = 0).  Two new papers write that model as
    "Zed-7B-Instruct", which becomes its name: "Foo-7B" goes, "Zed-7B" comes."""
    first = [record("2501.1", ("model", "Foo-7B-Instruct", []),
                    ("benchmark", "GSM8K", []))]
    second = [record(f"2502.{i}", ("model", "Zed-7B-Instruct", ["Foo-7B-Instruct"]))
              for i in (1, 2)]
    added = build_then_add(tmp_path, first, second)
    names = {name for (name,) in added.query("MATCH (m:Model) RETURN m.name").rows}
    assert "Zed-7B" in names and "Foo-7B" not in names


def test_a_base_only_lineage_made_becomes_an_entity_papers_name(tmp_path):
    first = [record("2501.1", ("model", "Foo-7B-Instruct", []))]
    second = [record("2502.1", ("model", "Foo-7B", []), ("benchmark", "GSM8K", []))]
    added = build_then_add(tmp_path, first, second)
    assert added.query("MATCH (m:Model {name: 'Foo-7B'}) RETURN m.papers"
                       ).rows == [[1]]


def test_a_developer_lineage_made_becomes_the_organization_papers_name(tmp_path):
    """A Llama model brings its developer from the Epoch table (papers = 0);
    a new paper naming that organization makes it one it names."""
    first = [record("2501.1", ("model", "Llama-3.1-8B", []))]
    developer = first_developer("Llama-3.1-8B")
    second = [record("2502.1", ("organization", developer, []),
                     ("model", "Llama-3.1-8B", []))]
    added = build_then_add(tmp_path, first, second)
    rows = added.query("MATCH (:Model)-[:DEVELOPED_BY]->(o:Organization) "
                       "RETURN o.name, o.papers").rows
    assert [developer, 1] in rows


def first_developer(model: str) -> str:
    from kg.resolve.developers import load_developers
    from kg.resolve.keys import typed_key
    from kg.resolve.names import model_parents

    table = load_developers()
    for name in (model, *(parent for parent, _ in model_parents(model))):
        listing = table.get(typed_key("model", name))
        if listing:
            return listing.developers[0].name
    raise AssertionError(f"no Epoch developer for {model}")


def test_a_repository_keeps_the_url_of_its_first_paper(tmp_path, sample_records,
                                                        record_maker):
    """A new paper with a smaller id writing the repository with ".git" gives the
    Repository node its spelling, as a full build does."""
    early = record_maker("2401.00009")
    early.paper.code = ["https://github.com/x/y.git"]
    build_then_add(tmp_path, sample_records, [early])


def test_pipeline_adds_in_place_and_falls_back_when_a_stored_paper_changes(
        tmp_path, paper_files):
    _, _, lines = paper_files(tmp_path, 6, 4, "Paper {i} on GRPO",
                              "We train Qwen2.5-{i}B with GRPO on GSM8K.")
    store = EmbeddedStore(tmp_path / "g")
    build_embedded([tmp_path / "a.jsonl"], store)
    generation = store.manifest()["generation"]
    summary = build_embedded([tmp_path / "b.jsonl"], store)
    assert (summary.papers_extracted, summary.papers_reused) == (2, 4)
    assert store.manifest()["generation"] == generation  # changed in place
    full = EmbeddedStore(tmp_path / "full")
    build_embedded([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], full)
    assert_same_graph(store, full)
    assert not build_embedded([tmp_path / "b.jsonl"], store).changed
    rebuilt = build_embedded([tmp_path / "b.jsonl"], store, rebuild=True)
    assert rebuilt.changed and rebuilt.papers_extracted == 0
    assert store.manifest()["generation"] == generation + 1
    assert_same_graph(store, full)
    generation += 1
    voted = json.loads(lines[0]) | {"upvotes": 99}  # new listing data
    (tmp_path / "c.jsonl").write_text(json.dumps(voted) + "\n")
    summary = build_embedded([tmp_path / "c.jsonl"], store)
    assert (summary.changed, summary.papers_extracted) == (True, 0)
    assert store.manifest()["generation"] == generation + 1  # rebuilt
    assert store.query("MATCH (p:Paper {id: '2501.00001'}) RETURN p.upvotes"
                       ).rows == [[99]]


def test_an_addition_killed_before_the_database_changed_is_repaired(
        tmp_path, monkeypatch, paper_files):
    """The state committed but the database patch failed: the manifest stays
    marked, and the next build rebuilds the database from the stored records."""
    import kg.stores.embedded as embedded

    paper_files(tmp_path, 4, 2, "Paper {i} on DPO",
                "We align Llama-3.1-{i}B with DPO.")
    store = EmbeddedStore(tmp_path / "g")
    build_embedded([tmp_path / "a.jsonl"], store)

    def crash(*_args):
        raise RuntimeError("killed")

    monkeypatch.setattr(embedded, "apply_patch", crash)
    with pytest.raises(RuntimeError):
        build_embedded([tmp_path / "b.jsonl"], store)
    assert store.manifest()["pending"] and not store.can_add()
    monkeypatch.undo()
    assert build_embedded([tmp_path / "b.jsonl"], store).changed
    full = EmbeddedStore(tmp_path / "full")
    build_embedded([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], full)
    assert_same_graph(store, full)
    assert store.can_add()


@pytest.mark.usefixtures("shared_data")
def test_adding_real_papers_equals_building_them_all(tmp_path):
    """300 arXiv abstracts, then 100 more, through the pipeline: the same graph
    as building the two files together (real names, acronyms, merges)."""
    import gzip

    from datapaths import ARXIV

    with gzip.open(ARXIV, "rt", encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(400)]
    (tmp_path / "a.jsonl").write_text("".join(lines[:300]))
    (tmp_path / "b.jsonl").write_text("".join(lines[300:]))
    added = EmbeddedStore(tmp_path / "added")
    build_embedded([tmp_path / "a.jsonl"], added)
    assert build_embedded([tmp_path / "b.jsonl"], added).papers_extracted == 100
    full = EmbeddedStore(tmp_path / "full")
    build_embedded([tmp_path / "a.jsonl", tmp_path / "b.jsonl"], full)
    assert_same_graph(added, full)


# --- state-only directories (server builds without an embedded database) -------

def test_state_only_directory_adds_papers_without_a_database(tmp_path,
                                                             sample_records):
    first, second = sample_records[:-2], sample_records[-2:]
    state = EmbeddedStore(tmp_path / "state", database=False)
    state.write(list(first))
    state.add(list(second))
    full = EmbeddedStore(tmp_path / "full")
    full.write([*first, *second])
    assert not state.has_database() and full.has_database()
    assert not list((tmp_path / "state").glob("*.lbug"))
    assert state.paper_count() == full.paper_count() == len(sample_records)
    assert [r.to_dict() for r in state.load_records()] == [
        r.to_dict() for r in full.load_records()]
    assert sorted(state.graph().edges(keys=True)) == sorted(
        full.graph().edges(keys=True))


def test_state_only_directory_refuses_queries_with_what_to_do(tmp_path,
                                                              sample_records):
    state = EmbeddedStore(tmp_path / "state", database=False)
    state.write(list(sample_records))
    for ask in (state.stats, lambda: state.query("MATCH (n) RETURN count(n)")):
        with pytest.raises(StoreError, match="keeps the state of server builds"):
            ask()


def test_embedded_build_on_a_state_only_directory_makes_its_database(
        tmp_path, sample_records):
    first, second = sample_records[:-2], sample_records[-2:]
    state = EmbeddedStore(tmp_path / "state", database=False)
    state.write(list(first))
    assert EmbeddedStore.for_server(tmp_path / "state").database is False
    embedded = EmbeddedStore(tmp_path / "state")
    assert not embedded.can_add()  # adding in place needs the database
    embedded.write([*embedded.load_records(), *second])
    full = EmbeddedStore(tmp_path / "full")
    full.write([*first, *second])
    assert_same_graph(embedded, full)
    assert EmbeddedStore.for_server(tmp_path / "state").database is True
