"""``neo4j-admin database import full`` export: header-style CSVs and the command.

One file per schema label (``Paper.csv`` ...) and per relationship type
(``PROPOSES.csv`` ...), written for every label and type of the schema, header only
when the graph has none, so the file set and the command never change shape.

* Node ids share one global ID space (``id:ID``): graph ids are unique across
  labels, so relationships need only ``:START_ID`` / ``:END_ID``.  ``id:ID`` also
  stores the id as the ``id`` property the queries use.
* Typed columns follow the schema: ``STRING`` -> ``:string``, ``INT64`` ->
  ``:long``, ``DATE`` -> ``:date``, ``STRING[]`` -> ``:string[]``.  Neo4j cannot
  store maps, so evidence is the JSON string ``evidence_json``, the very text the
  servers store through the driver (:func:`kg.stores.cypher.json_text`, keys in the
  graph's order), so an imported database answers ``r.evidence_json`` as a loaded one.
* Arrays are split on U+001F (the ASCII unit separator), passed as
  ``--array-delimiter=U+001F``: Neo4j has no escape inside an array value, and
  author names, aliases and titles can contain ``;``.  An item holding U+001F itself
  is refused rather than silently split.
* Every string is quoted (quotes doubled, RFC 4180), so ``""`` is an empty string
  and an empty field a missing value; ``--multiline-fields=true`` lets abstracts
  keep their newlines; ``--legacy-style-quoting=false`` keeps ``\\"`` literal.
  Empty lists are written as missing: Neo4j's CSV import cannot hold them.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import GraphError
from kg.graph.model import Node, Relationship, iter_nodes, iter_relationships
from kg.graph.schema import load_schema
from kg.stores.cypher import json_text
from kg.views.export_common import (
    counted,
    csv_field,
    csv_line,
    ignore,
    prepare_dir,
    write_lines,
    write_text,
)

ARRAY_DELIMITER = "\x1f"
DATABASE = "neo4j"
COMMAND_FILE = "import-command.txt"
SCRIPT_FILE = "import.sh"
OPTIONS = ("--array-delimiter=U+001F", "--multiline-fields=true",
           "--legacy-style-quoting=false")
_SCHEMA_TYPES = {"STRING": "string", "STRING[]": "string[]", "INT64": "long",
                 "DATE": "date"}


@dataclass(frozen=True, slots=True)
class Column:
    """One property column: graph key, Neo4j header field, how values are written."""

    key: str
    header: str
    kind: str  # string | long | double | boolean | date | string[] | json


def _infer_kind(values: list[Any]) -> str:
    """The Neo4j type of a property the schema does not declare."""
    present = [v for v in values if v is not None]
    if all(isinstance(v, bool) for v in present):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "long"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "double"
    if all(isinstance(v, str) for v in present):
        return "string"
    if all(isinstance(v, list) and all(isinstance(i, str) for i in v)
           for v in present):
        return "string[]"
    return "json"


def _column(key: str, kind: str) -> Column:
    if kind == "json":
        return Column(key, f"{key}_json:string", kind)
    return Column(key, f"{key}:{kind}", kind)


def _extra_columns(items: list[dict[str, Any]], known: set[str]) -> list[Column]:
    keys = sorted({key for props in items for key in props} - known)
    return [_column(key, _infer_kind([p.get(key) for p in items])) for key in keys]


def node_columns(label: str, nodes: list[Node]) -> list[Column]:
    """The schema's properties of ``label`` in schema order, then any others."""
    declared = {k: v for k, v in load_schema().labels[label].items() if k != "id"}
    columns = [_column(key, _SCHEMA_TYPES[kind]) for key, kind in declared.items()]
    return columns + _extra_columns([n.props for n in nodes], {"id", *declared})


def rel_columns(rel_type: str, rels: list[Relationship]) -> list[Column]:
    """``evidence_json`` for relationships from a Paper, ``rule`` for lineage."""
    has_evidence = load_schema().relationships[rel_type].has_evidence
    first = _column("evidence", "json") if has_evidence else _column("rule", "string")
    return [first, *_extra_columns([r.props for r in rels], {first.key})]


def _array(items: list[Any], where: str) -> str | None:
    if not items:
        return None
    for item in items:
        if ARRAY_DELIMITER in str(item):
            raise GraphError(f"{where}: array item {item!r} contains U+001F, the "
                             "neo4j-admin array delimiter")
    return csv_field(ARRAY_DELIMITER.join(str(i) for i in items), quote=True)


