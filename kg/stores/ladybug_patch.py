"""Apply a :class:`~kg.graph.patch.GraphPatch` to a LadybugDB database in place.

Why not reload: adding a thousand papers to a graph of tens of thousands touches a
few thousand nodes, yet staging and COPYing the whole graph costs time and memory in
proportion to all of it.  A patch's statements cost time in proportion to the
change; the engine's checkpoint at the end still rewrites every storage group the
change lands in (131,072 rows each: see docs/scaling.md), which at 75k papers is
most of the file.

How, and what it guarantees:

* **One transaction.**  Every part of the patch runs between ``BEGIN TRANSACTION``
  and ``COMMIT``; any failure rolls all of it back (LadybugDB already ends the
  transaction when a statement fails, so the ``ROLLBACK`` is best effort), so a
  database is either fully patched or exactly as it was.  An ``add`` whose endpoint
  is missing fails the patch too: ``MATCH`` would otherwise drop it silently.
* **The same values as COPY.**  Node properties go through
  :func:`kg.stores.ladybug_db.cell`, the staging path's own conversion, and every
  schema property is written (an absent one becomes NULL), so an upserted node holds
  what a fresh load of it would.  Relationship ``evidence`` becomes ``evidence_json``
  through :func:`kg.stores.cypher.json_text`, ``rule`` and ``usage`` keep their names.
* **Values are parameters only.**  Rows travel in ``$rows`` / ``$ids`` and are
  ``UNWIND``-ed one statement per label or per (type, source label, target label),
  not one statement per element.  Every value is ``CAST`` to its column type in the
  query, because the engine infers a parameter's type from its values (a batch whose
  dates are all NULL would otherwise arrive as STRING and be refused).  Labels and
  types, which cannot be parameters, are checked against ``schema/schema.json``
  before the database is opened.

COPY is not used although LadybugDB 0.22 COPYs into non-empty tables: after a COPY
inside an explicit transaction, ``ROLLBACK`` left the process's heap corrupt (the next
statement died with SIGSEGV or ``free(): invalid next size``), and rolling back is
what this module promises.  UNWIND batches apply a thousand papers in about a second
of statements anyway.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ladybug

from kg.errors import StoreError
from kg.graph.model import Node, Relationship
from kg.graph.patch import GraphPatch
from kg.graph.schema import Schema, load_schema
from kg.stores.cypher import json_text
from kg.stores.ladybug_db import _BUFFER_POOL_BYTES, cell, open_read_only, plain

#: The label whose nodes ``unlink`` names.
PAPER = "Paper"
#: Rows per UNWIND statement: bounds the parameter the engine converts at once.
BATCH_ROWS = 5000
#: Relationship property -> its column (and the column's type).
_EVIDENCE_COLUMN = "evidence_json"
_RULE_COLUMN = "rule"
_USAGE_COLUMN = "usage"

Row = dict[str, Any]
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class Step:
    """One statement of a patch: its Cypher, its parameters and, for statements
    that must touch every row (``add``), how many rows it must report."""

    cypher: str
    parameters: dict[str, Any]
    expect: int | None = None
    what: str = ""


# --- names (checked against the schema: they are the only text in a query) --------

def _label(schema: Schema, patch: GraphPatch, node_id: str) -> str:
    label = patch.labels.get(node_id)
    if label is None:
        raise StoreError(f"patch names node {node_id!r} without giving its label")
    if label not in schema.labels:
        raise StoreError(f"patch gives node {node_id!r} the unknown label {label!r}")
    return label


def _rel_key(schema: Schema, patch: GraphPatch, rel: Relationship
             ) -> tuple[str, str, str]:
    """(type, source label, target label): one relationship table of the schema."""
    spec = schema.relationships.get(rel.type)
    if spec is None:
        raise StoreError(f"patch names the unknown relationship type {rel.type!r}")
    source = _label(schema, patch, rel.source)
    target = _label(schema, patch, rel.target)
    if source not in spec.sources or target not in spec.targets:
        raise StoreError(f"the schema has no {rel.type} relationship from "
                         f"{source} to {target} ({rel.source!r} -> {rel.target!r})")
    return rel.type, source, target


# --- rows -------------------------------------------------------------------------

def node_row(schema: Schema, node: Node) -> Row:
    """A node's row: every schema property of its label, as staging converts it."""
    get = node.props.get
    try:
        return {name: cell(node.id if name == "id" else get(name), kind)
                for name, kind in schema.labels[node.label].items()}
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{node.label} {node.id!r}: a property does not fit its "
                         f"schema type: {exc}") from exc


