"""``*.jsonl`` / ``*.jsonl.gz``: one paper object per line (arXiv export shape).

Streams line by line (the arXiv export has 75k lines), so memory stays flat and a
broken line costs only itself: it is reported with its line number and the lines
after it are still read.  A truncated ``.gz`` keeps every line before the cut.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.records import Paper
from kg.sources.fields import paper_or_report
from kg.sources.fileio import iter_lines
from kg.sources.problems import ProblemSink, json_reason, location_of_line


def iter_jsonl(path: Path, display: str, sink: ProblemSink) -> Iterator[Paper]:
    """Every paper of a JSON Lines file, in file order; blank lines are ignored."""
    found_json = False
    for number, line in iter_lines(path, display, sink):
        if not line.strip():
            continue
        location = location_of_line(number)
        value = parse_json_line(line, display, location, sink)
        if value is None:
            continue
        found_json = True
        paper = paper_or_report(value, display, location, sink)
        if paper is not None:
            yield paper
    if not found_json:
        raise InputError("no JSON record on any line (is this a JSON Lines file?)",
                         path=display)


def parse_json_line(line: str, display: str, location: str, sink: ProblemSink
                    ) -> object | None:
    """The value on one line, or None after reporting why it is not JSON."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        sink.report(display, location, f"not valid JSON ({json_reason(exc)}); "
                    "line skipped")
    except RecursionError:
        sink.report(display, location, "JSON nested too deeply; line skipped")
    return None
