"""Pure text helpers shared by every reader: whitespace, title keys, ids and dates.

Text is stored as written; the only change any reader makes is collapsing runs of
whitespace (line wraps in API titles and arXiv abstracts) to single spaces, so that
character offsets computed later refer to one stable string.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

# An arXiv identifier: new style (2501.12345, optional version) or old style
# (cs.CL/0301001), possibly written as "arXiv:<id>" or inside an abs/pdf URL.
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID = re.compile(
    rf"^(?:arxiv:)?(?P<id>{_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?$", re.IGNORECASE
)
_ARXIV_URL = re.compile(
    rf"arxiv\.org/(?:abs|pdf)/(?P<id>{_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"[\W_]+")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december")
# Full names, three-letter abbreviations and the common "Sept".
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
# "Jun 19, 2024" or "June 19 2024": the listing form, with a year.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_DATE = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace become one space; ends are stripped; lone UTF-16
    surrogates (JSON escapes like ``\\ud800``, which no UTF-8 text can hold and
    which the tokenizer and every store reject) become U+FFFD; nothing else changes.
    """
    text = " ".join(text.split())
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) \
        else text


def title_key(title: str) -> str:
    """The key under which two spellings of one title meet.

    Case, Unicode compatibility forms, punctuation and spacing are ignored, so the
    page's "Tower+: Bridging ..." meets the API's wrapped "Tower+:\\n  Bridging ...".
    A title made only of symbols keeps its case-folded form instead of becoming "".
    """
    folded = unicodedata.normalize("NFKC", title).casefold()
    return _NOT_WORD.sub("", folded) or collapse_whitespace(folded)


def title_id(title: str) -> str:
    """The stable id of a paper that has neither an arXiv id nor an input id."""
    digest = hashlib.sha256(title_key(title).encode("utf-8")).hexdigest()
    return f"title-{digest[:16]}"


def arxiv_id_of(value: str) -> str | None:
    """The bare arXiv id (without version) written in ``value``, or None."""
    value = value.strip()
    match = _ARXIV_ID.match(value) or _ARXIV_URL.search(value)
    return match.group("id") if match else None


def arxiv_url(arxiv_id: str) -> str:
    """The abstract page of an arXiv paper (the ``url`` of papers that lack one)."""
    return f"https://arxiv.org/abs/{arxiv_id}"


class BadDate(ValueError):
    """A date that is written in a known form but cannot exist (2025-02-30)."""


def make_date(year: int, month: int, day: int) -> str:
    """ISO form of a calendar date; raises BadDate when the day does not exist."""
    try:
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise BadDate(f"{year:04d}-{month:02d}-{day:02d} is not a calendar date "
                      f"({exc})") from None


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Jun", "June"), else None."""
    return MONTHS.get(name.casefold().rstrip("."))


def parse_date(text: str) -> str | None:
    """ISO yyyy-mm-dd from an ISO date/timestamp or "Jun 19, 2024"; None if neither.

    Raises BadDate for a date in a known form that does not exist, so the caller
    can report it rather than silently dropping it.
    """
    text = text.strip()
    iso = _ISO_DATE.match(text)
    if iso:
        return make_date(*(int(part) for part in iso.groups()))
    long_form = _LONG_DATE.match(text)
    if long_form:
        month = month_number(long_form.group(1))
        if month is not None:
            return make_date(int(long_form.group(3)), month, int(long_form.group(2)))
    return None
