"""The embedded store: a graph directory on disk that needs no server.

Layout of ``DIR`` (``--graph``, default ``$KG_GRAPH`` or ``./kg-data``)::

    manifest.json          which generation is current, its counts, and the
                           curation file the graph applies (kg.resolve.curation)
    state-<gen>.sqlite     each paper's listing data and what extraction found in
                           it (the source of truth), plus the resolution state an
                           addition of papers starts from (kg.stores.state_db)
    cypher-<gen>.lbug      a LadybugDB database of the resolved graph, for Cypher
                           (none in a state-only directory of server builds)

A full build writes a new generation beside the current one and then replaces
``manifest.json`` atomically (temporary file + ``os.replace``), so a build killed at
any moment leaves the previous graph readable.  Adding papers
(:meth:`EmbeddedStore.add`) changes both files in place, each in one transaction,
with the manifest marked ``pending`` in between: a later build that finds the mark
rebuilds the database from the state's records.  The manifest's ``version``
changes with every write and addition; ``servers`` records which version each
server built from this directory holds (:func:`kg.pipeline.build_server`).
Directories of formats 1 and 2
(gzip JSONL records and papers files) are still read; the next build writes
format 3.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import StoreError
from kg.files import write_atomically
from kg.graph import build_graph
from kg.graph.builder import graph_elements
from kg.graph.schema import load_schema
from kg.jsontext import loads
from kg.memory import release_free_memory
from kg.progress import Reporter
from kg.records import ExtractionRecord, Paper
from kg.resolve.curation import Curation, parse_curation
from kg.resolve.resolver import clear_name_caches, resolve_full
from kg.stores.base import QueryResult, WriteSummary
from kg.stores.increment import add_records, write_state
from kg.stores.ladybug_db import count_elements, load_staged, run_query, stage_elements
from kg.stores.ladybug_patch import apply_patch
from kg.stores.state_db import StateDB

MANIFEST = "manifest.json"
#: 1: records held the paper fields too; 2: records hold only the extraction;
#: 3: papers, records and resolution state in one SQLite file.
FORMAT_VERSION = 3


def default_graph_dir() -> Path:
    return Path(os.environ.get("KG_GRAPH") or "kg-data")


def _size(path: Path) -> int:
    """Bytes of a database file (or directory, as older engines wrote them)."""
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def _can_add(manifest: dict[str, Any] | None) -> bool:
    """Format 3, not interrupted, written with this version's schema, and no
    curation (its corrections apply to the whole resolution: such a graph is
    written whole, kg.pipeline)."""
    return bool(manifest and "state" in manifest and not manifest.get("pending")
                and "curation" not in manifest and _schema_current(manifest))


def _schema_current(manifest: dict[str, Any] | None) -> bool:
    """Whether the graph was written with this version's schema (a manifest
    without ``schema`` predates schema 2, which added usage and MENTIONS to
    methods, benchmarks and models)."""
    return manifest is None or manifest.get("schema", 1) == load_schema().version


def _has_database(manifest: dict[str, Any] | None) -> bool:
    return bool(manifest and manifest.get("cypher"))


def _papers_only(papers: int) -> dict[str, dict[str, int]]:
    """The counts a state-only directory keeps: its papers."""
    return {"nodes": {"Paper": papers}, "relationships": {}}


def _kept_curation(curation: Curation | None) -> dict[str, Any]:
    """The manifest's entry for the curation file (none without entries)."""
    if curation is None or not curation.entries:
        return {}
    return {"curation": {"file": curation.origin, "text": curation.text}}


def _new_version() -> str:
    return uuid.uuid4().hex


def _record_id(record: ExtractionRecord) -> str:
    return record.id


def _joined(data: dict[str, Any], papers: Mapping[str, Paper] | None
            ) -> list[ExtractionRecord]:
    """The stored record ``data`` with its paper ([] when ``papers`` lacks it).
    Without ``papers`` the record must hold its paper (format 1)."""
    if papers is None:
        return [ExtractionRecord.from_dict(data)]
    paper = papers.get(data["id"])
    return [] if paper is None else [ExtractionRecord.from_extraction(paper, data)]


