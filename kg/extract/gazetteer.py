"""Gazetteer matching with spaCy's ``PhraseMatcher`` (the ``span_ruler`` idea).

Patterns are JSONL rows ``{"label", "pattern", "attr": "ORTH"|"LOWER",
"canonical"?, "source"?}``. Case-insensitive (``LOWER``) patterns of
benchmarks/models only count where the text is not all lower case ("GSM8K" for
``gsm8k``, never the word "race"), because gazetteer ids are often lower-case
spellings of proper names.

Rows with ``"source": "lexicon"`` come from the corpus lexicon
(:mod:`kg.extract.lexicon`): their rule id is ``lexicon.<type>`` and their priority
the lowest a name can have (:data:`LEXICON_PRIORITY`), so a definition, the
grammar, a proposal or a curated gazetteer name always wins a tie; a mined model
name takes its written size and suffix tail ("InternVL3" + "-8B").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.batching import BatchComponent
from kg.extract.data_files import DATA_DIR, read_jsonl
from kg.extract.mentions import Mention
from kg.extract.pattern_cache import token_hashes
from kg.extract.state import doc_state

PRIORITY = {"model": 2, "benchmark": 2, "method": 3, "organization": 2,
            "metric": 1, "concept": 1}
_CASED_LABELS = {"benchmark", "model", "organization"}
#: Mined names rank with the context guesses they summarise (above a single
#: "on X, Y" guess, below every curated name, definition and grammar match).
LEXICON_PRIORITY = 1


class GazetteerMatcher(BatchComponent):
    """Finds gazetteer names in a doc and appends them to ``doc._.kg_mentions``."""

    def __init__(self, nlp: Language, name: str = "kg_gazetteer") -> None:
        self.nlp = nlp
        self.name = name
        self.patterns: list[dict] = []
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._rules: dict[int, _Rule] = {}

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Add pattern rows; each becomes a match id indexing ``self.patterns``."""
        by_attr: dict[str, list[tuple[str, str]]] = {"ORTH": [], "LOWER": []}
        strings = self.nlp.vocab.strings
        for row in patterns:
            attr = row.get("attr") or ("LOWER" if row["pattern"].islower() else "ORTH")
            key = f"{len(self.patterns)}"
            row = dict(row, attr=attr)
            self.patterns.append(row)
            self._rules[strings.add(key)] = _Rule.of(row)
            by_attr[attr].append((key, row["pattern"]))
        # Patterns are tokenized by a private tokenizer with the same rules: filling
        # the pipeline's own tokenizer cache and vocab with ~17k pattern strings
        # makes every later call of it several times slower. One LOWER matcher
        # serves both kinds: an ORTH pattern is tokenized as written (the tokenizer
        # splits "ADE20K" and "ade20k" differently) and its hits are then checked
        # for case; one pass over the doc instead of two.
        # The matcher only needs the tokens' LOWER hashes, so those are what a
        # run keeps for the next (kg.extract.pattern_cache).
        rows = [row for attr in ("ORTH", "LOWER") for row in by_attr[attr]]
        texts = [pattern for _, pattern in by_attr["ORTH"]]
        texts += [pattern.lower() for _, pattern in by_attr["LOWER"]]
        keywords = token_hashes(self.nlp.lang, texts, self._tokenize)
        for (key, _), keyword in zip(rows, keywords, strict=True):
            if keyword:
                self._matcher.add(key, [keyword])

    def _tokenize(self, texts: Sequence[str]) -> list[Sequence[int]]:
        tokenizer = spacy.blank(self.nlp.lang).tokenizer
        return [[token.lower for token in doc] for doc in tokenizer.pipe(texts)]

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        text = state.text
        exact: list[Mention] = []  # ORTH rows first, as two matchers gave them
        folded: list[Mention] = []
        rules = self._rules
        for match_id, start, end in self._matcher(doc):
            rule = rules[match_id]
            # Character offsets from the tokens, not a Span: the text is kept.
            first = doc[start]
            last = first if end - start == 1 else doc[end - 1]
            s_char, e_char = first.idx, last.idx + len(last)
            surface = text[s_char:e_char]
            if rule.written is not None and surface.replace(" ", "") != rule.written:
                continue
            if rule.cased_only and surface.islower():
                continue
            if rule.tail is not None:
                e_char, surface = _extend_variant(text, s_char, e_char, rule.tail)
            (folded if rule.written is None else exact).append(Mention(
                s_char, e_char, rule.label, rule.rule_id, surface, rule.canonical,
                None, None, False, rule.priority))
        state.mentions.extend(exact)
        state.mentions.extend(folded)
        return doc

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / "patterns.jsonl").open("w", encoding="utf-8") as fh:
            for row in self.patterns:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()
                  ) -> GazetteerMatcher:
        self.patterns = []
        self._rules = {}
        self._matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.add_patterns(read_jsonl(Path(path) / "patterns.jsonl"))
        return self


_VARIANT_TAIL = re.compile(r"(?:-[A-Z0-9][A-Za-z0-9]*|\+)+(?![\w-])")


# A mined model's written size and suffixes: "InternVL3-8B", "BAGEL-7B-MoT",
# "Foundation-Sec 8B".
_MODEL_TAIL = re.compile(r"(?:[-_](?:\d+(?:\.\d+)?[BMK]|[A-Z][A-Za-z0-9.]*|it)|"
                         r"\s\d+(?:\.\d+)?[BM])+(?![\w-])")


def _extend_variant(text: str, start: int, end: int,
                    tail: re.Pattern[str] = _VARIANT_TAIL) -> tuple[int, str]:
    """A benchmark's written variant: GSM8K -> "GSM-Symbolic"-style tails, "ARC-C",
    "MMLU-STEM", "MATH-500", "GSM+" (the family name alone would under-match)."""
    m = tail.match(text, end)
    if m:
        end = m.end()
    return end, text[start:end]


@dataclass(frozen=True, slots=True)
class _Rule:
    """What a pattern row says about its matches, read once when it is added."""

    label: str
    rule_id: str
    canonical: str | None
    priority: int
    cased_only: bool  # case-insensitive hits on proper-name types: not all lower
    tail: re.Pattern[str] | None  # the written variant tail a match takes
    written: str | None  # ORTH rows: the pattern without spaces, to match exactly

    @classmethod
    def of(cls, row: dict) -> _Rule:
        label = row["label"]
        orth = row["attr"] == "ORTH"
        mined = row.get("source") == "lexicon"
        tail = _VARIANT_TAIL if label == "benchmark" else \
            _MODEL_TAIL if mined and label == "model" else None
        return cls(label, f"{'lexicon' if mined else 'gazetteer'}.{label}",
                   row.get("canonical"),
                   LEXICON_PRIORITY if mined else PRIORITY[label],
                   not orth and label in _CASED_LABELS, tail,
                   row["pattern"].replace(" ", "") if orth else None)


def default_patterns(files: Iterable[str]) -> Iterable[dict]:
    """Rows of the packaged gazetteer files."""
    for name in files:
        yield from read_jsonl(DATA_DIR / name)
