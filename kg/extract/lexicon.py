"""A lexicon of names mined from a corpus of abstracts: what many papers call them.

One paper's cue ("the X benchmark", "X, a 7B vision-language model") is a guess;
the same cue in several papers is evidence. :func:`paper_cues` runs the strong
cues over one paper and returns ``(name, type, cue)`` triples;
:class:`LexiconBuilder` counts, per name, how many distinct papers typed it as each
type and through which cues, and :meth:`LexiconBuilder.rows` keeps the names that
enough papers type the same way (:class:`Thresholds`). The rows are gazetteer
patterns (``attr`` ORTH: a mined name matches only as it was written) with their
evidence counts; ``scripts/build_lexicon.py`` writes them to
``kg/extract/data/lexicon.jsonl``, and the extractor matches them as the lowest
gazetteer (:func:`lexicon_patterns`).

The cues:

* ``definition``: an acronym definition typed by its long form's head noun
  ("... Policy Optimization (GRPO)" method, "... Benchmark (MMB)" benchmark,
  "... Error Rate (WER)" metric; a lower-case field "... learning (FL)" concept);
* ``head_noun``: "the X benchmark / dataset / metric / model / framework";
* ``appositive`` and ``copula``: "X, a 7B vision-language model", "X is a benchmark";
* ``sized``: a name written with a parameter count ("InternVL3-8B"), and its stem
  (``size_stem``: "InternVL3"), with no closed list of families;
* ``list``: the other names of a list ("on X, Y and Z", "compared with X and Y",
  "(X, Y, Z)") in which some name is a known benchmark or a grammar-matched model;
* ``our_metric``: "a new metric, X", "our metric X".

Concept votes are counted (a name most papers call a field never enters as a
method) but concepts are not written: the curated concept gazetteer names them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.acronyms import find_definitions, is_short_form
from kg.extract.data_files import DATA_DIR, read_jsonl
from kg.extract.models import model_regex
from kg.extract.names import LATEX_MACRO, NAME_TOKEN, NOT_NAMES, is_size_token
from kg.extract.organizations import find_organizations
from kg.extract.text import URL
from kg.extract.vocab import known, known_type

LEXICON_FILE = "lexicon.jsonl"
TYPES = ("benchmark", "method", "metric", "model")  # what the lexicon may say
#: (name, type, cue, the definition's long form key or "")
Cue = tuple[str, str, str, str]


# --- cues -----------------------------------------------------------------------

# A name as the cues take it: a name token ("GSM8K", "SWE-bench", "Qwen2.5"), a
# capitalised word ("Mamba"), up to three of them ("Big Bench Hard"), a version
# number or a size after them ("Llama 2", "Phi-3 14B").
_WORD = rf"(?:{NAME_TOKEN}|(?<![\w\\@/.-])[A-Z][A-Za-z]+\+{{0,2}}(?![\w@-]))"
_NAME = rf"(?:{_WORD}(?:\s{_WORD}){{0,2}}(?:[\s-](?:\d+(?:\.\d+)*|\d+(?:\.\d+)?[BM]))?)"

_BENCH_HEADS = r"benchmark|dataset|corpus|suite|leaderboard|testbed|arena|test set|gym"
# A bare "model" calls architectures and classic learners models too ("the
# XGBoost model", "the BiLSTM model"): only a size ("X, a 7B reasoning model") or
# a specific head makes it a model release.
_MODEL_HEADS = (r"language model|foundation model|LLM|VLM|MLLM|checkpoint|"
                r"family of models|model family|tokenizer|encoder|detector|"
                r"\d+(?:\.\d+)?[BM][\w-]*\s(?:[\w-]+\s){0,3}?model")
_METHOD_HEADS = (r"framework|method|approach|algorithm|technique|pipeline|"
                 r"architecture|optimizer|agent|system|recipe|strategy|loss")
_METRIC_HEADS = r"metric|evaluation metric|measure|score"
_HEAD_GROUPS = (rf"(?P<benchmark>{_BENCH_HEADS})|(?P<model>{_MODEL_HEADS})|"
                rf"(?P<method>{_METHOD_HEADS})|(?P<metric>{_METRIC_HEADS})")

# "the X benchmark": the head right after the name, singular (a plural head
# names a kind: "the MRI datasets"). "the Hungarian algorithm", "the Dice score":
# after a plain word the head is part of the name, so only a name-shaped X counts
# for those heads (:func:`_head_noun_cues`).
_THE_HEAD = re.compile(rf"\b[Tt]he\s(?P<name>{_NAME})\s(?:{_HEAD_GROUPS})(?![\w-])")
# "X, a [up to six words] HEAD" and "X is a [...] HEAD": the first head wins.
_APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME})(?:\s\((?P<paren>[^()]{{1,80}})\))?,\s(?:a|an)\s"
    rf"(?:[\w.-]+\s){{0,6}}?(?:{_HEAD_GROUPS})(?![\w-])")
_COPULA = re.compile(
    rf"(?P<name>{_NAME})\s(?:is|was)\s(?:a|an)\s"
    rf"(?:[\w.-]+\s){{0,5}}?(?:{_HEAD_GROUPS})(?![\w-])")
# A capitalised word right before a candidate: the candidate is the end of a
# longer name ("Retrieval Based Distillation, a method"), not a name.
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w-]*\s$")

# A parameter count after a name: "InternVL3-8B", "Phi-3 14B", "MiniCPM-V-2.6 8B"
# (billions only: "WebVid-10M", "HowTo100M" count clips).
_SIZE = r"\d+(?:\.\d+)?B"
_SIZED = re.compile(
    rf"(?<![\w\\@/.-])(?P<stem>[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*?)"
    rf"[-_ ](?P<size>{_SIZE})(?P<tail>(?:-(?:Instruct|Chat|Base|it|IT|[A-Z][a-z]+))*)"
    r"(?![\w-])")

# Lists: a cue, then names separated by commas and a final "and"/"or".
_LIST = re.compile(
    r"\b(?:on|across|including|such as|like|e\.g\.,?|namely|with|than|over|"
    r"against|to)\s(?P<items>" + _NAME + r"(?:\s?,\s(?:and\s|or\s)?" + _NAME +
    r")*(?:,?\s(?:and|or)\s" + _NAME + r"))")
# ... or in parentheses: "benchmarks (MMLU, GSM8K, HumanEval)".
_PAREN_LIST = re.compile(
    r"\((?:e\.g\.,?\s|i\.e\.,?\s|including\s|such as\s)?(?P<items>" + _NAME +
    r"(?:,\s(?:and\s|or\s)?" + _NAME + r")+)\)")
_LIST_SPLIT = re.compile(r"\s?,\s(?:and\s|or\s)?|\s(?:and|or)\s")

# "a new metric, X", "our metric X", "a metric called X".
_OUR_METRIC = re.compile(
    r"\b(?:our|new|novel|proposed)\s(?:[\w-]+\s){0,2}?metric,?\s(?:called\s|named\s|"
    rf"termed\s|dubbed\s)?(?P<name>{_NAME})")

# The long form's last word says what an acronym names.
_LF_BENCH = re.compile(r"(?i:\b(?:benchmark|bench|dataset|corpus|suite|leaderboard|"
                       r"arena|testbed|gym))$")
_LF_METRIC = re.compile(r"(?i:\b(?:score|rate|error|distance|accuracy|metric|"
                        r"ratio|precision|recall|similarity|index|divergence))$")
_LF_METHOD = re.compile(
    r"(?:Optimi[sz]ation|Search|Sampling|Decoding|Distillation|Alignment|Prompting|"
    r"Attention|Algorithm|Framework|Pipeline|Descent|Guidance|Merging|Pruning|"
    r"Quantization|Editing|Steering|Augmentation|Refinement|Tuning|Transformer)$",
    re.IGNORECASE)
_LF_CONCEPT = re.compile(
    r"(?i:\b(?:models|networks|systems|agents|learning|processing|intelligence|"
    r"generation|vision|translation|recognition|answering|imaging|detection|"
    r"segmentation|understanding|tomography|retrieval|reasoning|engineering))$")
# "(SF) benchmark", "(SF) score": the noun after the parenthesis is the head.
_AFTER_PAREN = re.compile(r"\)\s+(?:(?P<benchmark>dataset|benchmark|corpus|suite)|"
                          r"(?P<metric>metric|score))\b")


def definition_cue_type(long_form: str, text: str, short_end: int) -> str | None:
    """What an acronym's definition calls it, from its head noun; None when the
    head says nothing decisive ("Learning" heads name fields and recipes alike)."""
    after = _AFTER_PAREN.match(text, short_end, short_end + 16)
    if after:
        return after.lastgroup
    if _LF_BENCH.search(long_form):
        return "benchmark"
    if _LF_METRIC.search(long_form):
        return "metric"
    if _LF_CONCEPT.search(long_form) and (long_form.islower() or
                                          long_form.endswith("s")):
        return "concept"
    if _LF_METHOD.search(long_form):
        return "method"
    return None


def paper_cues(text: str) -> set[Cue]:
    """The ``(name, type, cue, long form)`` tuples the strong cues give in one
    paper's text (title and abstract); names are taken as written and not yet
    filtered; the long form (a key: lower case, letters and digits) only for
    definitions."""
    text = URL.sub(" ", text)
    out: set[tuple[str, str, str]] = set()
    long_forms: dict[str, str] = {}
    for d in find_definitions(text):
        kind = definition_cue_type(d.long_form, text, d.short_end)
        if kind:
            out.add((d.short_form, kind, "definition"))
            long_forms.setdefault(d.short_form, long_form_key(d.long_form))
    for m in _THE_HEAD.finditer(text):
        kind = m.lastgroup or ""
        if kind == "benchmark" or kind in ("method", "metric") and \
                not _is_plain_word(m.group("name")):
            out.add((m.group("name"), kind, "head_noun"))
    for rx, cue in ((_APPOSITIVE, "appositive"), (_COPULA, "copula")):
        for m in rx.finditer(text):
            name = m.group("name")
            if rx is _APPOSITIVE and m.group("paren") and \
                    is_short_form(m.group("paren")):
                name = m.group("paren")
            elif _CAPITALISED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
                continue
            elif _is_plain_word(name) and _SENTENCE_START.search(
                    text, max(0, m.start() - 3), m.start()):
                continue  # "Besides, a ...", "Nevertheless, a ..."
            out.add((name, m.lastgroup or "", cue))
    for m in _SIZED.finditer(text):
        out.add((m.group(0), "model", "sized"))
        out.add((m.group("stem"), "model", "size_stem"))
    out.update(_list_cues(text))
    for m in _OUR_METRIC.finditer(text):
        out.add((m.group("name"), "metric", "our_metric"))
    return {(name.strip(), kind, cue,
             long_forms.get(name, "") if cue == "definition" else "")
            for name, kind, cue in out if kind}


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def long_form_key(long_form: str) -> str:
    """What two spellings of one long form share ("Projected Gradient Descent",
    "projected-gradient descent"): lower case, letters and digits, no plural s."""
    key = _NOT_ALNUM.sub("", long_form.lower())
    return key[:-1] if key.endswith("s") else key


_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)$")


def _is_plain_word(name: str) -> bool:
    """One capitalised word with no other capital, digit or hyphen ("Hungarian",
    "Besides"): an ordinary word wherever a sentence or a name starts with it."""
    return " " not in name and _is_plain_capitalised(name)


def _list_cues(text: str) -> Iterator[Cue]:
    """The other names of a list that holds a known benchmark (benchmark) or a
    grammar-matched model (model)."""
    grammar = model_regex()
    for m in (*_LIST.finditer(text), *_PAREN_LIST.finditer(text)):
        items = [item for item in _LIST_SPLIT.split(m.group("items")) if item]
        kinds = {known_type(item) for item in items}
        if any(grammar.fullmatch(item) for item in items):
            kinds.add("model")
        anchors = kinds & {"benchmark", "model"}
        if len(anchors) != 1:
            continue
        kind = anchors.pop()
        for item in items:
            yield item, kind, "list"


# --- counting and thresholds -------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Thresholds:
    """Which names enter: at least ``min_papers`` distinct papers type the name the
    same way, and they are at least ``min_agreement`` of the papers that type it at
    all. A capitalised word enters only when the corpus writes it in lower case in
    at most ``max_lower_share`` as many papers as capitalised (common English).
    A one-word name is typed in at least ``min_typed_share`` of the papers that
    write it ("English" is written everywhere and typed a dataset in a few). An
    acronym that papers define keeps one long form in at least
    ``min_expansion_share`` of them ("IPA", "AMR" stand for several things)."""

    min_papers: int = 3
    min_agreement: float = 0.8
    max_lower_share: float = 0.2
    min_typed_share: float = 0.05
    min_expansion_share: float = 0.6


@dataclass(slots=True)
class NameEvidence:
    """Distinct papers that typed one name, per type and per (type, cue)."""

    types: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    cues: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    expansions: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    papers: int = 0


_WORDS = re.compile(r"[A-Za-z]+")


class LexiconBuilder:
    """Counts the cues of papers added one by one (each paper once: the caller
    drops a paper it has already given) and the words they write."""

    def __init__(self, thresholds: Thresholds | None = None) -> None:
        self.thresholds = thresholds or Thresholds()
        self.evidence: dict[str, NameEvidence] = defaultdict(NameEvidence)
        self.word_papers: dict[str, int] = defaultdict(int)
        self.papers = 0

    def add(self, text: str) -> None:
        """Count one paper's cues and the words it writes."""
        self.papers += 1
        for word in set(_WORDS.findall(text)):
            self.word_papers[word] += 1
        typed: dict[str, set[str]] = defaultdict(set)
        for name, kind, cue, long_form in paper_cues(text):
            ev = self.evidence[name]
            ev.cues[(kind, cue)] += 1
            typed[name].add(kind)
            if long_form:
                ev.expansions[long_form] += 1
        for name, kinds in typed.items():
            ev = self.evidence[name]
            ev.papers += 1
            for kind in kinds:
                ev.types[kind] += 1

    def rows(self) -> list[dict]:
        """The lexicon rows, sorted by name then type: names that pass the
        thresholds and the name filters (:meth:`keep_name`)."""
        t = self.thresholds
        out = []
        for name, ev in self.evidence.items():
            kind, count = max(ev.types.items(), key=lambda kv: (kv[1], kv[0]))
            if count < t.min_papers or count < t.min_agreement * ev.papers or \
                    kind not in TYPES or not self.keep_name(name, kind) or \
                    not self.specific(name, count, ev):
                continue
            out.append({
                "label": kind, "pattern": name, "attr": "ORTH", "papers": count,
                "typed": dict(sorted(ev.types.items())),
                "cues": {f"{k}.{c}": n for (k, c), n in sorted(ev.cues.items())
                         if k == kind},
            })
        out.sort(key=lambda row: (row["pattern"], row["label"]))
        return out

    def keep_name(self, name: str, kind: str | None = None) -> bool:
        """A name the extractor may match as written: shaped like a name, not a
        known gazetteer name (those keep their curated type), not a numbered
        member of a curated family of another type than ``kind``, not a name the
        model grammar already finds, not common English."""
        if not is_lexicon_name(name) or known(name) is not None:
            return False
        if curated_family_type(name) not in (None, kind):
            return False
        if model_regex().fullmatch(name) or _is_organization(name):
            return False
        return not self.is_common(name)

    def specific(self, name: str, count: int, ev: NameEvidence) -> bool:
        """The name means one thing: a one-word name is typed in enough of the
        papers that write it, an acronym's definitions agree on its long form."""
        t = self.thresholds
        written = self.word_papers.get(name, 0)
        if name.isalpha() and count < t.min_typed_share * written:
            return False
        defined = sum(ev.expansions.values())
        return defined < 2 or max(ev.expansions.values()) >= \
            t.min_expansion_share * defined

    def is_common(self, name: str) -> bool:
        """Capitalised words the corpus mostly writes in lower case ("Recent",
        "Overall"): every word of the name is one, or the name is one."""
        words = name.split()
        return all(_is_plain_capitalised(w) and self._lower_share(w) >
                   self.thresholds.max_lower_share for w in words)

    def _lower_share(self, word: str) -> float:
        return self.word_papers.get(word.lower(), 0) / max(
            1, self.word_papers.get(word, 0))