class EmbeddedStore:
    """A graph directory: records, the derived graph, and a Cypher database."""

    def __init__(self, directory: Path | str, *, database: bool = True) -> None:
        """``database=False`` keeps only the state (server builds that have no
        embedded database yet: its checkpoint is most of an addition's cost)."""
        self.directory = Path(directory)
        self.database = database
        self._graph: nx.MultiDiGraph | None = None

    @classmethod
    def for_server(cls, directory: Path | str) -> EmbeddedStore:
        """The graph directory of server builds: it keeps an embedded database
        only if it already has one (an embedded build made it)."""
        return cls(directory, database=cls(directory).has_database())

    # -- reading -------------------------------------------------------------
    def manifest(self) -> dict[str, Any] | None:
        path = self.directory / MANIFEST
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable graph manifest ({exc}); rebuild "
                             "the graph with `kg build`") from None

    def exists(self) -> bool:
        return self.manifest() is not None

    def _require(self) -> dict[str, Any]:
        manifest = self.manifest()
        if manifest is None:
            raise StoreError(f"{self.directory}: no graph here yet; run "
                             f"`kg build INPUT... --graph {self.directory}` first")
        return manifest

    def load_records(self, papers: Mapping[str, Paper] | None = None,
                     progress: Reporter | None = None) -> list[ExtractionRecord]:
        """Every stored record, sorted by paper id ([] for a new directory).

        Each record gets its paper from the stored papers, or from ``papers`` (by
        id) when the caller has newer listing data; stored records whose id is not
        in ``papers`` are then skipped.  ``progress`` shows a bar of the records
        read (74,671 take about 9 s).
        """
        manifest = self.manifest()
        if manifest is None:
            return []
        if "state" in manifest:
            with self._state(manifest) as state:
                if papers is None:
                    papers = {p.id: p for p in state.papers()}
                records = state.all_records(papers)
                if progress is not None:
                    records = progress.track(records, "reading the stored records",
                                             total=len(papers))
                return list(records)
        if papers is None and manifest.get("format", 1) >= 2:
            papers = {p.id: p for p in self.load_papers()}
        path = self.directory / manifest["records"]
        try:
            with gzip.open(path, "rb") as handle:
                return [record for line in handle if line.strip()
                        for record in _joined(loads(line), papers)]
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            raise StoreError(f"{path}: damaged records file ({exc}); rebuild the "
                             "graph with `kg build` into a new --graph DIR") from None

    def _state(self, manifest: dict[str, Any]) -> StateDB:
        return StateDB(self.directory / manifest["state"])

    def curation(self) -> Curation | None:
        """The curation file this graph applies (kept by :meth:`write` from the
        build that gave it), or None."""
        kept = (self.manifest() or {}).get("curation")
        if not kept:
            return None
        return parse_curation(kept["text"], kept["file"])

    def can_add(self) -> bool:
        """Whether :meth:`add` can extend this graph (format 3, not interrupted,
        and with a database if this store keeps one)."""
        manifest = self.manifest()
        return _can_add(manifest) and (_has_database(manifest) or not self.database)

    def schema_current(self) -> bool:
        """Whether the stored graph (if any) has this version's schema and
        extraction: when not, a build re-extracts every paper and writes the
        whole graph again (:func:`kg.pipeline.build_embedded`)."""
        return _schema_current(self.manifest())

    def has_database(self) -> bool:
        """Whether the directory holds an embedded database (a state-only
        directory of server builds does not)."""
        return _has_database(self.manifest())

    def paper_count(self) -> int:
        """Papers in the graph (kept with or without a database)."""
        return self._require()["stats"]["nodes"].get("Paper", 0)

    def papers_like(self, papers: list[Paper]) -> list[Paper]:
        """The stored papers that ``papers`` could merge with (same id or title);
        read by key, so it costs in proportion to ``papers``."""
        manifest = self._require()
        if "state" not in manifest:
            return self.load_papers()
        with self._state(manifest) as state:
            return state.papers_like(papers)

    def graph(self, progress: Reporter | None = None) -> nx.MultiDiGraph:
        """The networkx graph of the stored records: the one the database holds.

        The records are read (9 s for 74,671 papers) and joined to the stored
        resolution; a directory written before the state database existed has
        them resolved again.  ``progress`` shows both steps.
        """
        if self._graph is None:
            manifest = self._require()
            progress = progress or Reporter(quiet=True)
            records = self.load_records(progress=progress)
            with progress.status(f"building the graph of {len(records):,} papers"):
                resolution = None
                if "state" in manifest:
                    with self._state(manifest) as state:
                        resolution = state.resolution()
                self._graph = build_graph(records, resolution)
        return self._graph

    def stats(self) -> dict[str, dict[str, int]]:
        return self._with_database()["stats"]

    def query(self, cypher: str, parameters: dict[str, Any] | None = None
              ) -> QueryResult:
        manifest = self._with_database()
        return run_query(self.directory / manifest["cypher"], cypher, parameters)

    def _with_database(self) -> dict[str, Any]:
        manifest = self._require()
        if not _has_database(manifest):
            raise StoreError(
                f"{self.directory} keeps the state of server builds and has no "
                "embedded database: ask the server (--neo4j-uri / --falkordb-uri), "
                f"or run `kg build INPUT --graph {self.directory}` to make one")
        return manifest

    def load_papers(self) -> list[Paper]:
        """The stored papers without their extraction (much smaller to read)."""
        manifest = self.manifest()
        if manifest is None:
            return []
        if "state" in manifest:
            with self._state(manifest) as state:
                return state.papers()
        if "papers" not in manifest:  # written before the paper index existed
            return [r.paper for r in self.load_records()]
        path = self.directory / manifest["papers"]
        try:
            with gzip.open(path, "rb") as handle:
                return [Paper.from_dict(loads(line)) for line in handle if line.strip()]
        except (OSError, ValueError, TypeError, EOFError) as exc:
            raise StoreError(f"{path}: damaged papers file ({exc}); rebuild the "
                             "graph with `kg build` into a new --graph DIR") from None

    # -- writing -------------------------------------------------------------
    def write(self, records: Iterable[ExtractionRecord], *, release: bool = False,
              reporter: Reporter | None = None,
              curation: Curation | None = None) -> WriteSummary:
        """Replace the stored graph with ``records`` (resolved here, corrected by
        ``curation``, which the directory then keeps: :meth:`curation`).

        ``release=True`` hands a list over: it is sorted in place and emptied as
        soon as the graph is staged, so the records (about 1 GB for 75k abstracts)
        and the engine's COPY buffers are never in memory together.  ``reporter``
        shows each step (files, resolution, staging, database load).
        """
        started = time.perf_counter()
        reporter = reporter or Reporter(quiet=True)
        if release and isinstance(records, list):
            records.sort(key=_record_id)
        else:
            records = sorted(records, key=_record_id)
        self.directory.mkdir(parents=True, exist_ok=True)
        old = self.manifest()
        generation = (old["generation"] + 1) if old else 1
        names = {"state": f"state-{generation}.sqlite"}
        if self.database:
            names["cypher"] = f"cypher-{generation}.lbug"
        self._remove(*names.values())  # debris of a killed build
        stats = self._write_database(names, records, reporter, curation)
        per_paper = (_size(self.directory / names["cypher"])
                     / max(stats["nodes"].get("Paper", 0), 1)
                     if self.database else None)
        self._write_manifest({"format": FORMAT_VERSION, "generation": generation,
                              "schema": load_schema().version,
                              **names, "stats": stats,
                              "compact_bytes_per_paper": per_paper,
                              "version": _new_version(),
                              "servers": (old or {}).get("servers", {}),
                              **_kept_curation(curation)})
        if old:
            self._remove(*(old[key] for key in ("records", "papers", "state",
                                                "cypher") if key in old))
        self._graph = None
        return WriteSummary(nodes=sum(stats["nodes"].values()),
                            relationships=sum(stats["relationships"].values()),
                            seconds=time.perf_counter() - started)

    def _write_database(self, names: dict[str, str],
                        records: list[ExtractionRecord], reporter: Reporter,
                        curation: Curation | None = None
                        ) -> dict[str, dict[str, int]]:
        """Resolve, keep the state, stream the graph into Parquet files, drop the
        records, then let the engine load the files; returns the counts per label
        and type.  No networkx graph is made: the stream goes straight into column
        lists.
        """
        with reporter.status(f"resolving the entities of {len(records):,} papers"):
            full = resolve_full(records, curation)
        with (reporter.status(f"writing the records of {len(records):,} papers"),
              StateDB(self.directory / names["state"], create=True) as state):
            write_state(state, records, full)
        resolution = full.resolution
        del full
        if "cypher" not in names:  # state only: the papers are all it counts
            return _papers_only(len(records))
        with tempfile.TemporaryDirectory(prefix="kg-copy-") as tmp:
            with reporter.status("staging the graph"):
                staged = stage_elements(graph_elements(records, resolution),
                                        Path(tmp))
            del resolution
            records.clear()  # a copy, or the list the caller released
            clear_name_caches()  # repository ids refilled them (see write_state)
            release_free_memory()
            rows = sum(map(sum, (group.values() for group in staged.stats.values())))
            with reporter.status(f"loading {rows:,} rows into the database"):
                load_staged(self.directory / names["cypher"], staged.files)
        return staged.stats

    def add(self, records: list[ExtractionRecord], *,
            reporter: Reporter | None = None) -> WriteSummary:
        """Add the records of papers this graph does not hold, in place.

        Costs in proportion to the new papers (plus lineage over all entities);
        the graph equals a full build (:meth:`write`) of all the papers.
        """
        started = time.perf_counter()
        reporter = reporter or Reporter(quiet=True)
        manifest = self._require()
        if not _can_add(manifest):
            raise StoreError(f"{self.directory}: papers can only be added to a "
                             "graph built by this version, not interrupted "
                             "and without a curation file; run `kg build` to "
                             "rebuild it")
        records = sorted(records, key=_record_id)
        with self._state(manifest) as state:
            state.begin()
            try:
                with reporter.status(f"resolving {len(records):,} new papers"):
                    patch = add_records(state, records)
                self._write_manifest({**manifest, "pending": True})
                state.commit()
            except BaseException:
                state.rollback()
                self._write_manifest(manifest)
                raise
        if _has_database(manifest):
            cypher = self.directory / manifest["cypher"]
            with reporter.status(f"updating the database ({len(patch.add):,} "
                                 "relationships)"):
                apply_patch(cypher, patch)
                stats = count_elements(cypher)
        else:
            stats = _papers_only(manifest["stats"]["nodes"].get("Paper", 0)
                                 + len(records))
        self._write_manifest({**manifest, "stats": stats, "version": _new_version()})
        self._graph = None
        return WriteSummary(nodes=sum(stats["nodes"].values()),
                            relationships=sum(stats["relationships"].values()),
                            seconds=time.perf_counter() - started, patch=patch)

    # -- servers kept in step (kg.pipeline.build_server) -------------------------
    def version(self) -> str | None:
        """A token that changes with every write or addition (None before any, or
        in a directory written before versions were kept)."""
        return (self.manifest() or {}).get("version")

    def server_version(self, target: str) -> str | None:
        """The :meth:`version` of this graph that the server ``target`` was last
        brought to in full, or None."""
        return (self.manifest() or {}).get("servers", {}).get(target)

    def mark_server(self, target: str, version: str | None) -> None:
        """Record that the server ``target`` now holds graph ``version``."""
        manifest = self._require()
        servers = {**manifest.get("servers", {}), target: version}
        self._write_manifest({**manifest, "servers": servers})

    def database_growth(self) -> float:
        """The database's size over what a full build of as many papers would
        write: additions rewrite storage regions out of place, and ``kg build
        --rebuild`` writes the file compactly again."""
        manifest = self._require()
        if not _has_database(manifest):
            return 1.0
        per_paper = manifest.get("compact_bytes_per_paper")
        papers = manifest["stats"]["nodes"].get("Paper", 0)
        if not per_paper or not papers:
            return 1.0
        return _size(self.directory / manifest["cypher"]) / (per_paper * papers)

    def _write_manifest(self, manifest: dict[str, Any]) -> None:
        write_atomically(self.directory / MANIFEST,
                         [json.dumps(manifest, indent=2, sort_keys=True)], durable=True)

    def _remove(self, *names: str) -> None:
        for name in names:
            for path in (self.directory / name, self.directory / f"{name}.wal"):
                if path.is_dir():
                    shutil.rmtree(path)
                elif path.exists():
                    path.unlink()
