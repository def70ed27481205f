"""From mentions to entities: one entity per thing per paper, with canonical name,
aliases, role, and one evidence item per mention."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from kg.extract.mentions import Mention, resolve_overlaps
from kg.extract.metrics import metric_canonical
from kg.extract.text import sentence_at, to_field
from kg.records import ROLE_TYPES, Entity, Evidence, VariantLink

_JOINERS = re.compile(r"[\s\-_‐–—]+")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Names that the scorer (and a reader) treat as the same: case, spaces,
    hyphens, one final plural s.

    Cached: a paper asks for the same few names many times (every mention, its
    canonical and expansion), and the same names recur across papers.
    """
    s = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
    s = _JOINERS.sub("", s)
    return s[:-1] if len(s) > 4 and s.endswith("s") else s


def group_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of the same entity together, in order of first mention."""
    alias: dict[str, str] = {}
    for m in mentions:
        if m.key:
            for name in (m.text, m.canonical or "", m.expansion or ""):
                if name:
                    alias.setdefault(name_key(name), m.key)
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        key = m.key or alias.get(name_key(m.text)) or alias.get(
            name_key(m.canonical or "")) or name_key(m.canonical or m.text)
        groups[key].append(m)
    return sorted(groups.values(), key=lambda g: g[0].start)


def choose_canonical(group: list[Mention], kind: str) -> str:
    """Acronym when defined; else a gazetteer canonical; else the first surface."""
    for m in group:
        if m.key and m.canonical:
            return m.canonical
    best = max(group, key=lambda m: (m.type == kind, m.priority, -m.start))
    name = best.canonical or group[0].text
    if kind == "metric":
        name = metric_canonical(name)
        return name if re.search(r"[A-Z]{2}|@", name) or name[:1].isupper() and \
            name.isupper() else name[:1].lower() + name[1:] \
            if not re.search(r"[A-Z].*[A-Z]", name) else name
    return name


def build_entity(group: list[Mention], text: str, title_len: int,
                 sentences: list[tuple[int, int]]) -> Entity:
    """One entity from its mentions."""
    kind = max(group, key=lambda m: (m.priority, -m.start)).type
    canonical = choose_canonical(group, kind)
    surfaces: list[str] = []
    expansion = None
    for m in group:
        for name in (m.text, m.expansion):
            if name and name != canonical and name not in surfaces:
                surfaces.append(name)
        expansion = expansion or m.expansion
    evidence = []
    for m in group:
        field, start, end = to_field(m.start, m.end, title_len)
        s, e = sentence_at(sentences, m.start)
        evidence.append(Evidence(field=field, start=start, end=end,
                                 sentence=text[s:e], rule=m.rule))
    role = None
    if kind in ROLE_TYPES:
        role = "proposed" if any(m.proposed for m in group) else "used"
    return Entity(type=kind, text=group[0].text, canonical=canonical,
                  aliases=surfaces, role=role, evidence=evidence,
                  expansion=expansion if expansion != canonical else None)


def find_variants(entities: list[Entity], known_bases: frozenset[str]
                  ) -> list[VariantLink]:
    """Method variants whose name contains a base method's name (Step-GRPO -> GRPO)."""
    bases = {e.canonical for e in entities if e.type == "method"} | known_bases
    links = []
    for e in entities:
        if e.type != "method":
            continue
        for base in sorted(b for b in bases if b in e.canonical):
            if base != e.canonical and len(base) >= 2 and re.search(
                    r"(?<![A-Za-z0-9])" + re.escape(base) + r"(?![A-Za-z0-9])",
                    e.canonical):
                links.append(VariantLink(canonical=e.canonical, variant_of=base))
    return links


def assemble(text: str, title_len: int, mentions: list[Mention],
             sentences: list[tuple[int, int]]) -> list[Entity]:
    """Entities of one paper from all its candidate mentions."""
    kept = resolve_overlaps(mentions)
    return [build_entity(g, text, title_len, sentences) for g in group_mentions(kept)]
