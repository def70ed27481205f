"""Usage: how the paper relates to each method, benchmark and model it names.

The annotation guidelines (section "Usage", v3) give every such entity one usage:
method ``proposed|used|mentioned``, benchmark ``proposed|evaluated|mentioned``, model
``proposed|base|tool|evaluated|mentioned``. It is decided per mention from the
mention's own sentence, then per entity as the strongest usage among its mentions
(the guidelines' order, :data:`kg.records.USAGES`):

1. a cue right after the mention ("X as the judge", "X-based", "X has shown");
2. else the nearest cue before it in its clause ("we fine-tune X", "outperforms X",
   "unlike X", "existing benchmarks such as X"), else a weaker cue after it
   ("X achieves ...");
3. else, with no cue, where the sentence stands: a sentence that is not about the
   paper's own work (no we / our / this paper, not naming what the paper proposes)
   and comes before the first one that is, or reads as background ("recent ...",
   "... have shown"), names the entity as background: ``mentioned``;
4. else nothing is decided, and the entity keeps its default (``used`` /
   ``evaluated``, :func:`kg.records.default_usage`).

A proposed entity (its ``role``) is ``proposed`` whatever its sentences say;
``role`` itself is left as it is. The cues are data (``data/usage_cues.json``),
compiled once; each mention reads only its sentence, so the cost per paper is a few
regex searches per mention.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from kg.extract.data_files import DATA_DIR
from kg.extract.text import SEPARATOR
from kg.records import USAGES, Entity

CUES_FILE = "usage_cues.json"
# The cue of a model the paper's experiments run on ("experiments on X", "applied
# to X"): its base when the paper builds a method or model, else a subject.
APPLIED = "applied"
# How far a cue may stand before the mention (characters of its clause).
BEFORE_WINDOW = 90
# How far after the mention a cue is looked for.
AFTER_WINDOW = 70


@dataclass(frozen=True, slots=True)
class TypeCues:
    """One entity type's compiled cues, (usage, pattern) pairs in the data file's
    order: of the after-patterns the first that matches decides; of the
    before-patterns the one whose match starts nearest the mention (the first
    listed on a tie)."""

    after: tuple[tuple[str, re.Pattern[str]], ...]
    before: tuple[tuple[str, re.Pattern[str]], ...]
    after_weak: tuple[tuple[str, re.Pattern[str]], ...] = ()
    before_strong: tuple[tuple[str, re.Pattern[str]], ...] = ()


@dataclass(frozen=True, slots=True)
class Cues:
    own: re.Pattern[str]
    background: re.Pattern[str]
    future: re.Pattern[str]
    tunes: re.Pattern[str]
    others: re.Pattern[str]
    clause_break: re.Pattern[str]
    types: dict[str, TypeCues]
    background_types: frozenset[str]  # types a background sentence makes mentioned


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")


def _compile(patterns: list[str] | str) -> re.Pattern[str]:
    """One pattern of ``patterns``, matched against lower-cased text: letters
    lower-cased (escapes such as ``\\S`` kept), no ``re.IGNORECASE``, which makes
    these alternations about three times slower."""
    text = patterns if isinstance(patterns, str) else _alternation(patterns)
    return re.compile(_UPPER_LITERAL.sub(lambda m: m.group().lower(), text))


@cache
def load_cues(name: str = CUES_FILE) -> Cues:
    """The cue lexicon of ``data/usage_cues.json``, compiled once."""
    raw = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    types = {}
    for kind, by_usage in raw["cues"].items():
        lists: dict[str, list[tuple[str, re.Pattern[str]]]] = {
            "after": [], "before": [], "after_weak": [], "before_strong": []}
        for usage, spec in by_usage.items():
            for side, found in lists.items():
                if spec.get(side):
                    found.append((usage, _compile(spec[side])))
        types[kind] = TypeCues(tuple(lists["after"]), tuple(lists["before"]),
                               tuple(lists["after_weak"]),
                               tuple(lists["before_strong"]))
    return Cues(own=_compile(raw["own"]), background=_compile(raw["background"]),
                future=_compile(raw["future"]), tunes=_compile(raw["tunes"]),
                others=_compile(raw["others"]),
                clause_break=_compile(raw["clause_break"]),
                types=types, background_types=frozenset(raw["background_types"]))


def cue_usage(kind: str, before: str, after: str, cues: Cues | None = None
              ) -> str | None:
    """The usage the words around one mention give it, or None.

    ``before`` is its clause up to the mention, ``after`` what follows it in
    its sentence, both lower-cased (the cues are matched in lower case)."""
    return _cue(kind, before, after, cues or load_cues())[0]


def _cue(kind: str, before: str, after: str, cues: Cues) -> tuple[str | None, bool]:
    """:func:`cue_usage`, and whether a weak after-cue decided it."""
    spec = cues.types.get(kind)
    if spec is None:
        return None, False
    for usage, pattern in spec.before_strong:
        if pattern.search(before):
            return usage, False
    for usage, pattern in spec.after:
        if pattern.match(after):
            return usage, False
    found = _nearest(spec.before, before)
    if found is None:
        for usage, pattern in spec.after_weak:
            if pattern.match(after):
                return usage, True
    return found, False


def _nearest(patterns: tuple[tuple[str, re.Pattern[str]], ...], text: str
             ) -> str | None:
    """The usage of the cue nearest the end of ``text``: the last match of each
    pattern, the one starting last, unless it starts inside another's match
    ("on" inside "built on": the longer cue is the one meant)."""
    spans = []
    for usage, pattern in patterns:
        last = None
        for last in pattern.finditer(text):  # noqa: B007 - the last one is kept
            pass
        if last is not None:
            spans.append((last.start(), last.end(), usage))
    best = None
    for start, end, usage in spans:
        inside = any(s < start < e for s, e, _ in spans)
        if not inside and (best is None or start > best[0]):
            best = (start, end, usage)
    return best[2] if best else None


def clause_before(sentence: str, cues: Cues | None = None) -> str:
    """The end of ``sentence`` (the words before a mention, lower-cased) from where
    its clause starts, at most :data:`BEFORE_WINDOW` characters."""
    cues = cues or load_cues()
    window = sentence[-BEFORE_WINDOW:]
    end = 0
    for match in cues.clause_break.finditer(window):
        end = match.end()
    return window[end:]


def is_own(sentence: str, own_names: tuple[str, ...], cues: Cues | None = None
           ) -> bool:
    """Whether a sentence is about the paper's own work: we / our / this paper, or
    it names something the paper proposes."""
    cues = cues or load_cues()
    return bool(cues.own.search(sentence.lower())) or any(
        name in sentence for name in own_names)


class PaperSentences:
    """One paper's sentences and what each says of the paper: own work, or
    background (before the first own sentence, or worded as background)."""

    def __init__(self, text: str, title_len: int, bounds: list[tuple[int, int]],
                 own_names: tuple[str, ...], cues: Cues, builds: bool = False,
                 built: tuple[str, ...] = ()) -> None:
        self.text = text
        self.title_len = title_len
        self.bounds = bounds
        self.starts = [s for s, _ in bounds]
        self.own_names = own_names
        self.cues = cues
        self.builds = builds  # the paper proposes a method or model of its own
        self.built = built  # the names of those
        self._background: list[bool | None] = [None] * len(bounds)
        self._future: list[bool | None] = [None] * len(bounds)
        self._tunes: bool | None = None
        self._others: list[bool | None] = [None] * len(bounds)
        self._first_own: int | None = None

    def index(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def first_own(self) -> int:
        """Index of the first abstract sentence about the paper's own work (the
        title, index 0, counts as neither)."""
        if self._first_own is None:
            self._first_own = next(
                (i for i in range(1, len(self.bounds))
                 if is_own(self.sentence(i), self.own_names, self.cues)),
                len(self.bounds))
        return self._first_own

    def sentence(self, i: int) -> str:
        s, e = self.bounds[i]
        return self.text[s:e]

    def tunes(self) -> bool:
        """Whether the paper, proposing no method or model of its own, fine-tunes
        or trains the models it names ("we fine-tune five pretrained models",
        "models pre-trained on X were adapted"): a comparison of trained models."""
        if self._tunes is None:
            self._tunes = not self.builds and bool(self.cues.tunes.search(
                self.text.lower()))
        return self._tunes

    def about_others(self, i: int) -> bool:
        """Whether sentence ``i`` is about other benchmarks ("Existing benchmarks
        predominantly assess ...") and not about the paper's own work."""
        known = self._others[i]
        if known is None:
            sentence = self.sentence(i)
            known = i > 0 and bool(self.cues.others.search(sentence.lower())) and \
                not is_own(sentence, self.own_names, self.cues)
            self._others[i] = known
        return known

    def future(self, i: int) -> bool:
        """Whether sentence ``i`` is about future work ("In future work, we plan to
        use X"): what it names the paper has not used."""
        known = self._future[i]
        if known is None:
            low = self.sentence(i).lower()
            # every future-work pattern has one of these words: skip the search
            known = i > 0 and ("future" in low or " next" in low) and bool(
                self.cues.future.search(low))
            self._future[i] = known
        return known

    def background(self, i: int) -> bool:
        """Whether sentence ``i`` names things only as background."""
        known = self._background[i]
        if known is None:
            sentence = self.sentence(i)
            known = i > 0 and not is_own(sentence, self.own_names, self.cues) and (
                i < self.first_own() or
                bool(self.cues.background.search(sentence.lower())))
            self._background[i] = known
        return known


def mention_usage(kind: str, start: int, end: int, sentences: PaperSentences
                  ) -> str | None:
    """The usage one mention (text offsets ``start``-``end``) gives its entity, or
    None when its sentence does not say."""
    i = sentences.index(start)
    s, e = sentences.bounds[i]
    text = sentences.text
    before = clause_before(text[max(s, start - BEFORE_WINDOW):start].lower(),
                           sentences.cues)
    after = text[end:min(e, end + AFTER_WINDOW)].lower()
    if sentences.future(i) or (kind == "benchmark" and sentences.about_others(i)):
        return "mentioned"
    if kind == "model" and _with_own(text[end:e], sentences.built):
        return "base"
    usage, weak = _cue(kind, before, after, sentences.cues)
    if weak and usage == "evaluated" and sentences.tunes():
        # "X achieves 88%" in a study that fine-tunes the models it compares: X
        # is one of the models it trained
        return "base"
    undecided = usage is None or (weak and usage == "base")
    if undecided and kind in sentences.cues.background_types and \
            sentences.background(i):
        # no cue, or only "X-based" ("CLIP-based architectures"), in a sentence
        # about prior work
        return "mentioned"
    if usage is None and kind == "model" and any(
            name in text[s:e] for name in sentences.built):
        # no cue, in a sentence about what the paper builds ("After four SynPO
        # iterations, X and Y show ..."): the model it is applied to
        return "base"
    if usage == APPLIED:
        return "base" if sentences.builds or _OWN_METHOD.search(
            text, s, e) else "evaluated"
    return usage


_WITH = re.compile(r"\S{0,3}[\s)]*,?\s*(?:with|using|\+|plus|equipped with|"
                   r"augmented with|under) ")


def _with_own(after: str, built: tuple[str, ...]) -> bool:
    """Whether the words after a model name attach the paper's own method to it
    ("GPT-4o-mini with S* outperforms ...")."""
    found = _WITH.match(after) if built else None
    return bool(found) and after.startswith(built, found.end())


# A sentence about the paper's own method by its description, not its name ("this
# approach yields ... for X", "our method improves X"): X is what it is applied to.
_OWN_METHOD = re.compile(
    r"\b(?:[Oo]ur|[Tt]his|[Tt]he proposed) (?:[\w-]+ ){0,2}(?:method|approach|"
    r"framework|technique|algorithm|system|pipeline|strategy|recipe)s?\b")


def strongest(kind: str, usages: list[str]) -> str | None:
    """The first of ``usages`` in the guidelines' order for ``kind``."""
    order = USAGES[kind]
    return min(usages, key=order.index) if usages else None


def _named_inside(name: str, own_names: tuple[str, ...]) -> bool:
    """Whether ``name`` is a part of the name of something the paper proposes
    ("CLIP" in "MedP-CLIP": the proposed model is built on it)."""
    if len(name) < 3:
        return False
    for own in own_names:
        i = own.find(name)
        if i >= 0 and own != name and (i == 0 or not own[i - 1].isalnum()) and (
                i + len(name) == len(own) or not own[i + len(name)].isalnum()):
            return True
    return False


def _text_offset(field: str, start: int, title_len: int) -> int:
    return start if field == "title" else start + title_len + len(SEPARATOR)


def assign_usages(entities: list[Entity], text: str, title_len: int,
                  bounds: list[tuple[int, int]]) -> None:
    """Set ``usage`` on every method, benchmark and model entity of one paper
    (``text`` as the pipeline saw it, ``bounds`` its sentences)."""
    cues = load_cues()
    own = [e for e in entities if e.role == "proposed" and len(e.canonical) >= 3]
    own_names = tuple(e.canonical for e in own)
    built = tuple(e.canonical for e in own if e.type in ("method", "model"))
    builds = bool(built)
    sentences = PaperSentences(text, title_len, bounds, own_names, cues, builds,
                               built)
    for entity in entities:
        kind = entity.type
        if kind not in USAGES:
            continue
        if entity.role == "proposed":
            entity.usage = "proposed"
            continue
        found = ["base"] if kind == "model" and _named_inside(entity.canonical,
                                                              built) else []
        for ev in entity.evidence:
            if ev.start is None or ev.end is None or ev.field == "metadata":
                continue
            start = _text_offset(ev.field, ev.start, title_len)
            usage = mention_usage(kind, start, start + ev.end - ev.start, sentences)
            if usage is not None:
                found.append(usage)
        entity.usage = strongest(kind, found) or (
            "used" if kind == "method" else "evaluated")
