"""The main jobs as plain functions: the CLI is a thin layer over these.

``build_embedded`` is incremental: a paper whose content hash is already in the graph
keeps its stored extraction, so rebuilding the same inputs costs little more than
reading them, and the result always equals a build from scratch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.extract import Extractor
from kg.gcpause import gc_paused
from kg.graph import build_graph
from kg.progress import Reporter
from kg.records import ExtractionRecord, Paper, Problem
from kg.sources import merge_papers, read_papers
from kg.stores.base import GraphStore, WriteSummary
from kg.stores.embedded import EmbeddedStore

ProblemSink = Callable[[Problem], None]


@dataclass(slots=True)
class BuildSummary:
    """What a build did, for the CLI's one-line summary and the benchmarks."""

    papers_read: int = 0
    papers_extracted: int = 0
    papers_reused: int = 0
    papers_total: int = 0
    changed: bool = True
    write: WriteSummary | None = None
    seconds: float = 0.0


def extract_inputs(paths: Sequence[str | Path], *, strict: bool = False,
                   workers: int = 1, on_problem: ProblemSink | None = None,
                   reporter: Reporter | None = None) -> Iterator[ExtractionRecord]:
    """Read ``paths`` and yield one extraction record per distinct paper, in order."""
    reporter = reporter or Reporter(quiet=True)
    papers = read_papers(paths, strict=strict, on_problem=on_problem,
                         progress=reporter)
    yield from Extractor().extract_many(papers, workers=workers, progress=reporter,
                                        total=len(papers))


def _needs_extraction(papers: list[Paper], stored: dict[str, Paper]) -> list[Paper]:
    """Papers that are new or whose text changed since they were extracted."""
    return [p for p in papers if p.id not in stored
            or stored[p.id].content_hash() != p.content_hash()]


def _kept_records(papers: list[Paper], todo: list[Paper],
                  store: EmbeddedStore) -> list[ExtractionRecord]:
    """Stored extractions of the papers that need none, with their merged
    listing data (upvotes, dates and sources may have changed)."""
    keep = {p.id: p for p in papers}
    for paper in todo:
        keep.pop(paper.id)
    return store.load_records(keep)


def build_embedded(paths: Sequence[str | Path], store: EmbeddedStore, *,
                   strict: bool = False, workers: int = 1,
                   on_problem: ProblemSink | None = None,
                   reporter: Reporter | None = None,
                   rebuild: bool = False) -> BuildSummary:
    """Add the papers of ``paths`` to the graph directory of ``store``.

    Only new or changed papers are extracted.  When the inputs only add papers,
    they are added in place (:meth:`EmbeddedStore.add`), reading just the stored
    papers they could merge with; otherwise, or with ``rebuild``, the graph is
    written again from all records.
    """
    started = time.perf_counter()
    reporter = reporter or Reporter(quiet=True)
    new = read_papers(paths, strict=strict, on_problem=on_problem, progress=reporter)
    summary = BuildSummary(papers_read=len(new))
    if rebuild or not (store.can_add() and _add_in_place(store, new, summary,
                                                         workers, reporter)):
        _rebuild(store, new, summary, workers, reporter, force=rebuild)
    summary.seconds = time.perf_counter() - started
    return summary


def _add_in_place(store: EmbeddedStore, new: list[Paper], summary: BuildSummary,
                  workers: int, reporter: Reporter) -> bool:
    """Add ``new`` to the graph in place when it only adds papers; False when a
    stored paper's listing data changed, which needs a full rebuild."""
    stored = {p.id: p for p in store.papers_like(new)}
    merged = merge_papers([*stored.values(), *new], on_problem=None)
    if any(p.id in stored and p != stored[p.id] for p in merged):
        return False  # a stored paper's listing data changed
    todo = [p for p in merged if p.id not in stored]
    held = store.stats()["nodes"].get("Paper", 0)
    summary.papers_total = held + len(todo)
    summary.papers_reused, summary.papers_extracted = held, len(todo)
    if not todo:
        summary.changed = False
        return True
    summary.write = store.add(_extract(todo, workers, reporter), reporter=reporter)
    return True


def _extract(papers: list[Paper], workers: int, reporter: Reporter
             ) -> list[ExtractionRecord]:
    with gc_paused():  # the records are acyclic: see kg.gcpause
        return list(Extractor().extract_many(papers, workers=workers,
                                             progress=reporter, total=len(papers)))


def _rebuild(store: EmbeddedStore, new: list[Paper], summary: BuildSummary,
             workers: int, reporter: Reporter, *, force: bool = False) -> None:
    """Merge ``new`` with every stored paper and write the whole graph again,
    reusing the stored extraction of unchanged papers.

    Empties ``new``: the caller's reference to it would keep every paper's text
    alive after the store has released the records."""
    stored_papers = store.load_papers()
    stored = {p.id: p for p in stored_papers}
    merged = merge_papers([*stored_papers, *new], on_problem=None)
    summary.papers_total = len(merged)
    new.clear()
    del stored_papers
    todo = _needs_extraction(merged, stored)
    must_write = force or (store.manifest() or {}).get("pending", False)
    if not must_write and not todo and len(merged) == len(stored) and all(
            p == stored[p.id] for p in merged):
        summary.changed = False
        summary.papers_reused = len(merged)
        return
    records = []
    if stored:
        with reporter.status("reading the stored extraction records"):
            records = _kept_records(merged, todo, store)
    summary.papers_reused, summary.papers_extracted = len(records), len(todo)
    del merged, stored
    with gc_paused():  # the records are acyclic: see kg.gcpause
        records.extend(Extractor().extract_many(todo, workers=workers,
                                                progress=reporter,
                                                total=len(todo)))
        del todo
        summary.write = store.write(records, release=True, reporter=reporter)


def build_server(paths: Sequence[str | Path], store: GraphStore, *,
                 strict: bool = False, workers: int = 1,
                 on_problem: ProblemSink | None = None,
                 reporter: Reporter | None = None) -> BuildSummary:
    """Extract ``paths``, resolve them and MERGE the graph into a server store."""
    started = time.perf_counter()
    records = list(extract_inputs(paths, strict=strict, workers=workers,
                                  on_problem=on_problem, reporter=reporter))
    summary = BuildSummary(papers_read=len(records), papers_extracted=len(records),
                           papers_total=len(records))
    graph = build_graph(records)
    rows = graph.number_of_nodes() + graph.number_of_edges()
    with (reporter or Reporter(quiet=True)).bar("loading", rows, "rows") as advance:
        written = [0]

        def progress(done: int, _total: int) -> None:
            advance(done - written[0])
            written[0] = done

        summary.write = store.write_graph(graph, progress=progress)
    summary.seconds = time.perf_counter() - started
    return summary
