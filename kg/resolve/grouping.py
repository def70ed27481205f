"""Group the mentions of all papers into entities: keys, union-find, acronyms.

Every name of a mention (canonical, text, aliases, the spans its evidence points at,
an organization's HF handle) is keyed with :func:`kg.resolve.keys.typed_key`, and the
keys of one mention are joined with a union-find: a name written anywhere links its
entity everywhere.  A bare size ("70B") is not a name and gets no key.  An acronym
that a mention defines is keyed by acronym *and* expansion
("epo~explicitpolicyoptimization"), so two definitions of one acronym are two
entities unless their long forms spell one sense (:mod:`kg.resolve.senses`); its bare
key is joined afterwards, and only to the expansion that most papers define.  All of
it is dict work: linear in the number of mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.records import Entity, ExtractionRecord, Paper
from kg.resolve.acronyms import definition_of, paired_definitions, signature
from kg.resolve.keys import clean_text, is_bare_size, prefixed_key, typed_key
from kg.resolve.senses import same_sense

QUALIFIER = "~"  # joins an acronym's key and its expansion's key


class UnionFind:
    """Disjoint sets of strings with path halving.

    The root of a set is the root of the first argument of the union that made it,
    so the same unions in the same order give the same roots.
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent
        up = parent.setdefault(item, item)
        while up != item:
            parent[item] = item = parent[up]
            up = parent[item]
        return item

    def union(self, first: str, second: str) -> None:
        root_a, root_b = self.find(first), self.find(second)
        if root_a != root_b:
            self.parent[root_b] = root_a

    def join(self, first: str, others: Iterable[str]) -> None:
        """``union(first, other)`` for each of ``others``, finding ``first`` once
        (its root stays the root)."""
        find, parent = self.find, self.parent
        root = find(first)
        for other in others:
            other_root = find(other)
            if other_root != root:
                parent[other_root] = root


@dataclass(slots=True)
class KeyStats:
    """What the mentions whose primary key this is wrote, over distinct papers.

    The counts are plain dicts (form -> papers), not ``Counter``: one ``KeyStats`` is
    made per key, and a ``Counter`` costs several times a dict to create and update.
    """

    written: dict[str, int] = field(default_factory=dict)
    canonical: dict[str, int] = field(default_factory=dict)
    other: set[str] = field(default_factory=set)
    expansions: dict[str, int] = field(default_factory=dict)
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


def evidence_spans(entity: Entity, paper: Paper) -> tuple[str, ...]:
    """The title or abstract text the mention's evidence points at, where it differs
    from ``entity.text`` (and from an earlier span): :func:`written_forms` drops
    repeats anyway, and without them more mentions share one plan."""
    text = entity.text
    spans: list[str] = []
    for ev in entity.evidence:
        where = ev.field
        if where == "abstract":
            source = paper.abstract
        elif where == "title":
            source = paper.title
        else:
            continue
        if source and ev.start is not None and ev.end is not None:
            span = source[ev.start:ev.end]
            if span != text and span not in spans:
                spans.append(span)
    return tuple(spans)


def written_forms(text: str, spans: Iterable[str]) -> list[str]:
    """The surface forms the paper really writes: ``text`` and the evidence spans."""
    cleaned = dict.fromkeys(clean_text(f) for f in dict.fromkeys((text, *spans)))
    cleaned.pop("", None)  # blank, or only invisible characters: nothing written
    return [form for form in cleaned if not is_bare_size(form)]


def handle_alias(entity: Entity, paper: Paper) -> str | None:
    """The paper's HF organization handle when this organization is the listing's."""
    if entity.type != "organization" or not paper.organization_handle:
        return None
    listed = typed_key("organization", paper.organization or "")
    names = (entity.canonical, entity.text, *entity.aliases)
    if any(typed_key("organization", n) == listed for n in names):
        return paper.organization_handle
    return None


#: everything a mention's keys and votes depend on: type, text, canonical,
#: expansion, the listing's HF handle (organizations), other evidence spans, aliases
MentionNames = tuple[str, str, str, str | None, str | None, tuple[str, ...],
                     tuple[str, ...]]


def mention_names(entity: Entity, paper: Paper) -> MentionNames:
    """The names of one mention, as the key of its :class:`MentionPlan`."""
    etype = entity.type
    handle = handle_alias(entity, paper) if etype == "organization" else None
    return (etype, entity.text, entity.canonical, entity.expansion, handle,
            evidence_spans(entity, paper), tuple(entity.aliases))


@dataclass(slots=True)
class MentionPlan:
    """What every mention with the same :data:`MentionNames` adds to a grouping.

    Made once per distinct names: the keys are joined and the names recorded then,
    which a second such mention would only repeat; what it adds is its paper's vote.
    """

    primary: str
    stats: KeyStats
    written: tuple[str, ...]
    canonical: str
    #: the cleaned long form, when the mention defines an acronym
    expansion: str | None
    #: the papers defining this acronym with this expansion, when it does
    definers: set[str] | None

    def vote(self, paper_id: str) -> None:
        """Votes once per paper: a paper naming a thing twice does not outvote two."""
        if self.definers is not None:
            self.definers.add(paper_id)
        stats = self.stats
        if paper_id in stats.papers:
            return
        stats.papers.add(paper_id)
        written = stats.written
        for form in self.written:
            written[form] = written.get(form, 0) + 1
        canonical = stats.canonical
        canonical[self.canonical] = canonical.get(self.canonical, 0) + 1
        if self.expansion is not None:
            expansions = stats.expansions
            expansions[self.expansion] = expansions.get(self.expansion, 0) + 1


