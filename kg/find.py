"""``kg find NAME``: a name looked up through the names and aliases of the graph's
entities, normalised as the resolver keys them (case, spacing and hyphens do not
matter: ``GSM-8K`` finds GSM8K), with did-you-mean suggestions when none matches.

It reads every entity's name and aliases with one plain query per label, so it runs
on every store (embedded, Neo4j, FalkorDB).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from kg.graph.schema import load_schema
from kg.resolve.keys import name_key

#: How many did-you-mean suggestions are given.
SUGGESTIONS = 5


@dataclass(slots=True)
class Found:
    """One node a name matched."""

    id: str
    label: str
    name: str
    aliases: list[str] = field(default_factory=list)
    papers: int = 0
    matched: str = ""  # the name or alias that matched


@dataclass(slots=True)
class FindResult:
    matches: list[Found]
    suggestions: list[Found]


def _entities(store: Any, label: str | None) -> list[Found]:
    found = []
    for name, props in sorted(load_schema().labels.items()):
        if "name" not in props or (label and name.lower() != label.lower()):
            continue
        aliases = "n.aliases" if "aliases" in props else "[]"
        papers = "n.papers" if "papers" in props else "0"
        rows = store.query(f"MATCH (n:{name}) RETURN n.id AS id, n.name AS name, "
                           f"{aliases} AS aliases, {papers} AS papers").rows
        found += [Found(node_id, name, node_name or "", list(node_aliases or []),
                        int(node_papers or 0))
                  for node_id, node_name, node_aliases, node_papers in rows]
    return found


def find(store: Any, text: str, *, label: str | None = None) -> FindResult:
    """The nodes whose name or an alias has the key of ``text`` (most papers first),
    or, when none has, the nearest names by key."""
    key = name_key(text)
    entities = _entities(store, label)
    matches = []
    by_key: dict[str, list[Found]] = {}
    for entity in entities:
        for name in [entity.name, *entity.aliases]:
            name_k = name_key(name)
            by_key.setdefault(name_k, []).append(entity)
            if name_k == key and not entity.matched:
                entity.matched = name
                matches.append(entity)
    matches.sort(key=lambda e: (-e.papers, e.label, e.name))
    if matches:
        return FindResult(matches, [])
    close = difflib.get_close_matches(key, list(by_key), n=SUGGESTIONS * 2,
                                      cutoff=0.6)
    seen: dict[str, Found] = {}
    for close_key in close:
        for entity in by_key[close_key]:
            seen.setdefault(entity.id, entity)
    return FindResult([], list(seen.values())[:SUGGESTIONS])
