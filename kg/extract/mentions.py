"""The unit every rule produces: a typed, character-offset mention with its rule id.

Rules are pure functions ``text -> list[Mention]``; offsets index the text the
pipeline sees (title, a blank line, abstract; see :mod:`kg.extract.text`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class Mention:
    """A candidate entity mention.

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


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest (then highest-priority, then earliest) of overlapping spans.

    The same greedy filter as spaCy's ``first_longest_spans_filter`` with priority as
    a tie-breaker, so "Step-GRPO" beats the "GRPO" inside it.
    """
    ranked = sorted(mentions, key=lambda m: (-m.length, -m.priority, m.start))
    taken: list[tuple[int, int]] = []
    kept: list[Mention] = []
    for m in ranked:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        taken.append((m.start, m.end))
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept
