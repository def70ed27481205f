#!/usr/bin/env python
"""Print the identity report of a built graph (kg.resolve.report).

Per label: nodes, groups of nodes sharing a normalised display name, names or
aliases held by more than one node, aliases that are a bare size or number.

    python scripts/identity_report.py GRAPH_DIR [--show N] [--scorer-norm]

``--show N`` lists up to N examples of each problem per label.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import KGError
from kg.resolve.report import (
    Node,
    identity_report,
    normalised,
    scorer_normalised,
    summary_rows,
)
from kg.stores.embedded import EmbeddedStore


def graph_nodes(directory: Path) -> list[Node]:
    graph = EmbeddedStore(directory).graph()
    return [Node(node, data.get("label", ""), data.get("name", ""),
                 tuple(data.get("aliases") or ()))
            for node, data in graph.nodes(data=True)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="an embedded graph directory")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="list up to N examples of each problem per label")
    parser.add_argument("--scorer-norm", action="store_true",
                        help="compare names with the reference scorer's cruder "
                             "normalisation instead of the matching keys")
    args = parser.parse_args(argv)
    try:
        nodes = graph_nodes(args.graph)
    except KGError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    report = identity_report(
        nodes, scorer_normalised if args.scorer_norm else normalised)
    print(f"{'label':<13}{'nodes':>8}{'dup names':>11}{'shared':>8}{'size al.':>10}")
    for label, nodes_, dups, shared, sizes in summary_rows(report):
        print(f"{label:<13}{nodes_:>8}{dups:>11}{shared:>8}{sizes:>10}")
    if args.show:
        names = {n.id: n.name for n in nodes}
        for label, part in report.items():
            for title, found in (("duplicate names", part.duplicate_names),
                                 ("shared names", part.shared_names)):
                for key, ids in list(found.items())[:args.show]:
                    print(f"{label} {title}: {key}: "
                          + " | ".join(f"{i} ({names[i]})" for i in ids))
            for node_id, alias in part.size_aliases[:args.show]:
                print(f"{label} size alias: {node_id} ({names[node_id]}): {alias}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
