"""From mentions to entities: one entity per thing per paper, with canonical name,
aliases, role, and one evidence item per mention."""

from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from kg.extract.mentions import Mention, outside, resolve_overlaps
from kg.extract.metrics import metric_canonical
from kg.extract.text import to_field, url_spans
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
            for name in (m.text, m.canonical, m.expansion):
                if name:
                    alias.setdefault(name_key(name), m.key)
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        key = m.key
        if not key:
            if alias:
                key = alias.get(name_key(m.text)) or alias.get(
                    name_key(m.canonical or "")) or name_key(m.canonical or m.text)
            else:  # no acronym in the paper: nothing to alias to
                key = name_key(m.canonical or m.text)
        group = groups.get(key)
        if group is None:
            groups[key] = [m]
        else:
            group.append(m)
    return sorted(groups.values(), key=_first_start)


def _first_start(group: list[Mention]) -> int:
    return group[0].start


def choose_canonical(group: list[Mention], kind: str) -> str:
    """Acronym when defined; else a gazetteer canonical; else the first surface."""
    for m in group:
        if m.key and m.canonical:
            return m.canonical
    best = group[0] if len(group) == 1 else \
        max(group, key=lambda m: (m.type == kind, m.priority, -m.start))
    name = best.canonical or group[0].text
    return _metric_name(name) if kind == "metric" else name


@lru_cache(maxsize=1 << 14)
def _metric_name(name: str) -> str:
    """A metric entity's canonical name: lower-case first letter unless the name
    is an acronym or holds "@" or two capitals. Cached: a pure function of the
    name, and metric names recur across papers."""
    name = metric_canonical(name)
    return name if _ACRONYM_OR_AT.search(name) or name[:1].isupper() and \
        name.isupper() else name[:1].lower() + name[1:] \
        if not _TWO_CAPITALS.search(name) else name


_ACRONYM_OR_AT = re.compile(r"[A-Z]{2}|@")
_TWO_CAPITALS = re.compile(r"[A-Z].*[A-Z]")


class _Sentences:
    """Sentence lookups for one paper: starts bisected once, and each sentence's
    string made once, so a paper's evidence items share their sentence objects
    (less to build, to keep and to pickle)."""

    def __init__(self, text: str, bounds: list[tuple[int, int]]) -> None:
        self.text = text
        self.bounds = bounds
        self.starts = [s for s, _ in bounds]
        self._strings: list[str | None] = [None] * len(bounds)

    def at(self, pos: int) -> str:
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            i = 0
        sentence = self._strings[i]
        if sentence is None:
            s, e = self.bounds[i]
            sentence = self._strings[i] = self.text[s:e]
        return sentence


def build_entity(group: list[Mention], text: str, title_len: int,
                 sentences: list[tuple[int, int]] | _Sentences) -> Entity:
    """One entity from its mentions.

    Runs once per entity of every paper, so the loop is written out: one pass
    over the mentions for names, evidence and role.
    """
    if not isinstance(sentences, _Sentences):
        sentences = _Sentences(text, sentences)
    if len(group) == 1:
        return _single_entity(group[0], title_len, sentences)
    kind = max(group, key=lambda m: (m.priority, -m.start)).type
    canonical = choose_canonical(group, kind)
    surfaces: list[str] = []
    expansion = None
    evidence = []
    proposed = False
    for m in group:
        name = m.text
        if name and name != canonical and name not in surfaces:
            surfaces.append(name)
        name = m.expansion
        if name and name != canonical and name not in surfaces:
            surfaces.append(name)
        expansion = expansion or name
        evidence.append(_evidence(m, title_len, sentences))
        proposed = proposed or m.proposed
    return Entity(type=kind, text=group[0].text, canonical=canonical,
                  aliases=surfaces, role=_role(kind, proposed), evidence=evidence,
                  expansion=expansion if expansion != canonical else None)


def _single_entity(m: Mention, title_len: int, sentences: _Sentences) -> Entity:
    """``build_entity`` of a one-mention group (half of all entities), without
    the loop: the same names, evidence and role."""
    canonical = choose_canonical([m], m.type)
    surfaces: list[str] = []
    name = m.text
    if name and name != canonical:
        surfaces.append(name)
    expansion = m.expansion
    if expansion and expansion != canonical and expansion not in surfaces:
        surfaces.append(expansion)
    return Entity(type=m.type, text=m.text, canonical=canonical, aliases=surfaces,
                  role=_role(m.type, m.proposed),
                  evidence=[_evidence(m, title_len, sentences)],
                  expansion=expansion if expansion != canonical else None)


def _evidence(m: Mention, title_len: int, sentences: _Sentences) -> Evidence:
    """The evidence of one mention, its offsets in its own field."""
    field, start, end = to_field(m.start, m.end, title_len)
    return Evidence(field, m.rule, start, end, sentences.at(m.start))


def _role(kind: str, proposed: bool) -> str | None:
    if kind not in ROLE_TYPES:
        return None
    return "proposed" if proposed else "used"


def find_variants(entities: list[Entity], known_bases: frozenset[str]
                  ) -> list[VariantLink]:
    """Method variants whose name contains a base method's name (Step-GRPO -> GRPO)."""
    methods = [e.canonical for e in entities if e.type == "method"]
    links = []
    for name in methods:
        inside = {b for b in methods if b in name}.union(_known_inside(name,
                                                                       known_bases))
        for base in sorted(inside):
            if base != name and len(base) >= 2 and _is_part(base, name):
                links.append(VariantLink(canonical=name, variant_of=base))
    return links


@lru_cache(maxsize=1 << 14)
def _known_inside(name: str, known_bases: frozenset[str]) -> frozenset[str]:
    """The known bases written inside ``name`` (cached: names recur across papers,
    and the known list is long)."""
    return frozenset(b for b in known_bases if b in name)


@lru_cache(maxsize=1 << 14)
def _is_part(base: str, name: str) -> bool:
    """``base`` stands as its own part of ``name`` (not inside a longer word: no
    ASCII letter or digit either side). A ``find`` loop, not a regex compiled per
    pair: new names make new pairs in every paper."""
    i = name.find(base)
    while i >= 0:
        j = i + len(base)
        if (i == 0 or name[i - 1] not in _ASCII_ALNUM) and \
                (j == len(name) or name[j] not in _ASCII_ALNUM):
            return True
        i = name.find(base, i + 1)
    return False


_ASCII_ALNUM = frozenset(string.ascii_letters + string.digits)


def assemble(text: str, title_len: int, mentions: list[Mention],
             sentences: list[tuple[int, int]]) -> list[Entity]:
    """Entities of one paper from all its candidate mentions, but those inside a
    web address."""
    kept = resolve_overlaps(outside(mentions, url_spans(text)))
    lookup = _Sentences(text, sentences)
    return [build_entity(g, text, title_len, lookup) for g in group_mentions(kept)]
