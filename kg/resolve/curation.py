"""The curation file: corrections by hand that every build applies.

Rules will always get some identities wrong.  ``kg build --curation FILE`` reads a
YAML file of corrections (docs/resolution.md, docs/curation.example.yaml)::

    merge:   [{label: Method, names: [LoRA, Low-Rank Adapter]}]
    split:   [{label: Method, name: SVD, from: Stable Video Diffusion}]
    retype:  [{label: Method, name: GSM8K, to: Benchmark}]
    rename:  [{label: Model, name: Llama3-70B, to: Llama 3 70B}]
    alias:   [{label: Model, name: Qwen2.5-7B, alias: Qwen 2.5 7B}]
    drop:    [{label: Method, name: our method}]

:meth:`Curation.apply` changes a finished :class:`~kg.resolve.resolver.Resolution`
(after lineage: the user's word is the last), kind by kind in that order and
within a kind in file order, so the same records and file always give the same
graph.  A name is found as resolution finds it (:meth:`Resolution.lookup`: any
name or alias of a node, by its matching key).  An entry that finds nothing is
reported with its line, not an error: the papers that named it may come later.
A bad file is an error naming the file and the line (:class:`CurationError`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import KGError
from kg.graph.schema import load_schema
from kg.records import ExtractionRecord
from kg.resolve.grouping import KeyStats
from kg.resolve.keys import clean_text, typed_key
from kg.resolve.resolver import (
    Lineage,
    Resolution,
    ResolvedEntity,
    build_entity,
    make_id,
    merged_stats,
)

#: node label -> entity type (the prefix of typed keys and ids)
TYPES = {"Method": "method", "Benchmark": "benchmark", "Model": "model",
         "Organization": "organization", "Metric": "metric", "Concept": "concept"}

#: entry kind -> its fields besides ``label`` (a list field holds 2+ names);
#: the order is the order of application
KINDS: dict[str, tuple[str, ...]] = {
    "split": ("name", "from"),
    "merge": ("names",),
    "retype": ("name", "to"),
    "rename": ("name", "to"),
    "alias": ("name", "alias"),
    "drop": ("name",),
}

Mention = tuple[str, int]


class CurationError(KGError):
    """A curation file that cannot be used: the message names its file and line."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One correction: its kind, the label it is about, its fields, its line."""

    kind: str
    label: str
    fields: dict[str, str | tuple[str, ...]]
    line: int

    @property
    def etype(self) -> str:
        return TYPES[self.label]

    def names(self) -> tuple[str, ...]:
        """The names of existing nodes the entry is about."""
        if self.kind == "merge":
            return self.fields["names"]  # type: ignore[return-value]
        if self.kind == "split":
            return (self.fields["name"], self.fields["from"])  # type: ignore[return-value]
        return (self.fields["name"],)  # type: ignore[return-value]


@dataclass(slots=True)
class Curation:
    """A parsed curation file; ``text`` is what the graph directory keeps."""

    origin: str
    text: str
    entries: list[Entry]
    #: what the last :meth:`apply` could not do, one line each
    warnings: list[str] = field(default_factory=list)

    def apply(self, resolution: Resolution, primaries: dict[Mention, str],
              stats: dict[str, KeyStats],
              records: Iterable[ExtractionRecord] = ()) -> None:
        """Correct ``resolution`` in place.  ``primaries`` (mention -> its primary
        key) and ``stats`` (primary key -> counts) are the grouping's: a split
        or merged node is named and counted as resolution names and counts.
        ``records`` tell a split which mentions write the name split off; their
        primary key becomes that name's (``primaries`` is changed), so a store
        that keeps mentions by primary key keeps the split."""
        self.warnings = []
        curator = _Curator(resolution, primaries, stats, self._warn, records)
        for kind in KINDS:
            for entry in self.entries:
                if entry.kind == kind:
                    getattr(curator, kind)(entry)
        curator.finish()

    def _warn(self, entry: Entry, message: str) -> None:
        self.warnings.append(f"{self.origin}:{entry.line}: {entry.kind} entry: "
                             f"{message}")


# -- reading and checking the file ----------------------------------------------------

