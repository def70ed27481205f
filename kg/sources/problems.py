"""Where readers send bad records: a callback, a log line, or (strict) an exception.

Every reader reports through one :class:`ProblemSink` so that ``strict`` means the
same thing everywhere: the first bad record raises :class:`kg.errors.InputError`
naming the file and the record, instead of being skipped.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

from kg.errors import InputError
from kg.records import Problem

log = logging.getLogger("kg.sources")

ProblemCallback = Callable[[Problem], None]


def log_problem(problem: Problem) -> None:
    """Default callback: a warning on the ``kg.sources`` logger, never silence."""
    log.warning("%s", problem)


class ProblemSink:
    """Collects the reports of one run; ``strict`` turns the first into an error."""

    def __init__(self, on_problem: ProblemCallback | None = None,
                 strict: bool = False) -> None:
        self.on_problem = on_problem or log_problem
        self.strict = strict
        self.count = 0

    def report(self, path: str, location: str | None, message: str) -> None:
        """Report one bad record (or file); raise instead when strict."""
        if self.strict:  # nothing is skipped: the run stops here
            raise InputError(stopped(message), path=path, location=location)
        self.count += 1
        self.on_problem(Problem(path, location, message))

    def report_error(self, error: InputError) -> None:
        """Report a file-level error that a reader raised (never raises itself)."""
        self.count += 1
        self.on_problem(Problem(error.path or "", error.location,
                                bare_message(error)))


def stopped(message: str) -> str:
    """A bad-record message as --strict gives it: the run stops, nothing is skipped."""
    message = re.sub(r"[;,]\s*(?:\w+\s+)?skipped$", "", message)
    return f"{message} (stopped at the first bad record: --strict)"


def bare_message(error: InputError) -> str:
    """The message of an InputError without the "path:location: " prefix it adds."""
    text = str(error)
    prefix = error.path or ""
    if error.location:
        prefix = f"{prefix}:{error.location}" if prefix else error.location
    if prefix and text.startswith(f"{prefix}: "):
        return text[len(prefix) + 2:]
    return text


def location_of_line(line: int) -> str:
    """"line 12": where a record of a line-based file (JSONL, CSV, page) starts."""
    return f"line {line}"


def location_of_index(index: int) -> str:
    """"index 3": the 0-based position of a record in a JSON list."""
    return f"index {index}"


def json_reason(exc: json.JSONDecodeError) -> str:
    """"Expecting ',' delimiter, column 12": the decoder's reason without its
    trailing "at" and character offset, which mean nothing to a user."""
    return f"{exc.msg.removesuffix(' at')}, column {exc.colno}"
