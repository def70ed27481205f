"""Group the mentions of all papers into entities: keys, union-find, acronyms.

Every name of a mention (canonical, text, aliases, the spans its evidence points at,
an organization's HF handle) is keyed with :func:`kg.resolve.keys.typed_key`, and the
keys of one mention are joined with a union-find: a name written anywhere links its
entity everywhere.  An acronym that a mention defines is keyed by acronym *and*
expansion ("epo~explicitpolicyoptimization"), so two definitions of one acronym are
two entities; its bare key is joined afterwards, and only to the expansion that most
papers define.  All of it is dict work: linear in the number of mentions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.records import Entity, ExtractionRecord, Paper
from kg.resolve.acronyms import definition, signature
from kg.resolve.keys import clean_text, typed_key

QUALIFIER = "~"  # joins an acronym's key and its expansion's key


class UnionFind:
    """Disjoint sets of strings with path halving; the root is arbitrary."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, first: str, second: str) -> None:
        root_a, root_b = self.find(first), self.find(second)
        if root_a != root_b:
            self.parent[root_b] = root_a


@dataclass(slots=True)
class KeyStats:
    """What the mentions whose primary key this is wrote, over distinct papers."""

    written: Counter[str] = field(default_factory=Counter)
    canonical: Counter[str] = field(default_factory=Counter)
    other: set[str] = field(default_factory=set)
    expansions: Counter[str] = field(default_factory=Counter)
    papers: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Grouping:
    """Union-find over typed keys ("model:qwen2.5_7b") plus per-key statistics."""

    sets: UnionFind = field(default_factory=UnionFind)
    stats: dict[str, KeyStats] = field(default_factory=lambda: defaultdict(KeyStats))
    #: (paper id, entity index) -> primary typed key of the mention
    mentions: dict[tuple[str, int], str] = field(default_factory=dict)
    #: typed acronym key -> expansion key -> papers defining it
    definitions: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    #: typed acronym key -> the qualified key its bare form resolves to
    acronym_choice: dict[str, str] = field(default_factory=dict)


def written_forms(entity: Entity, paper: Paper) -> list[str]:
    """The surface forms the paper really writes: evidence spans, else ``text``."""
    forms = [entity.text]
    for ev in entity.evidence:
        source = {"title": paper.title, "abstract": paper.abstract}.get(ev.field)
        if source and ev.start is not None and ev.end is not None:
            span = source[ev.start:ev.end]
            if span.strip():
                forms.append(span)
    return list(dict.fromkeys(clean_text(f) for f in forms if f.strip()))


def handle_alias(entity: Entity, paper: Paper) -> str | None:
    """The paper's HF organization handle when this organization is the listing's."""
    if entity.type != "organization" or not paper.organization_handle:
        return None
    listed = typed_key("organization", paper.organization or "")
    names = (entity.canonical, entity.text, *entity.aliases)
    if any(typed_key("organization", n) == listed for n in names):
        return paper.organization_handle
    return None


def add_mention(grouping: Grouping, paper: Paper, index: int, entity: Entity) -> None:
    """Key one mention, join its names and count what it wrote."""
    etype = entity.type
    written = written_forms(entity, paper)
    others = [clean_text(n) for n in (entity.canonical, *entity.aliases)]
    handle = handle_alias(entity, paper)
    if handle:
        others.append(handle)
    defined = definition(entity)
    if defined:
        others.append(clean_text(defined[1]))
    names = [n for n in dict.fromkeys([*written, *others]) if n]
    primary = f"{etype}:{typed_key(etype, entity.canonical)}"
    skip = None
    if defined:
        acronym, long_form = (clean_text(x) for x in defined)
        skip = f"{etype}:{typed_key(etype, acronym)}"
        long_key = typed_key(etype, signature(acronym, long_form))
        primary = f"{skip}{QUALIFIER}{long_key}"
        grouping.definitions[skip][long_key].add(paper.id)
    grouping.sets.find(primary)
    for name in names:
        key = f"{etype}:{typed_key(etype, name)}"
        if key != skip:
            grouping.sets.union(primary, key)
    _count(grouping.stats[primary], paper.id, entity, written, names, defined)
    grouping.mentions[(paper.id, index)] = primary


def _count(stats: KeyStats, paper_id: str, entity: Entity, written: list[str],
           names: list[str], defined: tuple[str, str] | None) -> None:
    """Votes once per paper: a paper naming a thing twice does not outvote two."""
    if paper_id in stats.papers:
        stats.other.update(names)
        return
    stats.papers.add(paper_id)
    stats.written.update(written)
    stats.canonical[clean_text(entity.canonical)] += 1
    stats.other.update(names)
    if defined:
        stats.expansions[clean_text(defined[1])] += 1


def choose_acronyms(grouping: Grouping) -> None:
    """Send each bare acronym to the expansion most papers define (ties: by key)."""
    for acronym_key, expansions in sorted(grouping.definitions.items()):
        best = min(expansions, key=lambda exp: (-len(expansions[exp]), exp))
        qualified = f"{acronym_key}{QUALIFIER}{best}"
        grouping.acronym_choice[acronym_key] = qualified
        if acronym_key in grouping.sets.parent:
            grouping.sets.union(qualified, acronym_key)


def group_records(records: Iterable[ExtractionRecord]) -> Grouping:
    """Collect every mention of ``records`` and join the keys that name one entity."""
    grouping = Grouping()
    for record in records:
        for index, entity in enumerate(record.entities):
            add_mention(grouping, record.paper, index, entity)
    choose_acronyms(grouping)
    return grouping


def members(grouping: Grouping) -> Iterator[tuple[str, list[str]]]:
    """``(root, sorted member keys)`` of every group, in sorted order of root."""
    by_root: dict[str, list[str]] = defaultdict(list)
    for key in list(grouping.sets.parent):
        by_root[grouping.sets.find(key)].append(key)
    for root in sorted(by_root):
        yield root, sorted(by_root[root])
