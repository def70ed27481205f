"""The one Cypher writer every server store runs: graph -> statements + parameter rows.

The writer is pure: it turns a graph (``kg.graph.model`` conventions) into an ordered
list of :class:`Statement` (schema DDL first, then nodes, then relationships) and knows
nothing about drivers.  Neo4j and FalkorDB execute the same node and relationship
statements; where their dialects differ (index / constraint DDL) the difference is one
entry of :data:`DIALECTS`.

Why the statements look like they do:

* every value travels in the ``$rows`` parameter, so a title such as
  ``x'}) MATCH (n) DETACH DELETE n //`` is data, never query text;
* labels and relationship types cannot be parameters, so they come only from the
  schema allowlist (:func:`kg.graph.schema.check_label` / ``check_rel_type``);
* everything is ``MERGE`` on the deterministic ``id`` (relationships on type +
  endpoints), so a load that was killed and rerun ends with the graph of a clean load;
* property conversions live in :func:`row_properties` only: ``DATE`` properties become
  Cypher dates, lists of maps (evidence) become JSON strings (``evidence_json``) because
  server properties cannot hold maps, ``None`` is dropped.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from kg.errors import GraphError
from kg.graph.model import Node, Relationship, iter_nodes, iter_relationships
from kg.graph.schema import check_label, check_rel_type, load_schema
from kg.jsontext import dumps
from kg.records import clean_id, server_safe_text
from kg.stores.base import WriteSummary

#: Rows per ``UNWIND $rows`` batch: large enough to amortise round trips, small enough
#: that one transaction stays well inside a server's default memory.
DEFAULT_BATCH_SIZE = 2000

#: Suffix of a property that holds JSON text because servers cannot store maps.
JSON_SUFFIX = "_json"

#: Read-only statements both servers answer alike.
STATS_NODES = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
STATS_RELATIONSHIPS = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"
CLEAR = "MATCH (n) DETACH DELETE n"

StatementKind = Literal["schema", "nodes", "relationships", "delete"]
Row = dict[str, Any]
#: Called after each batch with (rows written so far, rows in the plan).
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between servers: only how the ``id`` of every label is indexed.

    ``schema_ddl`` are Cypher templates run once per label (``{label}`` and ``{name}``
    come from the schema, never from data).  ``idempotent_ddl`` tells the store whether
    the server skips existing indexes itself (Neo4j's ``IF NOT EXISTS``) or whether the
    store must look at the existing ones first (FalkorDB raises on duplicates).
    """

    name: str
    schema_ddl: tuple[str, ...]
    idempotent_ddl: bool


#: FalkorDB gets a range index but no unique constraint: FalkorDB 4.16's
#: ``GRAPH.CONSTRAINT ... UNIQUE`` crashes the server (SIGSEGV in EnforceUniqueEntity)
#: when a MERGE meets an id such as ``"p "`` or ``"control\t..."``; MERGE from one
#: writer keeps ids unique without it (see schema/stores.md).
DIALECTS: dict[str, Dialect] = {
    "neo4j": Dialect(
        name="neo4j",
        schema_ddl=("CREATE CONSTRAINT {name} IF NOT EXISTS "
                    "FOR (n:{label}) REQUIRE n.id IS UNIQUE",),
        idempotent_ddl=True,
    ),
    "falkordb": Dialect(
        name="falkordb",
        schema_ddl=("CREATE INDEX FOR (n:{label}) ON (n.id)",),
        idempotent_ddl=False,
    ),
}


@dataclass(frozen=True, slots=True)
class Statement:
    """One Cypher statement and the rows it unwinds (empty for DDL)."""

    kind: StatementKind
    cypher: str
    rows: list[Row] = field(default_factory=list)
    label: str | None = None  # the label a schema statement is about

    @property
    def parameters(self) -> dict[str, Any]:
        return {"rows": self.rows} if self.kind != "schema" else {}


# --- statements -------------------------------------------------------------------

def constraint_name(label: str) -> str:
    """``paper_id`` for ``Paper``, as in ``schema/neo4j_constraints.cypher``."""
    return f"{check_label(label).lower()}_id"


