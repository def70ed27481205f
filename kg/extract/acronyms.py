"""Schwartz & Hearst acronym definitions ("Group Relative Policy Optimization (GRPO)").

As in scispacy's ``abbreviation.py``: find a parenthesised short form, take at most
``min(len(sf) + 5, 2 * len(sf))`` words before it, and accept the shortest suffix of
those words in which the short form's characters appear in order with its first
character starting a word. Pure functions over plain text; the component is thin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.mentions import Mention
from kg.extract.roles import (
    definition_canonical,
    definition_is_own,
    definition_type,
    head_after,
    named_by_cue,
)
from kg.extract.scan import find_word
from kg.extract.text import sentence_at

# "(GRPO)", "(Step-GRPO)", "(D^3S)", "(GTNs)", "(Training-Free GRPO)"; the short form
# must start with a letter or digit, hold a capital and be at most two words.
_PAREN = re.compile(r"\(\s*([A-Za-z0-9][^()\s,;]{0,15}(?: [^()\s,;]{1,10})?)\s*\)")
_CLAUSE_BREAK = re.compile(r"[.;:!?]\s|\(|\)|,\s(?:and|or|which|where|while)\s")
_LAST_CLAUSE_BREAK = re.compile(rf"(?s:.*)(?:{_CLAUSE_BREAK.pattern})")


_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")
_NUMBER = re.compile(r"[A-Z]?\d+(\.\d+)?[%]?")


@dataclass(slots=True, frozen=True)
class Definition:
    """One definition: long form span and short form span (text offsets)."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    long_form: str
    short_form: str


def is_short_form(candidate: str) -> bool:
    """A plausible short form: 2-10 letters/digits, at least one capital, few words."""
    # Most candidates are plain ASCII letters and digits: no regex to count them.
    core = candidate if candidate.isascii() and candidate.isalnum() else \
        _NOT_ALNUM.sub("", candidate)
    longest = 16 if " " in candidate else 12
    if not 2 <= len(core) <= longest or not any(map(str.isupper, candidate)):
        return False
    if candidate.isdigit() or _NUMBER.fullmatch(candidate):
        return False
    # "(e.g", "(Fig", "(Table", "(Sec" and "(ours)" are not definitions; "(SEC)",
    # in capitals, is an acronym like any other.
    return candidate.isupper() or \
        candidate.lower() not in {"fig", "table", "ours", "eq", "sec", "appendix"}


def match_long_form(short_form: str, words: list[str]) -> int | None:
    """Index of the first word of the long form within ``words``, or None.

    The Schwartz & Hearst backward character match: every letter/digit of the short
    form (right to left) must occur in the long form in order, and the short form's
    first character must begin a word.
    """
    chars = [c.lower() for c in short_form if c.isalnum()]
    text = " ".join(words)
    lower = text.lower()
    end = len(lower)  # each character is looked for left of the previous one
    for s_idx in range(len(chars) - 1, -1, -1):
        c = chars[s_idx]
        if len(c) != 1:  # a letter whose lower case is two characters never matches
            return None
        found = lower.rfind(c, 0, end)  # str.rfind, not a Python loop per character
        while s_idx == 0 and found > 0 and lower[found - 1].isalnum():
            found = lower.rfind(c, 0, found)
        if found < 0:
            return None
        end = found
    start_char = end
    # The word containing start_char.
    return text[:start_char].count(" ")


def find_definitions(text: str) -> list[Definition]:
    """Every ``Long Form (SF)`` definition in ``text``."""
    found: list[Definition] = []
    for m in _PAREN.finditer(text):
        sf = m.group(1).strip()
        if not is_short_form(sf):
            continue
        n_alnum = sum(c.isalnum() for c in sf)
        words, spans = last_words(text, _window_start(text, m.start()), m.start(),
                                  min(n_alnum + 5, 2 * n_alnum))
        if not spans:
            continue
        first = match_long_form(sf, words)
        if first is None or len(words) - first < 2 and len(sf) > 3:
            continue
        lf_start, lf_end = spans[first][0], spans[-1][1]
        long_form = text[lf_start:lf_end]
        if sf.lower() in long_form.lower().split() or len(long_form) <= len(sf):
            continue
        sf_start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        found.append(Definition(lf_start, lf_end, sf_start, sf_start + len(sf),
                                long_form, sf))
    return found


