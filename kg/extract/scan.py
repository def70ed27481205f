"""Run an expensive regex only near cheap triggers.

Python's ``re`` scans fast for a pattern that starts with one literal (" score",
"@"), and slowly for one that starts with a look-behind, a character class or an
alternation of many literals. Each rule therefore names *triggers* and its full
pattern runs only on a window around each hit, snapped to whitespace so that word
boundaries inside the window are the real ones. Two kinds:

* literal triggers (:func:`literal_trigger`, written as a trie) scanned in the
  text, kept where ``re`` finds them fast;
* word triggers (:class:`WordTrigger`) tested once per vocabulary entry as a spaCy
  lexeme flag, so a document's trigger tokens come from one ``Doc.to_array``
  (:class:`TriggerIndex`); used for frequent or many-name triggers (model families,
  "on"/"we", head nouns, years).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab


def windows(text: str, trigger: re.Pattern[str], before: int, after: int
            ) -> list[tuple[int, int]]:
    """Merged windows around trigger hits, widened to whitespace boundaries."""
    out: list[tuple[int, int]] = []
    for m in trigger.finditer(text):
        _add_window(out, text, m.start() - before, m.end() + after)
    return out


def finditer_near(rx: re.Pattern[str], text: str, trigger: re.Pattern[str],
                  before: int = 60, after: int = 40) -> Iterator[re.Match[str]]:
    """``rx.finditer`` restricted to windows around ``trigger`` hits."""
    for s, e in windows(text, trigger, before, after):
        yield from rx.finditer(text, s, e)


def literal_trigger(words: list[str] | tuple[str, ...] | set[str]) -> re.Pattern[str]:
    """A regex for any of the literal strings, the longest where several match.

    Written as a trie ("Qwen|QwQ" -> "Q(?:wen|wQ)"): Python's ``re`` tries the
    alternatives of a flat alternation one by one at every position, which made
    the model-family trigger (a hundred names) cost 3x what the trie costs.
    """
    trie: dict = {}
    for word in words:
        if word:
            node = trie
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return re.compile(_trie_pattern(trie))


def _trie_pattern(node: dict) -> str:
    """The pattern of a trie node; children sorted, an end marker makes the rest
    optional (greedy, so the longest literal wins as in a longest-first list)."""
    branches = [re.escape(c) + _trie_pattern(child)
                for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        body = f"(?:{body})?"
    return body


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


# --- Word triggers: found once per vocabulary entry, not once per document -------
#
# Python's ``re`` scans an alternation of many literals ("Qwen|Llama|GPT|...",
# " on | across | over ...") at roughly 10-30 us per abstract, and a dozen such scans
# cost more than the rules they gate. A *word trigger* is instead a pattern searched
# in a token's text: spaCy computes it once per vocabulary entry (a lexeme flag set
# when the tokenizer first meets a word), so a document's trigger tokens come from one
# ``Doc.to_array`` call. Windows are taken around the whole token, which covers the
# window a literal inside it would have had.

Window = tuple[int, int]
Windows = Mapping[str, list[Window]]


@dataclass(frozen=True, slots=True)
class WordTrigger:
    """A rule's trigger: ``pattern`` searched in one token's text; the rule runs on
    ``before``/``after`` characters around each triggering token."""

    pattern: re.Pattern[str]
    before: int
    after: int


def word_pieces(literals: Iterable[str]) -> re.Pattern[str]:
    """A word pattern for literal names that may be written with spaces or hyphens
    ("Code Llama", "Flan-T5", "REINFORCE++"): the tokenizer splits there, so the
    first piece of each name is what a token holds."""
    pieces = {re.split(r"[\s\-+]+", w.strip())[0] for w in literals}
    return literal_trigger({p for p in pieces if p})


def _free_flag(vocab: Vocab) -> int:
    """The highest lexeme flag bit nothing else computes (spaCy's own are low)."""
    for bit in range(63, 0, -1):
        if bit not in vocab.lex_attr_getters:
            return bit
    raise RuntimeError("no free lexeme flag in this vocab")


class TriggerIndex:
    """Which tokens of a doc trigger which rules, from one lexeme flag.

    The flag says "some word trigger matches this word"; which ones is asked once
    per distinct flagged word and cached, so a document costs one ``to_array`` and
    a short loop over its few trigger tokens.
    """

    def __init__(self, vocab: Vocab, triggers: Mapping[str, WordTrigger]) -> None:
        self.triggers = dict(triggers)
        any_rx = re.compile("|".join(_scoped(t.pattern)
                                     for t in self.triggers.values()))
        self.flag = _free_flag(vocab)
        vocab.add_flag(lambda word: any_rx.search(word) is not None, self.flag)
        self._fired: dict[str, tuple[tuple[str, int, int], ...]] = {}

    def names_of(self, word: str) -> tuple[str, ...]:
        """The triggers a word fires."""
        return tuple(name for name, _, _ in self._fires(word))

    def _fires(self, word: str) -> tuple[tuple[str, int, int], ...]:
        """``(name, before, after)`` of the triggers a word fires (cached per word:
        a corpus repeats its trigger words)."""
        fired = self._fired.get(word)
        if fired is None:
            fired = tuple((name, t.before, t.after)
                          for name, t in self.triggers.items()
                          if t.pattern.search(word))
            self._fired[word] = fired
        return fired

    def windows(self, doc: Doc, text: str) -> dict[str, list[Window]]:
        """Merged windows, per trigger name, around the doc's trigger tokens.

        Only the flag column is read for every token (``to_array`` costs about as
        much per column as per token); offsets are read from the few trigger
        tokens themselves.
        """
        out: dict[str, list[Window]] = {name: [] for name in self.triggers}
        fired_of = self._fired
        for i in doc.to_array(self.flag).nonzero()[0].tolist():
            token = doc[i]
            start = token.idx
            end = start + len(token)
            word = text[start:end]
            fired = fired_of.get(word)
            if fired is None:
                fired = self._fires(word)
            for name, before, after in fired:
                _add_window(out[name], text, start - before, end + after)
        return out


def _scoped(rx: re.Pattern[str]) -> str:
    """``rx`` as a group that keeps its case-insensitivity inside a union."""
    return f"(?i:{rx.pattern})" if rx.flags & re.IGNORECASE else f"(?:{rx.pattern})"


def _add_window(spans: list[Window], text: str, s: int, e: int) -> None:
    """Append ``[s, e)`` widened to whitespace, merging with the last window."""
    n = len(text)
    s = text.rfind(" ", 0, s) + 1 if s > 0 else 0
    if e < n:
        sp = text.find(" ", e)
        e = n if sp < 0 else sp
    else:
        e = n
    if spans and s <= spans[-1][1]:
        spans[-1] = (spans[-1][0], max(spans[-1][1], e))
    else:
        spans.append((s, e))


def finditer_in(rx: re.Pattern[str], text: str, spans: Iterable[Window]
                ) -> Iterator[re.Match[str]]:
    """``rx.finditer`` restricted to the given windows."""
    for s, e in spans:
        yield from rx.finditer(text, s, e)


@cache
def _standalone(names: tuple[str, ...], triggers: tuple[WordTrigger, ...]
                ) -> tuple[Callable[[str], Doc], TriggerIndex]:
    tokenizer = spacy.blank("en").tokenizer
    return tokenizer, TriggerIndex(tokenizer.vocab, dict(zip(names, triggers,
                                                             strict=True)))


def text_windows(text: str, triggers: Mapping[str, WordTrigger]) -> Windows:
    """Windows for a plain text outside a pipeline (the pure rules called on their
    own, as in tests): a private blank tokenizer gives the same tokens the pipeline
    would."""
    names = tuple(triggers)
    tokenizer, index = _standalone(names, tuple(triggers[n] for n in names))
    return index.windows(tokenizer(text), text)
