"""The embedded store's state: papers, records and the resolution, in one SQLite file.

Why SQLite: adding papers must cost in proportion to the new papers, so everything
an addition reads has to be reachable by key (a paper by id, a name key's group, a
group's keys and counts) and everything it writes has to be writable in place,
in one transaction.  Gzip files must be read and rewritten whole.

Tables (blobs are orjson; a paper's listing data and its record are also zstd
compressed, with one reused context: zlib's per-call setup alone took 6 s for the
354k blobs of 75k papers):

* ``papers``, ``records``: each paper's listing data and what extraction found, by
  paper id; ``records.primaries`` is each mention's primary name key.
* ``keys`` (key -> root), ``stats`` (primary key -> counts), ``definitions``
  (acronym key -> expansion key -> papers): the grouping of
  :mod:`kg.resolve.grouping`, with every key pointing straight at its root.
* ``groups`` (root -> entity before lineage), ``entity_keys`` (key -> entity id):
  the resolution before lineage, which lineage is recomputed from.
* ``variant_links``: each record's variant links, resolved to the mention's key.
* ``nodes``, ``lineage``, ``repositories``: the entity nodes, lineage edges and
  repositories as the database holds them, so an addition writes only differences.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import zstandard

from kg.errors import StoreError
from kg.jsontext import dumps_bytes, loads
from kg.records import ExtractionRecord, Paper
from kg.resolve.grouping import KeyStats
from kg.resolve.resolver import Lineage, Resolution, ResolvedEntity
from kg.sources.text import title_key

_SCHEMA = """
CREATE TABLE papers(id TEXT PRIMARY KEY, title_key TEXT NOT NULL,
                    data BLOB NOT NULL) WITHOUT ROWID;
