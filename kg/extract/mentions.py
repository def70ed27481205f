"""The unit every rule produces: a typed, character-offset mention with its rule id.

Rules are pure functions ``text -> list[Mention]``; offsets index the text the
pipeline sees (title, a blank line, abstract; see :mod:`kg.extract.text`).
"""

from __future__ import annotations

from operator import itemgetter
from typing import NamedTuple


class Mention(NamedTuple):
    """A candidate entity mention (immutable).

    A named tuple rather than a frozen dataclass: a paper makes dozens of them and
    a frozen dataclass's ``__init__`` costs four times as much (one
    ``object.__setattr__`` per field).

    ``priority`` breaks ties between overlapping mentions of equal length: a
    definition or grammar match outranks a gazetteer hit, which outranks a context
    guess. ``proposed`` is set by rules whose pattern itself says the paper
    introduces the thing ("we propose X", the title's name before a colon).
    ``key`` groups mentions of one entity (an acronym and its long form share it).
    """

    start: int
    end: int
    type: str
    rule: str
    text: str
    canonical: str | None = None
    key: str | None = None
    expansion: str | None = None
    proposed: bool = False
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


def outside(mentions: list[Mention], spans: list[tuple[int, int]]
            ) -> list[Mention]:
    """The mentions that overlap none of ``spans`` (the text's web addresses: a
    repository path such as ``github.com/Geaming2002/Ruler`` names no entity)."""
    if not spans:
        return mentions
    return [m for m in mentions
            if not any(m.start < end and start < m.end for start, end in spans)]


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest (then highest-priority, then earliest) of overlapping spans.

    The same greedy filter as spaCy's ``first_longest_spans_filter`` with priority as
    a tie-breaker, so "Step-GRPO" beats the "GRPO" inside it.
    """
    ranked = sorted(mentions, key=_rank)
    if not ranked or ranked[-1].length <= 0:
        return _resolve_by_pairs(ranked)
    # One byte per character: a span overlaps a kept one iff its slice holds a 1.
    # ``bytearray.find`` makes the test C-speed instead of a loop over kept spans.
    taken = bytearray(max(map(_end, ranked)))
    find = taken.find
    kept: list[Mention] = []
    for m in ranked:
        start, end = m[0], m[1]
        if find(1, start, end) < 0:
            taken[start:end] = b"\x01" * (end - start)
            kept.append(m)
    kept.sort(key=_start)
    return kept


def _rank(m: Mention) -> tuple[int, int, int]:
    return (m.start - m.end, -m.priority, m.start)


# C-level getters (no Python call per mention when sorting or taking the max).
_start = itemgetter(0)
_end = itemgetter(1)


def _resolve_by_pairs(ranked: list[Mention]) -> list[Mention]:
    """The interval-by-interval test, kept for empty spans (which a byte map
    cannot mark)."""
    kept: list[Mention] = []
    for m in ranked:
        if not any(m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    kept.sort(key=_start)
    return kept
