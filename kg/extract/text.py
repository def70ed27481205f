"""Text layout and sentence boundaries shared by every rule.

The pipeline reads one text per paper: the title, a blank line, the abstract. Offsets
found in it map back to ``paper.title`` / ``paper.abstract`` with :func:`to_field`.
Sentences come from a regex (abbreviation-aware) rather than a per-token loop,
because the sentence splitter must cost almost nothing next to the tokenizer.
"""

from __future__ import annotations

import bisect
import re

SEPARATOR = "\n\n"

# A web address as abstracts write one ("https://github.com/org/Name",
# "www.site.org", "huggingface.co/org/model"): the record keeps it as a code link,
# and the words in its path ("Geaming2002", "TAG-Bench") are not mentions.
URL = re.compile(r"(?:https?://|www\.|github\.com/|huggingface\.co/)[^\s<>\"')\]]+")

# A sentence ends at . ! ? followed by space and an opening character, unless the
# period closes a common abbreviation ("e.g.", "et al.", "vs.", "Fig.").
_SENT_END = re.compile(r"[.!?](?=\s+[\"'(\[]?[A-Z0-9\\])")
_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|vs|cf|Fig|Eq|Sec|resp|approx|etc|Inc|Ltd|No|Dr|Mr|Ms"
    r"|St|U\.S|[A-Z])\.?)$"
)


def join_paper_text(title: str, abstract: str) -> str:
    """The one text the pipeline sees for a paper."""
    return f"{title}{SEPARATOR}{abstract}" if abstract else title


def abstract_offset(title: str) -> int:
    """Where the abstract starts in :func:`join_paper_text`'s text."""
    return len(title) + len(SEPARATOR)


def to_field(start: int, end: int, title_len: int) -> tuple[str, int, int]:
    """Map text offsets to ``(field, start, end)`` within the paper's field."""
    if end <= title_len:
        return "title", start, end
    offset = title_len + len(SEPARATOR)
    return "abstract", start - offset, end - offset


def url_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the web addresses in ``text``, without the sentence's
    punctuation after them ("at https://github.com/org/Name.")."""
    # Each of URL's openings holds "://", "www." or ".co": most abstracts have none,
    # and three ``in`` tests cost less than one regex scan.
    if "://" not in text and "www." not in text and ".co" not in text:
        return []
    return [(m.start(), m.start() + len(m.group().rstrip(".,;:")))
            for m in URL.finditer(text)]


def sentence_bounds(text: str, title_len: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences; the title (``title_len``) is one sentence."""
    bounds: list[tuple[int, int]] = []
    start = 0
    if title_len is not None:
        bounds.append((0, title_len))
        start = min(len(text), title_len + len(SEPARATOR))
    for m in _SENT_END.finditer(text, start):
        end = m.end()
        if _ABBREV.search(text, max(start, end - 8), end - 1 if text[end - 1] == "."
                          else end):
            continue
        bounds.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def sentence_at(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span containing character ``pos``.

    Bisects the sorted bounds themselves (``(pos, inf)`` sorts after every span
    starting at ``pos``), so no list of starts is built per lookup.
    """
    i = max(0, bisect.bisect_right(bounds, (pos, _AFTER_ANY_END)) - 1)
    return bounds[i]


_AFTER_ANY_END = float("inf")
