"""The main jobs as plain functions: the CLI is a thin layer over these.

``build_embedded`` is incremental: a paper whose content hash is already in the graph
keeps its stored extraction, so rebuilding the same inputs costs little more than
reading them, and the result always equals a build from scratch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import Extractor
from kg.gcpause import gc_paused
from kg.graph.patch import GraphPatch
from kg.progress import Reporter
from kg.records import ExtractionRecord, Paper, Problem
from kg.resolve.curation import Curation, load_curation
from kg.sources import merge_papers, read_papers
from kg.stores.base import WriteSummary
from kg.stores.cypher import Progress
from kg.stores.cypher_store import CypherServerStore
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
    #: server builds: what the server was sent ("the change", "the whole graph",
    #: "the whole graph, stale elements deleted")
    sent: str | None = None
    #: curation entries that matched nothing ("FILE:LINE: kind entry: ...")
    warnings: list[str] = field(default_factory=list)
    #: why the build did more than asked (a graph of an older schema rebuilt)
    note: str | None = None


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
                   rebuild: bool = False,
                   curation: Path | str | None = None) -> BuildSummary:
    """Add the papers of ``paths`` to the graph directory of ``store``.

    Only new or changed papers are extracted.  When the inputs only add papers,
    they are added in place (:meth:`EmbeddedStore.add`), reading just the stored
    papers they could merge with; otherwise, or with ``rebuild``, the graph is
    written again from all records.

    ``curation`` is a curation file (:mod:`kg.resolve.curation`); the directory
    keeps it, and a build without one applies the kept one.  A graph with a
    curation is always written again from all records (its stored extraction
    reused): the corrections apply to the whole resolution.
    """
    started = time.perf_counter()
    reporter = reporter or Reporter(quiet=True)
    corrections, changed = _curation_for(store, curation)
    new = read_papers(paths, strict=strict, on_problem=on_problem, progress=reporter)
    summary = BuildSummary(papers_read=len(new))
    force = rebuild or changed
    if force or corrections is not None or not (
            store.can_add() and _add_in_place(store, new, summary, workers,
                                              reporter)):
        _rebuild(store, new, summary, workers, reporter, force=force,
                 curation=corrections)
    summary.seconds = time.perf_counter() - started
    return summary


def _curation_for(store: EmbeddedStore, path: Path | str | None
                  ) -> tuple[Curation | None, bool]:
    """The curation a build applies (the file given, else the one the directory
    keeps; None for none or an empty file) and whether it differs from the kept
    one.  A bad file is an error here, before any input is read."""
    kept = store.curation()
    if path is None:
        return kept, False
    given: Curation | None = load_curation(path)
    if given is not None and not given.entries:
        given = None  # an empty file clears the kept curation
    texts = [c.text if c is not None else None for c in (given, kept)]
    return given, texts[0] != texts[1]


def _add_in_place(store: EmbeddedStore, new: list[Paper], summary: BuildSummary,
                  workers: int, reporter: Reporter) -> bool:
    """Add ``new`` to the graph in place when it only adds papers; False when a
    stored paper changed, which needs a full rebuild.

    The stored papers a new record could be are read by id and by normalised
    title, and merged with it by the rules of a build from scratch
    (:mod:`kg.sources.merge`).  A stored paper changes when a record adds listing
    data to it, and also when it takes a new id: a stored paper without an arXiv
    id that a new record with one joins by title becomes that paper (one ToolRL,
    not a ``title-...`` paper and a ``2504.13958`` one).
    """
    stored = {p.id: p for p in store.papers_like(new)}
    merged = merge_papers([*stored.values(), *new], on_problem=None)
    if _stored_changed(stored, merged):
        return False
    todo = [p for p in merged if p.id not in stored]
    held = store.paper_count()
    summary.papers_total = held + len(todo)
    summary.papers_reused, summary.papers_extracted = held, len(todo)
    if not todo:
        summary.changed = False
        return True
    summary.write = store.add(_extract(todo, workers, reporter), reporter=reporter)
    return True


def _stored_changed(stored: dict[str, Paper], merged: list[Paper]) -> bool:
    """Whether merging changed a stored paper: its listing data, or its id (it
    joined a new record by title and took that record's arXiv id)."""
    merged_ids = {p.id for p in merged}
    return (any(p.id in stored and p != stored[p.id] for p in merged)
            or any(paper_id not in merged_ids for paper_id in stored))


def _extract(papers: list[Paper], workers: int, reporter: Reporter
             ) -> list[ExtractionRecord]:
    with gc_paused():  # the records are acyclic: see kg.gcpause
        return list(Extractor().extract_many(papers, workers=workers,
                                             progress=reporter, total=len(papers)))


def _rebuild(store: EmbeddedStore, new: list[Paper], summary: BuildSummary,
             workers: int, reporter: Reporter, *, force: bool = False,
             curation: Curation | None = None) -> None:
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
    current = store.schema_current()
    # A graph of an older schema was extracted without what this one stores (usage):
    # every paper is extracted again and the whole graph written.
    todo = _needs_extraction(merged, stored) if current else list(merged)
    if not current:
        summary.note = ("the graph was written by an older version (no usage, "
                        "no MENTIONS of methods, benchmarks, models): every paper "
                        "extracted again and the graph rewritten")
    must_write = force or not current or (store.manifest() or {}).get("pending",
                                                                      False)
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
        summary.write = store.write(records, release=True, reporter=reporter,
                                    curation=curation)
    if curation is not None:
        summary.warnings = list(curation.warnings)


def build_server(paths: Sequence[str | Path], store: CypherServerStore,
                 graph: EmbeddedStore, *, strict: bool = False, workers: int = 1,
                 on_problem: ProblemSink | None = None,
                 reporter: Reporter | None = None,
                 rebuild: bool = False,
                 curation: Path | str | None = None) -> BuildSummary:
    """Add the papers of ``paths`` to the graph directory ``graph``, then bring the
    server ``store`` to the directory's graph.

    The directory holds the papers and the resolution state, so papers added on
    another day are resolved against all earlier ones (one node per entity,
    counts over every paper), as in an embedded build.  A server that holds the
    directory's graph from before gets only the addition's patch; one that holds
    an older graph of it gets the whole graph, with what is no longer in it
    deleted; one it never wrote gets the whole graph MERGEd, and nothing deleted.
    ``summary.write`` counts the rows sent to the server (0 when it was already
    up to date).
    """
    started = time.perf_counter()
    reporter = reporter or Reporter(quiet=True)
    before = graph.version()
    summary = build_embedded(paths, graph, strict=strict, workers=workers,
                             on_problem=on_problem, reporter=reporter,
                             rebuild=rebuild, curation=curation)
    held, now = graph.server_version(store.target), graph.version()
    patch = summary.write.patch if summary.write else None
    if held is not None and held == now:
        summary.write = WriteSummary()
    elif patch is not None and held is not None and held == before:
        summary.sent = "the change"
        summary.write = _send(reporter, "sending the change", _rows(patch),
                              lambda progress: store.apply_patch(patch,
                                                                 progress=progress))
    else:
        whole = graph.graph(reporter)
        send = store.write_graph if held is None else store.replace_graph
        summary.sent = ("the whole graph" if held is None
                        else "the whole graph, stale elements deleted")
        summary.write = _send(reporter, "loading",
                              whole.number_of_nodes() + whole.number_of_edges(),
                              lambda progress: send(whole, progress=progress))
    graph.mark_server(store.target, now)
    summary.changed = summary.changed or bool(summary.write.nodes
                                              or summary.write.relationships)
    summary.seconds = time.perf_counter() - started
    return summary


def _rows(patch: GraphPatch) -> int:
    """Nodes and relationships a patch writes (each once, as the plan does)."""
    return len(patch.nodes_to_write()) + len(patch.relationships_to_write())


def _send(reporter: Reporter, what: str, rows: int,
          write: Callable[[Progress], WriteSummary]) -> WriteSummary:
    """Run a server write under a progress bar of ``rows`` rows."""
    with reporter.bar(what, rows, "rows") as advance:
        written = [0]

        def progress(done: int, _total: int) -> None:
            advance(done - written[0])
            written[0] = done

        return write(progress)
