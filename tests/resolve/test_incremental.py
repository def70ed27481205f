"""Resolving new papers against a stored grouping reads only what they name."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kg.records import Entity, Evidence, ExtractionRecord, Paper
from kg.resolve.grouping import Grouping, KeyStats, group_records
from kg.resolve.incremental import add_papers
from kg.resolve.resolver import entities_of, resolve


def record(paper_id: str, *names: str, etype: str = "method") -> ExtractionRecord:
    abstract = "We use " + " and ".join(names) + "."
    entities = []
    for name in names:
        start = abstract.index(name)
        entities.append(Entity(etype, name, name, [], "used", [Evidence(
            "abstract", "test", start, start + len(name), abstract)]))
    return ExtractionRecord(Paper(paper_id, f"Paper {paper_id}", abstract), entities)


class CountingSource:
    """A stored grouping in memory that counts the keys an addition asks for."""

    def __init__(self, records: list[ExtractionRecord]) -> None:
        self.records = {r.id: r for r in records}
        self.grouping: Grouping = group_records(records)
        self.resolution = entities_of(self.grouping)
        self.root = {k: self.grouping.sets.find(k) for k in self.grouping.sets.parent}
        self.asked: set[str] = set()

    def _ask(self, keys: Iterable[str]) -> list[str]:
        keys = list(keys)
        self.asked.update(keys)
        return keys

    def roots(self, keys):
        return {k: self.root[k] for k in self._ask(keys) if k in self.root}

    def members(self, roots):
        by_root = defaultdict(list)
        for key, root in self.root.items():
            by_root[root].append(key)
        return {r: by_root[r] for r in self._ask(roots)}

    def key_stats(self, keys):
        stats = self.grouping.stats
        return {k: KeyStats(dict(stats[k].written), dict(stats[k].canonical),
                            set(stats[k].other), dict(stats[k].expansions),
                            set(stats[k].papers))
                for k in self._ask(keys) if k in stats}

    def definitions(self, acronyms):
        defs = self.grouping.definitions
        return {a: {e: set(p) for e, p in defs[a].items()}
                for a in self._ask(acronyms) if a in defs}

    def group_entities(self, roots):
        return {r: self.resolution.keys[r] for r in self._ask(roots)}

    def records_of(self, ids):
        return [self.records[i] for i in self._ask(ids)]

    def primaries(self, ids):
        return {i: [self.grouping.mentions[(i, n)]
                    for n in range(len(self.records[i].entities))]
                for i in self._ask(ids)}


def stored_corpus(size: int) -> list[ExtractionRecord]:
    return [record(f"2501.{i:05d}", f"Method{i}", f"Tool{i % 50}", "GRPO")
            for i in range(size)]


def test_an_addition_asks_for_the_same_keys_whatever_the_stored_size():
    new = [record("2601.00001", "GRPO", "NewNet")]
    asked = []
    for size in (100, 2_000):
        source = CountingSource(stored_corpus(size))
        add_papers(source, new)
        asked.append(len(source.asked))
    assert asked[0] == asked[1] < 20


def test_the_touched_groups_equal_a_full_resolution():
    stored = stored_corpus(200)
    new = [record("2601.00001", "GRPO", "NewNet"), record("2601.00002", "Tool7")]
    source = CountingSource(stored)
    addition = add_papers(source, new)
    full = resolve([*stored, *new])
    for change in addition.groups:
        expected = full.entities[change.entity.id]
        assert (change.entity.name, change.entity.papers, change.entity.aliases) == (
            expected.name, expected.papers, expected.aliases)
    assert {c.entity.id for c in addition.groups} >= {"method:grpo",
                                                      "method:newnet"}


def test_a_new_alias_joining_two_stored_groups_relinks_the_renamed_ones_papers():
    stored = [record("2501.1", "FooNet"), record("2501.2", "BarNet")]
    joined = record("2601.1", "FooNet")
    joined.entities[0].aliases = ["BarNet"]
    addition = add_papers(CountingSource(stored), [joined])
    merged = [c for c in addition.groups if len(c.stored) == 2]
    assert len(merged) == 1 and merged[0].entity.id == "method:barnet"
    assert addition.relinked == {"2501.1"}  # its FooNet is BarNet's entity now
