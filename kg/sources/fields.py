"""One JSON-like record (JSONL line, CSV row, HF API paper) -> :class:`Paper`.

All structured inputs share this mapping so that a field means the same thing in
every format.  A record without a usable title is rejected (:class:`BadRecord`); a
field of the wrong type or an impossible date is reported and left empty, and the
paper is kept.  Text values are kept as written apart from collapsed whitespace.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from kg.records import Paper, clean_id
from kg.sources.problems import ProblemSink
from kg.sources.text import (
    BadDate,
    arxiv_id_of,
    arxiv_url,
    collapse_whitespace,
    parse_date,
    title_id,
)

# Which keys carry which field, in order of preference.
ABSTRACT_KEYS = ("abstract", "summary")
DATE_KEYS = ("date", "published", "publishedAt", "published_at", "listing_date")
ID_KEYS = ("id", "arxiv_id", "paper_id")
URL_KEYS = ("url", "abs", "link")
CODE_KEYS = ("code", "githubRepo", "github", "repository")
_AUTHOR_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?:and\s+)?|\s+and\s+")

Warn = Callable[[str], None]


class BadRecord(ValueError):
    """A record that cannot become a paper at all (no title); the message says why."""


def type_name(value: Any) -> str:
    """JSON's name for a value's type, for messages users can act on."""
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def first_present(record: Mapping[str, Any], keys: tuple[str, ...]
                  ) -> tuple[str, Any] | None:
    """The first (key, value) among ``keys`` whose value is not null or blank."""
    for key in keys:
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        return key, value
    return None


def text_field(record: Mapping[str, Any], keys: tuple[str, ...], warn: Warn
               ) -> str | None:
    """A text field with whitespace collapsed; numbers become text, others warn."""
    found = first_present(record, keys)
    if found is None:
        return None
    key, value = found
    if isinstance(value, str):
        return collapse_whitespace(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    warn(f"'{key}' is {type_name(value)}, expected text; ignored")
    return None


def paper_title(record: Mapping[str, Any]) -> str:
    """The record's title, or BadRecord: a paper needs a title."""
    value = record.get("title")
    if value is None:
        raise BadRecord("no title (a paper needs one); record skipped")
    if not isinstance(value, str):
        raise BadRecord(f"title is {type_name(value)}, expected text; record skipped")
    title = collapse_whitespace(value)
    if not title:
        raise BadRecord("title is empty; record skipped")
    return title


def paper_date(record: Mapping[str, Any], warn: Warn) -> str | None:
    """Publication date: the first date key present, parsed; impossible -> None."""
    found = first_present(record, DATE_KEYS)
    if found is None:
        return None
    key, value = found
    if not isinstance(value, str):
        warn(f"'{key}' is {type_name(value)}, expected a date; date left empty")
        return None
    try:
        parsed = parse_date(value)
    except BadDate as exc:
        warn(f"'{key}': {exc}; date left empty")
        return None
    if parsed is None:
        warn(f"'{key}' {value[:40]!r} is not a date (yyyy-mm-dd); date left empty")
    return parsed


def string_list(record: Mapping[str, Any], key: str, warn: Warn,
                split: Callable[[str], list[str]]) -> list[str]:
    """A list of texts: a list of strings (or of ``{"name": ...}``) or one string."""
    value = record.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in split(collapse_whitespace(value)) if part]
    if not isinstance(value, list):
        warn(f"'{key}' is {type_name(value)}, expected a list; ignored")
        return []
    items = []
    for item in value:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str) and item.strip():
            items.append(collapse_whitespace(item))
        elif item is not None:
            warn(f"'{key}' holds {type_name(item)}, expected text; that item ignored")
    return items


def split_authors(text: str) -> list[str]:
    """"A, B and C" / "A; B" -> names (an author string written as one line)."""
    return _AUTHOR_SPLIT.split(text)


def split_words(text: str) -> list[str]:
    """"cs.CL cs.AI" / "cs.CL, cs.AI" -> categories."""
    return re.split(r"[\s,;]+", text)


def upvote_count(record: Mapping[str, Any], warn: Warn) -> int | None:
    """A non-negative whole number of upvotes (numeric text accepted), else None."""
    value = record.get("upvotes")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    warn(f"'upvotes' {str(value)[:40]!r} is not a count; ignored")
    return None