def rel_row(rel: Relationship) -> Row:
    """A relationship's row: endpoints and the columns of every rel table."""
    evidence = rel.props.get("evidence")
    return {"source": rel.source, "target": rel.target,
            "evidence": None if evidence is None else json_text(evidence),
            "rule": rel.props.get("rule"), "usage": rel.props.get("usage")}


def _batches(rows: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield list(rows[start:start + BATCH_ROWS])


# --- statements -------------------------------------------------------------------

def _delete_steps(schema: Schema, patch: GraphPatch) -> Iterator[Step]:
    ids: dict[str, list[str]] = defaultdict(list)
    for node_id in patch.delete:
        ids[_label(schema, patch, node_id)].append(node_id)
    for label, group in sorted(ids.items()):
        cypher = f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DETACH DELETE n"
        for batch in _batches(group):
            yield Step(cypher, {"ids": batch}, what=f"delete {label} nodes")


def _unlink_steps(schema: Schema, patch: GraphPatch) -> Iterator[Step]:
    if PAPER not in schema.labels:
        raise StoreError(f"the schema has no {PAPER} label to unlink")
    cypher = f"UNWIND $ids AS i MATCH (a:{PAPER} {{id: i}})-[r]->() DELETE r"
    for batch in _batches(patch.unlink):
        yield Step(cypher, {"ids": batch}, what="unlink papers")


def _remove_steps(schema: Schema, patch: GraphPatch) -> Iterator[Step]:
    rows: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for rel in patch.remove:
        rows[_rel_key(schema, patch, rel)].append(
            {"source": rel.source, "target": rel.target})
    for (rel_type, source, target), group in sorted(rows.items()):
        cypher = (f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}})"
                  f"-[r:{rel_type}]->(b:{target} {{id: row.target}}) DELETE r")
        for batch in _batches(group):
            yield Step(cypher, {"rows": batch},
                       what=f"remove {rel_type} {source}->{target}")


def upsert_statement(schema: Schema, label: str) -> str:
    """MERGE nodes of ``label`` by id and SET every other schema property."""
    sets = ", ".join(f"n.{name} = CAST(row.{name} AS {kind})"
                     for name, kind in schema.labels[label].items() if name != "id")
    cypher = f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}})"
    return f"{cypher} SET {sets}" if sets else cypher


def _upsert_steps(schema: Schema, patch: GraphPatch) -> Iterator[Step]:
    rows: dict[str, list[Row]] = defaultdict(list)
    for node in patch.nodes_to_write():
        if node.label not in schema.labels:
            raise StoreError(f"patch upserts node {node.id!r} with the unknown "
                             f"label {node.label!r}")
        rows[node.label].append(node_row(schema, node))
    for label, group in sorted(rows.items()):
        cypher = upsert_statement(schema, label)
        for batch in _batches(group):
            yield Step(cypher, {"rows": batch}, what=f"upsert {label} nodes")


def add_statement(rel_type: str, source: str, target: str) -> str:
    """MERGE relationships of one table between existing nodes; the count it
    returns is how many rows found both endpoints."""
    return (f"UNWIND $rows AS row "
            f"MATCH (a:{source} {{id: row.source}}) "
            f"MATCH (b:{target} {{id: row.target}}) "
            f"MERGE (a)-[r:{rel_type}]->(b) "
            f"SET r.{_EVIDENCE_COLUMN} = CAST(row.evidence AS STRING), "
            f"r.{_RULE_COLUMN} = CAST(row.rule AS STRING), "
            f"r.{_USAGE_COLUMN} = CAST(row.usage AS STRING) "
            f"RETURN count(*)")


def _add_steps(schema: Schema, patch: GraphPatch) -> Iterator[Step]:
    rows: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for rel in patch.relationships_to_write():
        rows[_rel_key(schema, patch, rel)].append(rel_row(rel))
    for key, group in sorted(rows.items()):
        cypher = add_statement(*key)
        for batch in _batches(group):
            yield Step(cypher, {"rows": batch}, expect=len(batch),
                       what=f"add {key[0]} {key[1]}->{key[2]}")


def _check_names(schema: Schema) -> None:
    """The schema's names go into query text: they must be plain identifiers."""
    names = [*schema.labels, *schema.relationships,
             *(prop for props in schema.labels.values() for prop in props)]
    for name in names:
        if not _NAME.fullmatch(name):
            raise StoreError(f"schema name {name!r} is not a plain identifier")


