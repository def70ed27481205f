"""``*.json``: Hugging Face papers API responses (a list of ``{"paper": {...}}``).

The list is decoded element by element, so a file cut off in the middle (a partial
download) still yields every complete paper before the cut, and the cut is reported
with its line.  Any other top-level value is a wrong file, reported as such.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.records import Paper
from kg.sources.fields import paper_or_report, type_name
from kg.sources.fileio import read_text
from kg.sources.problems import (
    ProblemSink,
    json_reason,
    location_of_index,
    location_of_line,
)

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def iter_hf_json(path: Path, display: str, sink: ProblemSink) -> Iterator[Paper]:
    """Every paper of one API response file, in list order."""
    text = read_text(path, display, sink)
    start = _SPACE.match(text).end()  # type: ignore[union-attr]
    if not text.startswith("[", start):
        _reject_top_level(text, display)
    for index, value in iter_list_items(text, start + 1, display, sink):
        paper = paper_or_report(value, display, location_of_index(index), sink)
        if paper is not None:
            yield paper


def _reject_top_level(text: str, display: str) -> None:
    """Raise the InputError that says what the file holds instead of a list."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({json_reason(exc)})",
                         path=display, location=location_of_line(exc.lineno)
                         ) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", path=display) from None
    raise InputError(f"expected a JSON list of papers, found {type_name(value)}",
                     path=display)


def iter_list_items(text: str, pos: int, display: str, sink: ProblemSink
                    ) -> Iterator[tuple[int, Any]]:
    """(index, value) of each element of the JSON list whose '[' ends at ``pos``.

    Stops at the closing ']' or, after reporting it, at the first broken element.
    """
    index = 0
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if text.startswith("]", pos) and index == 0:
            return
        try:
            value, pos = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            _report_cut(display, exc.lineno, exc.msg, index, sink)
            return
        except RecursionError:
            _report_cut(display, _line_at(text, pos), "nested too deeply", index, sink)
            return
        yield index, value
        index += 1
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if not text.startswith(",", pos):
            _end_of_list(text, pos, index, display, sink)
            return
        pos += 1


def _end_of_list(text: str, pos: int, index: int, display: str, sink: ProblemSink
                 ) -> None:
    """After an element without a following ',': the list must end here."""
    if text.startswith("]", pos):
        _check_trailing(text, pos + 1, display, sink)
    else:
        _report_cut(display, _line_at(text, pos), "expected ',' or ']'", index, sink)


def _check_trailing(text: str, pos: int, display: str, sink: ProblemSink) -> None:
    """Report text after the closing ']' (two responses pasted together, say)."""
    if text[pos:].strip():
        sink.report(display, location_of_line(_line_at(text, pos)),
                    "extra data after the end of the JSON list; ignored")


def _report_cut(display: str, line: int, reason: str, index: int,
                sink: ProblemSink) -> None:
    """Report where the list stops being JSON and how much of it was kept."""
    sink.report(display, location_of_line(line),
                f"JSON list is cut off or broken at record index {index} ({reason}); "
                f"the {index} record(s) before it were read")


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
