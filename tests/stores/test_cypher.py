"""The Cypher writer as a specification: graph in, exact statements and rows out."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx
import pytest
from live.storekit import HOSTILE_STRINGS

from kg.errors import GraphError
from kg.graph.model import add_node, add_relationship, new_graph
from kg.stores.cypher import (
    DIALECTS,
    Statement,
    clean_id,
    node_rows,
    node_statement,
    plain_value,
    relationship_rows,
    relationship_statement,
    row_properties,
    run_plan,
    schema_statements,
    server_safe_text,
    store_value,
    write_plan,
)


def small_graph() -> nx.MultiDiGraph:
    graph = new_graph()
    add_node(graph, "2501.00001", "Paper", title="T", date="2025-03-01", upvotes=4,
             authors=["A", "B"], url=None)
    add_node(graph, "method:grpo", "Method", name="GRPO", aliases=[], papers=1)
    add_relationship(graph, "2501.00001", "method:grpo", "PROPOSES", evidence=[
        {"field": "title", "start": 0, "end": 1, "sentence": "T", "rule": "r"}])
    return graph


@pytest.mark.parametrize(("label", "expected"), [
    ("Paper", "UNWIND $rows AS row MERGE (n:Paper {id: row.id}) "
              "SET n += row.props, n.date = date(row.dates.date)"),
    ("Method", "UNWIND $rows AS row MERGE (n:Method {id: row.id}) SET n += row.props"),
])
def test_cypher_node_statement(label: str, expected: str) -> None:
    assert node_statement(label) == expected


def test_cypher_relationship_statement() -> None:
    assert relationship_statement("PROPOSES", "Paper", "Method") == (
        "UNWIND $rows AS row MATCH (a:Paper {id: row.source}) "
        "MATCH (b:Method {id: row.target}) MERGE (a)-[r:PROPOSES]->(b) "
        "SET r += row.props")


@pytest.mark.parametrize("bad", ["Paper) DETACH DELETE (n", "paper", "Person"])
def test_cypher_labels_only_from_schema(bad: str) -> None:
    with pytest.raises(GraphError):
        node_statement(bad)
    with pytest.raises(GraphError):
        relationship_statement("PROPOSES", bad, "Method")
    with pytest.raises(GraphError):
        relationship_statement(bad, "Paper", "Method")


@pytest.mark.parametrize(("dialect", "first"), [
    ("neo4j", "CREATE CONSTRAINT paper_id IF NOT EXISTS "
              "FOR (n:Paper) REQUIRE n.id IS UNIQUE"),
    ("falkordb", "CREATE INDEX FOR (n:Paper) ON (n.id)"),
])
def test_cypher_schema_statements(dialect: str, first: str) -> None:
    statements = schema_statements(DIALECTS[dialect])
    assert statements[0].cypher == first
    assert {s.label for s in statements} == {
        "Paper", "Method", "Benchmark", "Model", "Organization", "Metric", "Concept",
        "Repository"}
    assert all(s.parameters == {} for s in statements)


def test_cypher_neo4j_ddl_matches_the_file_for_people() -> None:
    from datapaths import REPO

    lines = (REPO / "schema" / "neo4j_constraints.cypher").read_text().splitlines()
    ddl = [line.rstrip(";") for line in lines if line.startswith("CREATE")]
    assert [s.cypher for s in schema_statements(DIALECTS["neo4j"])] == ddl


def test_cypher_node_rows_convert_properties_once() -> None:
    rows = node_rows(small_graph())
    assert rows == {
        "Method": [{"id": "method:grpo", "props": {"name": "GRPO", "aliases": [],
                                                   "papers": 1}}],
        "Paper": [{"id": "2501.00001", "props": {"title": "T", "upvotes": 4,
                                                 "authors": ["A", "B"]},
                   "dates": {"date": "2025-03-01"}}],
    }


def test_cypher_relationship_rows_carry_evidence_as_json() -> None:
    rows = relationship_rows(small_graph())
    [row] = rows[("PROPOSES", "Paper", "Method")]
    assert row["source"] == "2501.00001" and row["target"] == "method:grpo"
    assert json.loads(row["props"]["evidence_json"]) == [
        {"field": "title", "start": 0, "end": 1, "sentence": "T", "rule": "r"}]
    assert "evidence" not in row["props"]


def test_cypher_plan_order_schema_nodes_relationships() -> None:
    plan = write_plan(small_graph(), DIALECTS["neo4j"], batch_size=1)
    kinds = [s.kind for s in plan]
    assert kinds == ["schema"] * 8 + ["nodes", "nodes", "relationships"]
    assert plan[-1].parameters == {"rows": plan[-1].rows}


def test_cypher_batches_have_the_configured_size(real_graph: nx.MultiDiGraph) -> None:
    plan = write_plan(real_graph, DIALECTS["neo4j"], batch_size=50)
    rows = [s.rows for s in plan if s.kind != "schema"]
    assert max(map(len, rows)) == 50
    assert sum(map(len, rows)) == (real_graph.number_of_nodes()
                                   + real_graph.number_of_edges())
    with pytest.raises(ValueError):
        write_plan(real_graph, DIALECTS["neo4j"], batch_size=0)


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("title", "x", ("title", "x")),
    ("upvotes", 3, ("upvotes", 3)),
    ("aliases", ("a", "b"), ("aliases", ["a", "b"])),
    ("tags", {"b", "a"}, ("tags", ["a", "b"])),
    ("evidence", [{"a": 1}], ("evidence_json", '[{"a":1}]')),
    ("meta", {"k": "é"}, ("meta_json", '{"k":"é"}')),
    ("when", dt.date(2025, 1, 2), ("when", "2025-01-02")),
    ("title", "a\x00b", ("title", "ab")),
    ("score", float("nan"), ("score", None)),
    ("meta", {"big": 10**30}, ("meta_json", '{"big":1000000000000000000000000000000}')),
])
def test_cypher_store_value(key: str, value: object, expected: tuple) -> None:
    assert store_value(key, value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-01-02", "2025-01-02"),
    (dt.date(2025, 1, 2), "2025-01-02"),
    (dt.datetime(2025, 1, 2, 5, 6), "2025-01-02"),
])
def test_cypher_dates_sent_as_iso(value: object, expected: str) -> None:
    assert row_properties({"date": value}, ["date"]) == ({}, {"date": expected})


@pytest.mark.parametrize("bad", ["2025-02-30", "soon", "02/01/2025"])
def test_cypher_bad_date_raises(bad: str) -> None:
    with pytest.raises(GraphError, match="not an ISO date"):
        row_properties({"date": bad}, ["date"], "Paper 'x'")


def test_cypher_none_dropped() -> None:
    assert row_properties({"url": None, "title": "t"}) == ({"title": "t"}, {})


@pytest.mark.parametrize(("raw", "expected"), [
    ("2501.00001", "2501.00001"),
    (" padded\t", "padded"),
    ("a\x01b\nc", "abc"),
    ("x'}) MATCH (n) DETACH DELETE n //", "x'}) MATCH (n) DETACH DELETE n //"),
    ("Ｆｕｌｌ e\u0301 😀", "Ｆｕｌｌ e\u0301 😀"),
])
def test_cypher_clean_id(raw: str, expected: str) -> None:
    assert clean_id(raw) == expected


def test_cypher_clean_text_keeps_all_but_nul_and_lone_surrogates() -> None:
    assert server_safe_text("a?\x00b\ud800c\u202e") == "a?b\ufffdc\u202e"


def test_cypher_hostile_values_never_in_query_text(hostile_graph: nx.MultiDiGraph
                                                   ) -> None:
    plan = write_plan(hostile_graph, DIALECTS["neo4j"], batch_size=3)
    text = "\n".join(s.cypher for s in plan)
    for hostile in HOSTILE_STRINGS:
        assert hostile not in text
    sent = json.dumps([s.rows for s in plan], ensure_ascii=False)
    assert json.dumps(HOSTILE_STRINGS[1], ensure_ascii=False)[1:-1] in sent


def test_cypher_dangling_relationship_raises() -> None:
    graph = small_graph()
    graph.add_edge("2501.00001", "ghost", key="USES", type="USES")
    with pytest.raises(GraphError, match="ghost"):
        relationship_rows(graph)


def test_cypher_run_plan_counts_and_reports_progress() -> None:
    plan = write_plan(small_graph(), DIALECTS["neo4j"], batch_size=1)
    ran: list[Statement] = []
    seen: list[tuple[int, int]] = []
    summary = run_plan(plan, ran.append, progress=lambda d, t: seen.append((d, t)))
    assert [s.kind for s in ran] == ["nodes", "nodes", "relationships"]
    assert (summary.nodes, summary.relationships) == (2, 1)
    assert seen == [(1, 3), (2, 3), (3, 3)]


class _Neo4jDate:
    def iso_format(self) -> str:
        return "2025-01-02"


class _FalkorNode:
    properties = {"id": "x", "date": dt.date(2025, 1, 2)}


@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2025, 1, 2), "2025-01-02"),
    (_Neo4jDate(), "2025-01-02"),
    (_FalkorNode(), {"id": "x", "date": "2025-01-02"}),
    ([1, [dt.date(2025, 1, 2)]], [1, ["2025-01-02"]]),
    ({"a": (1, 2)}, {"a": [1, 2]}),
    (None, None),
    (True, True),
])
def test_cypher_plain_value(value: object, expected: object) -> None:
    assert plain_value(value) == expected