def plan_mention(grouping: Grouping, names: MentionNames) -> MentionPlan:
    """Key a mention's names, join them in ``grouping`` and record them."""
    etype, text, canonical, expansion, handle, spans, aliases = names
    written = written_forms(text, spans)
    canonical_form = clean_text(canonical)
    others = [canonical_form, *(a for a in map(clean_text, aliases)
                                if not is_bare_size(a))]
    if handle:
        others.append(handle)
    defined = definition_of(canonical, text, aliases, expansion)
    long_form = definers = skip = None
    similar: list[str] = []
    primary = prefixed_key(etype, canonical)
    if defined:
        acronym, long_form = clean_text(defined[0]), clean_text(defined[1])
        others.append(long_form)
        skip = prefixed_key(etype, acronym)
        long_key = typed_key(etype, signature(acronym, long_form))
        primary = f"{skip}{QUALIFIER}{long_key}"
        similar = same_sense_keys(grouping, skip, long_key, long_form)
        definers = grouping.definitions[skip][long_key]
    named = [n for n in dict.fromkeys([*written, *others]) if n]
    keys = dict.fromkeys([prefixed_key(etype, n) for n in named])
    keys.pop(skip, None)
    keys.update(dict.fromkeys(similar))
    grouping.sets.join(primary, keys)
    stats = grouping.stats[primary]
    stats.other.update(named)
    return MentionPlan(primary, stats, tuple(written), canonical_form, long_form,
                       definers)


def same_sense_keys(grouping: Grouping, acronym: str, long_key: str,
                    long_form: str) -> list[str]:
    """The qualified keys of ``acronym``'s other expansions that spell the same
    sense as ``long_form`` (:func:`kg.resolve.senses.same_sense`).

    Each long form is compared with every one defined before it, so every similar
    pair is compared once whatever the order: the groups are the same.  An
    addition compares with the stored ones (``definitions`` and ``stats`` load
    them).
    """
    etype, _, letters = acronym.partition(":")
    out = []
    for other in sorted(grouping.definitions[acronym]):
        if other == long_key:
            continue
        qualified = f"{acronym}{QUALIFIER}{other}"
        forms = grouping.stats[qualified].other
        if any(same_sense(letters, long_form, form) for form in sorted(forms)
               if _is_phrase(form) and prefixed_key(etype, form) != acronym):
            out.append(qualified)
    return out


def _is_phrase(name: str) -> bool:
    """Two words or more: a long form (the acronym itself, hyphenated as "S-GRPO",
    is left out by key)."""
    return len(name.replace("-", " ").split()) >= 2


def chosen_expansion(expansions: dict[str, set[str]]) -> str:
    """The expansion key most papers define for an acronym (ties: by key)."""
    return min(expansions, key=lambda exp: (-len(expansions[exp]), exp))


def choose_acronyms(grouping: Grouping) -> None:
    """Send each bare acronym to the expansion most papers define (ties: by key).

    The bare key joins that group even when no paper writes it bare: the group
    holding it is the sense that keeps the bare name (:func:`name_keys_into`).
    """
    for acronym_key, expansions in sorted(grouping.definitions.items()):
        qualified = f"{acronym_key}{QUALIFIER}{chosen_expansion(expansions)}"
        grouping.acronym_choice[acronym_key] = qualified
        grouping.sets.union(qualified, acronym_key)


def group_records(records: Iterable[ExtractionRecord]) -> Grouping:
    """Collect every mention of ``records`` and join the keys that name one entity."""
    grouping = Grouping()
    add_mentions(grouping, records)
    choose_acronyms(grouping)
    return grouping


def add_mentions(grouping: Grouping, records: Iterable[ExtractionRecord]) -> None:
    """Key, join and count every mention of ``records`` in ``grouping`` (acronyms
    are chosen afterwards, once all definitions are in).

    Mentions with the same names share one :class:`MentionPlan`: most of a corpus's
    mentions repeat the names of an earlier one.
    """
    plans: dict[MentionNames, MentionPlan] = {}
    mentions = grouping.mentions
    for record in records:
        paper = record.paper
        paper_id = paper.id
        paired = paired_definitions(record)
        for index, entity in enumerate(record.entities):
            names = mention_names(entity, paper)
            if index in paired:  # its long form is a mention beside it
                names = _defined_by(names, paired[index])
            plan = plans.get(names)
            if plan is None:
                plan = plans[names] = plan_mention(grouping, names)
            plan.vote(paper_id)
            mentions[(paper_id, index)] = plan.primary


def _defined_by(names: MentionNames, long_form: str) -> MentionNames:
    """``names`` with ``long_form`` as the expansion the mention defines."""
    etype, text, canonical, _, handle, spans, aliases = names
    return (etype, text, canonical, long_form, handle, spans, aliases)


def members(grouping: Grouping) -> Iterator[tuple[str, list[str]]]:
    """``(root, sorted member keys)`` of every group, in sorted order of root."""
    by_root: dict[str, list[str]] = defaultdict(list)
    parent, find = grouping.sets.parent, grouping.sets.find
    for key in list(parent):
        by_root[key if parent[key] == key else find(key)].append(key)
    for root in sorted(by_root):
        yield root, sorted(by_root[root])
