"""Whether two long forms of one acronym name one thing: spelling, not sense.

Papers expand one acronym in many spellings: "Low-Rank Adaptation / Adapter /
Adaption", "Rotary Position(al) Embedding(s) / Encoding", "RL from Human Feedback",
"AI-generated content", "Reinforced Fine-Tuning", "Mixtur of Memories".  Two long
forms are one sense when the words that spell out the acronym match letter by letter:

1. Each long form is aligned to the acronym's letters (a Schwartz & Hearst
   alignment, left to right): every letter is covered by a word starting with it,
   or by a later letter of the word that covers the one before ("Low" covers L and
   o of LoRA, "finetune" F and T of RFT).  Words that cover no letter are left out
   (an added adjective, a trailing "parameters").
2. For every letter the two covering words must match:
   - a word written as an acronym itself ("RL", "AI", "LLM") covering two letters
     or more matches anything (it is that part's short form);
   - two word starts match when their stems (:func:`stem`: one British spelling
     fold, then suffixes stripped while three letters remain) are equal, are
     listed together in ``data/sense_words.tsv`` (embedding = encoding), one
     begins the other and the shorter has four letters or more (math,
     mathematical), or they are five letters or more and one edit apart (a typo);
   - a letter inside one word ("finetune") and at the start of the other
     ("tuning") match when the other's stem (three letters or more) occurs in it.
   At least one letter must be matched by two real words.
3. When either long form cannot be aligned, their content words (without
   linking words) must match one to one, by the word rule above.

So SVD "Singular Value Decomposition" and "Stable Video Diffusion" stay two, as do
GRPO "Group Relative Policy" and "Group Relative Preference Optimization": one
word that differs in meaning keeps two senses apart.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from kg.resolve.keys import clean_text

DATA_FILE = Path(__file__).resolve().parent / "data" / "sense_words.tsv"
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
_BRITISH = re.compile(r"is(ation|ations|e|ed|es|ing|er|ers)$")
_SUFFIXES = ("izations", "ization", "ations", "ation", "ements", "ement", "ments",
             "ment", "ings", "ing", "ions", "ion", "ives", "ive", "ors", "or",
             "ers", "er", "als", "al", "ly", "ed", "es", "s", "e")
_MIN_STEM = 3
_MIN_PREFIX = 4
_MIN_TYPO = 5
_MAX_GAP = 1
_LINKING = frozenset({"a", "an", "the", "of", "for", "with", "from", "on", "in",
                      "to", "by", "via", "and", "as", "based", "at"})

#: per acronym letter: (covering word, position of the letter in the word's run,
#: whether the word is an acronym standing for several letters)
Cover = tuple[str, int, bool]


def same_sense(acronym_key: str, first: str, second: str) -> bool:
    """Whether ``first`` and ``second`` expand the acronym keyed ``acronym_key``
    ("lora", from :func:`kg.resolve.keys.typed_key`) as one thing."""
    letters = "".join(ch for ch in acronym_key if ch.isalnum())
    one, two = _covers(letters, first), _covers(letters, second)
    if one is None or two is None:
        return _same_words(first, second)
    real = 0
    for index, ((word_a, pos_a, wild_a), (word_b, pos_b, wild_b)) in enumerate(
            zip(one, two, strict=True)):
        if wild_a or wild_b:
            continue
        if (pos_a == 0) == (pos_b == 0):
            if not (same_word(word_a, word_b)
                    or _compound_start(index, one, two)):
                return False
            real += 1
        else:
            inner, start = (word_a, word_b) if pos_a else (word_b, word_a)
            head = stem(start)
            if len(head) < _MIN_STEM or head not in inner:
                return False
    return real > 0


def _compound_start(index: int, one: tuple[Cover, ...], two: tuple[Cover, ...]
                    ) -> bool:
    """"fine" (of "fine-tuning") and "finetune", "pre" and "pretraining": the word
    covering more letters begins with the other."""
    def run(covers: tuple[Cover, ...]) -> int:
        word, end = covers[index][0], index + 1
        while end < len(covers) and covers[end][0] == word and covers[end][1]:
            end += 1
        return end - index
    (word_a, _, _), (word_b, _, _) = one[index], two[index]
    if run(one) == run(two):
        return False
    short, long = (word_a, word_b) if run(one) < run(two) else (word_b, word_a)
    return len(short) >= _MIN_STEM and long.startswith(short)


def same_word(first: str, second: str) -> bool:
    """Two words that are one word in another spelling or inflection (rule 2)."""
    a, b = stem(first), stem(second)
    if a == b or _synonyms().get(a) == _synonyms().get(b, b):
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= _MIN_PREFIX and long.startswith(short):
        return True
    return len(short) >= _MIN_TYPO and _one_edit(a, b)


@lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """A crude stem: British -is- folded, inflectional suffixes stripped."""
    word = word.casefold()
    if "is" in word:
        word = _BRITISH.sub(r"iz\1", word)
    for _ in range(3):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[:-len(suffix)]
                break
        else:
            break
    return word


@lru_cache(maxsize=1 << 14)
def _covers(letters: str, long_form: str) -> tuple[Cover, ...] | None:
    """The covering word of each letter (rule 1), or None when none aligns."""
    words = _WORDS.findall(clean_text(long_form))
    folded = [w.casefold() for w in words]
    if not letters or len(words) < 2:
        return None
    memo: dict[tuple[int, int], tuple[Cover, ...] | None] = {}

    def align(i: int, j: int) -> tuple[Cover, ...] | None:
        if i == len(letters):
            return ()
        if j == len(words):
            return None
        if (i, j) in memo:
            return memo[(i, j)]
        out = None
        word = folded[j]
        if word[0] == letters[i]:
            end, pos = i + 1, 1
            while out is None:
                rest = align(end, j + 1)
                if rest is not None:
                    wild = end - i >= 2 and _is_acronym_word(words[j])
                    run = tuple((word, k, wild) for k in range(end - i))
                    out = run + rest
                    break
                if end == len(letters):
                    break
                found = word.find(letters[end], pos)
                if found < 0:
                    break
                end, pos = end + 1, found + 1
        if out is None:
            out = align(i, j + 1)
        memo[(i, j)] = out
        return out

    covers = align(0, 0)
    if covers is None or _inner_gaps(covers, folded) > _MAX_GAP:
        return None
    return covers


def _inner_gaps(covers: tuple[Cover, ...], words: list[str]) -> int:
    """Words between the first and the last covering word that cover nothing and
    are not linking words: "Rejection-sampling Fine-Tuning" has one; "Mixtures of
    scenario-aware document Memories" three, and is another thing than
    "Mixture-of-Memories"."""
    used = [i for i, w in enumerate(words) if w in {c[0] for c in covers}]
    inner = words[min(used):max(used) + 1] if used else []
    covering = {c[0] for c in covers}
    return sum(1 for w in inner if w not in covering and w not in _LINKING)


def _is_acronym_word(word: str) -> bool:
    """"RL", "AI", "LLM": a short word of capitals standing for several words."""
    letters = [ch for ch in word if ch.isalpha()]
    return 2 <= len(letters) <= 6 and sum(ch.isupper() for ch in letters) >= 2 \
        and sum(ch.isupper() for ch in letters) * 2 >= len(letters)


def _same_words(first: str, second: str) -> bool:
    """Rule 3: content words matching one to one."""
    a = [w for w in _WORDS.findall(clean_text(first).casefold()) if w not in _LINKING]
    b = [w for w in _WORDS.findall(clean_text(second).casefold()) if w not in _LINKING]
    return bool(a) and len(a) == len(b) and all(map(same_word, a, b))


def _one_edit(a: str, b: str) -> bool:
    """Levenshtein distance exactly one (or zero)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


@cache
def _synonyms(path: Path = DATA_FILE) -> dict[str, str]:
    """Stem -> the stem of the first word of its line (a canonical member)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = [stem(w) for w in line.split("\t") if w.strip()]
        for word in words:
            out[word] = words[0]
    return out


def clear_caches() -> None:
    """Empty this module's per-name caches (see ``resolver.clear_name_caches``)."""
    stem.cache_clear()
    _covers.cache_clear()
