"""Input readers: paper listings of any supported kind -> merged :class:`Paper` list.

``read_papers`` is what the CLI calls: it expands directories, picks a reader per
file by name (:mod:`kg.sources.detect`), reports bad records and bad files through
``on_problem`` (or raises at the first one when ``strict``), and merges the records
of the same paper (:mod:`kg.sources.merge`).  ``iter_papers`` streams one file
unmerged.  Nothing here raises anything but :class:`kg.errors.KGError` subclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from pathlib import Path

from kg.errors import InputError, NothingReadError
from kg.progress import Reporter
from kg.records import Paper, Problem
from kg.sources.detect import expand_inputs, reader_for
from kg.sources.merge import merge_papers
from kg.sources.problems import ProblemCallback, ProblemSink, bare_message

__all__ = ["iter_papers", "merge_papers", "read_papers"]

_TICK_EVERY = 1000  # papers between progress updates when reading one big file


def iter_papers(path: str | Path, *, on_problem: ProblemCallback | None = None,
                strict: bool = False) -> Iterator[Paper]:
    """The papers of one file, unmerged, as they are read.

    Bad records are reported through ``on_problem`` and skipped (``strict``: the
    first raises :class:`InputError`).  A file that cannot be read at all raises
    :class:`InputError` naming it, possibly after yielding the papers before the
    damage (a truncated ``.gz``).
    """
    yield from _iter_file(Path(path), str(path), ProblemSink(on_problem, strict))


def _iter_file(path: Path, display: str, sink: ProblemSink) -> Iterator[Paper]:
    """Papers of one file; a file that reads cleanly but holds no paper (an API
    response for a day without papers, ``[]``) is not an error by itself."""
    if path.is_dir():
        raise InputError("is a directory (read_papers reads the files below one)",
                         path=display)
    yield from reader_for(path, display)(path, display, sink)


def read_papers(paths: Sequence[str | Path], *, strict: bool = False,
                on_problem: Callable[[Problem], None] | None = None,
                progress: Reporter | None = None) -> list[Paper]:
    """Every paper in ``paths`` (files or directories), merged, in input order.

    Raises :class:`NothingReadError` naming the inputs when none gives a paper,
    and with ``strict`` an :class:`InputError` at the first bad record or file.
    """
    sink = ProblemSink(on_problem, strict)
    files = expand_inputs(paths, sink)
    records: list[Paper] = []
    failures: list[InputError] = []
    with closing(_with_progress(files, progress)) as inputs:  # bar ends on error
        for path, tick in inputs:
            try:
                for paper in _iter_file(path, str(path), sink):
                    records.append(paper)
                    tick(paper)
            except InputError as exc:
                if strict:
                    raise
                failures.append(exc)
                sink.report_error(exc)
    if not records:
        raise _nothing_read(paths, failures)
    return merge_papers(records, on_problem=sink.on_problem)


def _nothing_read(paths: Sequence[str | Path], failures: list[InputError]
                  ) -> NothingReadError:
    """The error for a run without a single paper, naming what was tried."""
    if len(failures) == 1:
        only = failures[0]
        return NothingReadError(f"nothing read: {bare_message(only)}",
                                path=only.path, location=only.location)
    names = ", ".join(str(path) for path in paths) or "(no inputs given)"
    return NothingReadError(f"no usable paper in {names}")


def _with_progress(files: list[Path], progress: Reporter | None
                   ) -> Iterator[tuple[Path, Callable[[Paper], None]]]:
    """Each file with a per-paper callback driving one progress bar: per file when
    there are several, per paper (in steps) when there is one."""
    if progress is None:
        for path in files:
            yield path, _ignore
    elif len(files) == 1:
        with progress.bar(f"Reading {files[0].name}", None) as advance:
            ticker = _Ticker(advance, _TICK_EVERY)
            yield files[0], ticker
            ticker.finish()
    else:
        with progress.bar("Reading inputs", len(files), unit="files") as advance:
            for path in files:
                yield path, _ignore
                advance(1)


class _Ticker:
    """A per-paper callback that moves a bar once every ``step`` papers, so a
    75k-paper file costs 75 bar updates, not 75k."""

    def __init__(self, advance: Callable[[int], None], step: int) -> None:
        self.advance = advance
        self.step = step
        self.pending = 0

    def __call__(self, _: Paper) -> None:
        self.pending += 1
        if self.pending == self.step:
            self.advance(self.pending)
            self.pending = 0

    def finish(self) -> None:
        if self.pending:
            self.advance(self.pending)
            self.pending = 0


def _ignore(_: Paper) -> None:
    return None