def load_curation(path: Path | str) -> Curation:
    """Read and check the curation file ``path`` (:class:`CurationError` if bad)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(f"{path}: cannot read the curation file "
                            f"({getattr(exc, 'strerror', None) or exc})") from None
    return parse_curation(text, str(path))


def parse_curation(text: str, origin: str) -> Curation:
    """Parse and check curation ``text``; errors name ``origin`` and the line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CurationError(f"{origin}{line}: not valid YAML ({problem})") from None
    entries: list[Entry] = []
    if root is None:
        return Curation(origin, text, entries)
    if not isinstance(root, yaml.MappingNode):
        _fail(origin, root, "the file must be a mapping of entry kinds "
                            f"({', '.join(KINDS)})")
    for key_node, value in root.value:
        kind = _scalar(origin, key_node, "an entry kind")
        if kind not in KINDS:
            _fail(origin, key_node, f"unknown entry kind {kind!r}; expected one of "
                                    f"{', '.join(KINDS)}")
        if _is_null(value):
            continue
        if not isinstance(value, yaml.SequenceNode):
            _fail(origin, value, f"{kind!r} must be a list of entries")
        entries.extend(_entry(origin, kind, item) for item in value.value)
    return Curation(origin, text, entries)


def _entry(origin: str, kind: str, node: yaml.Node) -> Entry:
    if not isinstance(node, yaml.MappingNode):
        _fail(origin, node, f"a {kind} entry must be a mapping with label, "
                            f"{', '.join(KINDS[kind])}")
    values: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = _scalar(origin, key_node, "a field name")
        if key != "label" and key not in KINDS[kind]:
            _fail(origin, key_node, f"unknown field {key!r} in a {kind} entry; "
                                    f"expected label, {', '.join(KINDS[kind])}")
        if key in values:
            _fail(origin, key_node, f"field {key!r} given twice")
        values[key] = value
    for key in ("label", *KINDS[kind]):
        if key not in values:
            _fail(origin, node, f"a {kind} entry needs {key!r}")
    label = _text(origin, values.pop("label"), "label")
    if label not in TYPES:
        _fail(origin, node, f"unknown label {label!r}; expected one of "
                            f"{', '.join(TYPES)}")
    fields: dict[str, str | tuple[str, ...]] = {}
    for key, value in values.items():
        if key == "names":
            fields[key] = _names(origin, value)
        else:
            fields[key] = _text(origin, value, key)
    if kind == "retype" and fields["to"] not in TYPES:
        _fail(origin, values["to"], f"unknown label {fields['to']!r}; expected one "
                                    f"of {', '.join(TYPES)}")
    return Entry(kind, label, fields, node.start_mark.line + 1)


def _names(origin: str, node: yaml.Node) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        _fail(origin, node, "'names' must be a list of two or more names")
    names = tuple(_text(origin, item, "a name") for item in node.value)
    if len(names) < 2:
        _fail(origin, node, "'names' must be a list of two or more names")
    return names


def _text(origin: str, node: yaml.Node, what: str) -> str:
    value = clean_text(_scalar(origin, node, what))
    if not value:
        _fail(origin, node, f"{what} is empty")
    return value


