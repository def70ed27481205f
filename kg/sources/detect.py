"""Which reader reads which input, and which files a directory stands for.

The kind comes from the name (interface.md's table); a trailing ``.gz`` is looked
through, so ``x.jsonl.gz`` is JSON Lines and ``x.csv.gz`` a table.  Directories are
walked in sorted order so the same tree always gives the same papers in the same
order; hidden files and files of other kinds are passed over silently there (a
directory of papers may well hold a README), but named explicitly they are reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from kg.errors import InputError
from kg.records import Paper
from kg.sources.csv_table import iter_csv
from kg.sources.hf_api import iter_hf_json
from kg.sources.jsonl import iter_jsonl
from kg.sources.problems import ProblemSink
from kg.sources.seed_page import iter_page

Reader = Callable[[Path, str, ProblemSink], Iterator[Paper]]

READERS: dict[str, Reader] = {
    ".txt": iter_page,
    ".json": iter_hf_json,
    ".jsonl": iter_jsonl,
    ".ndjson": iter_jsonl,
    ".csv": iter_csv,
}
SUPPORTED = ", ".join(f"*{suffix}" for suffix in READERS) + ", *.jsonl.gz"


def kind_of(path: Path) -> str | None:
    """The reader key (".txt", ".json", ...) for a file name, or None."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = os.path.splitext(name)[1]
    return suffix if suffix in READERS else None


def reader_for(path: Path, display: str) -> Reader:
    """The reader of one file; InputError for a kind no reader knows."""
    kind = kind_of(path)
    if kind is None:
        raise InputError(f"unsupported input kind (expected {SUPPORTED}, "
                         "or a directory)", path=display)
    return READERS[kind]


def files_below(directory: Path) -> list[Path]:
    """Every supported, non-hidden file under ``directory``, in sorted path order."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and kind_of(path) is not None:
                found.append(path)
    return found


def expand_inputs(paths: Sequence[str | Path], sink: ProblemSink) -> list[Path]:
    """The files the command line names: files as given, directories expanded.

    A directory with nothing readable is reported; a path that does not exist is
    kept, so that reading it reports it like any other unreadable file.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            files.append(path)
            continue
        below = files_below(path)
        if not below:
            sink.report_error(InputError(
                f"directory holds no supported input ({SUPPORTED})", path=str(path)))
        files.extend(below)
    return files
