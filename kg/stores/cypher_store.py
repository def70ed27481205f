"""What the Neo4j and FalkorDB stores share: they run one plan of Cypher statements
(:mod:`kg.stores.cypher`) and differ only in how a statement reaches the server."""

from __future__ import annotations

from typing import Any, Self

import networkx as nx

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
