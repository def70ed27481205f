"""How a knowledge graph is held in memory: a networkx ``MultiDiGraph``.

Conventions every stage relies on:

* node key = the node's deterministic ``id``; attributes ``label`` (a schema label)
  plus the label's properties (``name``, ``aliases``, ``papers`` ...);
* edge key = the relationship type; attributes ``type`` (same) and, for relationships
  from a Paper, ``evidence`` (a list of evidence dicts, see interface.md); lineage
  edges carry ``rule``.

:class:`Node` and :class:`Relationship` are the typed views the stores and exports
iterate over.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.graph.schema import check_label, check_rel_type


@dataclass(slots=True)
class Node:
    id: str
    label: str
    props: dict[str, Any]  # without id and label


@dataclass(slots=True)
class Relationship:
    source: str
    target: str
    type: str
    props: dict[str, Any]  # evidence (list of dicts), rule ...


def new_graph() -> nx.MultiDiGraph:
    return nx.MultiDiGraph()


def add_node(graph: nx.MultiDiGraph, node_id: str, label: str, **props: Any) -> None:
    graph.add_node(node_id, label=check_label(label), **props)


def add_relationship(graph: nx.MultiDiGraph, source: str, target: str, rel_type: str,
                     **props: Any) -> None:
    graph.add_edge(source, target, key=check_rel_type(rel_type), type=rel_type,
                   **props)


def iter_nodes(graph: nx.MultiDiGraph, *, ordered: bool = True) -> Iterator[Node]:
    """Nodes sorted by (label, id), so every consumer sees a deterministic order;
    ``ordered=False`` skips the sort for consumers that group rows themselves."""
    items = graph.nodes(data=True)
    if ordered:
        items = sorted(items, key=lambda item: (item[1]["label"], item[0]))
    for node_id, data in items:
        props = {k: v for k, v in data.items() if k != "label"}
        props.pop("id", None)
        yield Node(node_id, data["label"], props)


def iter_relationships(graph: nx.MultiDiGraph, *, ordered: bool = True
                       ) -> Iterator[Relationship]:
    """Relationships sorted by (type, source, target) unless ``ordered=False``."""
    edges = graph.edges(keys=True, data=True)
    if ordered:
        edges = sorted(edges, key=lambda e: (e[2], e[0], e[1]))
    for u, v, key, data in edges:
        props = {k: val for k, val in data.items() if k != "type"}
        yield Relationship(u, v, key, props)


def count_by_label(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """The ``stats --json`` shape: nodes per label, relationships per type."""
    nodes: dict[str, int] = {}
    for _, label in graph.nodes(data="label"):
        nodes[label] = nodes.get(label, 0) + 1
    rels: dict[str, int] = {}
    for _, _, key in graph.edges(keys=True):
        rels[key] = rels.get(key, 0) + 1
    return {"nodes": dict(sorted(nodes.items())),
            "relationships": dict(sorted(rels.items()))}
