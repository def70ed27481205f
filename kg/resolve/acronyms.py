"""Acronym definitions of one mention: which of its names is short for which.

The extractor records a definition in ``Entity.expansion``; records without that field
(the gold files, older extractions) still list both forms among ``canonical``, ``text``
and ``aliases``, so a definition is also recognised there with the Schwartz & Hearst
test: every character of the short form appears, in order, in the long form, and the
first one starts a word ("Chain-of-Thought" for "CoT", "large language models" for
"LLMs").
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.records import Entity, ExtractionRecord
from kg.resolve.keys import clean_text, is_bare_size, name_key

_MAX_ACRONYM_LEN = 12
_SUFFIXES = ("ations", "ation", "ators", "ator", "ings", "ing", "ions", "ion",
             "ers", "er", "ed", "es", "s")
_MIN_STEM = 4
_BRITISH = re.compile(r"is(ation|ations|e|ed|es|ing|er|ers)$")
_WORD_SPLIT = re.compile(r"[\s\-\u2010-\u2015/]+")


def is_acronym(name: str) -> bool:
    """A short, single-word name that is mostly capitals: GRPO, CoT, LoRA, LLMs."""
    name = clean_text(name)
    if not 2 <= len(name) <= _MAX_ACRONYM_LEN or " " in name:
        return False
    letters = [ch for ch in name if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper * 2 >= len(letters)


def is_long_form(short: str, long: str) -> bool:
    """Schwartz & Hearst: ``short`` spells out ``long`` (two words or more)."""
    long = clean_text(long)
    words = long.replace("-", " ").split()
    if len(words) < 2 or len(long) <= len(short):
        return False
    if clean_text(short).casefold() in (w.casefold() for w in words):
        return False  # "GRPO-v1" names a variant of GRPO, it does not spell it out
    wanted = [ch for ch in clean_text(short).casefold() if ch.isalnum()]
    if not wanted or not wanted[0].isalpha():
        return False
    return _spells_out(wanted, long.casefold())


def _spells_out(wanted: list[str], text: str) -> bool:
    """Match ``wanted`` right to left in ``text``; the first character opens a word."""
    pos = len(text) - 1
    for index in range(len(wanted) - 1, -1, -1):
        char = wanted[index]
        while pos >= 0 and (text[pos] != char or (
                index == 0 and pos > 0 and text[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return False
        pos -= 1
    return True


@lru_cache(maxsize=1 << 16)
def signature(short: str, long: str) -> str:
    """The words of ``long`` whose initials spell ``short``, else all of ``long``.

    Two papers that expand RLVR as "Reinforcement Learning with / on Verifiable
    Rewards", or VLA as "Vision-Language-Action (model)", define one thing; "Explicit"
    and "Entropy-regularized Policy Optimization" stay two.
    """
    letters = [ch for ch in clean_text(short).casefold() if ch.isalpha()]
    words = [w for w in _WORD_SPLIT.split(clean_text(long)) if w]
    folded = [w.casefold() for w in words]
    chosen: list[str] = []
    position = 0
    for letter in letters:
        while position < len(words) and not folded[position].startswith(letter):
            position += 1
        if position == len(words):
            return clean_text(long)
        chosen.append(words[position])
        position += 1
    return " ".join(map(_stem, chosen)) if chosen else clean_text(long)


def _stem(word: str) -> str:
    """Strip one inflectional suffix, so "Grouped"/"Group Query Attention" and "Test
    Case Generation"/"Generator" are one definition; different words stay apart."""
    lower = word.casefold()
    if "is" in lower:  # "Optimisation" = "Optimization"
        lower = _BRITISH.sub(r"iz\1", lower)
    if not lower.endswith(_SUFFIXES):
        return lower
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= _MIN_STEM:
            return lower[:-len(suffix)]
    return lower


def definition(entity: Entity) -> tuple[str, str] | None:
    """``(acronym, long form)`` that this mention defines, or None.

    An explicit ``expansion`` wins; otherwise the first acronym-shaped name (canonical
    first, then text, then aliases) that one of the other names spells out.
    """
    return definition_of(entity.canonical, entity.text, tuple(entity.aliases),
                         entity.expansion)


def definition_of(canonical: str, text: str, aliases: tuple[str, ...],
                  expansion: str | None) -> tuple[str, str] | None:
    """:func:`definition` on the names themselves.

    Not cached: grouping calls it once per distinct set of a mention's names, and an
    LRU cache smaller than their number would only evict.
    """
    names = list(dict.fromkeys([canonical, text, *aliases]))
    if expansion and not _spells_itself(canonical, expansion):
        if clean_text(canonical) != clean_text(expansion):
            return canonical, expansion
        short = next((n for n in names if is_acronym(n)), None)
        return (short, expansion) if short else None
    for short in names:
        if not is_acronym(short):
            continue
        for long in names:
            if long != short and is_long_form(short, long):
                return short, long
    return None


def paired_definitions(record: ExtractionRecord) -> dict[int, str]:
    """Entity index -> long form, for an acronym the extractor found as a mention of
    its own beside its long form: "We propose TurningPoint-GRPO (TP-GRPO)" gives
    two mentions and no ``expansion``.  Only where the paper writes "long (short)"
    and the long form spells the acronym out."""
    entities = record.entities
    paper = record.paper
    text = f"{paper.title or ''}\n{paper.abstract or ''}"
    candidates = [i for i, e in enumerate(entities)  # the substring test is cheap
                  if not e.expansion and f"({e.text})" in text
                  and is_acronym(e.canonical)]
    out = {}
    for index in candidates:
        short = entities[index]
        for other in entities:
            if (other is not short and other.type == short.type
                    and f"{other.text} ({short.text})" in text
                    and is_long_form(short.canonical, other.canonical)):
                out[index] = other.canonical
                break
    return out


def _spells_itself(short: str, long: str) -> bool:
    """An "expansion" that is no long form: the name itself spelt otherwise
    ("SAM 2" for SAM2), or a size ("200K")."""
    return name_key(short) == name_key(long) or is_bare_size(long)


def clear_caches() -> None:
    """Empty this module's per-name caches (see ``resolver.clear_name_caches``)."""
    signature.cache_clear()
