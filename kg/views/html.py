"""``kg view``: the graph as one self-contained, offline HTML page.

pyvis builds the network (nodes, edges, vis options); the page around it is ours
(:mod:`kg.views.html_page`) because pyvis' own templates fetch vis-network and
Bootstrap from CDNs, which fails on a plane and leaks what is being read.

Example::

    summary = write_html(graph, Path("graph.html"), focus="GRPO", hops=1)
    print(summary.nodes_shown, summary.nodes_left_out)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from kg.views.html_network import (
    TYPE_STYLE,
    UNKNOWN_STYLE,
    build_network,
    display_name,
)
from kg.views.html_page import render_page
from kg.views.html_select import rank_nodes, select_nodes

__all__ = ["ViewSummary", "explorer_data", "write_html"]

#: node counts up to which the browser lays the graph out with full physics; bigger
#: graphs start from the seeded layout and get fewer, coarser iterations so that a
#: 2,000-node page is usable within ~3 s (issue 7; scripts/bench_view.py)
FULL_PHYSICS_NODES = 400
STABILISATION_ITERATIONS = 300
ITERATION_BUDGET = STABILISATION_ITERATIONS * FULL_PHYSICS_NODES  # node-iterations
MIN_STABILISATION_ITERATIONS = 40


@dataclass(frozen=True, slots=True)
class ViewSummary:
    """What the page shows; the CLI prints it."""

    nodes_shown: int
    edges_shown: int
    nodes_left_out: int
    focus: str | None  # the focus node's id


def stabilisation_iterations(node_count: int) -> int:
    """Fewer physics iterations for bigger graphs, so layout time stays bounded."""
    scaled = ITERATION_BUDGET // max(node_count, 1)
    return max(MIN_STABILISATION_ITERATIONS, min(STABILISATION_ITERATIONS, scaled))


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: sizes by paper count, physics that stops once settled."""
    big = node_count > FULL_PHYSICS_NODES
    font = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
    return {
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": font, "strokeWidth": 3,
                     "strokeColor": "#fbfbfa"},
            "scaling": {"min": 8, "max": 42,
                        "label": {"enabled": True, "min": 12, "max": 30,
                                  "maxVisible": 30, "drawThreshold": 6}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "smooth": False,  # curved edges add hidden physics nodes: too slow
            "width": 1, "selectionWidth": 2, "hoverWidth": 1.5,
        },
        "interaction": {"hover": True, "tooltipDelay": 120,
                        "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -4000, "centralGravity": 0.25,
                          "springLength": 110, "springConstant": 0.03,
                          "damping": 0.35, "avoidOverlap": 0.05,
                          # coarser Barnes-Hut: twice as fast, same picture
                          "theta": 0.9 if big else 0.5},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True,
                              "iterations": stabilisation_iterations(node_count),
                              "updateInterval": 50, "fit": True},
        },
    }


def legend_entries(graph: nx.MultiDiGraph, shown: list[str]) -> list[dict[str, Any]]:
    """One legend/filter row per node type on the page, in the schema's order."""
    counts: dict[str, int] = {}
    for node in shown:
        label = graph.nodes[node].get("label", "")
        counts[label] = counts.get(label, 0) + 1
    order = [*TYPE_STYLE, *sorted(set(counts) - set(TYPE_STYLE))]
    return [{"type": label, "colour": TYPE_STYLE.get(label, UNKNOWN_STYLE)[0],
             "shape": TYPE_STYLE.get(label, UNKNOWN_STYLE)[1], "count": counts[label]}
            for label in order if label in counts]


def explorer_data(graph: nx.MultiDiGraph, *, max_nodes: int = 1500,
                  focus: str | None = None, hops: int = 1
                  ) -> tuple[dict[str, Any], ViewSummary]:
    """The JSON document the page is built from, and its summary."""
    chosen, focus_id = select_nodes(graph, max_nodes=max_nodes, focus=focus,
                                    hops=hops)
    ranked = rank_nodes(graph, chosen)
    if focus_id is not None:  # the focus starts in the middle of the layout
        ranked = [focus_id, *(n for n in ranked if n != focus_id)]
    net = build_network(graph, ranked, focus=focus_id)
    nodes, edges, _, _, _, _ = net.get_network_data()
    summary = ViewSummary(nodes_shown=len(nodes), edges_shown=len(edges),
                          nodes_left_out=graph.number_of_nodes() - len(nodes),
                          focus=focus_id)
    meta = {"nodes_shown": summary.nodes_shown, "edges_shown": summary.edges_shown,
            "nodes_left_out": summary.nodes_left_out, "focus": focus_id,
            "focus_name": (display_name(graph.nodes[focus_id])
                           if focus_id is not None else None),
            "hops": hops, "types": legend_entries(graph, ranked)}
    data = {"nodes": nodes, "edges": edges, "options": vis_options(len(nodes)),
            "meta": meta}
    return data, summary


def write_html(graph: nx.MultiDiGraph, path: Path, *, max_nodes: int = 1500,
               focus: str | None = None, hops: int = 1) -> ViewSummary:
    """Write the explorer page for ``graph`` to ``path`` and say what it shows.

    ``max_nodes`` keeps the most connected nodes (ties by id); ``focus`` (a name,
    alias or node id, any case) draws the ``hops`` neighbourhood of one entity
    instead and raises :class:`kg.errors.GraphError` naming close matches when no
    node has that name.
    """
    data, summary = explorer_data(graph, max_nodes=max_nodes, focus=focus, hops=hops)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_page(data), encoding="utf-8")
    tmp.replace(path)
    return summary
