"""Group entity mentions of all papers into canonical entities.

A mention's key is its type plus :func:`kg.resolve.keys.name_key` of its canonical
name; an acronym that a paper defines is keyed by its expansion too, so homonymous
acronyms (two different EPOs) stay two entities.  The display ``name`` is the surface
form written most often; every other form is an alias.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.graph.schema import TYPE_TO_LABEL
from kg.records import ExtractionRecord
from kg.resolve.keys import name_key, slug


@dataclass(slots=True)
class ResolvedEntity:
    id: str
    label: str
    name: str
    aliases: list[str]
    papers: int


@dataclass(slots=True, frozen=True)
class Lineage:
    source: str
    target: str
    type: str  # VARIANT_OF | DEVELOPED_BY
    rule: str


@dataclass(slots=True)
class Resolution:
    entities: dict[str, ResolvedEntity] = field(default_factory=dict)
    #: (paper id, index of the entity in its record) -> entity id
    mentions: dict[tuple[str, int], str] = field(default_factory=dict)
    lineage: list[Lineage] = field(default_factory=list)


def entity_key(etype: str, canonical: str, expansion: str | None) -> str:
    key = f"{etype}:{name_key(canonical)}"
    return f"{key}|{name_key(expansion)}" if expansion else key


def entity_id(etype: str, canonical: str, expansion: str | None) -> str:
    base = f"{etype}:{slug(canonical)}"
    return f"{base}~{slug(expansion)}" if expansion else base


def resolve(records: Iterable[ExtractionRecord]) -> Resolution:
    """Resolve every entity of ``records``; deterministic for the same input set."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    papers: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, str, str | None]] = {}
    mention_keys: dict[tuple[str, int], str] = {}
    variant_pairs: set[tuple[str, str, str]] = set()
    base_names: dict[str, str] = {}
    for record in sorted(records, key=lambda r: r.id):
        by_canonical: dict[tuple[str, str], str] = {}
        for index, ent in enumerate(record.entities):
            key = entity_key(ent.type, ent.canonical, ent.expansion)
            first.setdefault(key, (ent.type, ent.canonical, ent.expansion))
            forms[key][ent.canonical] += 1
            for alias in [ent.text, *ent.aliases]:
                forms[key][alias] += 0
            papers[key].add(record.id)
            mention_keys[(record.id, index)] = key
            by_canonical[(ent.type, ent.canonical)] = key
        for link in record.variant_of:
            for etype in ("method", "model"):
                src = by_canonical.get((etype, link.canonical))
                if src is None:
                    continue
                dst = by_canonical.get((etype, link.variant_of))
                if dst is None:
                    dst = entity_key(etype, link.variant_of, None)
                    base_names.setdefault(dst, link.variant_of)
                variant_pairs.add((src, dst, etype))
    ids = {key: entity_id(*first[key]) for key in first}
    out = Resolution()
    for key, counter in forms.items():
        etype = first[key][0]
        name = max(counter, key=lambda f: (counter[f], f))
        aliases = sorted({f for f in counter if f != name})
        out.entities[ids[key]] = ResolvedEntity(
            ids[key], TYPE_TO_LABEL[etype], name, aliases, len(papers[key]))
    out.mentions = {m: ids[key] for m, key in mention_keys.items()}
    for src, dst, etype in sorted(variant_pairs):
        if dst not in ids:  # the base is named only inside the variant's name
            ids[dst] = entity_id(etype, base_names[dst], None)
            out.entities[ids[dst]] = ResolvedEntity(
                ids[dst], TYPE_TO_LABEL[etype], base_names[dst], [], 0)
        out.lineage.append(Lineage(ids[src], ids[dst], "VARIANT_OF", "variant_of"))
    return out