def patch_steps(patch: GraphPatch, schema: Schema | None = None) -> list[Step]:
    """Every statement of ``patch``, in the order the patch is applied; raises
    :class:`StoreError` for a name the schema lacks before anything runs."""
    schema = schema or load_schema()
    _check_names(schema)
    return [*_delete_steps(schema, patch), *_unlink_steps(schema, patch),
            *_remove_steps(schema, patch), *_upsert_steps(schema, patch),
            *_add_steps(schema, patch)]


# --- running ----------------------------------------------------------------------

def _run_step(conn: ladybug.Connection, step: Step) -> None:
    result = conn.execute(step.cypher, step.parameters)
    if isinstance(result, list):
        result = result[-1]
    if step.expect is None:
        return
    done = result.get_next()[0] if result.has_next() else 0
    if done != step.expect:
        raise StoreError(f"{step.what}: {step.expect - done} of {step.expect} "
                         "relationships name a node the database does not hold")


def _rollback(conn: ladybug.Connection) -> None:
    """End the transaction; a failed statement has usually ended it already."""
    with contextlib.suppress(RuntimeError):
        conn.execute("ROLLBACK")


def _run_transaction(conn: ladybug.Connection, steps: Sequence[Step]) -> None:
    conn.execute("BEGIN TRANSACTION")
    try:
        for step in steps:
            _run_step(conn, step)
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def _open(path: Path) -> tuple[ladybug.Database, ladybug.Connection]:
    try:
        db = ladybug.Database(str(path), buffer_pool_size=_BUFFER_POOL_BYTES)
    except RuntimeError as exc:  # held by another process, or not a database
        raise StoreError(f"{path}: cannot open the embedded database to patch it: "
                         f"{' '.join(str(exc).split())}") from exc
    return db, ladybug.Connection(db)


def apply_patch(path: Path, patch: GraphPatch) -> None:
    """Apply ``patch`` to the database at ``path`` in one transaction: all of it,
    or (on :class:`StoreError`) none of it."""
    try:
        steps = patch_steps(patch)
    except StoreError as exc:
        raise StoreError(f"{path}: patch refused, nothing written: {exc}") from exc
    if not steps:
        return
    if not path.exists():
        raise StoreError(f"{path}: no embedded database to patch; run `kg build`")
    db, conn = _open(path)
    try:
        _run_transaction(conn, steps)
    except StoreError as exc:
        raise StoreError(f"{path}: patch rolled back: {exc}") from exc
    except RuntimeError as exc:
        raise StoreError(f"{path}: patch rolled back: the database refused it: "
                         f"{' '.join(str(exc).split())}") from exc
    finally:
        conn.close()
        db.close()


# --- dump -------------------------------------------------------------------------

def _properties(item: dict[str, Any]) -> dict[str, Any]:
    """A node's or relationship's properties, without the engine's ``_ID`` etc."""
    return {k: plain(v) for k, v in item.items() if not k.startswith("_")}


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _rows(conn: ladybug.Connection, cypher: str) -> list[list[Any]]:
    result = conn.execute(cypher)
    if isinstance(result, list):
        result = result[-1]
    return result.get_all()


def _tables(conn: ladybug.Connection) -> dict[str, list[str]]:
    """The database's own catalog: table type ("NODE", "REL") -> table names."""
    tables: dict[str, list[str]] = defaultdict(list)
    for kind, name in _rows(conn, "CALL show_tables() RETURN type, name"):
        if not _NAME.fullmatch(name):
            raise StoreError(f"table name {name!r} is not a plain identifier")
        tables[kind].append(name)
    return tables


def dump_database(path: Path) -> dict[str, list[str]]:
    """Everything the database at ``path`` holds, order-free: ``nodes`` as JSON text
    of ``[label, {properties}]``, ``relationships`` as JSON text of
    ``[type, source id, target id, {properties}]``, each list sorted."""
    db = open_read_only(path)
    conn = ladybug.Connection(db)
    try:
        tables = _tables(conn)
        nodes = [_text([label, _properties(row[0])])
                 for label in tables["NODE"]
                 for row in _rows(conn, f"MATCH (n:{label}) RETURN n")]
        rels = [_text([rel_type, row[0], row[1], _properties(row[2])])
                for rel_type in tables["REL"]
                for row in _rows(conn, f"MATCH (a)-[r:{rel_type}]->(b) "
                                       "RETURN a.id, b.id, r")]
    finally:
        conn.close()
        db.close()
    return {"nodes": sorted(nodes), "relationships": sorted(rels)}