def schema_statements(dialect: Dialect) -> list[Statement]:
    """Index / constraint DDL for the ``id`` of every schema label."""
    return [
        Statement("schema", ddl.format(label=label, name=constraint_name(label)),
                  label=label)
        for label in load_schema().labels
        for ddl in dialect.schema_ddl
    ]


def date_properties(label: str) -> list[str]:
    """Properties the schema types as ``DATE`` (sent as ISO text, stored as dates)."""
    types = load_schema().labels[check_label(label)]
    return sorted(prop for prop, kind in types.items() if kind == "DATE")


def node_statement(label: str, *, replace: bool = False) -> str:
    """MERGE the nodes of one label by ``id`` and set their properties; with
    ``replace`` the row's properties replace all of a node's (one that a paper no
    longer gives, such as an ``expansion``, goes)."""
    sets = ["n = row.props", "n.id = row.id"] if replace else ["n += row.props"]
    sets += [f"n.{prop} = date(row.dates.{prop})" for prop in date_properties(label)]
    return (f"UNWIND $rows AS row MERGE (n:{check_label(label)} {{id: row.id}}) "
            f"SET {', '.join(sets)}")


def relationship_statement(rel_type: str, source_label: str, target_label: str, *,
                           replace: bool = False) -> str:
    """MERGE relationships of one type between two labels, keyed by their endpoints
    (``replace``: as :func:`node_statement`)."""
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{check_label(source_label)} {{id: row.source}}) "
            f"MATCH (b:{check_label(target_label)} {{id: row.target}}) "
            f"MERGE (a)-[r:{check_rel_type(rel_type)}]->(b) "
            f"SET r {'=' if replace else '+='} row.props")


# --- property conversion (the one place) ------------------------------------------
# server_safe_text / clean_id live in kg.records: sources apply clean_id to input
# ids, so every store holds the same ids.

