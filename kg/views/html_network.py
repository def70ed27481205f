"""What each drawn node and edge looks like: colour, size, label, tooltip, position.

Tooltips are plain text (vis-network puts a string title in with ``innerText``), so a
title scraped from the internet can never become markup.  Long strings are cut so a
2 MB abstract or sentence cannot bloat the page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx
from pyvis.network import Network

#: colour (Okabe-Ito, readable by colour-blind readers) and shape per node label
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "Paper": ("#8c9bab", "square"),
    "Method": ("#e69f00", "dot"),
    "Benchmark": ("#56b4e9", "dot"),
    "Model": ("#009e73", "dot"),
    "Organization": ("#cc79a7", "dot"),
    "Metric": ("#d5c600", "dot"),
    "Concept": ("#b5b5b5", "dot"),
    "Repository": ("#0072b2", "diamond"),
}
UNKNOWN_STYLE = ("#999999", "dot")
EDGE_COLOUR = {"VARIANT_OF": "#d55e00", "DEVELOPED_BY": "#cc79a7",
               "MENTIONS": "#dfe3e7"}
DEFAULT_EDGE_COLOUR = "#a9b3bd"
#: USES_MODEL edges by the model's usage (Okabe-Ito): built on, helper, subject
USAGE_EDGE_COLOUR = {"base": "#009e73", "tool": "#f0e442", "evaluated": "#56b4e9"}

#: node and label size by paper count; zoomed out, small labels are not drawn
NODE_SCALING: dict[str, Any] = {
    "min": 8, "max": 42,
    "label": {"enabled": True, "min": 13, "max": 36, "maxVisible": 36,
              "drawThreshold": 6},
}
#: paper titles and repository urls are long: drawn only once zoomed in (vis
#: replaces, not merges, a node's own ``scaling``, hence the whole object)
LONG_LABEL_SCALING: dict[str, Any] = {
    **NODE_SCALING, "label": {**NODE_SCALING["label"], "drawThreshold": 10}}

LABEL_CHARS = 36
TEXT_CHARS = 400
MAX_ALIASES = 8


def clip(text: Any, limit: int = TEXT_CHARS) -> str:
    """``text`` on one line, at most ``limit`` characters (an ellipsis marks a cut)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def display_name(data: dict) -> str:
    """What a node is called on the page: its name, a paper's title, else its url."""
    for key in ("name", "title", "url"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def node_size_value(data: dict) -> float:
    """The vis ``value`` that scales a node: its paper count (papers are all equal)."""
    if data.get("label") == "Paper":
        return 1.0
    papers = data.get("papers")
    return float(papers) if isinstance(papers, int | float) and papers > 0 else 1.0


def organizations_of(graph: nx.MultiDiGraph, paper: str) -> list[str]:
    """Names of the organizations the listing gives for ``paper``."""
    return sorted(display_name(graph.nodes[org])
                  for _, org, key in graph.out_edges(paper, keys=True)
                  if key == "AFFILIATED_WITH")


def paper_tooltip(graph: nx.MultiDiGraph, node: str, data: dict) -> str:
    """Title, then date and organizations, then the link, one per line."""
    facts = ["Paper"]
    if data.get("date"):
        facts.append(str(data["date"]))
    facts += organizations_of(graph, node)
    if isinstance(data.get("upvotes"), int):
        facts.append(f"{data['upvotes']} upvotes")
    lines = [clip(display_name(data) or node, 300), clip(" · ".join(facts))]
    if data.get("url"):
        lines.append(clip(data["url"], 200))
    return "\n".join(lines)


def entity_tooltip(data: dict) -> str:
    """Name, type and paper count, then the aliases."""
    label = data.get("label", "")
    papers = data.get("papers")
    lines = [clip(display_name(data), 200)]
    count = f" · in {papers} paper{'s' if papers != 1 else ''}" if papers else ""
    lines.append(f"{label}{count}")
    aliases = [a for a in data.get("aliases") or [] if isinstance(a, str)]
    if aliases:
        more = len(aliases) - MAX_ALIASES
        shown = ", ".join(clip(a, 60) for a in aliases[:MAX_ALIASES])
        lines.append("also: " + shown + (f" (+{more} more)" if more > 0 else ""))
    if label == "Repository" and data.get("url") and data.get("url") != data.get(
            "name"):
        lines.append(clip(data["url"], 200))
    return "\n".join(lines)


def node_tooltip(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    if data.get("label") == "Paper":
        return paper_tooltip(graph, node, data)
    return entity_tooltip(data)


def evidence_lines(evidence: dict) -> list[str]:
    """One piece of evidence as text: the sentence (or metadata field) and its rule."""
    rule = clip(evidence.get("rule") or "?", 80)
    if evidence.get("field") == "metadata":
        source = clip(evidence.get("source") or "metadata", 80)
        return [f"from the listing's {source} field", f"rule: {rule}"]
    sentence = clip(evidence.get("sentence") or "")
    where = clip(evidence.get("field") or "?", 20)
    return [f"“{sentence}”", f"rule: {rule} ({where})"]


def edge_tooltip(rel_type: str, data: dict) -> str:
    """The relationship type (and usage), its first evidence and how many more
    there are."""
    usage = data.get("usage")
    lines = [f"{rel_type} (usage: {clip(usage, 20)})" if usage else rel_type]
    evidence = [e for e in data.get("evidence") or [] if isinstance(e, dict)]
    if evidence:
        lines += evidence_lines(evidence[0])
        if len(evidence) > 1:
            lines.append(f"(+{len(evidence) - 1} more mention"
                         f"{'s' if len(evidence) > 2 else ''})")
    elif data.get("rule"):
        lines.append(f"rule: {clip(data['rule'], 80)}")
    return "\n".join(lines)


def node_options(graph: nx.MultiDiGraph, node: str, *, focus: str | None
                 ) -> dict[str, Any]:
    """vis options of one node; ``type`` and ``names`` feed the filter and search."""
    data = graph.nodes[node]
    label = data.get("label", "")
    colour, shape = TYPE_STYLE.get(label, UNKNOWN_STYLE)
    names = [display_name(data), *(a for a in data.get("aliases") or []
                                   if isinstance(a, str))]
    options: dict[str, Any] = {
        "label": clip(display_name(data) or node, LABEL_CHARS),
        "title": node_tooltip(graph, node), "shape": shape, "color": colour,
        "value": node_size_value(data), "type": label,
        "names": [clip(n, 300) for n in names if n],
    }
    if label in ("Paper", "Repository"):  # long titles: drawn once zoomed in
        options["scaling"] = LONG_LABEL_SCALING
    url = data.get("url")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        options["url"] = url
    if node == focus:
        options.update(borderWidth=4, color={"background": colour,
                                             "border": "#222222"})
    return options


def edge_options(rel_type: str, data: dict) -> dict[str, Any]:
    """vis options of one edge: a USES_MODEL edge is coloured and labelled by its
    usage (base, tool, evaluated), so a model built on reads apart from a baseline."""
    usage = data.get("usage")
    colour = USAGE_EDGE_COLOUR.get(usage) or EDGE_COLOUR.get(rel_type,
                                                             DEFAULT_EDGE_COLOUR)
    options: dict[str, Any] = {"title": edge_tooltip(rel_type, data),
                               "color": colour, "type": rel_type}
    if isinstance(usage, str) and usage:
        options.update(label=clip(usage, 20), usage=clip(usage, 20),
                       font={"size": 9, "color": "#555555"})
    if rel_type == "VARIANT_OF":
        options.update(dashes=True, width=2)
    return options


def seed_positions(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[str, tuple]:
    """A deterministic starting layout that physics only needs to polish.

    The most connected nodes sit near the centre of a sunflower spiral, every other
    node then moves to the middle of its already placed neighbours: linked nodes
    start close together, which shortens stabilisation in the browser.
    """
    spacing = 30.0
    golden = math.pi * (3 - math.sqrt(5))
    pos = {n: (spacing * math.sqrt(i) * math.cos(i * golden),
               spacing * math.sqrt(i) * math.sin(i * golden))
           for i, n in enumerate(nodes)}
    drawn = set(nodes)
    for rank, node in enumerate(nodes):
        near = [pos[o] for o in _neighbours(graph, node) if o in drawn and o != node]
        if near and rank > 0:
            x = sum(p[0] for p in near) / len(near)
            y = sum(p[1] for p in near) / len(near)
            jitter = spacing * (0.5 + (rank % 7) / 7)
            pos[node] = (x + jitter * math.cos(rank * golden),
                         y + jitter * math.sin(rank * golden))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _neighbours(graph: nx.MultiDiGraph, node: str) -> Iterable[str]:
    yield from graph.predecessors(node)
    yield from graph.successors(node)


def build_network(graph: nx.MultiDiGraph, ranked_nodes: list[str], *,
                  focus: str | None) -> Network:
    """A pyvis network of ``ranked_nodes`` (most connected first) and the edges
    between them, positioned by :func:`seed_positions`."""
    net = Network(directed=True, cdn_resources="remote")
    positions = seed_positions(graph, ranked_nodes)
    for node in ranked_nodes:
        options = node_options(graph, node, focus=focus)
        x, y = positions[node]
        net.add_node(node, x=x, y=y, **options)
    drawn = set(ranked_nodes)
    edges = sorted(((u, v, k, d) for u, v, k, d in
                    graph.edges(keys=True, data=True) if u in drawn and v in drawn),
                   key=lambda e: (str(e[0]), str(e[1]), e[2]))
    for u, v, key, data in edges:
        net.add_edge(u, v, **edge_options(key, data))  # vis numbers the edges
    return net
