"""The embedded store: a graph directory that persists, answers Cypher, survives
kills."""

from __future__ import annotations

import json

import pytest
from graphs import graph_rows

from kg.errors import QueryError, StoreError
from kg.graph import build_graph, count_by_label
from kg.queries import NORTH_STAR
from kg.stores.embedded import EmbeddedStore


def test_embedded_store_persists_records_and_stats(tmp_path, sample_records):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    reopened = EmbeddedStore(tmp_path / "g")
    assert [r.id for r in reopened.load_records()] == sorted(
        r.id for r in sample_records)
    assert reopened.stats() == count_by_label(build_graph(sample_records))


def test_embedded_store_answers_the_north_star_query(tmp_path, sample_records):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    rows = sorted(store.query(NORTH_STAR).as_dicts(), key=lambda r: r["paper"])
    assert rows == [
        {"method": "Step-GRPO", "paper": "2501.00001", "organizations": ["Ant Group"]},
        {"method": "Step-GRPO", "paper": "2502.00002", "organizations": ["Ant Group"]},
    ]


@pytest.mark.parametrize("cypher", [
    "MATCH (p:Paper RETURN p",            # syntax error
    "MATCH (x:NoSuchLabel) RETURN x",     # unknown label
])
def test_embedded_store_rejects_bad_cypher_with_query_error(tmp_path, sample_records,
                                                            cypher):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    with pytest.raises(QueryError) as info:
        store.query(cypher)
    assert "\n" not in str(info.value)


def test_embedded_store_query_takes_parameters_not_text(tmp_path, sample_records):
    hostile = "x'}) MATCH (n) DETACH DELETE n //"
    sample_records[0].paper.title = hostile
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    rows = store.query("MATCH (p:Paper) WHERE p.title = $t RETURN p.id AS id",
                       {"t": hostile}).rows
    assert rows == [["2501.00001"]]
    assert store.stats()["nodes"]["Paper"] == 3