def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _clean_scalar(value: Any) -> Any:
    """Strings cleaned; NaN and infinities are unknown values, like ``None``."""
    if isinstance(value, str):
        return server_safe_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def iso_date(value: Any, where: str) -> str:
    """A ``DATE`` property as ``yyyy-mm-dd``; anything else is a builder bug: raise."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise GraphError(
            f"{where}: {value!r} is not an ISO date (yyyy-mm-dd)") from None


def store_value(key: str, value: Any) -> tuple[str, Any]:
    """(property name, value) as a server can hold it.

    Lists of scalars stay lists; maps and lists holding maps become JSON text under
    ``<key>_json`` (servers cannot store maps); dates become ISO text.
    """
    if isinstance(value, dt.date):
        return key, value.isoformat()
    if _is_scalar(value):
        return key, _clean_scalar(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else list(value)
        if all(_is_scalar(item) for item in items):
            cleaned = (_clean_scalar(item) for item in items)
            return key, [item for item in cleaned if item is not None]
    return key + JSON_SUFFIX, json_text(value)


def json_text(value: Any) -> str:
    """The JSON text every store keeps for a map or a list of maps (``evidence``).

    It needs no cleaning for the servers: JSON escapes NUL, and a lone surrogate
    comes out as its ``\\ud800`` escape (see :mod:`kg.jsontext`).  It is plain
    JSON for any reader, without kg.jsontext's mark for long integers.
    """
    return dumps(value, marked=False)


def row_properties(props: Mapping[str, Any], dates: Sequence[str] = (),
                   where: str = "") -> tuple[dict[str, Any], dict[str, str]]:
    """Split ``props`` into (plain properties, ISO dates); ``None`` is dropped."""
    plain: dict[str, Any] = {}
    iso: dict[str, str] = {}
    for key, value in props.items():
        if value is None or key in ("id", "label"):
            continue
        if key in dates:
            iso[key] = iso_date(value, f"{where} property {key}")
        else:
            name, stored = store_value(key, value)
            if stored is not None:
                plain[name] = stored
    return plain, iso


# --- rows -------------------------------------------------------------------------

def node_row(node: Node) -> Row:
    """The row a node statement unwinds for ``node``."""
    dates = date_properties(node.label)
    props, iso = row_properties(node.props, dates, f"{node.label} {node.id!r}")
    row: Row = {"id": clean_id(node.id), "props": props}
    if dates:
        row["dates"] = {prop: iso.get(prop) for prop in dates}
    return row


def relationship_row(rel: Relationship) -> Row:
    """The row a relationship statement unwinds for ``rel``."""
    props, _ = row_properties(rel.props, where=f"{rel.type} {rel.source!r}")
    return {"source": clean_id(rel.source), "target": clean_id(rel.target),
            "props": props}


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[Row]]:
    """Rows per label, in the deterministic order of :func:`iter_nodes`."""
    rows: dict[str, list[Row]] = defaultdict(list)
    for node in iter_nodes(graph):
        rows[node.label].append(node_row(node))
    return dict(rows)


def _endpoint_label(graph: nx.MultiDiGraph, node_id: str, rel_type: str) -> str:
    label = graph.nodes[node_id].get("label") if node_id in graph else None
    if label is None:
        raise GraphError(f"{rel_type} relationship points at {node_id!r}, "
                         "which is not a node with a label")
    return label


def relationship_rows(graph: nx.MultiDiGraph
                      ) -> dict[tuple[str, str, str], list[Row]]:
    """Rows per (type, source label, target label): labels let MATCH use the index."""
    rows: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for rel in iter_relationships(graph):
        key = (rel.type, _endpoint_label(graph, rel.source, rel.type),
               _endpoint_label(graph, rel.target, rel.type))
        rows[key].append(relationship_row(rel))
    return dict(rows)


def batched(rows: Sequence[Row], size: int) -> Iterator[list[Row]]:
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    for start in range(0, len(rows), size):
        yield list(rows[start:start + size])


def batch_statements(kind: StatementKind, cypher: str, rows: Sequence[Row],
                     batch_size: int) -> list[Statement]:
    """One statement of ``cypher`` per batch of ``rows``."""
    return [Statement(kind, cypher, batch) for batch in batched(rows, batch_size)]


def write_plan(graph: nx.MultiDiGraph, dialect: Dialect, *,
               batch_size: int = DEFAULT_BATCH_SIZE,
               replace: bool = False) -> list[Statement]:
    """Every statement that makes a store hold ``graph``, in the order to run them
    (``replace``: see :func:`node_statement`)."""
    plan = schema_statements(dialect)
    for label, rows in node_rows(graph).items():
        plan += batch_statements("nodes", node_statement(label, replace=replace),
                                 rows, batch_size)
    for (rel_type, src, dst), rows in relationship_rows(graph).items():
        plan += batch_statements(
            "relationships",
            relationship_statement(rel_type, src, dst, replace=replace), rows,
            batch_size)
    return plan


def run_plan(plan: Iterable[Statement], run: Callable[[Statement], None], *,
             progress: Progress | None = None) -> WriteSummary:
    """Run the row statements of ``plan`` through ``run``; count what was written.

    Schema statements are left to the store (their idempotence differs by dialect).
    """
    started = time.perf_counter()
    statements = [s for s in plan if s.kind != "schema"]
    total = sum(len(s.rows) for s in statements)
    summary = WriteSummary()
    for statement in statements:
        run(statement)
        if statement.kind == "nodes":
            summary.nodes += len(statement.rows)
        elif statement.kind == "relationships":
            summary.relationships += len(statement.rows)
        if progress is not None:
            progress(summary.nodes + summary.relationships, total)
    summary.seconds = time.perf_counter() - started
    return summary


def one_line(exc: BaseException) -> str:
    """A server's message on one line (syntax errors point at a column below)."""
    return " ".join(str(exc).split())


# --- results ----------------------------------------------------------------------

def plain_value(value: Any) -> Any:
    """A driver's result value as plain Python: dates as ISO text, nodes as maps.

    Both drivers are handled by duck typing so the same query gives the same rows:
    Neo4j's ``neo4j.time.Date`` has ``iso_format``, FalkorDB returns ``datetime.date``
    and ``Node`` / ``Edge`` objects with ``properties``.
    """
    if value is None or _is_scalar(value):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "properties") and isinstance(value.properties, Mapping):
        return plain_value(dict(value.properties))
    if isinstance(value, Mapping) or hasattr(value, "items"):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain_value(item) for item in value]
    return str(value)
