"""JSONL export: ``nodes.jsonl`` and ``relationships.jsonl`` (interface.md).

A node line is ``{"id", "label", <properties flat>}``; a relationship line is
``{"source", "target", "type", <properties flat>}`` with ``evidence`` kept as a list
of dicts.  JSON holds every value the graph holds (``None`` is ``null``), so
:func:`read_jsonl` restores the graph exactly.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import GraphError, InputError
from kg.graph.model import (
    add_node,
    add_relationship,
    iter_nodes,
    iter_relationships,
    new_graph,
)
from kg.views.export_common import (
    counted,
    ignore,
    prepare_dir,
    to_json,
    write_lines,
)

NODES_FILE = "nodes.jsonl"
RELATIONSHIPS_FILE = "relationships.jsonl"
_NODE_KEYS = ("id", "label")
_REL_KEYS = ("source", "target", "type")


def _line(head: dict[str, Any], props: dict[str, Any]) -> str:
    """Fixed keys first (as interface.md orders them), then properties sorted."""
    clash = sorted(set(head) & set(props))
    if clash:
        raise GraphError(f"property {clash[0]!r} of {head} clashes with a JSONL "
                         "field of the same name")
    # The fixed keys sort in interface.md's order (id < label; source < target <
    # type), so each part is one sorted dump: the head's, then the properties'.
    body = to_json(head)[1:-1]
    if props:
        body += "," + to_json(props)[1:-1]
    return "{" + body + "}\n"


def write_jsonl(graph: nx.MultiDiGraph, path: Path,
                advance: Callable[[int], None] = ignore) -> list[Path]:
    """Write ``nodes.jsonl`` and ``relationships.jsonl`` into directory ``path``
    (``advance`` hears of every node and relationship written)."""
    directory = prepare_dir(path)
    nodes = (_line({"id": n.id, "label": n.label}, n.props)
             for n in iter_nodes(graph))
    rels = (_line({"source": r.source, "target": r.target, "type": r.type}, r.props)
            for r in iter_relationships(graph))
    return [write_lines(directory / NODES_FILE, counted(nodes, advance)),
            write_lines(directory / RELATIONSHIPS_FILE, counted(rels, advance))]


def _records(path: Path, required: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """Objects of one JSONL file; a bad line raises naming file and line."""
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON: {exc.msg}", path=str(path),
                                 location=str(number)) from None
            if not isinstance(record, dict) or any(k not in record for k in required):
                raise InputError(f"expected an object with {', '.join(required)}",
                                 path=str(path), location=str(number))
            yield record


def read_jsonl(path: Path) -> nx.MultiDiGraph:
    """The graph a :func:`write_jsonl` directory holds (the inverse of the export).

    Labels and relationship types are checked against the schema on the way in.
    """
    path = Path(path)
    graph = new_graph()
    for record in _records(path / NODES_FILE, _NODE_KEYS):
        node_id, label = record.pop("id"), record.pop("label")
        add_node(graph, node_id, label, **record)
    for record in _records(path / RELATIONSHIPS_FILE, _REL_KEYS):
        source, target = record.pop("source"), record.pop("target")
        if source not in graph or target not in graph:
            raise InputError(f"relationship {source!r} -> {target!r} names a node "
                             f"missing from {NODES_FILE}", path=str(path))
        add_relationship(graph, source, target, record.pop("type"), **record)
    return graph