def test_embedded_store_without_graph_says_how_to_build(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        EmbeddedStore(tmp_path / "empty").stats()


def test_embedded_graph_is_the_records_resolved_from_scratch(seed_dev_store):
    """`kg export` and `kg view` join the records to the stored resolution
    instead of resolving them again: the same graph, node for node."""
    stored = EmbeddedStore(seed_dev_store.directory).graph()
    assert graph_rows(stored) == graph_rows(build_graph(seed_dev_store.load_records()))


def test_embedded_graph_shows_reading_then_building(tmp_path, sample_records,
                                                     shown_progress):
    """`kg export` and `kg view` read every stored record (about 9 s for 74,671
    papers) and build the graph (7 s): a bar of records read, then a spinner."""
    EmbeddedStore(tmp_path / "g").write(sample_records)
    graph = EmbeddedStore(tmp_path / "g").graph(shown_progress)
    shown = shown_progress.console.file.getvalue()
    papers = len(sample_records)
    assert "reading the stored records" in shown and f"{papers}/{papers}" in shown
    assert f"building the graph of {papers} papers" in shown
    assert graph.number_of_nodes() > papers


def test_embedded_store_rewrite_keeps_one_generation(tmp_path, sample_records):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    store.write(sample_records[:1])
    names = sorted(p.name for p in (tmp_path / "g").iterdir())
    assert names == ["cypher-2.lbug", "manifest.json", "state-2.sqlite"]
    assert store.stats()["nodes"]["Paper"] == 1


def test_embedded_store_ignores_debris_of_a_killed_build(tmp_path, sample_records):
    """A build killed before the manifest moved leaves the old graph current."""
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    (tmp_path / "g" / "state-2.sqlite").write_bytes(b"SQLite format 3\x00 half")
    (tmp_path / "g" / "cypher-2.lbug").write_bytes(b"garbage")
    assert EmbeddedStore(tmp_path / "g").stats()["nodes"]["Paper"] == 3
    store.write(sample_records[:2])  # the next build clears the debris
    assert json.loads((tmp_path / "g" / "manifest.json").read_text())[
        "generation"] == 2
    assert EmbeddedStore(tmp_path / "g").stats()["nodes"]["Paper"] == 2


def test_embedded_database_holds_exactly_the_networkx_graph(seed_dev_store):
    """The database is staged from the builder's stream, not from a networkx graph;
    every node and relationship (with its evidence text) is the graph's."""
    from kg.graph import iter_nodes, iter_relationships
    from kg.stores.cypher import store_value

    graph = build_graph(seed_dev_store.load_records())
    nodes = seed_dev_store.query("MATCH (n) RETURN label(n), n.id").rows
    assert sorted(map(tuple, nodes)) == sorted(
        (n.label, n.id) for n in iter_nodes(graph))
    rels = seed_dev_store.query(
        "MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id, r.evidence_json, r.rule").rows
    expected = [(r.source, r.type, r.target,
                 store_value("evidence", r.props["evidence"])[1]
                 if "evidence" in r.props else None, r.props.get("rule"))
                for r in iter_relationships(graph)]
    assert sorted(map(tuple, rels)) == sorted(expected)
    assert len(rels) > 500


def test_embedded_write_release_empties_only_a_handed_over_list(tmp_path,
                                                                sample_records):
    kept = list(sample_records)
    EmbeddedStore(tmp_path / "a").write(kept)
    assert kept == sample_records
    handed = list(sample_records)
    summary = EmbeddedStore(tmp_path / "b").write(handed, release=True)
    assert handed == [] and summary.relationships > 0
    assert EmbeddedStore(tmp_path / "b").stats() == \
        EmbeddedStore(tmp_path / "a").stats()


def test_embedded_records_keep_listing_data_once(tmp_path, sample_records):
    """Records hold the extraction only; the papers table holds each paper once,
    and reading joins them back."""
    import sqlite3

    from kg.stores.state_db import unpack

    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    with sqlite3.connect(tmp_path / "g" / "state-1.sqlite") as conn:
        stored = [unpack(data) for (data,) in conn.execute("SELECT data FROM records")]
    assert {tuple(sorted(r)) for r in stored} == {
        ("code", "entities", "id", "variant_of")}
    assert [r.to_dict() for r in store.load_records()] == [
        r.to_dict() for r in sorted(sample_records, key=lambda r: r.id)]


def _legacy_directory(directory, records, fmt: int) -> None:
    """Turn a graph directory into one of format ``fmt`` (1: records with their
    paper fields; 2: extraction records plus a papers file), as older versions
    wrote them: gzip JSONL files, no state database."""
    import gzip

    manifest = json.loads((directory / "manifest.json").read_text())
    ordered = sorted(records, key=lambda r: r.id)
    with gzip.open(directory / "records-1.jsonl.gz", "wt") as handle:
        for record in ordered:
            data = record.to_dict() if fmt == 1 else record.extraction_dict()
            handle.write(json.dumps(data) + "\n")
    legacy = {"format": fmt, "generation": manifest["generation"],
              "records": "records-1.jsonl.gz", "cypher": manifest["cypher"],
              "stats": manifest["stats"]}
    if fmt == 2:
        with gzip.open(directory / "papers-1.jsonl.gz", "wt") as handle:
            for record in ordered:
                handle.write(json.dumps(record.paper.to_dict()) + "\n")
        legacy["papers"] = "papers-1.jsonl.gz"
    (directory / manifest["state"]).unlink()
    (directory / "manifest.json").write_text(json.dumps(legacy))


@pytest.mark.parametrize("fmt", [1, 2])
def test_embedded_store_reads_and_grows_an_older_directory(tmp_path, sample_records,
                                                            fmt):
    """A graph written by an older version (gzip records) still loads, and the
    next build of new papers rewrites it as format 3 (extracting every paper
    again: the stored extraction predates usage)."""
    from kg.pipeline import build_embedded

    directory = tmp_path / "g"
    EmbeddedStore(directory).write(sample_records)
    _legacy_directory(directory, sample_records, fmt)
    store = EmbeddedStore(directory)
    assert not store.can_add()
    assert [r.to_dict() for r in store.load_records()] == [
        r.to_dict() for r in sorted(sample_records, key=lambda r: r.id)]
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps({"id": "2601.00009", "title": "GRPO on GSM8K",
                               "abstract": "We train Qwen2.5-7B with GRPO."}) + "\n")
    summary = build_embedded([new], store)
    assert (summary.papers_reused, summary.papers_extracted) == (0, 4)
    assert EmbeddedStore(directory).stats()["nodes"]["Paper"] == 4
    assert EmbeddedStore(directory).manifest()["format"] == 3
    assert not (directory / "records-1.jsonl.gz").exists()


