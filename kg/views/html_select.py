"""Which nodes the explorer draws: the most connected, or one entity's neighbourhood.

A browser stays responsive up to about two thousand nodes, and a reader looking for
one method wants its neighbourhood, not the whole corpus.  Every choice here is
deterministic (ties broken by node id) so that the same graph always gives the same
page.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable

import networkx as nx

from kg.errors import GraphError

#: relationship that links a variant to its base (Step-GRPO -> GRPO)
LINEAGE = "VARIANT_OF"


def connection_count(graph: nx.MultiDiGraph, node: str) -> int:
    """Relationships touching ``node`` (in + out, each relationship counted once)."""
    return graph.in_degree(node) + graph.out_degree(node)


def rank_nodes(graph: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    """``nodes`` from most to least connected; ties by node id: a fixed order."""
    return sorted(nodes, key=lambda n: (-connection_count(graph, n), str(n)))


def _linked(graph: nx.MultiDiGraph, node: str, kept: set[str]) -> bool:
    return any(other in kept and other != node
               for other in (*graph.predecessors(node), *graph.successors(node)))


def most_connected(graph: nx.MultiDiGraph, max_nodes: int) -> set[str]:
    """The ``max_nodes`` most connected nodes of ``graph`` (all of them if fewer).

    A kept node none of whose neighbours is kept (a paper whose ten keywords no other
    paper shares) would float alone on the page: it gives its place to the next most
    connected node that links to the rest, so the view is one picture, not confetti.
    """
    if max_nodes < 0:
        raise ValueError(f"max_nodes must be >= 0, not {max_nodes}")
    ranked = rank_nodes(graph, graph.nodes)
    kept = set(ranked[:max_nodes])
    adrift = [n for n in ranked[:max_nodes]
              if connection_count(graph, n) and not _linked(graph, n, kept)]
    anchored = kept - set(adrift)
    newcomers = []
    for node in ranked[max_nodes:]:
        if len(newcomers) == len(adrift):
            break
        if _linked(graph, node, anchored):
            newcomers.append(node)
    dropped = adrift[len(adrift) - len(newcomers):]
    return (kept - set(dropped)) | set(newcomers)


def _names(data: dict) -> list[str]:
    """The names a reader may type for a node: name, aliases, and a paper's title."""
    names = [data.get("name"), data.get("title"), *(data.get("aliases") or [])]
    return [n for n in names if isinstance(n, str) and n.strip()]


def find_node(graph: nx.MultiDiGraph, query: str) -> str:
    """The node id that ``query`` names: a node id, or a name/alias in any case.

    When several nodes carry the name (a method and a model both called "GRPO"), the
    one that appears in most papers wins, then the most connected, then the smallest
    id.  An unknown name raises :class:`GraphError` listing the closest names.
    """
    if query in graph:
        return query
    wanted = query.strip().casefold()
    hits = [node for node, data in graph.nodes(data=True)
            if any(name.casefold() == wanted for name in _names(data))]
    if hits:
        return min(hits, key=lambda n: (-(graph.nodes[n].get("papers") or 0),
                                        -connection_count(graph, n), str(n)))
    raise GraphError(unknown_focus_message(graph, query))


def unknown_focus_message(graph: nx.MultiDiGraph, query: str) -> str:
    """'no node named X; did you mean A, B, C?' with the closest names in the graph."""
    by_folded: dict[str, str] = {}
    for _, data in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        for name in _names(data):
            by_folded.setdefault(name.casefold(), name)
    close = difflib.get_close_matches(query.casefold(), list(by_folded), n=5,
                                      cutoff=0.6)
    close += [folded for folded in sorted(by_folded)
              if query.casefold() in folded and folded not in close][: 5 - len(close)]
    message = f"no node named {query!r} in the graph"
    if close:
        message += "; did you mean " + ", ".join(repr(by_folded[c]) for c in close)
        message += "?"
    return message


def _lineage_links(graph: nx.MultiDiGraph, node: str, *, to_base: bool) -> list[str]:
    """Nodes one VARIANT_OF step from ``node``: its bases or its variants."""
    if to_base:
        return [v for _, v, key in graph.out_edges(node, keys=True) if key == LINEAGE]
    return [u for u, _, key in graph.in_edges(node, keys=True) if key == LINEAGE]


def lineage_family(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """``node``, every variant derived from it and every base it derives from.

    Siblings (other variants of a shared base) are left out: asking for
    Qwen2.5-7B should not draw every Qwen2.5 model.
    """
    family = {node}
    for to_base in (True, False):
        queue = deque([node])
        while queue:
            for other in _lineage_links(graph, queue.popleft(), to_base=to_base):
                if other not in family:
                    family.add(other)
                    queue.append(other)
    return family


def distances_from(graph: nx.MultiDiGraph, sources: set[str], hops: int
                   ) -> dict[str, int]:
    """Undirected hop distance from ``sources`` for every node within ``hops``."""
    distance = dict.fromkeys(sources, 0)
    queue = deque(sorted(sources, key=str))
    while queue:
        current = queue.popleft()
        if distance[current] >= hops:
            continue
        neighbours = set(graph.predecessors(current)) | set(graph.successors(current))
        for other in sorted(neighbours, key=str):
            if other not in distance:
                distance[other] = distance[current] + 1
                queue.append(other)
    return distance


def neighbourhood(graph: nx.MultiDiGraph, focus: str, hops: int) -> dict[str, int]:
    """Nodes to draw around ``focus`` with their distance from it.

    The focus counts together with its variants and bases (GRPO brings Step-GRPO),
    then everything within ``hops`` of them.  A paper that is drawn also brings what
    it links to (its benchmarks, models, organization), one step past the hop limit,
    because a paper without its context answers nothing.
    """
    if hops < 0:
        raise ValueError(f"hops must be >= 0, not {hops}")
    distance = distances_from(graph, lineage_family(graph, focus), hops)
    papers = [n for n in distance if graph.nodes[n].get("label") == "Paper"]
    for paper in sorted(papers, key=str):
        for target in sorted(graph.successors(paper), key=str):
            distance.setdefault(target, distance[paper] + 1)
    return distance


def select_nodes(graph: nx.MultiDiGraph, *, max_nodes: int, focus: str | None,
                 hops: int) -> tuple[set[str], str | None]:
    """The node ids to draw and the focus node id (None without a focus).

    With a focus, the closest nodes are kept first when the neighbourhood is larger
    than ``max_nodes``; otherwise the most connected nodes are kept.
    """
    if focus is None:
        return most_connected(graph, max_nodes), None
    focus_id = find_node(graph, focus)
    distance = neighbourhood(graph, focus_id, hops)
    order = sorted(distance, key=lambda n: (distance[n], -connection_count(graph, n),
                                            str(n)))
    return set(order[:max(max_nodes, 1)]), focus_id
