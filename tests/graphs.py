"""Comparing two networkx graphs of paper-kg by content (for the tests)."""

from __future__ import annotations

import json

import networkx as nx

from kg.graph import iter_nodes, iter_relationships


def graph_rows(graph: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    """Every node and relationship with its properties, as sorted JSON texts."""
    def text(value: object) -> str:
        return json.dumps(value, sort_keys=True, default=str)
    return ([text([n.id, n.label, n.props]) for n in iter_nodes(graph)],
            [text([r.source, r.target, r.type, r.props])
             for r in iter_relationships(graph)])
