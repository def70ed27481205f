"""The knowledge graph: schema, in-memory model and the builder from records."""

from kg.graph.builder import build_graph
from kg.graph.model import (
    Node,
    Relationship,
    count_by_label,
    iter_nodes,
    iter_relationships,
)

__all__ = ["Node", "Relationship", "build_graph", "count_by_label", "iter_nodes",
           "iter_relationships"]
