"""FalkorDB through its own client (``falkordb`` on PyPI, the Redis protocol).

It runs the same node and relationship statements as Neo4j (see
:mod:`kg.stores.cypher`); only the index DDL differs, and that difference is the
``falkordb`` entry of :data:`kg.stores.cypher.DIALECTS`.  Each ``GRAPH.QUERY`` is
atomic on the server, so a killed load leaves whole batches behind, and the MERGE
statements make a rerun converge on the clean graph.

FalkorDB returns ``DATE`` values as ``datetime.date`` and nodes as ``Node`` objects;
:func:`kg.stores.cypher.plain_value` turns them into the same plain values the Neo4j
store returns, so a query gives identical rows on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

import redis.exceptions as redis_errors
from falkordb import FalkorDB

from kg.errors import QueryError, StoreError, StoreUnavailableError
from kg.stores.base import QueryResult
from kg.stores.cypher import (
    DEFAULT_BATCH_SIZE,
    DIALECTS,
    Statement,
    one_line,
    plain_value,
    schema_statements,
)
from kg.stores.cypher_store import CypherServerStore

DEFAULT_GRAPH = "kg"
DEFAULT_PORT = 6379
#: FalkorDB's answer for a graph that was never written; for us, an empty graph.
_EMPTY_GRAPH_ERROR = "empty key"


@dataclass(frozen=True, slots=True)
class FalkorDBAddress:
    """The parts of ``redis://[USER:PASSWORD@]HOST:PORT[/GRAPH]``."""

    host: str
    port: int
    graph: str
    username: str | None = None
    password: str | None = None
    ssl: bool = False

    @property
    def display(self) -> str:
        """The URI without the password, for messages."""
        scheme = "rediss" if self.ssl else "redis"
        return f"{scheme}://{self.host}:{self.port}/{self.graph}"


def parse_uri(uri: str) -> FalkorDBAddress:
    """Split a FalkorDB URI; the path names the graph (default ``kg``)."""
    parts = urlsplit(uri)
    if parts.scheme not in ("redis", "rediss", "falkor", "falkors"):
        raise StoreError(f"{uri!r} is not a FalkorDB URI: use "
                         "redis://HOST:PORT[/GRAPH]")
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError as exc:
        raise StoreError(f"{uri!r}: bad port ({exc})") from None
    graph = unquote(parts.path.strip("/")) or DEFAULT_GRAPH
    return FalkorDBAddress(
        host=parts.hostname or "localhost", port=port, graph=graph,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        ssl=parts.scheme in ("rediss", "falkors"),
    )


class FalkorDBStore(CypherServerStore):
    """One FalkorDB graph as a :class:`kg.stores.base.GraphStore`."""

    dialect = DIALECTS["falkordb"]

    def __init__(self, uri: str = f"redis://localhost:{DEFAULT_PORT}/{DEFAULT_GRAPH}",
                 *, batch_size: int = DEFAULT_BATCH_SIZE,
                 connect_timeout: float = 5.0) -> None:
        self.address = parse_uri(uri)
        self.uri = self.address.display
        self.batch_size = batch_size
        with self._errors():  # the client talks to the server while it is built
            self._db = FalkorDB(host=self.address.host, port=self.address.port,
                                username=self.address.username,
                                password=self.address.password,
                                ssl=self.address.ssl,
                                socket_connect_timeout=connect_timeout)
            self._db.connection.ping()
        self._graph = self._db.select_graph(self.address.graph)

    # -- GraphStore --------------------------------------------------------------

    def query(self, cypher: str, parameters: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        """Run ``cypher``; reads go through ``GRAPH.RO_QUERY`` so they cannot write."""
        with self._errors(query=True):
            try:
                run = self._graph.query if write else self._graph.ro_query
                result = run(cypher, dict(parameters or {}))
            except redis_errors.ResponseError as exc:
                if _EMPTY_GRAPH_ERROR not in str(exc):
                    raise
                return QueryResult(columns=[], rows=[])
        columns = [str(column[1]) for column in result.header]
        rows = [[plain_value(value) for value in row] for row in result.result_set]
        return QueryResult(columns=columns, rows=rows)

    def close(self) -> None:
        self._db.connection.close()

    # -- extras ------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Index every label's ``id``, skipping the indexes that already exist.

        FalkorDB's ``CREATE INDEX`` fails on an existing index (its dialect is not
        ``idempotent_ddl``), so the existing ones are read first.
        """
        indexed = set() if self.dialect.idempotent_ddl else self._indexed_labels()
        for statement in schema_statements(self.dialect):
            if statement.label not in indexed:
                self._write(statement)

    # -- internals ---------------------------------------------------------------

    def _indexed_labels(self) -> set[str]:
        rows = self.query("CALL db.indexes() YIELD label, properties "
                          "RETURN label, properties").rows
        return {label for label, props in rows if "id" in props}

    def _write(self, statement: Statement) -> None:
        with self._errors():
            self._graph.query(statement.cypher, statement.parameters)

    @contextmanager
    def _errors(self, *, query: bool = False) -> Iterator[None]:
        """Turn client exceptions into the one-line errors the CLI prints."""
        try:
            yield
        except redis_errors.AuthenticationError as exc:
            raise StoreUnavailableError(
                f"FalkorDB at {self.uri} refused the credentials ({exc}): put them "
                "in the URI, redis://USER:PASSWORD@HOST:PORT/GRAPH") from exc
        except (redis_errors.ConnectionError, redis_errors.TimeoutError) as exc:
            raise StoreUnavailableError(
                f"cannot reach FalkorDB at {self.uri}: start it with "
                "`docker compose up -d falkordb` or check --falkordb-uri / "
                "FALKORDB_URI") from exc
        except redis_errors.ResponseError as exc:
            kind = QueryError if query else StoreError
            raise kind(f"FalkorDB at {self.uri} rejected the query: "
                       f"{one_line(exc)}") from exc
        except redis_errors.RedisError as exc:
            raise StoreError(
                f"FalkorDB error at {self.uri}: {one_line(exc)}") from exc