# A version, depth or size after a family name: "ResNet50", "MobileNetV3",
# "EfficientNet-B0", "DenseNet-121".
_NUMBERED_TAIL = re.compile(
    r"(?:[-_ ](?:[vV]?\d[\w.]*|[A-Z]\d\w*)|(?<=[A-Za-z])[vV]?\d[\w.]*)$")


def curated_family_type(name: str) -> str | None:
    """The curated type of the family a numbered name belongs to ("ResNet50":
    ResNet, a method), or None. Lists put architectures among models; the
    curated family decides ("Named architectures are method")."""
    stem = _NUMBERED_TAIL.sub("", name)
    if not stem or stem == name:
        return None
    kind = known_type(stem)
    return None if kind == "concept" else kind  # "DL3DV" is no deep learning


def _is_organization(name: str) -> bool:
    """The organization rule finds the whole name ("OpenAI" in a list of models
    is its maker)."""
    return any(m.start == 0 and m.end == len(name) for m in find_organizations(name))


def _is_plain_capitalised(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() and word.isalpha()


_BARE_NUMBER = re.compile(r"[\d.,%x×+-]+[BMKTDbmkt]?")


def is_lexicon_name(name: str) -> bool:
    """Shape tests that no count can override: a capital letter, three or more
    letters and digits with two letters (two-letter acronyms, "SD", "VQ", stand
    for different things in different papers), not a number or a size ("7B",
    "100K"), not a stock word (NOT_NAMES), no LaTeX macro, at most four words."""
    if not 3 <= len(name) <= 60 or len(name.split()) > 4:
        return False
    if not any(c.isupper() for c in name) or sum(c.isalpha() for c in name) < 2 \
            or sum(c.isalnum() for c in name) < 3:
        return False
    if _BARE_NUMBER.fullmatch(name) or is_size_token(name) or LATEX_MACRO.search(name):
        return False
    first = name.split()[0]
    return name not in NOT_NAMES and name.rstrip("s") not in NOT_NAMES and \
        first not in NOT_NAMES and name not in _FRAGMENTS and \
        _ADJECTIVE_TAIL.search(name) is None


# Parts of longer names, never names alone ("Bench" of "MME Bench", "Pro").
_FRAGMENTS = frozenset(["Bench", "Pro", "Max", "Plus", "Mini", "Lite", "Base",
                        "Large", "Small", "Instruct", "Chat", "Turbo", "Flash",
                        "Ultra", "Preview", "Eval", "Arena", "Hard", "Verified"])
# An adjective made from a name ("LLM-based", "GPT-like", "CLIP-guided").
_ADJECTIVE_TAIL = re.compile(r"-(?!bench$)[a-z]{3,}$")


# --- the data file -----------------------------------------------------------------

def lexicon_patterns(path: Path | None = None) -> Iterable[dict]:
    """The lexicon's gazetteer rows (marked ``"source": "lexicon"``) that the
    curated gazetteers do not name, nor type otherwise through their family
    (:func:`curated_family_type`): a curated type is never overridden, even when
    the curated files changed after the lexicon was built. None when there is no
    lexicon file."""
    path = path or DATA_DIR / LEXICON_FILE
    if not path.exists():
        return []
    return [dict(row, source="lexicon") for row in read_jsonl(path)
            if known(row["pattern"]) is None and
            curated_family_type(row["pattern"]) in (None, row["label"])]