def last_words(text: str, start: int, end: int, k: int
               ) -> tuple[list[str], list[tuple[int, int]]]:
    """The last ``k`` (all if 0) whitespace-separated words of ``text[start:end]``
    and their spans.

    ``str.split`` and a right-to-left ``rfind`` per kept word instead of a regex
    match object per word of the clause: only the last few are kept. (``split``
    and the regex ``\\S+`` agree on what whitespace is; a word's last occurrence
    before the next word's start is the word itself, as words hold no space.)
    """
    segment = text[start:end]
    words = segment.split()
    if k:
        words = words[-k:]
    spans = []
    pos = len(segment)
    for word in reversed(words):
        pos = segment.rfind(word, 0, pos)
        spans.append((start + pos, start + pos + len(word)))
    spans.reverse()
    return words, spans


def _window_start(text: str, paren: int) -> int:
    """Start of the clause before a parenthesis (long forms never cross a clause):
    the end of the last clause break in the 200 characters before it.

    Breaks cannot overlap (each opens with punctuation that no break holds after
    its first character), so the last one is the rightmost place a break
    matches, which a greedy ``.*`` finds by backtracking from the parenthesis.
    """
    base = max(0, paren - 200)
    last = _LAST_CLAUSE_BREAK.match(text, base, paren)
    return last.end() if last else base


def short_form_pattern(short_form: str) -> re.Pattern[str]:
    """Regex for later bare uses of a short form (and its plural: GTN -> GTNs)."""
    core = short_form[:-1] if short_form.endswith("s") and len(short_form) > 2 \
        else short_form
    return re.compile(r"(?<![\w\\-])" + re.escape(core) + r"s?(?![\w])")


# "we introduce our X (Y)", "we propose X (Y)": a naming verb right before the
# long form makes the definition the paper's own, whatever a gazetteer knows.
_CUE_RIGHT_BEFORE = re.compile(
    r"\b(?:[Ww]e|[Tt]his (?:paper|work))\s(?:\w+\s)?(?:propose|introduce|present|"
    r"develop|design)s?\s(?:(?:a|an|the|our|novel|new)\s)*$")


def definition_mentions(text: str, title_len: int,
                        sentences: list[tuple[int, int]]) -> list[Mention]:
    """Mentions of every defined acronym: long form, short form, every bare use."""
    out: list[Mention] = []
    title = text[:title_len]
    for d in find_definitions(text):
        s, e = sentence_at(sentences, d.short_start)
        cued = named_by_cue(text, d.long_start, d.short_end)
        own = definition_is_own(text[s:e], d.short_form, title, d.long_form,
                                None if cued else d.long_start - s,
                                cued=not d.long_form.islower() and
                                _CUE_RIGHT_BEFORE.search(
                                    text, max(0, d.long_start - 40),
                                    d.long_start) is not None)
        kind = definition_type(d.long_form, d.short_form, own and cued,
                               head_after(text, d.short_end), claimed=own)
        own = own and kind != "concept"
        canonical = definition_canonical(d.long_form, d.short_form)
        key = f"acr:{kind}:{canonical}"
        common = {"type": kind, "canonical": canonical, "key": key,
                  "expansion": d.long_form}
        out.append(Mention(d.long_start, d.long_end, rule="acronym.long_form",
                           text=d.long_form, proposed=own, priority=5, **common))
        out.append(Mention(d.short_start, d.short_end, rule="acronym.definition",
                           text=d.short_form, proposed=own, priority=5, **common))
        core = d.short_form[:-1] if d.short_form.endswith("s") and \
            len(d.short_form) > 2 else d.short_form
        for start, end in find_word(text, core, plural=True):
            if start != d.short_start:
                out.append(Mention(start, end, rule="acronym.bare_use",
                                   text=text[start:end], priority=4, **common))
    return out