CREATE INDEX papers_by_title ON papers(title_key);
CREATE TABLE records(id TEXT PRIMARY KEY, data BLOB NOT NULL,
                     primaries BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE keys(key TEXT PRIMARY KEY, root TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX keys_by_root ON keys(root);
CREATE TABLE stats(key TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE definitions(acronym TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE groups(root TEXT PRIMARY KEY, entity TEXT NOT NULL,
                    data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE entity_keys(key TEXT PRIMARY KEY, entity TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE variant_links(paper TEXT NOT NULL, seq INTEGER NOT NULL,
                           key TEXT NOT NULL, type TEXT NOT NULL, base TEXT NOT NULL,
                           PRIMARY KEY (paper, seq)) WITHOUT ROWID;
CREATE TABLE nodes(id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE lineage(type TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
                     rule TEXT NOT NULL, PRIMARY KEY (type, source, target))
                     WITHOUT ROWID;
CREATE TABLE repositories(id TEXT PRIMARY KEY, url TEXT NOT NULL,
                          papers INTEGER NOT NULL, first TEXT NOT NULL) WITHOUT ROWID;
"""

#: SQLite's limit on bound parameters per statement is 32,766; stay well below.
_CHUNK = 900

#: A stored variant link: (paper id, position in the record, primary key of the
#: variant's mention, its type, the name it is a variant of)
VariantRow = tuple[str, int, str, str, str]
#: An entity node as the database holds it: label, name, aliases, papers
NodeRow = tuple[str, str, list[str], int]


_COMPRESS = zstandard.ZstdCompressor(level=1)
_DECOMPRESS = zstandard.ZstdDecompressor()


def pack(obj: Any) -> bytes:
    """A large value (a paper, a record) as compressed JSON."""
    return _COMPRESS.compress(dumps_bytes(obj))


def unpack(blob: bytes) -> Any:
    return loads(_DECOMPRESS.decompress(blob))


def stats_to_json(stats: KeyStats) -> list:
    return [stats.written, stats.canonical, list(stats.other), stats.expansions,
            list(stats.papers)]


def stats_from_json(data: list) -> KeyStats:
    written, canonical, other, expansions, papers = data
    return KeyStats(written, canonical, set(other), expansions, set(papers))


def entity_to_json(entity: ResolvedEntity) -> list:
    return [entity.label, entity.name, entity.aliases, entity.papers,
            entity.expansion]


def entity_from_json(entity_id: str, data: list) -> ResolvedEntity:
    label, name, aliases, papers, expansion = data
    return ResolvedEntity(entity_id, label, name, aliases, papers, expansion)


def node_row(entity: ResolvedEntity) -> NodeRow:
    return (entity.label, entity.name, list(entity.aliases), entity.papers)


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


class StateDB:
    """One state file, opened for reading, for an addition, or created empty."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        self.path = path
        if not create and not path.is_file():
            raise StoreError(f"{path}: state database missing; rebuild the graph "
                             "with `kg build` into a new --graph DIR")
        self.conn = sqlite3.connect(path, isolation_level=None)
        try:
            if create:
                # A new generation: the manifest points at it only once complete.
                self.conn.executescript("PRAGMA journal_mode=OFF;"
                                        "PRAGMA synchronous=OFF;"
                                        "PRAGMA cache_size=-65536;" + _SCHEMA)
            else:
                self.conn.execute("PRAGMA synchronous=FULL")
                self.conn.execute("SELECT count(*) FROM papers").fetchone()
        except sqlite3.Error as exc:
            self.conn.close()
            raise StoreError(f"{path}: unreadable state database ({exc}); rebuild "
                             "the graph with `kg build` into a new --graph DIR"
                             ) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> StateDB:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- papers and records ------------------------------------------------------
    def papers(self, ids: Iterable[str] | None = None) -> list[Paper]:
        """The stored papers (of ``ids`` only, when given), sorted by id."""
        rows = self._select("SELECT id, data FROM papers", "id", ids)
        return [Paper.from_dict(unpack(data)) for _, data in rows]

    def papers_like(self, papers: Iterable[Paper]) -> list[Paper]:
        """The stored papers a merge could join ``papers`` to: the same id or the
        same normalised title (:mod:`kg.sources.merge`), sorted by id."""
        papers = list(papers)
        rows = {*self._select("SELECT id, data FROM papers", "id",
                              [p.id for p in papers]),
                *self._select("SELECT id, data FROM papers", "title_key",
                              [title_key(p.title) for p in papers])}
        return [Paper.from_dict(unpack(data)) for _, data in sorted(rows)]

    def records_of(self, ids: Iterable[str]) -> list[ExtractionRecord]:
        """The stored records of the papers ``ids``, with their stored papers,
        sorted by id."""
        papers = {p.id: p for p in self.papers(ids)}
        rows = self._select("SELECT id, data FROM records", "id", list(papers))
        return [ExtractionRecord.from_extraction(papers[pid], unpack(data))
                for pid, data in rows]

    def all_records(self, papers: dict[str, Paper]) -> Iterator[ExtractionRecord]:
        """Every stored record whose paper is in ``papers``, in order of id."""
        for pid, data in self.conn.execute("SELECT id, data FROM records "
                                           "ORDER BY id"):
            paper = papers.get(pid)
            if paper is not None:
                yield ExtractionRecord.from_extraction(paper, unpack(data))

    def primaries(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Paper id -> the primary name key of each of its mentions."""
        rows = self._select("SELECT id, primaries FROM records", "id", ids)
        return {pid: loads(data) for pid, data in rows}

    def _select(self, query: str, column: str, ids: Iterable[str] | None
                ) -> list[tuple]:
        if ids is None:
            return list(self.conn.execute(f"{query} ORDER BY {column}"))
        out: list[tuple] = []
        for chunk in _chunks(sorted(set(ids))):
            marks = ",".join("?" * len(chunk))
            out.extend(self.conn.execute(
                f"{query} WHERE {column} IN ({marks})", chunk))
        out.sort(key=lambda row: row[0])
        return out

    # -- the grouping (kg.resolve.incremental.ResolutionSource) -------------------
    def roots(self, keys: Iterable[str]) -> dict[str, str]:
        return dict(self._select("SELECT key, root FROM keys", "key", keys))

    def members(self, roots: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {root: [] for root in roots}
        for root, key in self._select("SELECT root, key FROM keys", "root", out):
            out[root].append(key)
        return out

    def key_stats(self, keys: Iterable[str]) -> dict[str, KeyStats]:
        return {key: stats_from_json(loads(data)) for key, data
                in self._select("SELECT key, data FROM stats", "key", keys)}

    def definitions(self, acronyms: Iterable[str]
                    ) -> dict[str, dict[str, set[str]]]:
        return {acronym: {exp: set(papers) for exp, papers in loads(data).items()}
                for acronym, data in self._select(
                    "SELECT acronym, data FROM definitions", "acronym", acronyms)}

    def group_entities(self, roots: Iterable[str]) -> dict[str, str]:
        return dict(self._select("SELECT root, entity FROM groups", "root", roots))

    # -- the whole resolution, for lineage ----------------------------------------
    def entities(self) -> dict[str, ResolvedEntity]:
        """Every group's entity before lineage, by id."""
        return {entity_id: entity_from_json(entity_id, loads(data))
                for entity_id, data in self.conn.execute(
                    "SELECT entity, data FROM groups")}

    def entity_keys(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, entity FROM entity_keys"))

    def variant_links(self) -> list[VariantRow]:
        return list(self.conn.execute(
            "SELECT paper, seq, key, type, base FROM variant_links "
            "ORDER BY paper, seq"))

    def nodes(self, ids: Iterable[str] | None = None) -> dict[str, NodeRow]:
        """The database's rows of the entity nodes ``ids`` that it holds (all
        of them without ``ids``)."""
        return {node_id: tuple(loads(data)) for node_id, data
                in self._select("SELECT id, data FROM nodes", "id", ids)}

    def node_ids(self) -> set[str]:
        return {node_id for (node_id,) in self.conn.execute("SELECT id FROM nodes")}

    def resolution(self) -> Resolution:
        """The whole resolution as stored: every entity node (lineage's included),
        each key's entity, each stored mention's entity and the lineage edges in
        the order resolution gives them.  This is what the database was written
        from: for 74,671 papers reading it takes 0.7 s, resolving the records
        again about 5 s."""
        keys = self.entity_keys()
        entities = {node_id: ResolvedEntity(node_id, label, name, aliases, papers)
                    for node_id, (label, name, aliases, papers)
                    in self.nodes().items()}
        mentions = {(paper_id, index): keys[key]
                    for paper_id, primaries in self.conn.execute(
                        "SELECT id, primaries FROM records ORDER BY id")
                    for index, key in enumerate(loads(primaries))
                    if key in keys}  # not: a name a curation file dropped
        lineage = sorted(self.lineage(), key=lambda e: (e.type, e.source, e.target))
        return Resolution(entities=entities, mentions=mentions, lineage=lineage,
                          keys=keys)

    def lineage(self) -> set[Lineage]:
        return {Lineage(source, target, rel_type, rule) for rel_type, source, target,
                rule in self.conn.execute(
                    "SELECT type, source, target, rule FROM lineage")}

    def repositories(self, ids: Iterable[str]) -> dict[str, tuple[str, int, str]]:
        """Repository id -> (URL, papers linking it, the first such paper by id)."""
        return {repo: (url, papers, first) for repo, url, papers, first
                in self._select("SELECT id, url, papers, first FROM repositories",
                                "id", ids)}

    # -- writing -------------------------------------------------------------------
    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def put_records(self, records: Iterable[ExtractionRecord],
                    primaries: dict[tuple[str, int], str]) -> None:
        """Insert papers and records (``primaries``: (paper id, index) -> key)."""
        records = list(records)
        self.conn.executemany(
            "INSERT INTO papers VALUES (?, ?, ?)",
            ((r.id, title_key(r.paper.title), pack(r.paper.to_dict()))
             for r in records))
        self.conn.executemany(
            "INSERT INTO records VALUES (?, ?, ?)",
            ((r.id, pack(r.extraction_dict()),
              dumps_bytes([primaries[(r.id, i)] for i in range(len(r.entities))]))
             for r in records))

    def put_keys(self, roots: Iterable[tuple[str, str]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO keys VALUES (?, ?)", roots)

    def move_keys(self, old_root: str, new_root: str) -> None:
        self.conn.execute("UPDATE keys SET root = ? WHERE root = ?",
                          (new_root, old_root))

    def put_stats(self, stats: Iterable[tuple[str, KeyStats]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?)",
                              ((k, dumps_bytes(stats_to_json(s))) for k, s in stats))

    def put_definitions(self, definitions: Iterable[tuple[str, dict[str, set[str]]]]
                        ) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO definitions VALUES (?, ?)",
            ((acronym, dumps_bytes({exp: list(papers) for exp, papers in exps.items()}))
             for acronym, exps in definitions))

    def put_groups(self, groups: Iterable[tuple[str, ResolvedEntity]]) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO groups VALUES (?, ?, ?)",
            ((root, e.id, dumps_bytes(entity_to_json(e))) for root, e in groups))

    def drop_groups(self, roots: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM groups WHERE root = ?",
                              ((root,) for root in roots))

    def put_entity_keys(self, keys: Iterable[tuple[str, str]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO entity_keys VALUES (?, ?)",
                              keys)

    def put_variant_links(self, rows: Iterable[VariantRow]) -> None:
        self.conn.executemany("INSERT INTO variant_links VALUES (?, ?, ?, ?, ?)",
                              rows)

    def put_nodes(self, nodes: Iterable[tuple[str, NodeRow]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO nodes VALUES (?, ?)",
                              ((nid, dumps_bytes(row)) for nid, row in nodes))

    def drop_nodes(self, ids: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM nodes WHERE id = ?",
                              ((nid,) for nid in ids))

    def put_lineage(self, edges: Iterable[Lineage]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO lineage VALUES (?, ?, ?, ?)",
                              ((e.type, e.source, e.target, e.rule) for e in edges))

    def drop_lineage(self, edges: Iterable[Lineage]) -> None:
        self.conn.executemany(
            "DELETE FROM lineage WHERE type = ? AND source = ? AND target = ?",
            ((e.type, e.source, e.target) for e in edges))

    def put_repositories(self, repos: Iterable[tuple[str, tuple[str, int, str]]]
                         ) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO repositories VALUES (?, ?, ?, ?)",
            ((repo, url, n, first) for repo, (url, n, first) in repos))
