"""CSV export for spreadsheets and pandas: ``nodes.csv`` and ``relationships.csv``.

``nodes.csv`` columns: ``id``, ``label``, ``name`` (a Paper's title, a Repository's
URL, else the node's name), then every other property sorted by name.  Lists and
dicts are JSON text (``["GRPO","Group Relative Policy Optimization"]``): a JSON
list survives any character in its items, where a ``;``-joined one would not.

``relationships.csv`` holds one relationship per row, readable without a join:
``source``, ``source_label``, ``source_name``, ``type``, ``target``,
``target_label``, ``target_name``, ``sentence`` (the first evidence sentence, or
``metadata:<source>`` for listing metadata), then ``rule``, ``evidence_json`` (the
whole evidence list) and any other property as JSON.

Files are RFC 4180 (fields with ``,``, ``"``, CR or LF quoted, quotes doubled),
UTF-8, ``\\n`` line endings.  An empty cell is a missing value: :func:`read_csv`
cannot tell an empty string from ``None``, so both read back as absent, and
properties outside the schema read back as strings.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import InputError
from kg.graph.model import (
    Node,
    Relationship,
    add_node,
    add_relationship,
    iter_nodes,
    iter_relationships,
    new_graph,
)
from kg.graph.schema import load_schema
from kg.views.export_common import (
    counted,
    csv_field,
    csv_line,
    display_name,
    evidence_sentence,
    ignore,
    prepare_dir,
    to_json,
    write_lines,
)

NODES_FILE = "nodes.csv"
RELATIONSHIPS_FILE = "relationships.csv"
NODE_COLUMNS = ("id", "label", "name")
REL_COLUMNS = ("source", "source_label", "source_name", "type", "target",
               "target_label", "target_name", "sentence", "rule", "evidence_json")


def cell(value: Any) -> str | None:
    """A property value as CSV text; ``None`` stays ``None`` (the empty cell)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return to_json(value)


def _node_rows(nodes: list[Node], advance: Callable[[int], None]) -> Iterator[str]:
    extra = sorted({key for n in nodes for key in n.props} - {"name"})
    yield csv_line(csv_field(c) for c in (*NODE_COLUMNS, *extra))
    for node in counted(nodes, advance):
        values = [node.id, node.label, display_name(node),
                  *(cell(node.props.get(key)) for key in extra)]
        yield csv_line(csv_field(v) for v in values)


def _rel_rows(rels: list[Relationship], nodes: dict[str, Node],
              advance: Callable[[int], None]) -> Iterator[str]:
    extra = sorted({key for r in rels for key in r.props} - {"rule", "evidence"})
    yield csv_line(csv_field(c) for c in (*REL_COLUMNS, *extra))
    for rel in counted(rels, advance):
        source, target = nodes[rel.source], nodes[rel.target]
        evidence = rel.props.get("evidence")
        values = [source.id, source.label, display_name(source), rel.type,
                  target.id, target.label, display_name(target),
                  evidence_sentence(rel.props), cell(rel.props.get("rule")),
                  None if evidence is None else to_json(evidence),
                  *(None if rel.props.get(k) is None else to_json(rel.props[k])
                    for k in extra)]
        yield csv_line(csv_field(v) for v in values)


def write_csv(graph: nx.MultiDiGraph, path: Path,
              advance: Callable[[int], None] = ignore) -> list[Path]:
    """Write ``nodes.csv`` and ``relationships.csv`` into directory ``path``
    (``advance`` hears of every node and relationship written)."""
    directory = prepare_dir(path)
    nodes = list(iter_nodes(graph))
    by_id = {node.id: node for node in nodes}
    rels = list(iter_relationships(graph))
    return [write_lines(directory / NODES_FILE, _node_rows(nodes, advance)),
            write_lines(directory / RELATIONSHIPS_FILE,
                        _rel_rows(rels, by_id, advance))]


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"missing columns {', '.join(missing)}", path=str(path))
        return list(reader)


def _node_props(label: str, row: dict[str, str]) -> dict[str, Any]:
    """Typed properties of one row, by the schema type of each column."""
    types = load_schema().labels.get(label, {})
    props: dict[str, Any] = {}
    for key, text in row.items():
        if text == "" or key in ("id", "label") or (key == "name"
                                                     and "name" not in types):
            continue
        kind = types.get(key)
        props[key] = (json.loads(text) if kind == "STRING[]" else
                      int(text) if kind == "INT64" else text)
    return props


def _rel_props(row: dict[str, str]) -> dict[str, Any]:
    """Properties of one row: ``rule`` as text, ``evidence_json`` and extras decoded.

    The first eight columns are display copies of node data, not properties.
    """
    props: dict[str, Any] = {}
    for key, text in row.items():
        if text == "" or key in REL_COLUMNS[:8]:
            continue
        if key == "rule":
            props["rule"] = text
        else:
            props["evidence" if key == "evidence_json" else key] = json.loads(text)
    return props


def read_csv(path: Path) -> nx.MultiDiGraph:
    """The graph a :func:`write_csv` directory holds, as far as CSV can carry it.

    Schema types restore ints and lists; empty cells are absent values.
    """
    path = Path(path)
    graph = new_graph()
    for row in _rows(path / NODES_FILE, NODE_COLUMNS):
        add_node(graph, row["id"], row["label"], **_node_props(row["label"], row))
    for row in _rows(path / RELATIONSHIPS_FILE, REL_COLUMNS):
        add_relationship(graph, row["source"], row["target"], row["type"],
                         **_rel_props(row))
    return graph
