"""What the Neo4j and FalkorDB stores share: they run one plan of Cypher statements
(:mod:`kg.stores.cypher`) and differ only in how a statement reaches the server."""

from __future__ import annotations

from typing import Any, Self

import networkx as nx

from kg.graph.patch import GraphPatch
from kg.graph.schema import load_schema
from kg.stores.base import QueryResult, WriteSummary
from kg.stores.cypher import (
    CLEAR,
    DEFAULT_BATCH_SIZE,
    STATS_NODES,
    STATS_RELATIONSHIPS,
    Dialect,
    Progress,
    Statement,
    run_plan,
    write_plan,
)
from kg.stores.cypher_sync import HeldRelationship, patch_plan, prune_plan


class CypherServerStore:
    """A :class:`kg.stores.base.GraphStore` over a server that speaks Cypher.

    Subclasses set :attr:`dialect` and implement :meth:`_write`, :meth:`query`,
    :meth:`ensure_schema` and :meth:`close`.
    """

    dialect: Dialect
    batch_size: int = DEFAULT_BATCH_SIZE

    def write_graph(self, graph: nx.MultiDiGraph, *,
                    progress: Progress | None = None) -> WriteSummary:
        """MERGE ``graph`` in batches; a rerun after any interruption converges."""
        plan = write_plan(graph, self.dialect, batch_size=self.batch_size)
        self.ensure_schema()
        return run_plan(plan, self._write, progress=progress)

    @property
    def target(self) -> str:
        """The server and graph this store writes, as a graph directory records
        which of its graphs a server holds (no password)."""
        return self.uri

    def apply_patch(self, patch: GraphPatch, *,
                    progress: Progress | None = None) -> WriteSummary:
        """Apply an addition's patch (:mod:`kg.stores.cypher_sync`); the server
        must hold the graph the patch was made against."""
        self.ensure_schema()
        return run_plan(patch_plan(patch, batch_size=self.batch_size), self._write,
                        progress=progress)

    def replace_graph(self, graph: nx.MultiDiGraph, *,
                      progress: Progress | None = None) -> WriteSummary:
        """Make the server hold exactly ``graph`` in the schema's labels: delete
        what it holds that ``graph`` does not, then MERGE ``graph`` with replaced
        properties."""
        self.ensure_schema()
        plan = prune_plan(graph, self._held_nodes(), self._held_relationships(),
                          batch_size=self.batch_size)
        plan += write_plan(graph, self.dialect, batch_size=self.batch_size,
                           replace=True)
        return run_plan(plan, self._write, progress=progress)

    def _held_nodes(self) -> list[tuple[str, str]]:
        return [(label, node_id) for label in load_schema().labels
                for (node_id,) in self.query(
                    f"MATCH (n:{label}) RETURN n.id").rows]

    def _held_relationships(self) -> list[HeldRelationship]:
        return [(rel_type, *row) for rel_type in load_schema().relationships
                for row in self.query(
                    f"MATCH (a)-[:{rel_type}]->(b) "
                    "RETURN labels(a)[0], a.id, labels(b)[0], b.id").rows]

    def stats(self) -> dict[str, dict[str, int]]:
        nodes = self.query(STATS_NODES).rows
        rels = self.query(STATS_RELATIONSHIPS).rows
        return {"nodes": dict(sorted((k, int(n)) for k, n in nodes)),
                "relationships": dict(sorted((k, int(n)) for k, n in rels))}

    def clear(self) -> None:
        """Delete every node and relationship (tests, rebuilds)."""
        self.query(CLEAR, write=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what each server does its own way -----------------------------------------

    def query(self, cypher: str, parameters: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        raise NotImplementedError

    def ensure_schema(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _write(self, statement: Statement) -> None:
        raise NotImplementedError