def test_embedded_graph_of_an_older_schema_is_rebuilt_with_usage(tmp_path,
                                                                 sample_records):
    """A format-3 graph written before schema 2 (no usage, no MENTIONS of
    models) cannot be added to in place: the next build extracts every paper
    again, says so, and writes the whole graph with the new relationships."""
    from kg.graph.schema import load_schema
    from kg.pipeline import build_embedded

    directory = tmp_path / "g"
    EmbeddedStore(directory).write(sample_records)
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["schema"] == load_schema().version == 2
    del manifest["schema"]  # as version 1 wrote it
    (directory / "manifest.json").write_text(json.dumps(manifest))
    store = EmbeddedStore(directory)
    assert not store.schema_current() and not store.can_add()
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps({"id": "2601.00009", "title": "GRPO on GSM8K",
                               "abstract": "We fine-tune Qwen2.5-7B with GRPO."})
                   + "\n")
    summary = build_embedded([new], store)
    assert summary.papers_extracted == len(sample_records) + 1
    assert summary.note and "older version" in summary.note
    store = EmbeddedStore(directory)
    assert store.schema_current() and store.can_add()
    rows = store.query("MATCH (p:Paper {id: '2601.00009'})-[r:USES_MODEL]->(m:Model) "
                       "RETURN m.name, r.usage").rows
    assert rows == [["Qwen2.5-7B", "base"]]


def test_embedded_staging_in_many_row_groups_loads_the_same(tmp_path, monkeypatch,
                                                            seed_dev_store):
    """Staged tables go to their files a row group at a time; tiny groups give
    the same database as one group per table."""
    import kg.stores.ladybug_db as ladybug_db

    monkeypatch.setattr(ladybug_db, "_ROW_GROUP", 7)
    records = seed_dev_store.load_records()
    small = EmbeddedStore(tmp_path / "g")
    small.write(records)
    cypher = ("MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id, r.evidence_json "
              "ORDER BY a.id, label(r), b.id")
    assert small.stats() == seed_dev_store.stats()
    assert small.query(cypher).rows == seed_dev_store.query(cypher).rows
    titles = "MATCH (p:Paper) RETURN p.id, p.title, p.date ORDER BY p.id"
    assert small.query(titles).rows == seed_dev_store.query(titles).rows


def test_embedded_loaded_records_share_each_sentence_within_a_paper(seed_dev_store):
    """Read back, a paper's evidence items share one string per sentence, as
    extraction made them (one copy per mention would double the records' memory)."""
    for record in seed_dev_store.load_records():
        by_text: dict[str, int] = {}
        for entity in record.entities:
            for ev in entity.evidence:
                if ev.sentence is not None:
                    assert by_text.setdefault(ev.sentence, id(ev.sentence)) == \
                        id(ev.sentence)


def test_embedded_store_with_a_damaged_state_file_says_what_to_do(tmp_path,
                                                                 sample_records):
    store = EmbeddedStore(tmp_path / "g")
    store.write(sample_records)
    (tmp_path / "g" / "state-1.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="state-1.sqlite: unreadable state "
                                         "database.*kg build"):
        EmbeddedStore(tmp_path / "g").load_papers()
