"""Helpers every export format shares: canonical JSON, CSV fields, display names.

Kept apart from :mod:`kg.views.export` so the per-format modules can use them without
importing the dispatcher (which imports them).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx

from kg.errors import GraphError
from kg.files import write_atomically
from kg.graph.model import Node

T = TypeVar("T")

#: rows between two updates of a progress bar: an update costs more than a row
ROWS_PER_UPDATE = 1000


def ignore(_rows: int) -> None:
    """The ``advance`` of an export nobody watches."""


def counted(rows: Iterable[T], advance: Callable[[int], None]) -> Iterator[T]:
    """``rows`` as they are, telling ``advance`` how many went by (a thousand at
    a time, and the rest at the end)."""
    done = 0
    for row in rows:
        yield row
        done += 1
        if done == ROWS_PER_UPDATE:
            advance(done)
            done = 0
    if done:
        advance(done)


# Raw line separators other than "\n" that JSON leaves unescaped: a reader that
# splits lines with str.splitlines() would cut a JSONL record in two at them.
_JSON_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json_default(value: Any) -> Any:
    """Dates (a store may hand them back as objects) become ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot export a {type(value).__name__} value: {value!r}")


def to_json(value: Any) -> str:
    """Canonical JSON text: sorted keys, no spaces, UTF-8 kept, one physical line.

    Two exports of the same value must be byte-identical, and a JSON value embedded
    in a CSV cell or a JSONL line must never contain a raw line separator.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"), default=_json_default)
    for raw, escaped in _JSON_LINE_BREAKS.items():
        text = text.replace(raw, escaped)
    return text


def csv_field(value: str | None, *, quote: bool = False) -> str:
    """One RFC 4180 field; ``None`` is the empty unquoted field.

    Python's ``csv`` writer leaves a lone ``\\r`` unquoted, which splits the row when
    read back, so quoting is decided here.  ``quote`` forces quotes, which is how
    Neo4j tells an empty string (``""``) from a missing value (nothing).
    """
    if value is None:
        return ""
    if quote or any(ch in value for ch in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_line(fields: Iterable[str]) -> str:
    """Fields already formatted by :func:`csv_field`, joined, ``\\n``-terminated."""
    return ",".join(fields) + "\n"


def display_name(node: Node) -> str:
    """What a person calls the node: a Paper's title, a Repository's URL, else name."""
    key = {"Paper": "title", "Repository": "url"}.get(node.label, "name")
    value = node.props.get(key) or node.props.get("name")
    return "" if value is None else str(value)


def evidence_sentence(props: dict[str, Any]) -> str:
    """The first evidence as one line of text: its sentence or ``metadata:<source>``."""
    for item in props.get("evidence") or []:
        if item.get("field") == "metadata":
            return f"metadata:{item.get('source') or ''}"
        if item.get("sentence"):
            return str(item["sentence"])
    return ""


def check_graph(graph: nx.MultiDiGraph) -> None:
    """Every node needs a label; an edge to an unknown id creates a bare node."""
    for node_id, label in graph.nodes(data="label"):
        if label is None:
            raise GraphError(f"node {node_id!r} has no label (a relationship points "
                             "to a node that was never added)")


def write_text(path: Path, text: str) -> Path:
    """Write UTF-8 with ``\\n`` line endings whatever the platform."""
    return write_lines(path, [text])


def write_lines(path: Path, lines: Iterable[str]) -> Path:
    """Write ``lines`` (each ending in ``\\n``) as they come, UTF-8 with ``\\n``
    line endings: a graph's rows are never held as one string (for 74,671 papers
    that string alone took 1.2 GB), and a row that cannot be written leaves no
    half-written file (:func:`kg.files.write_atomically`)."""
    return write_atomically(path, lines)


def prepare_dir(path: Path) -> Path:
    """The output directory of a multi-file format, created if missing."""
    if path.exists() and not path.is_dir():
        raise GraphError(f"{path}: exists and is not a directory; this format writes "
                         "a directory of files")
    path.mkdir(parents=True, exist_ok=True)
    return path
