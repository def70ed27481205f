"""kg.stores.cypher_sync: the statements that bring a server from one graph of a
graph directory to the next (exact text and rows; no server needed)."""

from __future__ import annotations

import pytest

from kg.errors import GraphError
from kg.graph.model import Node, Relationship, add_node, add_relationship, new_graph
from kg.graph.patch import GraphPatch
from kg.stores.cypher_sync import (
    delete_nodes_statement,
    delete_relationships_statement,
    patch_plan,
    prune_plan,
    unlink_statement,
)

EVIDENCE = [{"field": "abstract", "start": 0, "end": 5, "sentence": "GSM8K.",
             "rule": "gazetteer"}]


def test_cypher_sync_delete_statements_name_labels_and_types_from_the_schema():
    assert delete_nodes_statement("Method") == (
        "UNWIND $rows AS row MATCH (n:Method {id: row.id}) DETACH DELETE n")
    assert unlink_statement() == (
        "UNWIND $rows AS row MATCH (p:Paper {id: row.id})-[r]->() DELETE r")
    assert delete_relationships_statement("USES", "Paper", "Method") == (
        "UNWIND $rows AS row MATCH (a:Paper {id: row.source})-[r:USES]->"
        "(b:Method {id: row.target}) DELETE r")
    with pytest.raises(GraphError):
        delete_nodes_statement("Method) DETACH DELETE (x")


def test_cypher_sync_patch_plan_runs_the_parts_in_patch_order():
    patch = GraphPatch(
        labels={"p2": "Paper", "method:a": "Method", "method:b": "Method",
                "benchmark:gsm8k": "Benchmark", "p1": "Paper"},
        delete=["method:b"], unlink=["p1"],
        remove=[Relationship("p1", "method:a", "USES", {})],
        upsert=[Node("method:a", "Method", {"name": "A", "aliases": [], "papers": 1}),
                Node("method:a", "Method", {"name": "A", "aliases": [], "papers": 2}),
                Node("p2", "Paper", {"title": "T", "date": "2025-03-04"})],
        add=[Relationship("p2", "benchmark:gsm8k", "EVALUATED_ON",
                          {"evidence": EVIDENCE})])
    plan = patch_plan(patch, batch_size=100)
    assert [(s.kind, s.cypher.split(" MATCH ")[0].split(" MERGE ")[0])
            for s in plan] == [("delete", "UNWIND $rows AS row")] * 3 + [
        ("nodes", "UNWIND $rows AS row")] * 2 + [("relationships",
                                                   "UNWIND $rows AS row")]
    deletes, unlink, remove, methods, papers, adds = plan
    assert "DETACH DELETE" in deletes.cypher and deletes.rows == [{"id": "method:b"}]
    assert unlink.rows == [{"id": "p1"}]
    assert remove.rows == [{"source": "p1", "target": "method:a"}]
    # the last upsert of an id wins, and properties are replaced, not merged
    assert methods.rows == [{"id": "method:a", "props": {"name": "A", "aliases": [],
                                                        "papers": 2}}]
    assert "SET n = row.props, n.id = row.id" in methods.cypher
    assert papers.rows == [{"id": "p2", "props": {"title": "T"},
                            "dates": {"date": "2025-03-04"}}]
    assert adds.cypher.endswith("MERGE (a)-[r:EVALUATED_ON]->(b) SET r = row.props")
    assert adds.rows[0]["props"]["evidence_json"].startswith('[{"field":"abstract"')


def test_cypher_sync_patch_plan_batches_rows():
    patch = GraphPatch(labels={f"p{i}": "Paper" for i in range(5)},
                       unlink=[f"p{i}" for i in range(5)])
    assert [len(s.rows) for s in patch_plan(patch, batch_size=2)] == [2, 2, 1]


def test_cypher_sync_empty_patch_has_no_statements():
    assert patch_plan(GraphPatch(), batch_size=10) == []


def _graph():
    graph = new_graph()
    add_node(graph, "p1", "Paper", title="T")
    add_node(graph, "method:a", "Method", name="A")
    add_relationship(graph, "p1", "method:a", "USES", evidence=EVIDENCE)
    return graph


def test_cypher_sync_prune_deletes_only_what_the_graph_no_longer_holds():
    held_nodes = [("Paper", "p1"), ("Method", "method:a"), ("Method", "method:old"),
                  ("Model", "p1")]  # same id, other label: not this graph's node
    held_rels = [("USES", "Paper", "p1", "Method", "method:a"),
                 ("PROPOSES", "Paper", "p1", "Method", "method:a"),
                 ("USES", "Paper", "p1", "Method", "method:old")]
    plan = prune_plan(_graph(), held_nodes, held_rels, batch_size=10)
    assert [(s.cypher, s.rows) for s in plan] == [
        (delete_nodes_statement("Method"), [{"id": "method:old"}]),
        (delete_nodes_statement("Model"), [{"id": "p1"}]),
        # the USES to method:old goes with its node
        (delete_relationships_statement("PROPOSES", "Paper", "Method"),
         [{"source": "p1", "target": "method:a"}]),
    ]
    assert {s.kind for s in plan} == {"delete"}


def test_cypher_sync_prune_of_a_server_in_step_is_empty():
    held_nodes = [("Paper", "p1"), ("Method", "method:a")]
    held_rels = [("USES", "Paper", "p1", "Method", "method:a")]
    assert prune_plan(_graph(), held_nodes, held_rels, batch_size=10) == []
