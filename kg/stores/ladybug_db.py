"""The embedded store's Cypher engine: a LadybugDB (maintained Kuzu fork) database.

Why LadybugDB and not grand-cypher over networkx: the north-star query of interface.md
needs several MATCH clauses, OPTIONAL MATCH, ``collect(DISTINCT ...)`` and ``date()``
comparisons; grand-cypher parses none of OPTIONAL MATCH and only upper-case ``COUNT``.
LadybugDB runs all of them in-process on a database directory, with no server.

Its tables are typed, so they are created from ``schema/schema.json``; data arrives by
``COPY ... FROM`` Parquet files staged from the graph builder's stream of nodes and
relationships (less memory than Arrow).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ladybug
import pyarrow as pa
import pyarrow.parquet as pq

from kg.errors import QueryError, StoreError
from kg.graph.model import Node, Relationship
from kg.graph.schema import Schema, load_schema
from kg.stores.base import QueryResult
from kg.stores.cypher import json_text
from kg.stores.cypher_dialect import (
    LABELS_PARAM,
    TYPES_PARAM,
    explain,
    translate,
)

_ARROW_TYPES = {"STRING": pa.string(), "INT64": pa.int64(), "DATE": pa.date32(),
                "STRING[]": pa.list_(pa.string())}
_REL_PROPS = {"evidence_json": "STRING", "rule": "STRING", "usage": "STRING"}
#: The engine's buffer pool for writing: 0 lets LadybugDB size it (a share of RAM).
#: A fixed cap fails on large graphs: COPY of the 74,671-abstract graph (177k nodes,
#: 450k relationships) ran out of a 512 MB pool even in 20k-row chunks; uncapped it
#: peaked at ~1.2 GB above the graph.  Queries (read-only) keep a small pool.
_BUFFER_POOL_BYTES = 0
_QUERY_POOL_BYTES = 256 * 1024 * 1024
_SAFE_PATH = re.compile(r"[\w./-]+")


def schema_ddl(schema: Schema) -> list[str]:
    """CREATE NODE/REL TABLE statements for every label and relationship type."""
    statements = []
    for label, props in schema.labels.items():
        cols = ", ".join(f"{name} {kind}" for name, kind in props.items())
        statements.append(f"CREATE NODE TABLE {label}({cols}, PRIMARY KEY (id))")
    rel_cols = ", ".join(f"{name} {kind}" for name, kind in _REL_PROPS.items())
    for rel in schema.relationships.values():
        pairs = ", ".join(f"FROM {s} TO {t}" for s in rel.sources for t in rel.targets)
        statements.append(f"CREATE REL TABLE {rel.name}({pairs}, {rel_cols})")
    return statements


def cell(value: Any, kind: str) -> Any:
    """A property value as its column of type ``kind`` holds it (staged and patched
    databases convert through this one function, so they hold the same values)."""
    if value is None:
        return None
    if kind == "DATE":
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if kind == "STRING[]":
        return [str(v) for v in value]
    if kind == "INT64":
        return int(value)
    return str(value)


_cell = cell  # the name before kg.stores.ladybug_patch shared it

_REL_COLUMNS = ("from", "to", *_REL_PROPS)

#: (table, Parquet file, (from label, to label) for relationship tables)
StagedFile = tuple[str, Path, tuple[str, str] | None]


#: Rows a staged table holds in memory before they go to its file as a row group.
_ROW_GROUP = 20_000


class _TableFile:
    """One staged table: rows collect as column lists and go to its Parquet file
    a row group at a time, so staging holds at most one group per table (the
    evidence JSON of 450k relationships would otherwise sit in memory at once)."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = path
        self.schema = schema
        self.columns: list[list] = [[] for _ in schema.names]
        self.rows = 0
        self._writer: pq.ParquetWriter | None = None

    def append(self, row: tuple) -> None:
        for column, value in zip(self.columns, row, strict=True):
            column.append(value)
        self.rows += 1
        if len(self.columns[0]) >= _ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, self.schema)
        arrays = [pa.array(values, type=field.type)
                  for values, field in zip(self.columns, self.schema, strict=True)]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.columns = [[] for _ in self.schema.names]

    def close(self) -> None:
        if self.columns[0] or self._writer is None:
            self._flush()
        if self._writer is not None:
            self._writer.close()


