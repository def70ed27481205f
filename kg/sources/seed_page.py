"""``*.txt``: a Hugging Face "Daily Papers" listing page saved as text.

The page is a header (site boilerplate and the listing's date) followed by records::

    <title line>
    <abstract paragraph>            (may be missing)
    "  • 6 authors" | "<handle> <Organization name>"   \\
    "·"                                                 > metadata block, optional
    "Apr 1 1" | "Jun 19, 2024"  (date [upvotes])       /

Blank lines carry no meaning.  Each non-blank line is classified on its own
(:func:`classify`), then a small grammar groups the lines into records
(:class:`PageParser`).  An organization line is recognised by position (a text line
directly followed by the "·" line), so no list of organizations is needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.records import Paper
from kg.sources.fileio import read_text
from kg.sources.problems import ProblemSink, location_of_line
from kg.sources.text import BadDate, collapse_whitespace, make_date, month_number
from kg.sources.text import title_id as make_title_id

# Dates on the page omit the year when it is the listing's year; the listing in
# ../shared/data/seed is from December 2025 (data README).
PAGE_YEAR = 2025

_AUTHORS = re.compile(r"^[•*\-]?\s*(\d+)\s+authors?$", re.IGNORECASE)
_DOT = re.compile(r"^·$")
_DATE = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?(?:\s+(\d+))?$")
_HEADER = re.compile(
    r"^(?:new|subscribe|daily papers|get trending papers in your email inbox!?"
    r"|by\s*ak\b.*)$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class Line:
    """One non-blank line: its number, its kind and its (collapsed) text."""

    number: int
    kind: str  # "text", "authors", "dot", "date"
    text: str


@dataclass(slots=True)
class Metadata:
    """What a record's metadata block says; absent parts are None."""

    author_count: int | None = None
    organization: str | None = None
    handle: str | None = None
    date: str | None = None
    upvotes: int | None = None


def classify(number: int, raw: str) -> Line:
    """The kind of one non-blank line, judged by its shape alone."""
    text = collapse_whitespace(raw)
    if _AUTHORS.match(text):
        return Line(number, "authors", text)
    if _DOT.match(text):
        return Line(number, "dot", text)
    date = _DATE.match(text)
    if date and month_number(date.group(1)) is not None:
        return Line(number, "date", text)
    return Line(number, "text", text)


def page_lines(text: str) -> list[Line]:
    """The classified non-blank lines of a page, its header removed."""
    lines = [classify(number, raw)
             for number, raw in enumerate(text.splitlines(), start=1)
             if raw.strip()]
    start = 0
    while start < len(lines) and _is_header(lines[start]):
        start += 1
    return lines[start:]


def _is_header(line: Line) -> bool:
    """Site boilerplate, or the listing's own date (a date before any record)."""
    if line.kind == "date":
        return True
    return line.kind == "text" and _HEADER.match(line.text) is not None


def parse_date_line(text: str, year: int = PAGE_YEAR) -> tuple[str, int | None]:
    """("yyyy-mm-dd", upvotes) from "Apr 1 1" / "Jun 19, 2024".

    Raises BadDate for a day that does not exist ("Feb 30").
    """
    match = _DATE.match(text)
    if match is None or month_number(match.group(1)) is None:
        raise BadDate(f"{text!r} is not a date line")
    month_name, day, written_year, upvotes = match.groups()
    month = month_number(month_name)
    iso = make_date(int(written_year) if written_year else year, month or 0, int(day))
    return iso, int(upvotes) if upvotes else None


def author_count(text: str) -> int | None:
    """6 from "• 6 authors"."""
    match = _AUTHORS.match(text)
    return int(match.group(1)) if match else None


def split_organization(text: str) -> tuple[str, str]:
    """(organization, handle) from "antgroup Ant Group"; one word is both."""
    handle, _, name = text.partition(" ")
    return (name.strip() or handle), handle


class PageParser:
    """Groups classified lines into records: title, abstract?, metadata block?."""

    def __init__(self, lines: list[Line], display: str, sink: ProblemSink) -> None:
        self.lines = lines
        self.display = display
        self.sink = sink
        self.pos = 0

    def peek(self, offset: int = 0) -> Line | None:
        index = self.pos + offset
        return self.lines[index] if index < len(self.lines) else None

    def is_organization_line(self) -> bool:
        """A text line directly followed by "·" is an organization line."""
        line, following = self.peek(), self.peek(1)
        return (line is not None and line.kind == "text"
                and following is not None and following.kind == "dot")

    def records(self) -> Iterator[tuple[Line, str, Metadata]]:
        """(title line, abstract, metadata) for each record on the page."""
        while (line := self.peek()) is not None:
            if line.kind != "text" or self.is_organization_line():
                self._skip_orphan_metadata(line)
                continue
            self.pos += 1
            abstract = ""
            if self._next_is("text") and not self.is_organization_line():
                abstract = self.lines[self.pos].text
                self.pos += 1
            yield line, abstract, self.metadata(line, abstract)

    def _skip_orphan_metadata(self, first: Line) -> None:
        """Skip (and report once) a metadata block that follows no title."""
        while (line := self.peek()) is not None and (
                line.kind != "text" or self.is_organization_line()):
            self.pos += 1
        self.report(first, f"metadata {first.text[:40]!r} follows no title; skipped")

    def metadata(self, title: Line, abstract: str) -> Metadata:
        """The optional metadata block after a record's title and abstract."""
        meta = Metadata()
        started = False
        if self._next_is("authors"):
            meta.author_count = author_count(self._take().text)
            started = True
        elif self.is_organization_line():
            meta.organization, meta.handle = split_organization(self._take().text)
            started = True
        if self._next_is("dot"):
            self._take()
            started = True
        if self._next_is("date"):
            self._date(self._take(), meta)
        elif started:
            self._report_unfinished(title)
        elif self.peek() is None and not abstract:
            self.report(title, "page ends after this title (cut mid-record?); "
                               "paper kept without abstract")
        return meta

    def _date(self, line: Line, meta: Metadata) -> None:
        try:
            meta.date, meta.upvotes = parse_date_line(line.text)
        except BadDate as exc:
            self.report(line, f"{exc}; date left empty")

    def _report_unfinished(self, title: Line) -> None:
        where = "page ends" if self.peek() is None else "record continues"
        self.report(title, f"{where} inside the metadata block (no date line); "
                           "paper kept without a date")

    def _next_is(self, kind: str) -> bool:
        line = self.peek()
        return line is not None and line.kind == kind

    def _take(self) -> Line:
        line = self.lines[self.pos]
        self.pos += 1
        return line

    def report(self, line: Line, message: str) -> None:
        self.sink.report(self.display, location_of_line(line.number), message)


def iter_page(path: Path, display: str, sink: ProblemSink) -> Iterator[Paper]:
    """Every paper on one saved Daily Papers page, in page order."""
    text = read_text(path, display, sink)
    lines = page_lines(text)
    if not any(line.kind in ("authors", "dot") for line in lines):
        raise InputError("does not look like a Daily Papers page: no metadata "
                         "lines ('• N authors', '·', date) found", path=display)
    for title, abstract, meta in PageParser(lines, display, sink).records():
        yield Paper(
            id=make_title_id(title.text), title=title.text, abstract=abstract,
            date=meta.date, author_count=meta.author_count,
            organization=meta.organization, organization_handle=meta.handle,
            upvotes=meta.upvotes, source=display,
        )