def _scalar(origin: str, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or _is_null(node):
        _fail(origin, node, f"{what} must be a text")
    return str(node.value)


def _is_null(node: yaml.Node) -> bool:
    return node.tag == "tag:yaml.org,2002:null"


def _fail(origin: str, node: yaml.Node, message: str) -> None:
    raise CurationError(f"{origin}:{node.start_mark.line + 1}: {message}")


# -- applying it -------------------------------------------------------------------

class _Curator:
    """The corrections on one resolution, keeping an index of each touched
    node's keys and mentions (made in one pass over all mentions)."""

    def __init__(self, resolution: Resolution, primaries: dict[Mention, str],
                 stats: dict[str, KeyStats], warn,
                 records: Iterable[ExtractionRecord]) -> None:
        self.res = resolution
        self.records = {record.id: record for record in records}
        self.primaries = primaries
        self.stats = stats
        self.warn = warn
        self.keys_of: dict[str, set[str]] = defaultdict(set)
        for key, entity_id in resolution.keys.items():
            self.keys_of[entity_id].add(key)
        self.mentions_of: dict[str, list[Mention]] = defaultdict(list)
        for mention, entity_id in resolution.mentions.items():
            self.mentions_of[entity_id].append(mention)
        self.moved: dict[str, str | None] = {}  # old id -> new id (None: dropped)

    # -- the entry kinds -------------------------------------------------------------
    def split(self, entry: Entry) -> None:
        name, other = entry.fields["name"], entry.fields["from"]
        found = self._find_all(entry, (name, other))
        if found is None or found[0] != found[1]:
            return  # apart already
        entity = self.res.entities[found[0]]
        key = f"{entry.etype}:{typed_key(entry.etype, name)}"
        part_id, rest_id = make_id(key), entity.id
        if part_id == entity.id:
            rest_id = make_id(f"{entry.etype}:{typed_key(entry.etype, other)}")
        if part_id == rest_id or ({part_id, rest_id} - {entity.id}) & set(
                self.res.entities):
            self.warn(entry, f"cannot give {name!r} a node id of its own")
            return
        mentions = self.mentions_of.pop(entity.id)
        moved = [m for m in mentions if self._writes(m, entry.etype, key, other)]
        moved_set = set(moved)
        kept = [m for m in mentions if m not in moved_set]
        for mention in moved:
            self.primaries[mention] = key
        rest_keys = self.keys_of.pop(entity.id) - {key}
        del self.res.entities[entity.id]
        self._place(part_id, {key}, moved, entry.etype, [name])
        part = self.res.entities[part_id]
        part_names = {part.name, *part.aliases}
        self._place(rest_id, rest_keys, kept, entry.etype,
                    [other, entity.name, *entity.aliases], exclude=part_names)
        self._renamed(entity.id, rest_id)

    def merge(self, entry: Entry) -> None:
        ids = self._find_all(entry, entry.fields["names"])
        if ids is None:
            return
        ids = list(dict.fromkeys(ids))
        if len(ids) < 2:
            self.warn(entry, f"{', '.join(map(repr, entry.names()))} are one "
                             f"{entry.label} already")
            return
        self._join(ids[0], ids[1:], entry.etype)

    def retype(self, entry: Entry) -> None:
        found = self._find_all(entry, entry.names())
        if found is None:
            return
        entity = self.res.entities[found[0]]
        etype, name = TYPES[entry.fields["to"]], entry.fields["name"]
        if entry.fields["to"] == entry.label:
            return
        target = self.res.lookup(etype, name)
        new_id = target or make_id(f"{etype}:{typed_key(etype, name)}")
        if new_id in self.res.entities:
            self._join(new_id, [entity.id], etype)
            return
        keys = self.keys_of.pop(entity.id)  # old-type keys: the mentions' primaries
        names = [entity.name, *entity.aliases]
        keys |= {f"{etype}:{typed_key(etype, n)}" for n in names
                 if self.res.keys.get(f"{etype}:{typed_key(etype, n)}") is None}
        del self.res.entities[entity.id]
        self._place(new_id, keys, self.mentions_of.pop(entity.id), etype, names)
        self.res.entities[new_id].name = entity.name
        self.res.entities[new_id].aliases = sorted(set(names) - {entity.name})
        self._renamed(entity.id, new_id)

    def rename(self, entry: Entry) -> None:
        found = self._find_all(entry, entry.names())
        if found is None:
            return
        entity, new = self.res.entities[found[0]], entry.fields["to"]
        entity.aliases = sorted({*entity.aliases, entity.name} - {new})
        entity.name = new
        self._claim(entity.id, entry.etype, new)

    def alias(self, entry: Entry) -> None:
        found = self._find_all(entry, entry.names())
        if found is None:
            return
        entity, alias = self.res.entities[found[0]], entry.fields["alias"]
        holder = self.res.lookup(entry.etype, alias)
        if holder is not None and holder != entity.id:
            self.warn(entry, f"{alias!r} names another {entry.label} ({holder}); "
                             "merge them instead")
            return
        if alias != entity.name and alias not in entity.aliases:
            entity.aliases = sorted([*entity.aliases, alias])
        self._claim(entity.id, entry.etype, alias)

    def drop(self, entry: Entry) -> None:
        found = self._find_all(entry, entry.names())
        if found is None:
            return
        entity_id = found[0]
        del self.res.entities[entity_id]
        for key in self.keys_of.pop(entity_id, ()):
            del self.res.keys[key]
        for mention in self.mentions_of.pop(entity_id, ()):
            del self.res.mentions[mention]
        self._renamed(entity_id, None)

    # -- helpers ---------------------------------------------------------------------
    def _writes(self, mention: Mention, etype: str, key: str, other: str) -> bool:
        """Whether the mention writes the name of ``key`` (as its primary key, its
        text, canonical name or long form) and not ``other``."""
        if self.primaries.get(mention) == key:
            return True
        record = self.records.get(mention[0])
        if record is None:
            return False
        entity = record.entities[mention[1]]
        keys = {f"{etype}:{typed_key(etype, n)}" for n in
                (entity.text, entity.canonical, entity.expansion) if n}
        return key in keys and f"{etype}:{typed_key(etype, other)}" not in keys

    def _find_all(self, entry: Entry, names: Iterable[str]) -> list[str] | None:
        """The node of each name, or None (reported) when some name finds none."""
        found, missing = [], []
        for name in names:
            entity_id = self.res.lookup(entry.etype, name)
            if entity_id is None:
                missing.append(name)
            else:
                found.append(entity_id)
        if missing:
            self.warn(entry, f"no {entry.label} named "
                             f"{', '.join(map(repr, missing))}; nothing changed")
            return None
        return found

    def _join(self, survivor: str, others: list[str], etype: str) -> None:
        """Make ``others`` part of node ``survivor``: named from all their counts."""
        keys, mentions = set(), []
        names: list[str] = []
        for entity_id in [survivor, *others]:
            entity = self.res.entities.pop(entity_id)
            names += [entity.name, *entity.aliases]
            keys |= self.keys_of.pop(entity_id, set())
            mentions += self.mentions_of.pop(entity_id, [])
        self._place(survivor, keys, mentions, etype, names)
        for entity_id in others:
            self._renamed(entity_id, survivor)

    def _place(self, entity_id: str, keys: set[str], mentions: list[Mention],
               etype: str, names: list[str], exclude: Iterable[str] = ()) -> None:
        """Node ``entity_id`` of ``keys`` and ``mentions``: named and counted from
        the counts of its keys as resolution names nodes, with ``names`` (but not
        ``exclude``) kept as aliases."""
        counted = sorted(k for k in keys if k in self.stats)
        if counted:
            entity = build_entity(entity_id, etype, merged_stats(counted, self.stats))
        else:
            entity = ResolvedEntity(entity_id, _label(etype), names[0], [], 0)
        entity.papers = len({paper for paper, _ in mentions})
        skip = {entity.name, *exclude}
        entity.aliases = sorted({*entity.aliases, *names} - skip)
        self.res.entities[entity_id] = entity
        self.keys_of[entity_id] |= keys
        self.mentions_of[entity_id] += mentions
        for key in keys:
            self.res.keys[key] = entity_id
        for mention in mentions:
            self.res.mentions[mention] = entity_id

    def _claim(self, entity_id: str, etype: str, name: str) -> None:
        """Index ``name`` to the node unless it names another one."""
        key = f"{etype}:{typed_key(etype, name)}"
        if self.res.keys.setdefault(key, entity_id) == entity_id:
            self.keys_of[entity_id].add(key)

    def _renamed(self, old: str, new: str | None) -> None:
        if old != new:
            self.moved[old] = new

    def finish(self) -> None:
        """Lineage edges follow the nodes they join (dropped with a dropped
        node; an edge that now joins a node to itself, or labels the schema does
        not allow it to join, as after a retype, goes)."""
        if not self.moved:
            return
        entities, rels = self.res.entities, load_schema().relationships
        out: dict[tuple[str, str, str], Lineage] = {}
        for edge in self.res.lineage:
            source, target = self._now(edge.source), self._now(edge.target)
            if source is None or target is None or source == target:
                continue
            if (entities[source].label not in rels[edge.type].sources
                    or entities[target].label not in rels[edge.type].targets):
                continue
            out.setdefault((edge.type, source, target),
                           Lineage(source, target, edge.type, edge.rule))
        self.res.lineage = list(out.values())

    def _now(self, entity_id: str) -> str | None:
        seen = set()
        while entity_id in self.moved and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.moved[entity_id]
            if entity_id is None:
                return None
        return entity_id if entity_id in self.res.entities else None


def _label(etype: str) -> str:
    return next(label for label, t in TYPES.items() if t == etype)
