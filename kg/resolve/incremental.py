"""Resolve the mentions of new papers against a stored resolution.

A full resolution (:func:`kg.resolve.resolve`) is a union-find over name keys plus
counts per key.  New papers only add unions and counts, so adding them needs only
the stored state of the keys their mentions name: :class:`StoredGrouping` loads
those on first use from a :class:`ResolutionSource` (the store's state database),
and :func:`add_papers` recomputes just the groups they touched.  An entity's id
comes from its group's member keys and its name and paper count from the members'
counts, so an untouched group's entity cannot change.

One thing a union-find cannot do is undo a union: when new definitions make an
acronym's bare name go to another expansion than before, :class:`NeedsFullBuild`
is raised and the caller resolves everything again.
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


class NeedsFullBuild(Exception):
    """The new papers change the resolution in a way only a full build can."""


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
        #: acronym key -> its chosen expansion key as stored (loaded acronyms)
        self.stored_choice: dict[str, str] = {}

    def _load_stats(self, key: str) -> KeyStats | None:
        return self.source.key_stats([key]).get(key)

    def _load_definitions(self, acronym: str) -> defaultdict[str, set[str]] | None:
        stored = self.source.definitions([acronym]).get(acronym)
        if not stored:
            return None
        self.stored_choice[acronym] = chosen_expansion(stored)
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
    #: bare acronym key -> qualified key, for acronyms first defined now
    new_choices: dict[str, str]
    #: stored entity id -> the id its mentions now resolve to (ids that changed)
    renamed: dict[str, str]
    #: stored papers one of whose mentions now resolves to another entity id
    relinked: set[str]


def add_papers(source: ResolutionSource, records: list[ExtractionRecord]
               ) -> Addition:
    """Resolve ``records`` (papers the store does not hold) against ``source``."""
    grouping = StoredGrouping(source)
    add_mentions(grouping, records)
    new_choices = _choose_acronyms(grouping)
    groups = _changed_groups(grouping)
    renamed: dict[str, str] = {}
    relinked: set[str] = set()
    new_papers = {r.id for r in records}
    for change in groups:
        for old_root, old_id in change.stored.items():
            if old_id == change.entity.id:
                continue
            renamed[old_id] = change.entity.id
            relinked |= _papers_of(grouping, change.stored_keys[old_root])
    return Addition(grouping, groups, new_choices, renamed, relinked - new_papers)


def _choose_acronyms(grouping: StoredGrouping) -> dict[str, str]:
    """Join bare acronym keys to their chosen expansion as a full build would;
    returns the choices of acronyms no stored paper defined."""
    sets = grouping.sets
    new_choices: dict[str, str] = {}
    for acronym, expansions in sorted(grouping.definitions.items()):
        best = chosen_expansion(expansions)
        stored = grouping.stored_choice.get(acronym)
        if stored is not None and stored != best:
            raise NeedsFullBuild(f"the acronym {acronym!r} now resolves to another "
                                 "expansion")
        if stored is None:
            new_choices[acronym] = f"{acronym}{QUALIFIER}{best}"
    # A stored choice joins a bare key only a new paper writes; a new choice joins
    # the bare key wherever it is written.
    for key in [k for k, root in sets.stored_root.items() if root is None]:
        if key not in grouping.definitions and not grouping.source.definitions([key]):
            continue
        expansions = grouping.definitions[key]
        sets.union(f"{key}{QUALIFIER}{chosen_expansion(expansions)}", key)
    for acronym, qualified in new_choices.items():
        if sets.contains(acronym):
            sets.union(qualified, acronym)
    return new_choices


def _changed_groups(grouping: StoredGrouping) -> list[GroupChange]:
    """Every group holding a key the new papers named, recomputed from all its
    members' counts (stored and new)."""
    sets, source = grouping.sets, grouping.source
    stored_roots: dict[str, set[str]] = defaultdict(set)
    new_keys: dict[str, list[str]] = defaultdict(list)
    for key in list(sets.parent):
        root = sets.find(key)
        old = sets.stored_root.get(key)
        if old is None:
            new_keys[root].append(key)
        else:
            stored_roots[root].add(old)
    all_old = {old for olds in stored_roots.values() for old in olds}
    stored_members = source.members(all_old)
    old_ids = source.group_entities(all_old)
    changes = []
    for root in sorted(set(stored_roots) | set(new_keys)):
        olds = sorted(stored_roots.get(root, ()))
        members = sorted({*new_keys.get(root, ()),
                          *(k for old in olds for k in stored_members[old])})
        grouping.preload_stats(members)
        etype = members[0].partition(":")[0]
        entity_id = make_id(representative(members, grouping.stats))
        entity = build_entity(entity_id, etype,
                              merged_stats(members, grouping.stats))
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
    renamed = addition.renamed
    if renamed:  # bare acronyms sent to a group whose id changed
        for key, entity_id in keys.items():
            if entity_id in renamed:
                keys[key] = renamed[entity_id]
    for acronym, qualified in addition.new_choices.items():
        keys.setdefault(acronym, keys[qualified])
    return Resolution(entities=entities, keys=keys)