class _Tables:
    """The staged tables: one per node label and one per (relationship type, source
    label, target label), filled one element at a time.  A relationship's evidence
    is encoded to JSON text as it arrives, so no evidence dicts are kept."""

    def __init__(self, schema: Schema, directory: Path) -> None:
        self.schema = schema
        self.directory = directory
        self.labels: dict[str, str] = {}
        self.nodes: dict[str, _TableFile] = {}
        self.rels: dict[tuple[str, str, str], _TableFile] = {}

    def add(self, element: Node | Relationship) -> None:
        if isinstance(element, Node):
            self._add_node(element)
        else:
            self._add_relationship(element)

    def _add_node(self, node: Node) -> None:
        props = self.schema.labels[node.label]
        table = self.nodes.get(node.label)
        if table is None:
            table = self.nodes[node.label] = _TableFile(
                self.directory / f"{node.label}.parquet",
                pa.schema([(name, _ARROW_TYPES[kind]) for name, kind in props.items()]))
        self.labels[node.id] = node.label
        get = node.props.get
        table.append(tuple(_cell(node.id if name == "id" else get(name), kind)
                           for name, kind in props.items()))

    def _add_relationship(self, rel: Relationship) -> None:
        key = (rel.type, self.labels[rel.source], self.labels[rel.target])
        table = self.rels.get(key)
        if table is None:
            table = self.rels[key] = _TableFile(
                self.directory / f"{'-'.join(key)}.parquet",
                pa.schema([(name, pa.string()) for name in _REL_COLUMNS]))
        evidence = rel.props.get("evidence")
        table.append((rel.source, rel.target,  # the servers' JSON, so queries agree
                      None if evidence is None else json_text(evidence),
                      rel.props.get("rule"), rel.props.get("usage")))

    def stats(self) -> dict[str, dict[str, int]]:
        """The ``stats --json`` shape: nodes per label, relationships per type."""
        rels: dict[str, int] = defaultdict(int)
        for (rel_type, _, _), table in self.rels.items():
            rels[rel_type] += table.rows
        return {"nodes": {label: table.rows for label, table
                          in sorted(self.nodes.items())},
                "relationships": dict(sorted(rels.items()))}

    def close(self) -> list[StagedFile]:
        """Finish every file: node tables first (COPY needs a relationship's
        nodes in place), each group in sorted order."""
        files: list[StagedFile] = []
        for label, table in sorted(self.nodes.items()):
            table.close()
            files.append((label, table.path, None))
        for (rel_type, src, dst), table in sorted(self.rels.items()):
            table.close()
            files.append((rel_type, table.path, (src, dst)))
        return files


def _copy_statement(table: str, path: Path, pair: tuple[str, str] | None) -> str:
    """``COPY`` from a file of our own temporary directory (its path is checked:
    it is the one literal that cannot be a parameter)."""
    if not _SAFE_PATH.fullmatch(str(path)):
        raise StoreError(f"{path}: temporary path unusable for COPY; set TMPDIR to "
                         "a plain directory such as /tmp")
    options = f" (from='{pair[0]}', to='{pair[1]}')" if pair else ""
    return f"COPY {table} FROM '{path}'{options}"


@dataclass(slots=True)
class Staged:
    """Parquet files ready for :func:`load_staged`, and what they hold."""

    files: list[StagedFile]
    stats: dict[str, dict[str, int]]


def stage_elements(elements: Iterable[Node | Relationship], directory: Path
                   ) -> Staged:
    """Write a stream of nodes and relationships (each relationship after both of
    its nodes, as :func:`kg.graph.builder.graph_elements` yields them) as Parquet
    files into ``directory``.

    Separate from :func:`load_staged` so a caller can drop what the stream came
    from before the engine's COPY needs memory. The engine COPYs Parquet files in
    about half the memory that COPY from in-memory Arrow tables took.
    """
    tables = _Tables(load_schema(), directory)
    for element in elements:
        tables.add(element)
    files = tables.close()
    pa.default_memory_pool().release_unused()  # the tables are on disk now
    return Staged(files, tables.stats())


