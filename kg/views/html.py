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

from kg.files import write_atomically
from kg.views.html_network import (
    NODE_SCALING,
    TYPE_STYLE,
    UNKNOWN_STYLE,
    build_network,
    display_name,
)
from kg.views.html_page import render_page
from kg.views.html_select import rank_nodes, select_nodes

__all__ = ["ViewSummary", "explorer_data", "write_html"]

#: physics budget in node-iterations: small graphs get up to 300 iterations, a
#: 2,000-node page 40, so that it is usable within ~3 s (issue 7;
#: scripts/bench_view.py measures it)
ITERATION_BUDGET = 60_000
STABILISATION_ITERATIONS = 300
MIN_STABILISATION_ITERATIONS = 40
#: drawn but hidden until their legend box is ticked: concepts ("reinforcement
#: learning") link almost every paper and would bury methods and benchmarks
HIDDEN_AT_FIRST = frozenset({"Concept"})


@dataclass(frozen=True, slots=True)
class ViewSummary:
    """What the page shows; the CLI prints it."""

    nodes_shown: int
    edges_shown: int
    nodes_left_out: int
    focus: str | None  # the focus node's id
    focus_name: str | None = None  # and its display name

    def __str__(self) -> str:
        """One line for the user: what is drawn and how much was left out."""
        text = f"{self.nodes_shown} nodes, {self.edges_shown} relationships"
        if self.focus is not None:
            text += f" around {self.focus_name or self.focus}"
        if self.nodes_left_out:
            text += f"; {self.nodes_left_out} nodes left out"
        return text


def stabilisation_iterations(node_count: int) -> int:
    """Fewer physics iterations for bigger graphs, so layout time stays bounded."""
    scaled = ITERATION_BUDGET // max(node_count, 1)
    return max(MIN_STABILISATION_ITERATIONS, min(STABILISATION_ITERATIONS, scaled))


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: sizes by paper count, physics that stops once settled."""
    big = node_count > 400
    font = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
    return {
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": font, "strokeWidth": 3,
                     "strokeColor": "#fbfbfa"},
            "scaling": NODE_SCALING,
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
            "barnesHut": {"gravitationalConstant": -5000, "centralGravity": 0.5,
                          "springLength": 100, "springConstant": 0.04,
                          "damping": 0.35, "avoidOverlap": 0.2,
                          # coarser Barnes-Hut: about twice as fast, same picture
                          "theta": 0.8},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True,
                              "iterations": stabilisation_iterations(node_count),
                              "updateInterval": 50, "fit": True},
        },
    }


def legend_entries(graph: nx.MultiDiGraph, shown: list[str],
                   hidden: frozenset[str]) -> list[dict[str, Any]]:
    """One legend/filter row per node type on the page, in the schema's order."""
    counts: dict[str, int] = {}
    for node in shown:
        label = graph.nodes[node].get("label", "")
        counts[label] = counts.get(label, 0) + 1
    order = [*TYPE_STYLE, *sorted(set(counts) - set(TYPE_STYLE))]
    return [{"type": label, "colour": TYPE_STYLE.get(label, UNKNOWN_STYLE)[0],
             "shape": TYPE_STYLE.get(label, UNKNOWN_STYLE)[1], "count": counts[label],
             "visible": label not in hidden}
            for label in order if label in counts]


def hide_types(nodes: list[dict[str, Any]], hidden: frozenset[str]) -> None:
    for node in nodes:
        if node["type"] in hidden:
            node["hidden"] = True


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
    focus_name = display_name(graph.nodes[focus_id]) if focus_id is not None else None
    summary = ViewSummary(nodes_shown=len(nodes), edges_shown=len(edges),
                          nodes_left_out=graph.number_of_nodes() - len(nodes),
                          focus=focus_id, focus_name=focus_name)
    focus_type = graph.nodes[focus_id]["label"] if focus_id is not None else None
    hidden = HIDDEN_AT_FIRST - {focus_type}
    hide_types(nodes, hidden)
    if focus_id is not None:  # the entity asked about is the biggest on the page
        nodes[0]["value"] = max(node["value"] for node in nodes)
    meta = {"nodes_shown": summary.nodes_shown, "edges_shown": summary.edges_shown,
            "nodes_left_out": summary.nodes_left_out, "focus": focus_id,
            "focus_name": focus_name,
            "hops": hops, "types": legend_entries(graph, ranked, hidden)}
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
    write_atomically(path, [render_page(data)])
    return summary
