"""Measure how well a graph keeps one node per entity: the identity report.

Per label it counts the nodes, the groups of nodes sharing a normalised display
name, the names or aliases that more than one node holds, and the aliases that are
a bare size or number ("70B", "8x7B", "2024").  A name is normalised with the
label's matching key (:func:`kg.resolve.keys.typed_key`): the key look-ups use, so
two nodes sharing one are two answers to one question.

Used by ``scripts/identity_report.py`` on a built graph and by the tests on a
:class:`kg.resolve.Resolution`.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.resolve.keys import is_bare_size, typed_key

if TYPE_CHECKING:
    from kg.resolve.resolver import Resolution

#: labels whose names are typed like this (the key rules of kg.resolve.keys)
_ETYPES = {"Method": "method", "Benchmark": "benchmark", "Model": "model",
           "Organization": "organization", "Metric": "metric", "Concept": "concept"}


@dataclass(frozen=True, slots=True)
class Node:
    """What the report needs of a node."""

    id: str
    label: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class LabelReport:
    nodes: int = 0
    #: normalised display name -> the ids of the nodes it names (two or more)
    duplicate_names: dict[str, list[str]] = field(default_factory=dict)
    #: normalised name or alias -> the ids holding it (two or more)
    shared_names: dict[str, list[str]] = field(default_factory=dict)
    #: (node id, alias) for every alias that is a bare size or number
    size_aliases: list[tuple[str, str]] = field(default_factory=list)


def normalised(label: str, name: str) -> str:
    """The label's matching key of ``name`` (the default normalisation)."""
    return typed_key(_ETYPES.get(label, label.casefold()), name)


def scorer_normalised(_label: str, name: str) -> str:
    """The reference scorer's cruder normalisation (data/README.md): NFKC, lower
    case, no spaces, hyphens or underscores, one final "s" off names over four
    characters ("CTRL-S" is "ctrl", as CTRL)."""
    out = unicodedata.normalize("NFKC", name).lower()
    for char in " -_":
        out = out.replace(char, "")
    return out[:-1] if len(out) > 4 and out.endswith("s") else out


def identity_report(nodes: Iterable[Node],
                    normalise: Callable[[str, str], str] = normalised
                    ) -> dict[str, LabelReport]:
    """Label -> its :class:`LabelReport`, for entity nodes (Paper nodes are skipped);
    ``normalise(label, name)`` says which names are the same."""
    out: dict[str, LabelReport] = defaultdict(LabelReport)
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for node in nodes:
        if node.label not in _ETYPES:
            continue
        report = out[node.label]
        report.nodes += 1
        by_name[(node.label, normalise(node.label, node.name))].append(node.id)
        for form in (node.name, *node.aliases):
            holders[(node.label, normalise(node.label, form))].add(node.id)
        report.size_aliases.extend((node.id, a) for a in node.aliases
                                   if is_bare_size(a))
    for (label, key), ids in by_name.items():
        if len(ids) > 1:
            out[label].duplicate_names[key] = sorted(ids)
    for (label, key), ids in holders.items():
        if len(ids) > 1:
            out[label].shared_names[key] = sorted(ids)
    return dict(sorted(out.items()))


def resolution_nodes(resolution: Resolution) -> list[Node]:
    """The nodes of a :class:`kg.resolve.Resolution`."""
    return [Node(e.id, e.label, e.name, tuple(e.aliases))
            for e in resolution.entities.values()]


Row = tuple[str, int, int, int, int]


def summary_rows(report: dict[str, LabelReport]) -> list[Row]:
    """``(label, nodes, duplicate-name groups, shared names, size aliases)`` rows,
    with a ``total`` row last."""
    rows = [(label, r.nodes, len(r.duplicate_names), len(r.shared_names),
             len(r.size_aliases)) for label, r in report.items()]
    total = ("total", *(sum(row[i] for row in rows) for i in range(1, 5)))
    return [*rows, total]  # type: ignore[list-item]
