"""``kg export``: write the graph in a format other tools read (interface.md).

=============== =======================================================
format          what ``path`` becomes
=============== =======================================================
``graphml``     one GraphML file (:mod:`kg.views.export_graphml`)
``jsonl``       a directory: ``nodes.jsonl``, ``relationships.jsonl``
``csv``         a directory: ``nodes.csv``, ``relationships.csv``
``neo4j-admin`` a directory: ``<Label>.csv``, ``<TYPE>.csv``,
                ``import.sh``, ``import-command.txt``
=============== =======================================================

Every format is deterministic (rows sorted by label/type and id, keys sorted, ``\\n``
line endings), so two exports of one graph are byte-identical and diff cleanly.
Readers come in pairs with the writers: :func:`read_jsonl`, :func:`read_graphml`
and :func:`read_csv` turn the files back into a graph.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal, get_args

import networkx as nx

from kg.errors import GraphError
from kg.progress import Reporter
from kg.views.export_common import check_graph
from kg.views.export_csv import read_csv, write_csv
from kg.views.export_graphml import read_graphml, write_graphml
from kg.views.export_jsonl import read_jsonl, write_jsonl
from kg.views.export_neo4j import write_neo4j_admin

ExportFormat = Literal["csv", "jsonl", "graphml", "neo4j-admin"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)

_WRITERS: dict[str, Callable[[nx.MultiDiGraph, Path, Callable[[int], None]],
                             list[Path]]] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "graphml": write_graphml,
    "neo4j-admin": write_neo4j_admin,
}


def export_graph(graph: nx.MultiDiGraph, fmt: ExportFormat, path: Path,
                 progress: Reporter | None = None) -> list[Path]:
    """Write ``graph`` as ``fmt`` at ``path``; return the files written.

    ``path`` is the file for ``graphml`` and a directory (created if missing) for
    the other formats.  Raises :class:`~kg.errors.GraphError` for an unknown format
    or a graph the format cannot hold.  ``progress`` shows a bar of the nodes and
    relationships written (rows/s, ETA).

    Examples
    --------
    >>> import tempfile
    >>> from kg.graph.model import add_node, new_graph
    >>> g = new_graph()
    >>> add_node(g, "method:grpo", "Method", name="GRPO", aliases=[], papers=1)
    >>> out = Path(tempfile.mkdtemp())
    >>> [p.name for p in export_graph(g, "jsonl", out)]
    ['nodes.jsonl', 'relationships.jsonl']
    >>> dict(read_jsonl(out).nodes(data=True)) == dict(g.nodes(data=True))
    True
    """
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise GraphError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(FORMATS)}")
    check_graph(graph)
    progress = progress or Reporter(quiet=True)
    rows = graph.number_of_nodes() + graph.number_of_edges()
    with progress.bar(f"writing {Path(path).name}", rows, unit="rows") as advance:
        return writer(graph, Path(path), advance)


__all__ = ["FORMATS", "ExportFormat", "export_graph", "read_csv", "read_graphml",
           "read_jsonl"]
