"""Statements that bring a server from one graph of a graph directory to the next.

A server build keeps its papers and resolution state in a graph directory
(:mod:`kg.stores.embedded`), so that the next day's papers are resolved against all
earlier ones: one node per entity across builds, ``papers`` counted over every
paper.  The server then gets one of two plans:

* :func:`patch_plan`: the :class:`~kg.graph.patch.GraphPatch` an addition of papers
  made to the directory, when the server is known to hold the directory's graph
  from before it.  It costs in proportion to the change.
* :func:`prune_plan`, then the whole graph MERGEd with replaced properties: when
  the server holds an older graph of the directory (a rebuild, a changed paper, an
  interrupted sync).  It deletes the nodes and relationships the graph no longer
  has, found by reading back what the server holds.

Both are lists of :class:`~kg.stores.cypher.Statement` like the writer's plan: values
only in ``$rows``, labels and types only from the schema allowlist, every statement
safe to run twice.  Kind ``delete`` marks the statements that remove things.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.graph.model import Relationship, iter_relationships
from kg.graph.patch import GraphPatch
from kg.graph.schema import check_label, check_rel_type
from kg.records import clean_id
from kg.stores.cypher import (
    Row,
    Statement,
    batch_statements,
    node_row,
    node_statement,
    relationship_row,
    relationship_statement,
)

#: (relationship type, source label, source id, target label, target id)
HeldRelationship = tuple[str, str, str, str, str]


def delete_nodes_statement(label: str) -> str:
    """Delete nodes of one label, with their relationships, by ``id``."""
    return (f"UNWIND $rows AS row MATCH (n:{check_label(label)} {{id: row.id}}) "
            "DETACH DELETE n")


def unlink_statement() -> str:
    """Delete every relationship that starts at the papers given by ``id``."""
    return (f"UNWIND $rows AS row MATCH (p:{check_label('Paper')} {{id: row.id}})"
            "-[r]->() DELETE r")


def delete_relationships_statement(rel_type: str, source_label: str,
                                   target_label: str) -> str:
    """Delete relationships of one type, named by their endpoints' ids."""
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{check_label(source_label)} {{id: row.source}})"
            f"-[r:{check_rel_type(rel_type)}]->"
            f"(b:{check_label(target_label)} {{id: row.target}}) DELETE r")


def patch_plan(patch: GraphPatch, *, batch_size: int) -> list[Statement]:
    """The statements that apply ``patch``, in the order :mod:`kg.graph.patch`
    gives; nodes and relationships are written with replaced properties, as the
    patch means them."""
    labels = patch.labels
    plan: list[Statement] = []
    deleted: dict[str, list[Row]] = defaultdict(list)
    for node_id in patch.delete:
        deleted[labels[node_id]].append({"id": clean_id(node_id)})
    plan += _node_deletions(deleted, batch_size)
    plan += batch_statements("delete", unlink_statement(),
                             [{"id": clean_id(paper)} for paper in patch.unlink],
                             batch_size)
    plan += _relationship_deletions(_by_endpoints(patch.remove, labels), batch_size)
    upserts: dict[str, list[Row]] = defaultdict(list)
    for node in patch.nodes_to_write():
        upserts[node.label].append(node_row(node))
    for label, rows in sorted(upserts.items()):
        plan += batch_statements("nodes", node_statement(label, replace=True),
                                 rows, batch_size)
    for (rel_type, src, dst), rows in _by_endpoints(patch.relationships_to_write(),
                                                    labels, props=True).items():
        plan += batch_statements(
            "relationships",
            relationship_statement(rel_type, src, dst, replace=True), rows,
            batch_size)
    return plan


def prune_plan(graph: nx.MultiDiGraph, held_nodes: Iterable[tuple[str, str]],
               held_relationships: Iterable[HeldRelationship], *,
               batch_size: int) -> list[Statement]:
    """Delete what a server holds (``held_nodes``: (label, id) pairs, and
    ``held_relationships``) that ``graph`` does not."""
    nodes = {(data.get("label"), clean_id(node_id))
             for node_id, data in graph.nodes(data=True)}
    stale_nodes: dict[str, list[Row]] = defaultdict(list)
    for label, node_id in held_nodes:
        if (label, node_id) not in nodes:
            stale_nodes[label].append({"id": node_id})
    rels = {(rel.type, clean_id(rel.source), clean_id(rel.target))
            for rel in iter_relationships(graph, ordered=False)}
    stale_rels: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for rel_type, src_label, src, dst_label, dst in held_relationships:
        if ((src_label, src) in nodes and (dst_label, dst) in nodes
                and (rel_type, src, dst) not in rels):
            stale_rels[(rel_type, src_label, dst_label)].append(
                {"source": src, "target": dst})
    return (_node_deletions(stale_nodes, batch_size)
            + _relationship_deletions(stale_rels, batch_size))


def _node_deletions(ids: dict[str, list[Row]], batch_size: int) -> list[Statement]:
    """Delete statements for ``{"id"}`` rows per label, labels in order."""
    return [statement for label, rows in sorted(ids.items())
            for statement in batch_statements(
                "delete", delete_nodes_statement(label), rows, batch_size)]


def _relationship_deletions(ends: dict[tuple[str, str, str], list[Row]],
                            batch_size: int) -> list[Statement]:
    """Delete statements for ``{"source", "target"}`` rows per (type, source
    label, target label), in that order."""
    return [statement for (rel_type, src, dst), rows in sorted(ends.items())
            for statement in batch_statements(
                "delete", delete_relationships_statement(rel_type, src, dst), rows,
                batch_size)]


def _by_endpoints(rels: Iterable[Relationship], labels: dict[str, str], *,
                  props: bool = False) -> dict[tuple[str, str, str], list[Row]]:
    """Rows per (type, source label, target label), sorted by that key."""
    rows: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for rel in rels:
        key = (rel.type, labels[rel.source], labels[rel.target])
        rows[key].append(relationship_row(rel) if props else
                         {"source": clean_id(rel.source),
                          "target": clean_id(rel.target)})
    return dict(sorted(rows.items()))