def organization_fields(record: Mapping[str, Any], warn: Warn
                        ) -> tuple[str | None, str | None]:
    """(organization, handle): HF's ``{"fullname", "name"}`` object or plain text."""
    value = record.get("organization")
    handle = text_field(record, ("organization_handle",), warn)
    if value is None:
        return None, handle
    if isinstance(value, str):
        return collapse_whitespace(value) or None, handle
    if isinstance(value, dict):
        name = text_field(value, ("fullname", "name"), warn)
        return name, text_field(value, ("name",), warn) or handle
    warn(f"'organization' is {type_name(value)}, expected an object or text; ignored")
    return None, handle


def identity(record: Mapping[str, Any], title: str, warn: Warn
             ) -> tuple[str, str | None, str | None]:
    """(paper id, arXiv id, url): arXiv id where one is known, else the input's id,
    else a hash of the normalised title (interface.md)."""
    given = text_field(record, ID_KEYS, warn)
    given = clean_id(given) if given else None  # what every store can key on
    url = text_field(record, URL_KEYS, warn)
    arxiv = None
    for candidate in (given, url):
        if candidate and arxiv is None:
            arxiv = arxiv_id_of(candidate)
    if arxiv is not None:
        return arxiv, arxiv, url or arxiv_url(arxiv)
    return given or title_id(title), None, url


def unwrap_item(value: Any) -> dict[str, Any]:
    """The paper object of one list item: ``{"paper": {...}, ...}`` or a bare paper.

    The item's own keys (HF repeats ``title``, ``summary``, ``publishedAt`` there)
    fill what the inner paper lacks.  ``paper`` written as a JSON or Python-literal
    string (as some archived HF responses have it) is decoded.
    """
    if not isinstance(value, dict):
        raise BadRecord(f"expected a paper object, found {type_name(value)}; "
                        "record skipped")
    if "paper" not in value:
        return value
    inner = value["paper"]
    if isinstance(inner, str):
        inner = decode_object_text(inner)
    if not isinstance(inner, dict):
        raise BadRecord(f"'paper' is {type_name(inner)}, expected an object; "
                        "record skipped")
    outer = {key: item for key, item in value.items() if key != "paper"}
    return {**outer, **inner}


def decode_object_text(text: str) -> Any:
    """A dict written as JSON or as a Python literal; the text itself otherwise."""
    stripped = text.strip()
    if not stripped.startswith("{"):
        return text
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):
        pass
    try:
        return ast.literal_eval(stripped)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return text


def paper_from_record(record: Mapping[str, Any], source: str, warn: Warn) -> Paper:
    """The paper one record describes; raises BadRecord when it has no title."""
    title = paper_title(record)
    paper_id, arxiv, url = identity(record, title, warn)
    organization, handle = organization_fields(record, warn)
    authors = string_list(record, "authors", warn, split_authors)
    return Paper(
        id=paper_id, title=title,
        abstract=text_field(record, ABSTRACT_KEYS, warn) or "",
        date=paper_date(record, warn), authors=authors,
        author_count=_author_count(record, authors, warn),
        organization=organization, organization_handle=handle,
        upvotes=upvote_count(record, warn),
        code=_code_urls(record, warn),
        categories=string_list(record, "categories", warn, split_words),
        arxiv_id=arxiv, url=url, source=source,
    )


def _author_count(record: Mapping[str, Any], authors: list[str], warn: Warn
                  ) -> int | None:
    """An explicit ``author_count`` (a listing that gives only the number), else
    the number of names given, else None."""
    value = record.get("author_count")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if value is not None:
        warn(f"'author_count' {str(value)[:40]!r} is not a count; ignored")
    return len(authors) or None


def _code_urls(record: Mapping[str, Any], warn: Warn) -> list[str]:
    """Repository URLs from the first code key present (text or list of text)."""
    found = first_present(record, CODE_KEYS)
    if found is None:
        return []
    return string_list({found[0]: found[1]}, found[0], warn, split_words)


def paper_or_report(value: Any, display: str, location: str, sink: ProblemSink
                    ) -> Paper | None:
    """The paper in one parsed item, or None after reporting why there is none."""

    def warn(message: str) -> None:
        sink.report(display, location, message)

    try:
        return paper_from_record(unwrap_item(value), display, warn)
    except BadRecord as exc:
        warn(str(exc))
        return None
