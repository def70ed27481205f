"""The embedded store's Cypher engine: a LadybugDB (maintained Kuzu fork) database.

Why LadybugDB and not grand-cypher over networkx: the north-star query of interface.md
needs several MATCH clauses, OPTIONAL MATCH, ``collect(DISTINCT ...)`` and ``date()``
comparisons; grand-cypher parses none of OPTIONAL MATCH and only upper-case ``COUNT``.
LadybugDB runs all of them in-process on a database directory, with no server.

Its tables are typed, so they are created from ``schema/schema.json``; data arrives by
``COPY ... FROM`` Parquet files written from the graph (less memory than Arrow).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import ladybug
import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from kg.errors import QueryError, StoreError
from kg.graph.model import iter_nodes, iter_relationships
from kg.graph.schema import Schema, load_schema
from kg.stores.base import QueryResult
from kg.stores.cypher import store_value

_ARROW_TYPES = {"STRING": pa.string(), "INT64": pa.int64(), "DATE": pa.date32(),
                "STRING[]": pa.list_(pa.string())}
_REL_PROPS = {"evidence_json": "STRING", "rule": "STRING"}
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


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "DATE":
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if kind == "STRING[]":
        return [str(v) for v in value]
    if kind == "INT64":
        return int(value)
    return str(value)


def _node_table(label: str, rows: list[dict], schema: Schema) -> pa.Table:
    props = schema.labels[label]
    columns = {name: pa.array([_cell(r.get(name), kind) for r in rows],
                              type=_ARROW_TYPES[kind])
               for name, kind in props.items()}
    return pa.table(columns)


def _rel_table(rows: list[tuple[str, str, dict]]) -> pa.Table:
    return pa.table({
        "from": pa.array([r[0] for r in rows], pa.string()),
        "to": pa.array([r[1] for r in rows], pa.string()),
        "evidence_json": pa.array(  # the servers' encoding, so queries agree
            [store_value("evidence", r[2]["evidence"])[1]
             if "evidence" in r[2] else None for r in rows], pa.string()),
        "rule": pa.array([r[2].get("rule") for r in rows], pa.string()),
    })


#: (table, Parquet file, (from label, to label) for relationship tables)
StagedFile = tuple[str, Path, tuple[str, str] | None]


def _parquet_files(graph: nx.MultiDiGraph, directory: Path, schema: Schema
                   ) -> list[StagedFile]:
    """One Parquet file per label and per (type, source label, target label).

    The engine COPYs Parquet files in about half the memory that COPY from
    in-memory Arrow tables took (measured on the 9,824-paper hf_daily graph).
    """
    by_label: dict[str, list[dict]] = defaultdict(list)
    labels: dict[str, str] = {}
    for node in iter_nodes(graph, ordered=False):
        by_label[node.label].append({"id": node.id, **node.props})
        labels[node.id] = node.label
    files: list[StagedFile] = []
    for label, rows in by_label.items():
        path = directory / f"{label}.parquet"
        pq.write_table(_node_table(label, rows, schema), path)
        files.append((label, path, None))
    del by_label
    groups: dict[tuple[str, str, str], list] = defaultdict(list)
    for rel in iter_relationships(graph, ordered=False):
        key = (rel.type, labels[rel.source], labels[rel.target])
        groups[key].append((rel.source, rel.target, rel.props))
    for (rel_type, src, dst), rows in sorted(groups.items()):
        path = directory / f"{rel_type}-{src}-{dst}.parquet"
        pq.write_table(_rel_table(rows), path)
        files.append((rel_type, path, (src, dst)))
    return files


def _copy_statement(table: str, path: Path, pair: tuple[str, str] | None) -> str:
    """``COPY`` from a file of our own temporary directory (its path is checked:
    it is the one literal that cannot be a parameter)."""
    if not _SAFE_PATH.fullmatch(str(path)):
        raise StoreError(f"{path}: temporary path unusable for COPY; set TMPDIR to "
                         "a plain directory such as /tmp")
    options = f" (from='{pair[0]}', to='{pair[1]}')" if pair else ""
    return f"COPY {table} FROM '{path}'{options}"


def create_database(path: Path, graph: nx.MultiDiGraph) -> None:
    """Write ``graph`` into a new LadybugDB database at ``path`` (must not exist)."""
    with tempfile.TemporaryDirectory(prefix="kg-copy-") as tmp:
        load_staged(path, stage_graph(graph, Path(tmp)))


def stage_graph(graph: nx.MultiDiGraph, directory: Path) -> list[StagedFile]:
    """Write the Parquet files of ``graph`` into ``directory`` for :func:`load_staged`.

    Two steps so a caller can drop the graph before the engine's COPY needs memory.
    """
    files = _parquet_files(graph, directory, load_schema())
    pa.default_memory_pool().release_unused()  # the tables are on disk now
    return files


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


def _plain(value: Any) -> Any:
    """Engine values -> JSON-friendly Python (dates as ISO strings, nodes as dicts)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()
                if not k.startswith("_") or k == "_label"}
    return value


def run_query(path: Path, cypher: str, parameters: dict[str, Any] | None = None
              ) -> QueryResult:
    """Run one read query on the database at ``path``."""
    db = ladybug.Database(str(path), read_only=True,
                          buffer_pool_size=_QUERY_POOL_BYTES)
    conn = ladybug.Connection(db)
    try:
        result = conn.execute(cypher, parameters or {})
        if isinstance(result, list):
            result = result[-1]
        columns = result.get_column_names()
        rows = [[_plain(v) for v in row] for row in result.get_all()]
    except RuntimeError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"query rejected: {message}") from None
    finally:
        conn.close()
        db.close()
    return QueryResult(columns=columns, rows=rows)
