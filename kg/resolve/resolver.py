"""Resolve entity mentions of all papers into canonical entities and their lineage.

:func:`resolve` groups mentions (:mod:`kg.resolve.grouping`), names each group after
the form authors write most, then adds lineage (:mod:`kg.resolve.lineage`).  Ids are
``<type>:<key>`` of a representative key chosen without counts (an acronym's
qualified key first, else the shortest canonical key), so they do not depend on the
order of the input, and the same key always gives the same id: an organization that
only the Epoch gazetteer names gets the id an extracted one would get.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.gcpause import gc_paused
from kg.records import ExtractionRecord
from kg.resolve import acronyms, senses
from kg.resolve import keys as name_keys
from kg.resolve.grouping import QUALIFIER, Grouping, KeyStats, group_records, members
from kg.resolve.keys import clean_text, has_role_word, prefixed_key, typed_key

if TYPE_CHECKING:
    from kg.resolve.curation import Curation

_LABELS = {
    "method": "Method", "benchmark": "Benchmark", "model": "Model",
    "organization": "Organization", "metric": "Metric", "concept": "Concept",
}


@dataclass(slots=True)
class ResolvedEntity:
    id: str
    label: str
    name: str
    aliases: list[str]
    papers: int
    #: the long form, for an acronym some paper defines (tells homonyms apart)
    expansion: str | None = None


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
    #: typed key ("model:qwen2.5_7b") -> entity id, for every name of every entity
    keys: dict[str, str] = field(default_factory=dict)

    def lookup(self, etype: str, name: str) -> str | None:
        """The id of the ``etype`` entity that ``name`` names, if any."""
        return self.keys.get(f"{etype}:{typed_key(etype, name)}")

    def ensure(self, etype: str, name: str) -> str:
        """The id of ``name``, creating an entity no paper mentions (papers = 0).

        An existing entity is never replaced (two keys can fold into one id): an
        addition's diff (:mod:`kg.stores.increment`) relies on lineage leaving
        the entities papers name as they were.
        """
        found = self.lookup(etype, name)
        if found:
            return found
        typed = f"{etype}:{typed_key(etype, name)}"
        entity_id = make_id(typed)
        if entity_id not in self.entities:  # ids fold "_" into "-": never replace
            self.entities[entity_id] = ResolvedEntity(
                entity_id, _LABELS[etype], clean_text(name), [], 0)
        self.keys[typed] = entity_id
        return entity_id


def make_id(typed_key_: str) -> str:
    """``type:key``, the number boundary ``_`` shown as ``-``: model:qwen2.5-7b."""
    return typed_key_.replace("_", "-")


def representative(keys: list[str], primaries: Iterable[str]) -> str:
    """The key a group's id comes from: qualified acronym keys first, then shortest."""
    if len(keys) == 1:
        return keys[0]
    candidates = [k for k in keys if k in primaries] or keys
    return min(candidates, key=lambda k: (QUALIFIER not in k, len(k), k))


def merged_stats(keys: list[str], stats: dict[str, KeyStats]) -> KeyStats:
    """The statistics of a group's keys together: the one key's own (not copied;
    nothing changes them) when only one key of the group is some mention's primary."""
    parts = [stats[key] for key in keys if key in stats]
    if len(parts) == 1:
        return parts[0]
    out = KeyStats()
    for part in parts:
        _add_counts(out.written, part.written)
        _add_counts(out.canonical, part.canonical)
        out.other |= part.other
        _add_counts(out.expansions, part.expansions)
        out.papers |= part.papers
    return out


def _add_counts(total: dict[str, int], part: dict[str, int]) -> None:
    for form, count in part.items():
        total[form] = total.get(form, 0) + count


def display_name(stats: KeyStats) -> str:
    """Most written (+ canonical) form; ties: canonical, not all lower case, sorted."""
    return _by_votes(stats)[0]


def _by_votes(stats: KeyStats) -> list[str]:
    """The written and canonical forms, best display name first."""
    votes = dict(stats.written)
    _add_counts(votes, stats.canonical)
    canonical = stats.canonical
    return sorted(votes, key=lambda f: (-votes[f], -canonical.get(f, 0),
                                        f.islower(), f))


def build_entity(entity_id: str, etype: str, stats: KeyStats,
                 members: Iterable[str] | None = None) -> ResolvedEntity:
    """The entity of a group with ``stats``; with the group's ``members`` (typed
    keys), every name of it keys into the group (:func:`name_keys_into`)."""
    expansion = _top(stats.expansions)
    forms = stats.other.union(stats.written, stats.canonical)
    if expansion:
        forms.add(expansion)
    if members is None:
        name = display_name(stats)
    else:
        own = set(members)
        forms = {f for f in forms if name_keys_into(etype, f, own)
                 and not has_role_word(etype, f)}
        name = _own_name(etype, stats, expansion, own) or display_name(stats)
    forms.discard(name)
    return ResolvedEntity(entity_id, _LABELS[etype], name, sorted(forms),
                          len(stats.papers), expansion)


def name_keys_into(etype: str, name: str, members: set[str]) -> bool:
    """Whether ``name`` is a key of the group: a name another group holds (the bare
    acronym of a minority sense, "SVD" for stable video diffusion when most papers
    mean singular value decomposition) would make a look-up by it ambiguous."""
    return prefixed_key(etype, name) in members


def _own_name(etype: str, stats: KeyStats, expansion: str | None,
              members: set[str]) -> str | None:
    """The best-voted form that keys into the group (a role word is no part of a
    name); for a minority sense of an acronym, whose written forms are the bare
    acronym, its long form."""
    best = [f for f in _by_votes(stats) if not has_role_word(etype, f)]
    if best and name_keys_into(etype, best[0], members):
        return best[0]
    if expansion and name_keys_into(etype, expansion, members):
        return expansion
    return next((f for f in best if name_keys_into(etype, f, members)), None)


def _top(counts: dict[str, int]) -> str | None:
    return min(counts, key=lambda f: (-counts[f], f)) if counts else None


def entities_of(grouping: Grouping) -> Resolution:
    """One entity per group, every member key indexed to it."""
    out = Resolution()
    for _, keys in members(grouping):
        etype = keys[0].partition(":")[0]
        entity_id = make_id(representative(keys, grouping.stats))
        out.entities[entity_id] = build_entity(
            entity_id, etype, merged_stats(keys, grouping.stats), keys)
        for key in keys:
            out.keys[key] = entity_id
    for acronym_key, qualified in grouping.acronym_choice.items():
        out.keys.setdefault(acronym_key, out.keys[qualified])
    out.mentions = {m: out.keys[key] for m, key in grouping.mentions.items()}
    return out


def resolve(records: Iterable[ExtractionRecord]) -> Resolution:
    """Resolve every entity of ``records``; the same input set gives the same output."""
    return _resolved(list(records), keep_state=False).resolution


@dataclass(slots=True)
class FullResolution:
    """A resolution with what a store keeps to add papers to it later
    (:mod:`kg.resolve.incremental`); the state fields are empty unless asked for."""

    resolution: Resolution
    grouping: Grouping | None = None
    #: each entity before lineage added aliases (id -> a copy)
    before_lineage: dict[str, ResolvedEntity] = field(default_factory=dict)
    #: typed key -> entity id before lineage added keys
    keys_before_lineage: dict[str, str] = field(default_factory=dict)
    #: a curation file was applied (:mod:`kg.resolve.curation`)
    curated: bool = False


def resolve_full(records: list[ExtractionRecord],
                 curation: Curation | None = None) -> FullResolution:
    """:func:`resolve`, keeping the grouping and the resolution before lineage;
    ``curation`` corrects the result (after lineage)."""
    return _resolved(records, keep_state=True, curation=curation)


def _resolved(records: list[ExtractionRecord], *, keep_state: bool,
              curation: Curation | None = None) -> FullResolution:
    from kg.resolve.lineage import add_lineage  # lineage imports this module

    try:
        with gc_paused():
            grouping = group_records(records)
            resolution = entities_of(grouping)
            out = FullResolution(resolution)
            if keep_state:
                out.grouping = grouping
                out.before_lineage = {
                    i: ResolvedEntity(e.id, e.label, e.name, e.aliases, e.papers,
                                      e.expansion)
                    for i, e in resolution.entities.items()}
                out.keys_before_lineage = dict(resolution.keys)
            add_lineage(resolution, records)
            if curation is not None:
                curation.apply(resolution, grouping.mentions, grouping.stats,
                               records)
                out.curated = True
    finally:
        clear_name_caches()
    return out


def clear_name_caches() -> None:
    """Empty the per-name caches of key making and acronym matching.

    They pay off within one resolution, where names repeat paper after paper;
    kept afterwards they would hold some 100 MB for 75k papers, scattered among
    the objects a build frees next, so that memory could not go back to the system
    before the database load needs it.
    """
    name_keys.clear_caches()
    acronyms.clear_caches()
    senses.clear_caches()