def load_staged(path: Path, files: list[StagedFile]) -> None:
    """Create the database at ``path`` from the schema and the staged files."""
    db = ladybug.Database(str(path), buffer_pool_size=_BUFFER_POOL_BYTES)
    conn = ladybug.Connection(db)
    try:
        for statement in schema_ddl(load_schema()):
            conn.execute(statement)
        for table, file, pair in files:
            conn.execute(_copy_statement(table, file, pair))
    except RuntimeError as exc:
        raise StoreError(f"{path}: could not write the embedded database: "
                         f"{exc}") from exc
    finally:
        conn.close()
        db.close()


def plain(value: Any) -> Any:
    """Engine values -> JSON-friendly Python (dates as ISO strings, nodes as dicts)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()
                if not k.startswith("_") or k == "_label"}
    return value


def open_read_only(path: Path) -> ladybug.Database:
    """The database at ``path`` for reading.  A process killed while changing it
    in place leaves a write-ahead log that only a read-write open replays (the
    committed change is kept, the rest dropped), so that is done first if needed."""
    try:
        return ladybug.Database(str(path), read_only=True,
                                buffer_pool_size=_QUERY_POOL_BYTES)
    except RuntimeError as exc:
        if "recovery is pending" not in str(exc):
            raise
    ladybug.Database(str(path), buffer_pool_size=_QUERY_POOL_BYTES).close()
    return ladybug.Database(str(path), read_only=True,
                            buffer_pool_size=_QUERY_POOL_BYTES)


def run_query(path: Path, cypher: str, parameters: dict[str, Any] | None = None
              ) -> QueryResult:
    """Run one read query on the database at ``path``, written as for Neo4j: the
    idioms of :mod:`kg.stores.cypher_dialect` are rewritten first, and columns
    are named as the query's RETURN writes them."""
    translation = translate(cypher)
    parameters = dict(parameters or {})
    db = open_read_only(path)
    conn = ladybug.Connection(db)
    try:
        if translation.needs:
            parameters.update(_catalog(conn, translation.needs))
        result = conn.execute(translation.cypher, parameters)
        if isinstance(result, list):
            result = result[-1]
        columns = result.get_column_names()
        rows = [[plain(v) for v in row] for row in result.get_all()]
    except RuntimeError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"query rejected: {explain(message)}") from None
    finally:
        conn.close()
        db.close()
    if translation.columns and len(translation.columns) == len(columns):
        columns = translation.columns
    return QueryResult(columns=columns, rows=rows)


def _catalog(conn: ladybug.Connection, needs: set[str]) -> dict[str, list[str]]:
    """The labels and relationship types in use (``CALL db.labels()`` lists those
    of existing nodes on Neo4j), for the parameters a translation needs."""
    schema = load_schema()
    found: dict[str, list[str]] = {}
    if LABELS_PARAM in needs:
        found[LABELS_PARAM] = [
            label for label in sorted(schema.labels)
            if _count(conn, f"MATCH (n:{label}) RETURN count(n)")]
    if TYPES_PARAM in needs:
        found[TYPES_PARAM] = [
            rel for rel in sorted(schema.relationships)
            if _count(conn, f"MATCH ()-[r:{rel}]->() RETURN count(r)")]
    return found


def count_elements(path: Path) -> dict[str, dict[str, int]]:
    """Nodes per label and relationships per type in the database at ``path``, in
    the shape :func:`stage_elements` reports (labels and types with none left out)."""
    schema = load_schema()
    db = open_read_only(path)
    conn = ladybug.Connection(db)
    try:
        nodes = {label: _count(conn, f"MATCH (n:{label}) RETURN count(n)")
                 for label in sorted(schema.labels)}
        rels = {rel: _count(conn, f"MATCH ()-[r:{rel}]->() RETURN count(r)")
                for rel in sorted(schema.relationships)}
    finally:
        conn.close()
        db.close()
    return {"nodes": {k: n for k, n in nodes.items() if n},
            "relationships": {k: n for k, n in rels.items() if n}}


def _count(conn: ladybug.Connection, cypher: str) -> int:
    result = conn.execute(cypher)
    return int(result.get_next()[0])
