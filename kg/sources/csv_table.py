"""``*.csv``: a header row naming ``title`` and ``abstract`` (or ``summary``).

Other columns mean what the same JSONL keys mean (``id``, ``date``, ``authors`` as
"A; B", ...).  Header names match case-insensitively.  Quoted fields may span lines
(abstracts often do), so a record is reported by the line it starts on; a row with
more or fewer cells than the header is kept and reported.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.records import Paper
from kg.sources.fields import (
    ABSTRACT_KEYS,
    CODE_KEYS,
    DATE_KEYS,
    ID_KEYS,
    URL_KEYS,
    paper_or_report,
)
from kg.sources.fileio import iter_lines
from kg.sources.problems import ProblemSink, location_of_line

# A 2 MB abstract is a legitimate field; the csv module's default cap is 128 kB.
_FIELD_LIMIT = 2**31 - 1
KNOWN_COLUMNS = ("title", "authors", "author_count", "organization",
                 "organization_handle", "upvotes", "categories",
                 *ABSTRACT_KEYS, *DATE_KEYS, *ID_KEYS, *URL_KEYS, *CODE_KEYS)
_CANONICAL = {name.casefold(): name for name in KNOWN_COLUMNS}


def iter_csv(path: Path, display: str, sink: ProblemSink) -> Iterator[Paper]:
    """Every paper of a CSV table, in row order."""
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    rows = iter_rows(iter_lines(path, display, sink), display, sink)
    header = next((row for _, row in rows), None)
    if header is None:
        raise InputError("no header row", path=display)
    columns = check_header(header, display)
    for start, row in rows:
        location = location_of_line(start)
        if len(row) != len(columns):
            sink.report(display, location, _ragged_message(len(row), len(columns)))
        record = {name: cell for name, cell in zip(columns, row, strict=False)
                  if name and cell.strip()}
        paper = paper_or_report(record, display, location, sink)
        if paper is not None:
            yield paper


def iter_rows(lines: Iterable[tuple[int, str]], display: str, sink: ProblemSink
              ) -> Iterator[tuple[int, list[str]]]:
    """(starting line, cells) of each non-blank row; a malformed row is reported."""
    numbered = iter(lines)
    current = [0]

    def texts() -> Iterator[str]:
        for number, line in numbered:
            current[0] = number
            yield line

    reader = csv.reader(texts())
    while True:
        start = current[0] + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            sink.report(display, location_of_line(start), f"malformed CSV ({exc}); "
                        "row skipped")
            continue
        if any(cell.strip() for cell in row):
            yield start, row


def check_header(header: list[str], display: str) -> list[str]:
    """Column names in their canonical spelling; InputError without the needed."""
    columns = [_CANONICAL.get(name.strip().casefold(), name.strip())
               for name in header]
    missing = []
    if "title" not in columns:
        missing.append("'title'")
    if not any(key in columns for key in ABSTRACT_KEYS):
        missing.append("'abstract' (or 'summary')")
    if missing:
        found = ", ".join(repr(name) for name in columns[:12]) or "none"
        raise InputError(f"CSV header lacks {' and '.join(missing)} column "
                         f"(found: {found})", path=display,
                         location=location_of_line(1))
    return columns


def _ragged_message(cells: int, expected: int) -> str:
    """Say what was done with a row whose length differs from the header's."""
    if cells > expected:
        return (f"row has {cells} cells but the header has {expected}; "
                "extra cells ignored")
    return (f"row has {cells} cells but the header has {expected}; "
            "missing cells left empty")
