"""Extraction in worker processes: a fork-based pool over large chunks.

Each worker holds one pipeline: under ``fork`` it inherits the parent's, already
built (no second gazetteer load); under ``spawn`` its initializer builds one. Tasks
carry only what extraction reads (title, abstract, the listing's organization) and
results come back as plain tuples, not Docs or dataclasses, so pickling costs little
next to extraction; the parent pairs them with its own ``Paper`` objects, in input
order.  The parent rebuilds the records a chunk at a time with the cyclic
collector paused, as :meth:`Extractor.extract_chunk` extracts them: its passes
over the growing heap of records would otherwise cost the parent more than the
rebuilding itself (unpickling + rebuilding 4,000 arXiv records took 110 us a
paper with it, 23 us without).
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from kg.gcpause import gc_paused
from kg.records import Entity, Evidence, ExtractionRecord, Paper, VariantLink

if TYPE_CHECKING:
    from kg.extract.extractor import Extractor

# Large chunks keep the per-task overhead (queue, pickling, wake-ups) small; a few
# per worker at the end still balance the load.
CHUNK_SIZE = 400

Task = list[tuple[str, str, str | None, str | None]]
SlimEvidence = tuple[str, str, int | None, int | None, str | None, str | None]
SlimEntity = tuple[str, str, str, list[str], str | None, list[SlimEvidence],
                   str | None, str | None]
SlimRecord = tuple[list[SlimEntity], list[tuple[str, str]], list[str]]

_WORKER: Extractor | None = None


def to_task(papers: list[Paper]) -> Task:
    """What a worker needs of each paper."""
    return [(p.title, p.abstract, p.organization, p.organization_handle)
            for p in papers]


def slim(record: ExtractionRecord) -> SlimRecord:
    """A record as tuples of strings and ints (cheap to pickle), paper left out."""
    entities = [(e.type, e.text, e.canonical, e.aliases, e.role,
                 [(v.field, v.rule, v.start, v.end, v.sentence, v.source)
                  for v in e.evidence], e.expansion, e.usage)
                for e in record.entities]
    return (entities, [(v.canonical, v.variant_of) for v in record.variant_of],
            record.code)


def unslim(paper: Paper, data: SlimRecord) -> ExtractionRecord:
    """The record of ``paper`` from :func:`slim`'s tuples."""
    entities, variants, code = data
    return ExtractionRecord(
        paper=paper,
        entities=[Entity(type=t, text=text, canonical=canonical, aliases=aliases,
                         role=role, expansion=expansion, usage=usage,
                         evidence=[Evidence(field=f, rule=r, start=s, end=e,
                                            sentence=sent, source=src)
                                   for f, r, s, e, sent, src in evidence])
                  for t, text, canonical, aliases, role, evidence, expansion, usage
                  in entities],
        variant_of=[VariantLink(canonical=c, variant_of=v) for c, v in variants],
        code=code)


def _init_worker(extractor: Extractor | None) -> None:
    """Keep (fork) or build (spawn) the worker's pipeline, then freeze the heap.

    ``gc.freeze`` keeps the collector from walking, and so from copying page by
    page, the pipeline the worker shares with its parent.
    """
    global _WORKER
    if extractor is None:
        from kg.extract.extractor import Extractor
        extractor = Extractor()
    _WORKER = extractor
    gc.freeze()


def _extract_task(task: Task) -> list[SlimRecord]:
    assert _WORKER is not None, "worker not initialised"
    papers = [Paper(id="", title=t, abstract=a, organization=o,
                    organization_handle=h) for t, a, o, h in task]
    return [slim(r) for r in _WORKER.extract_chunk(papers)]


def extract_parallel(extractor: Extractor, papers: Iterable[Paper], workers: int,
                     chunk_size: int = CHUNK_SIZE) -> Iterator[ExtractionRecord]:
    """Records of ``papers`` in input order, extracted by ``workers`` processes."""
    fork = "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork" if fork else "spawn")
    pending: deque[list[Paper]] = deque()

    def tasks() -> Iterator[Task]:
        it = iter(papers)
        while chunk := list(islice(it, chunk_size)):
            pending.append(chunk)
            yield to_task(chunk)

    # Under fork the extractor is inherited, not pickled: pass it only then.
    with ctx.Pool(workers, initializer=_init_worker,
                  initargs=(extractor if fork else None,)) as pool:
        for results in pool.imap(_extract_task, tasks()):
            chunk = pending.popleft()
            with gc_paused():  # as extract_chunk does for one process
                records = [unslim(paper, data)
                           for paper, data in zip(chunk, results, strict=True)]
            yield from records
