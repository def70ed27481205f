"""Neo4j through the official ``neo4j`` driver.

Every unit of work runs in a managed transaction (``session.execute_write`` /
``execute_read``): the driver retries transient failures (leader switch, deadlock,
lost connection), which is safe because every unit is an idempotent ``MERGE`` batch
from :mod:`kg.stores.cypher`.  The database name is always passed, so a session never
depends on the server's (or the user's) home database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors

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

DEFAULT_DATABASE = "neo4j"
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

_UNREACHABLE = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired,
                neo4j_errors.DatabaseUnavailable)


# --- units of work: module functions so tests can assert which one ran --------------

def run_statement(tx: neo4j.ManagedTransaction, cypher: str,
                  parameters: dict[str, Any]) -> None:
    """Write unit of work: one batch; idempotent, so the driver may retry it."""
    tx.run(cypher, parameters).consume()


def read_rows(tx: neo4j.ManagedTransaction, cypher: str,
              parameters: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """Read unit of work: the whole result, made plain inside the transaction."""
    result = tx.run(cypher, parameters)
    columns = list(result.keys())
    rows = [[plain_value(value) for value in record.values()] for record in result]
    return columns, rows


class Neo4jStore(CypherServerStore):
    """A Neo4j database as a :class:`kg.stores.base.GraphStore`.

    ``user=None`` means no authentication (a server started with ``NEO4J_AUTH=none``).
    ``driver`` lets tests pass a ``MagicMock(spec=neo4j.Driver)``.
    """

    dialect = DIALECTS["neo4j"]

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None, *,
                 batch_size: int = DEFAULT_BATCH_SIZE,
                 connection_timeout: float = 10.0,
                 driver: neo4j.Driver | None = None) -> None:
        self.uri = uri
        self.database = database or DEFAULT_DATABASE
        self.batch_size = batch_size
        self._schema_ready = False
        if driver is None:
            driver = _open_driver(uri, user, password, connection_timeout)
        self._driver = driver
        with self._errors():
            self._driver.verify_connectivity()

    # -- GraphStore --------------------------------------------------------------

    def query(self, cypher: str, parameters: dict[str, Any] | None = None, *,
              write: bool = False) -> QueryResult:
        """Run ``cypher`` with ``parameters``; values come back as plain Python.

        Reads run in read transactions (a cluster may route them to a follower);
        pass ``write=True`` for a statement that changes the graph.
        """
        with self._errors(query=True), self._session() as session:
            execute = session.execute_write if write else session.execute_read
            columns, rows = execute(read_rows, cypher, dict(parameters or {}))
        return QueryResult(columns=columns, rows=rows)

    def close(self) -> None:
        self._driver.close()

    # -- extras ------------------------------------------------------------------

    @property
    def target(self) -> str:
        return f"{self.uri} database {self.database}"

    def ensure_schema(self) -> None:
        """Create the uniqueness constraint on every label's ``id`` (idempotent DDL)."""
        if self._schema_ready:
            return
        for statement in schema_statements(self.dialect):
            self._write(statement)
        self._schema_ready = True

    # -- internals ---------------------------------------------------------------

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.database)

    def _write(self, statement: Statement) -> None:
        with self._errors(), self._session() as session:
            session.execute_write(run_statement, statement.cypher, statement.parameters)

    @contextmanager
    def _errors(self, *, query: bool = False) -> Iterator[None]:
        """Turn driver exceptions into the one-line errors the CLI prints."""
        try:
            yield
        except neo4j_errors.AuthError as exc:
            raise StoreUnavailableError(
                f"Neo4j at {self.uri} refused the credentials ({server_message(exc)}): "
                "set NEO4J_USER and NEO4J_PASSWORD") from exc
        except _UNREACHABLE as exc:
            raise StoreUnavailableError(
                f"cannot reach Neo4j at {self.uri} (database {self.database!r}): "
                "start it with `docker compose up -d` or check --neo4j-uri / "
                "NEO4J_URI") from exc
        except neo4j_errors.Neo4jError as exc:
            kind = QueryError if query or isinstance(
                exc, neo4j_errors.ClientError) else StoreError
            raise kind(f"Neo4j at {self.uri} rejected the query: "
                       f"{server_message(exc)}") from exc
        except neo4j_errors.DriverError as exc:
            raise StoreError(
                f"Neo4j driver error for {self.uri}: {one_line(exc)}") from exc


def server_message(exc: neo4j_errors.Neo4jError) -> str:
    """The server's message and status code, on one line.

    ``str()`` of a driver 6 error from a real server wraps the message in GQL fields,
    ``{neo4j_code: ...} {message: ...} {gql_status: 50N42} {gql_status_description:
    error: general processing exception - unexpected error. Unexpected error has
    occurred. See debug log for details.}``, which would send a user who made a typo
    to a debug log.  An error made by hand (tests) keeps its text: its ``message``
    is a placeholder that its ``str()`` does not hold.
    """
    text, message = str(exc), getattr(exc, "message", None)
    if not message or message not in text or message == text:
        return one_line(text)
    code = getattr(exc, "code", None)
    return one_line(f"{message} [{code}]" if code else message)


def _open_driver(uri: str, user: str | None, password: str | None,
                 connection_timeout: float) -> neo4j.Driver:
    scheme = uri.split("://", 1)[0] if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise StoreError(f"{uri!r} is not a Neo4j URI: use bolt://HOST:7687 or "
                         "neo4j://HOST:7687")
    auth = (user, password or "") if user else None
    try:
        return neo4j.GraphDatabase.driver(uri, auth=auth,
                                          connection_timeout=connection_timeout)
    except (ValueError, neo4j_errors.ConfigurationError) as exc:
        raise StoreError(f"{uri!r} is not a Neo4j URI ({exc}): use "
                         "bolt://HOST:7687 or neo4j://HOST:7687") from exc
