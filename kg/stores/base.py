"""What every store offers, so the CLI treats embedded, Neo4j and FalkorDB alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import networkx as nx

from kg.graph.patch import GraphPatch


@dataclass(slots=True)
class QueryResult:
    """Rows of a Cypher query; values are plain Python (dates as ISO strings)."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass(slots=True)
class WriteSummary:
    """What a write did; ``patch`` is the change when it was made in place
    (:meth:`kg.stores.embedded.EmbeddedStore.add`), for servers kept in step."""

    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0
    patch: GraphPatch | None = None


class GraphStore(Protocol):
    def write_graph(self, graph: nx.MultiDiGraph) -> WriteSummary:
        """Make the store hold ``graph`` (idempotent MERGE; re-runs change nothing)."""

    def stats(self) -> dict[str, dict[str, int]]:
        """``{"nodes": {label: n}, "relationships": {type: n}}``."""

    def query(self, cypher: str, parameters: dict[str, Any] | None = None
              ) -> QueryResult: ...

    def close(self) -> None: ...