def _date(value: Any, where: str) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise GraphError(f"{where}: {text!r} is not an ISO date "
                         "(yyyy-mm-dd), which neo4j-admin needs") from None
    return text


def field(column: Column, value: Any, where: str) -> str:
    """One CSV field for ``value`` in ``column``; ``where`` names it in errors."""
    if value is None:
        return ""
    if column.kind == "json":
        return csv_field(json_text(value), quote=True)
    if column.kind == "string[]":
        return _array(list(value), where) or ""
    if column.kind == "date":
        return _date(value, where)
    if column.kind == "boolean":
        return "true" if value else "false"
    if column.kind in ("long", "double"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise GraphError(f"{where}: {value!r} is not a number")
        return str(int(value)) if column.kind == "long" else repr(float(value))
    return csv_field(str(value), quote=True)


def _node_file(label: str, nodes: list[Node], advance: Callable[[int], None]
               ) -> Iterator[str]:
    columns = node_columns(label, nodes)
    header = ["id:ID", ":LABEL", *(c.header for c in columns)]
    yield csv_line(csv_field(h) for h in header)
    for node in counted(nodes, advance):
        where = f"{label} {node.id!r}"
        yield csv_line([csv_field(node.id, quote=True), label,
                        *(field(c, node.props.get(c.key), f"{where} {c.key}")
                          for c in columns)])


def _rel_file(rel_type: str, rels: list[Relationship],
              advance: Callable[[int], None]) -> Iterator[str]:
    columns = rel_columns(rel_type, rels)
    header = [":START_ID", ":END_ID", ":TYPE", *(c.header for c in columns)]
    yield csv_line(csv_field(h) for h in header)
    for rel in counted(rels, advance):
        where = f"{rel_type} {rel.source!r}->{rel.target!r}"
        yield csv_line([csv_field(rel.source, quote=True),
                        csv_field(rel.target, quote=True), rel_type,
                        *(field(c, rel.props.get(c.key), f"{where} {c.key}")
                          for c in columns)])


def import_command(labels: list[str], rel_types: list[str],
                   database: str = DATABASE) -> list[str]:
    """The argv of ``neo4j-admin database import full``, run from the export dir.

    The database name comes first: ``--nodes``/``--relationships`` take several
    files, so a trailing name would be read as one more file (Neo4j >= 5.19).
    """
    return ["neo4j-admin", "database", "import", "full", database,
            *(f"--nodes={label}={label}.csv" for label in labels),
            *(f"--relationships={rel}={rel}.csv" for rel in rel_types),
            *OPTIONS]


def _script(argv: list[str]) -> str:
    """``import.sh``: the same command, from any working directory."""
    args = [shlex.quote(arg) for arg in argv[5:]]
    body = " \\\n  ".join(['exec "${NEO4J_ADMIN:-neo4j-admin}" database import '
                           'full "${1:-' + DATABASE + '}"', *args])
    return ("#!/bin/sh\n"
            "# Load this directory into a new, empty Neo4j 5 database (offline).\n"
            "# Usage: ./import.sh [DATABASE]   (default neo4j; then CREATE DATABASE\n"
            "# if it is not the default one).  NEO4J_ADMIN names the binary.\n"
            "# Arrays are split on U+001F because values may contain ';'.\n"
            "set -eu\n"
            'cd "$(dirname "$0")"\n' + body + "\n")


def write_neo4j_admin(graph: nx.MultiDiGraph, path: Path,
                      advance: Callable[[int], None] = ignore) -> list[Path]:
    """Write the per-label and per-type CSVs, ``import.sh`` and the command line
    (``advance`` hears of every node and relationship written)."""
    directory = prepare_dir(path)
    schema = load_schema()
    labels, rel_types = sorted(schema.labels), sorted(schema.relationships)
    nodes, rels = list(iter_nodes(graph)), list(iter_relationships(graph))
    written = [write_lines(directory / f"{label}.csv", _node_file(
                   label, [n for n in nodes if n.label == label], advance))
               for label in labels]
    written += [write_lines(directory / f"{rel}.csv", _rel_file(
                    rel, [r for r in rels if r.type == rel], advance))
                for rel in rel_types]
    argv = import_command(labels, rel_types)
    script = write_text(directory / SCRIPT_FILE, _script(argv))
    script.chmod(0o755)
    written += [script, write_text(directory / COMMAND_FILE, shlex.join(argv) + "\n")]
    return written
