"""Run an expensive regex only near cheap literal triggers.

Python's ``re`` scans fast for a pattern that starts with a literal (or an
alternation of literals), and slowly for one that starts with a look-behind or a
character class. Each rule therefore names literal *triggers* ("accura", "rate",
"Bench", a model family) and its full pattern runs only on a window around each hit,
snapped to whitespace so that word boundaries inside the window are the real ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def windows(text: str, trigger: re.Pattern[str], before: int, after: int
            ) -> list[tuple[int, int]]:
    """Merged windows around trigger hits, widened to whitespace boundaries."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in trigger.finditer(text):
        s = max(0, m.start() - before)
        if s:
            s = text.rfind(" ", 0, s) + 1
        e = min(n, m.end() + after)
        if e < n:
            sp = text.find(" ", e)
            e = n if sp < 0 else sp
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def finditer_near(rx: re.Pattern[str], text: str, trigger: re.Pattern[str],
                  before: int = 60, after: int = 40) -> Iterator[re.Match[str]]:
    """``rx.finditer`` restricted to windows around ``trigger`` hits."""
    for s, e in windows(text, trigger, before, after):
        yield from rx.finditer(text, s, e)


def literal_trigger(words: list[str] | tuple[str, ...] | set[str]) -> re.Pattern[str]:
    """An alternation of literal strings, longest first (fast to scan for)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len,
                                                             reverse=True)))


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def find_word(text: str, word: str, *, plural: bool = False,
              hyphen_joins: bool = True) -> Iterator[tuple[int, int]]:
    """Spans of ``word`` as a whole word (no regex compiled per name).

    ``plural`` also accepts a trailing "s"; with ``hyphen_joins`` a hyphen or
    backslash before the word makes it part of a longer name ("Step-GRPO").
    """
    if not word:
        return
    start = text.find(word)
    n = len(word)
    while start >= 0:
        end = start + n
        before = text[start - 1] if start else " "
        ok = not (_is_word_char(before) or before == "\\" or
                  (hyphen_joins and before == "-"))
        if ok and plural and text.startswith("s", end):
            end += 1
        after = text[end] if end < len(text) else " "
        if ok and not _is_word_char(after):
            yield start, end
        start = text.find(word, start + 1)
