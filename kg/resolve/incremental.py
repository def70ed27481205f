"""Resolve the mentions of new papers against a stored resolution.

A full resolution (:func:`kg.resolve.resolve`) is a union-find over name keys plus
counts per key.  New papers only add unions and counts, so adding them needs only
the stored state of the keys their mentions name: :class:`StoredGrouping` loads
those on first use from a :class:`ResolutionSource` (the store's state database),
and :func:`add_papers` recomputes just the groups they touched.  An entity's id
comes from its group's member keys and its name and paper count from the members'
counts, so an untouched group's entity cannot change.

One thing a union-find cannot do is undo a union: when new definitions send an
acronym's bare name to another expansion than before, the stored group it was in
is taken apart and joined again from its papers' mentions (:func:`_regroup`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from kg.records import ExtractionRecord
from kg.resolve.grouping import (
    QUALIFIER,
    Grouping,
    KeyStats,
    UnionFind,
    add_mentions,
    chosen_expansion,
)
from kg.resolve.resolver import (
    Resolution,
    ResolvedEntity,
    build_entity,
    make_id,
    merged_stats,
    representative,
)


class ResolutionSource(Protocol):
    """Random access to a stored grouping (see :mod:`kg.stores.state_db`)."""

    def roots(self, keys: Iterable[str]) -> dict[str, str]:
        """Stored key -> its group's root, for the ``keys`` that are stored."""

    def members(self, roots: Iterable[str]) -> dict[str, list[str]]:
        """Root -> every stored key of its group."""

    def key_stats(self, keys: Iterable[str]) -> dict[str, KeyStats]:
        """The stored counts of the ``keys`` that are some mention's primary."""

    def definitions(self, acronyms: Iterable[str]) -> dict[str, dict[str, set[str]]]:
        """Acronym key -> expansion key -> papers defining it, where stored."""

    def group_entities(self, roots: Iterable[str]) -> dict[str, str]:
        """Root -> the id of the entity its group resolved to."""

    def records_of(self, ids: Iterable[str]) -> list[ExtractionRecord]:
        """The stored records of these papers."""

    def primaries(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Paper id -> the primary key of each of its mentions."""


class StoredUnionFind(UnionFind):
    """A union-find whose keys are loaded from the stored state when first found.

    ``stored_root`` remembers each loaded key's root as stored (None for a key no
    stored paper names), so the groups a change touched can be found afterwards.
    """

    def __init__(self, source: ResolutionSource) -> None:
        super().__init__()
        self.source = source
        self.stored_root: dict[str, str | None] = {}

    def find(self, item: str) -> str:
        if item not in self.parent:
            self._load(item)
        return super().find(item)

    def contains(self, item: str) -> bool:
        """Whether some paper, stored or new, names ``item``."""
        if item not in self.parent:
            root = self.source.roots([item]).get(item)
            if root is None:
                return False
            self._load(item)
        return True

    def _load(self, item: str) -> None:
        root = self.source.roots([item]).get(item)
        self.stored_root[item] = root
        parent = self.parent
        if root is None or root == item:
            parent[item] = item
            return
        if root not in parent:
            parent[root] = root
            self.stored_root[root] = root
        parent[item] = root


class _Loaded(dict):
    """A dict that fills a missing key from ``load`` (or ``make`` when not stored)."""

    def __init__(self, load: Callable[[str], object | None],
                 make: Callable[[], object]) -> None:
        super().__init__()
        self._load = load
        self._make = make

    def __missing__(self, key: str) -> object:
        value = self._load(key)
        if value is None:
            value = self._make()
        self[key] = value
        return value


def _expansions() -> defaultdict[str, set[str]]:
    return defaultdict(set)


class StoredGrouping(Grouping):
    """A :class:`Grouping` backed by the stored state: what new mentions name is
    loaded, everything else stays on disk."""

    def __init__(self, source: ResolutionSource) -> None:
        super().__init__(sets=StoredUnionFind(source))
        self.source = source
        self.stats = _Loaded(self._load_stats, KeyStats)
        self.definitions = _Loaded(self._load_definitions, _expansions)
        #: acronym key -> its qualified key as stored (loaded acronyms)
        self.stored_choice: dict[str, str] = {}

    def _load_stats(self, key: str) -> KeyStats | None:
        return self.source.key_stats([key]).get(key)

    def _load_definitions(self, acronym: str) -> defaultdict[str, set[str]] | None:
        stored = self.source.definitions([acronym]).get(acronym)
        if not stored:
            return None
        self.stored_choice[acronym] = f"{acronym}{QUALIFIER}{chosen_expansion(stored)}"
        out = _expansions()
        out.update(stored)
        return out

    def preload_stats(self, keys: Iterable[str]) -> None:
        """Load the stored counts of ``keys`` (so ``key in self.stats`` is true
        exactly for primaries, stored or new)."""
        missing = [k for k in keys if k not in self.stats]
        for key, stats in self.source.key_stats(missing).items():
            self.stats[key] = stats


@dataclass(slots=True)
class GroupChange:
    """One group the new papers touched: its keys, entity, and what it was."""

    root: str
    members: list[str]
    entity: ResolvedEntity
    #: the stored groups it is made of: stored root -> that group's entity id
    stored: dict[str, str] = field(default_factory=dict)
    #: stored root -> that group's stored keys
    stored_keys: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class Addition:
    """What adding papers changed in the resolution."""

    grouping: StoredGrouping
    groups: list[GroupChange]
    #: bare acronym key -> qualified key, where the choice is new or changed
    choices: dict[str, str]
    #: stored papers one of whose mentions may now resolve to another entity id
    relinked: set[str]


def add_papers(source: ResolutionSource, records: list[ExtractionRecord]
               ) -> Addition:
    """Resolve ``records`` (papers the store does not hold) against ``source``."""
    grouping = StoredGrouping(source)
    add_mentions(grouping, records)
    choices = _new_choices(grouping)
    regrouped = _regroup(grouping, records, choices)
    _join_acronyms(grouping)
    groups = _changed_groups(grouping)
    relinked = set(regrouped)
    for change in groups:
        for old_root, old_id in change.stored.items():
            if old_id != change.entity.id:
                relinked |= _papers_of(grouping, change.stored_keys[old_root])
    return Addition(grouping, groups, choices, relinked - {r.id for r in records})


def _new_choices(grouping: StoredGrouping) -> dict[str, str]:
    """Acronym key -> qualified key, for the acronyms the new papers define whose
    choice is new or differs from the stored one."""
    out = {}
    for acronym, expansions in sorted(grouping.definitions.items()):
        best = f"{acronym}{QUALIFIER}{chosen_expansion(expansions)}"
        if grouping.stored_choice.get(acronym) != best:
            out[acronym] = best
    return out


def _regroup(grouping: StoredGrouping, records: list[ExtractionRecord],
             choices: dict[str, str]) -> set[str]:
    """Undo the stored groups whose bare acronym now goes to another expansion,
    and join their keys again from their papers' mentions; returns those papers.

    A union-find cannot split a group, so the in-memory one goes back to the
    stored groups, with the keys of the undone ones on their own; their papers'
    mentions (the ones whose primary key is in them) and the new papers' are then
    joined again.  Counts are not touched: a paper votes once per key.
    """
    sets, source = grouping.sets, grouping.source
    changed = [a for a in choices if grouping.stored_choice.get(a) is not None]
    roots = set(source.roots(changed).values())
    if not roots:
        return set()
    undone = {k for keys in source.members(roots).values() for k in keys}
    for key in undone:
        sets.contains(key)  # loaded, so its stored root is remembered
    parent = sets.parent
    for key in list(parent):
        old = sets.stored_root.get(key)
        parent[key] = key if key in undone or old is None else old
    grouping.preload_stats(undone)
    papers = _papers_of(grouping, undone)
    primaries = source.primaries(papers)
    kept = grouping.mentions
    grouping.mentions = {}  # stored papers' mentions are not the new papers'
    add_mentions(grouping, [
        ExtractionRecord(r.paper, [e for e, key in zip(r.entities, primaries[r.id],
                                                        strict=True)
                                   if key in undone])
        for r in source.records_of(papers)])
    grouping.mentions = kept
    add_mentions(grouping, records)
    return papers


def _join_acronyms(grouping: StoredGrouping) -> None:
    """Join every bare acronym key in memory to its chosen expansion, as
    :func:`kg.resolve.grouping.choose_acronyms` does in a full build."""
    sets, definitions = grouping.sets, grouping.definitions
    for acronym, expansions in list(definitions.items()):
        if expansions:
            sets.contains(acronym)  # a stored bare key must be loaded to be joined
    unknown = [k for k in sets.parent if k not in definitions]
    for acronym, expansions in grouping.source.definitions(unknown).items():
        grouping.stored_choice[acronym] = (
            f"{acronym}{QUALIFIER}{chosen_expansion(expansions)}")
        definitions[acronym] = _expansions()
        definitions[acronym].update(expansions)
    for acronym, expansions in sorted(definitions.items()):
        if expansions:  # joined even when no paper writes it bare, as in a full build
            sets.union(f"{acronym}{QUALIFIER}{chosen_expansion(expansions)}", acronym)


def _changed_groups(grouping: StoredGrouping) -> list[GroupChange]:
    """Every group holding a key in memory, recomputed from all its members'
    counts (stored and new).  A group's members are its keys in memory plus the
    stored keys of the stored groups it took in that were never loaded."""
    sets, source = grouping.sets, grouping.source
    in_memory: dict[str, list[str]] = defaultdict(list)
    stored_roots: dict[str, set[str]] = defaultdict(set)
    for key in list(sets.parent):
        root = sets.find(key)
        in_memory[root].append(key)
        old = sets.stored_root.get(key)
        if old is not None:
            stored_roots[root].add(old)
    all_old = {old for olds in stored_roots.values() for old in olds}
    stored_members = source.members(all_old)
    old_ids = source.group_entities(all_old)
    parent = sets.parent
    changes = []
    for root in sorted(in_memory):
        olds = sorted(stored_roots.get(root, ()))
        members = sorted({*in_memory[root],
                          *(k for old in olds for k in stored_members[old]
                            if k not in parent)})
        grouping.preload_stats(members)
        etype = members[0].partition(":")[0]
        entity_id = make_id(representative(members, grouping.stats))
        entity = build_entity(entity_id, etype,
                              merged_stats(members, grouping.stats), members)
        changes.append(GroupChange(root, members, entity,
                                   {old: old_ids[old] for old in olds},
                                   {old: stored_members[old] for old in olds}))
    return changes


def _papers_of(grouping: StoredGrouping, keys: Iterable[str]) -> set[str]:
    """The papers whose mentions have one of ``keys`` as primary key."""
    papers: set[str] = set()
    stats = grouping.stats
    for key in keys:
        if key in stats:
            papers |= stats[key].papers
    return papers


def resolution_after(addition: Addition, entities: dict[str, ResolvedEntity],
                     keys: dict[str, str]) -> Resolution:
    """The whole resolution before lineage, from the stored one (``entities`` and
    ``keys``, both updated in place) and the groups ``addition`` changed."""
    for change in addition.groups:
        for old_id in change.stored.values():
            entities.pop(old_id, None)
    for change in addition.groups:
        entities[change.entity.id] = change.entity
        for key in change.members:
            keys[key] = change.entity.id
    stale = {old_id for change in addition.groups
             for old_id in change.stored.values()}
    members = {key for change in addition.groups for key in change.members}
    # Keys of a touched entity that are no group's member are the bare acronyms no
    # paper writes bare (kg.resolve.resolver.entities_of): they follow the choice.
    for key, entity_id in keys.items():
        if entity_id in stale and key not in members:
            qualified = (addition.choices.get(key)
                         or addition.grouping.stored_choice.get(key))
            if qualified is None:
                qualified = _stored_choice(addition.grouping, key)
            keys[key] = keys[qualified]
    for acronym, qualified in addition.choices.items():
        if acronym not in members:
            keys[acronym] = keys[qualified]
    return Resolution(entities=entities, keys=keys)


def _stored_choice(grouping: StoredGrouping, acronym: str) -> str:
    grouping.definitions[acronym]  # noqa: B018 - loads it and its stored choice
    return grouping.stored_choice[acronym]
