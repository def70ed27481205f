"""Benchmark context patterns: how abstracts name what they evaluate on.

"X benchmark", "the X dataset", "XBench"/"X-Bench", "evaluated on X, Y and Z",
"benchmarks such as X and Y", year forms "AIME 2024"/"AIME24"/"AMC23". These are
guesses (low priority): any other rule that types the same span wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.mentions import Mention
from kg.extract.models import families, is_architecture, is_model_name
from kg.extract.names import NAME_RE, NAME_TOKEN, NOT_NAMES
from kg.extract.scan import (
    Window,
    Windows,
    WordTrigger,
    finditer_in,
    literal_trigger,
    text_windows,
)
from kg.extract.vocab import known_type

_HEAD = (
    r"(?:benchmarks?|datasets?|suites?|leaderboards?|testbeds?|corpus|corpora|"
    r"environments?|tasks?)"
)
_BENCH_SUFFIX = re.compile(
    r"(?<![\w\\.-])(?:[A-Z][a-z]?\.)?"  # "Dr.V-Bench"
    r"(?:[A-Z0-9τ^][A-Za-z0-9τ^]*[-_ ]?|[a-z][A-Za-z0-9]*[-_]?)"
    r"(?:[Bb]ench|BENCH|Arena|Gym|Eval)"
    r"(?:[-_ ](?:[Vv]erified|[Ll]ite|Pro|[Hh]ard|Plus|v\d+|\d+(?:\.\d+)?[Kk]?))?"
    r"(?:-[A-Z][a-z]+[A-Z][A-Za-z]*)?"  # a CamelCase subset: "XBench-DeepResearch"
    r"(?![\w])"
)
# Naming convention of QA sets: a capitalised word glued to "QA" ("HotpotQA",
# "DocVQA", "DentalQA") or hyphened to it ("HERO-QA"); a bare acronym ("VQA",
# "KBQA") or a two-letter one ("MC-VQA", "OE-VQA") is a task.
_QA_SUFFIX = re.compile(
    r"(?<![\w\\.-])(?:[A-Z][a-z]+[A-Za-z]*V?QA|[A-Z][A-Za-z0-9-]{2,}-V?QA)"
    r"(?:-[A-Z0-9]\w*)?(?![\w-])")
# Naming convention of data sets: a count of items after the name
# ("VideoEffect-130K", "UltraSeg-108K", "InsScene-15K"); a model counts
# parameters in billions instead.
_COUNT_SUFFIX = re.compile(
    r"(?<![\w\\.-])(?P<stem>[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)*)"
    r"-\d+(?:\.\d+)?[KM](?![\w-])")
_COUNT_TRIGGER = re.compile(r"^[KM]$|\d[KM]$")
# A release number belongs to the name ("RoboTwin 2.0 benchmark", "COCO 2017
# dataset"); a track or task number too ("DFC2023 Track 2 dataset").
_RELEASE = r"(?:\s(?:v?\d+(?:\.\d+)?|(?:Track|Task|Subtask)\s\d+))"
# The name may take a lower-case variant tail ("Craftax-classic benchmark") and
# one more capitalised word ("the CMU Gold dataset").
_BEFORE_HEAD = re.compile(
    rf"({NAME_TOKEN}(?:-[a-z]+)?(?:\s[A-Z][a-z]+)?{_RELEASE}?)\s{_HEAD}\b")
# A lower-case tail that makes a descriptive adjective or a task, not a variant
# name: "LLM-based", "GPT-style", "web-scale", "task-specific", "GUI-grounding".
_ADJECTIVE_TAIL = re.compile(
    r"-(?:\w+ed|\w+ing|\w*like|style|scale|level|wise|type|aware|free|specific|centric|"
    r"oriented|only|rich|intensive|heavy|sized|grade|related|native|friendly|"
    r"ready|agnostic|dependent|independent|compatible|relevant|inspired|derived)$")
# "the FLORES-200 and WMT24 benchmarks": names coordinated before one plural head.
# The regex finds the "and NAME benchmarks" end (its first character is a comma or
# a space, which ``re`` skips to fast); the names before it are read backwards.
_AND_HEAD = re.compile(rf",?\s(?:and|or)\s{NAME_TOKEN}{_RELEASE}?\s"
                       r"(?:benchmarks|datasets|suites|environments)\b")
# A list item: a name-like token (and a year or a capitalised word), or two
# capitalised words ("College Math") between other items.
_TITLE_PAIR = r"(?<![\w-])[A-Z][a-z]+\s[A-Z][a-z]+(?![\w-])"
_ITEM_TAIL = r"(?:\s(?:\d{2,4}|v\d+(?:\.\d+)*|\d+\.\d+|[A-Z][a-z]+))"
_LIST = rf"({NAME_TOKEN}{_ITEM_TAIL}?)"
_LIST_MORE = rf"({NAME_TOKEN}{_ITEM_TAIL}?|{_TITLE_PAIR})"
# A parenthetical may follow an item: "on StereoSet (57% to 90%) and Contract-NLI".
_ITEM_NOTE = r"(?:\s\([^()]{0,40}\))?"
_LIST_CUE = re.compile(
    r"(?:\b(?:[Oo]n|[Aa]cross|over|including|include|such as|like|e\.g\.,?|"
    r"namely|(?:subsets?|splits?) of)\s)"
    + _LIST + _ITEM_NOTE
    + r"((?:\s?,\s?(?:and\s|or\s)?"
    + _LIST_MORE + _ITEM_NOTE
    + r")*"
    r"(?:,?\s(?:and|or)\s" + _LIST + r")?)"
)
_EVAL_CONTEXT = re.compile(
    r"\b(?:evaluat|experiment|result|benchmark|dataset|test|perform|outperform|"
    r"achiev|accura|score|gain|improv|state-of-the-art|SOTA|surpass|empirical|"
    r"extensive|competitive|comparable|strong|best)",
    re.I,
)
_YEAR_FORM = re.compile(
    r"(?<![\w-])([A-Z][A-Za-z]{2,}|[A-Z]{3,})[ -]?'?((?:19|20)\d{2}|2\d)(?![\w.])"
    r"(?:\s(?:Task|Track|Subtask)\s\d+\b)?"  # "SemEval-2025 Task 8"
)
_NOT_BENCH_YEAR = frozenset(
    [
        "CVPR",
        "ICLR",
        "NeurIPS",
        "ICML",
        "ACL",
        "EMNLP",
        "AAAI",
        "IJCAI",
        "KDD",
        "ECCV",
        "ICCV",
        "NAACL",
        "COLING",
        "WWW",
        "SIGIR",
        "CoRL",
        "RSS",
        "ICRA",
        "IROS",
        "Interspeech",
        "ICASSP",
        "WACV",
        "BMVC",
        "MICCAI",
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Spring",
        "Fall",
        "Summer",
        "Winter",
        "COVID",
        "GPT",
        "Windows",
        "Python",
        "Java",
        "Qwen",
        "Llama",
        "LLaMA",
        "Gemma",
    ]
)


# Word triggers (see kg.extract.scan): a token holding a benchmark suffix or head
# noun, a list cue word, a year. Windows are one character wider than the literal
# triggers they replace (" on " starts at the space before "on").
_LIST_CUE_WORD = re.compile(
    r"^(?:[Oo]n|[Aa]cross|over|include|like|such)$|including$|namely$|e\.g\.|"
    r"^(?:subsets?|splits?)$")


def word_triggers() -> dict[str, WordTrigger]:
    """The word triggers of the benchmark context rules, by rule name."""
    return {
        "benchmark.bench_suffix": WordTrigger(
            literal_trigger(["ench", "BENCH", "Arena", "Gym", "Eval"]), 40, 30),
        "benchmark.qa_suffix": WordTrigger(literal_trigger(["QA"]), 30, 8),
        "benchmark.count_suffix": WordTrigger(_COUNT_TRIGGER, 30, 1),
        "benchmark.head_noun": WordTrigger(
            literal_trigger(["benchmark", "dataset", "suite", "leaderboard",
                             "testbed", "corpus", "corpora", "environment", "task"]),
            50, 15),
        "benchmark.eval_list": WordTrigger(_LIST_CUE_WORD, 3, 165),
        "benchmark.year_form": WordTrigger(re.compile(r"(?:19|20)\d\d|2\d\b"), 30, 6),
        "benchmark.known_list": WordTrigger(re.compile(r"^(?:and|or)$"), 2, 1),
        "benchmark.head_list": WordTrigger(
            literal_trigger(["benchmarks", "datasets", "suites", "environments"]),
            2, 3),
    }


def find_benchmark_contexts(text: str, windows: Windows | None = None
                            ) -> list[Mention]:
    """Names that the surrounding words mark as benchmarks or datasets."""
    if windows is None:
        windows = text_windows(text, word_triggers())
    out = [
        _m(m.start(), m.end(), text, "benchmark.bench_suffix", 1)
        for m in finditer_in(_BENCH_SUFFIX, text, windows["benchmark.bench_suffix"])
        if _HAS_CAPITAL.search(m.group(0)) and not _NOT_BENCH_NAME.search(m.group(0))
    ]
    out.extend(_m(m.start(), m.end(), text, "benchmark.qa_suffix", 1)
               for m in finditer_in(_QA_SUFFIX, text, windows["benchmark.qa_suffix"]))
    out.extend(_m(m.start(), m.end(), text, "benchmark.count_suffix", 1)
               for m in finditer_in(_COUNT_SUFFIX, text,
                                    windows["benchmark.count_suffix"])
               if not _is_family(m.group("stem")))
    for m in finditer_in(_BEFORE_HEAD, text, windows["benchmark.head_noun"]):
        if _names_data(text, m):
            out.append(_m(m.start(1), m.end(1), text, "benchmark.head_noun", 0))
    out.extend(_named_after_kind(text, windows["benchmark.head_noun"]))
    out.extend(_counted_list(text, windows["benchmark.head_list"]))
    out.extend(_coordinated_head(text, windows["benchmark.head_noun"]))
    out.extend(_eval_list(text, windows["benchmark.eval_list"]))
    out.extend(_head_list(text, windows["benchmark.head_list"]))
    out.extend(_known_list(text, windows["benchmark.known_list"]))
    for m in finditer_in(_YEAR_FORM, text, windows["benchmark.year_form"]):
        if m.group(1) not in _NOT_BENCH_YEAR and not _EVENT_AFTER.match(text, m.end()):
            out.append(_m(m.start(), m.end(), text, "benchmark.year_form", 1))
            out.extend(_year_siblings(text, m))
    return out


def _is_family(stem: str) -> bool:
    """A model family's name or release ("Qwen2.5-7B-Instruct-1M" counts tokens
    of context, not items)."""
    return is_model_name(stem) or stem in families()


def looks_like_benchmark_name(name: str) -> bool:
    """A name whose shape says data set or benchmark: a -Bench/-Eval/Arena/Gym
    suffix, a QA suffix ("HotpotQA", "HERO-QA"), a count of items
    ("VideoEffect-130K"), or a Dataset/Corpus/Data part ("MoZoo-Data")."""
    return bool(_BENCH_SUFFIX.fullmatch(name) or _QA_SUFFIX.fullmatch(name)
                or (_COUNT_SUFFIX.fullmatch(name)
                    and not _is_family(_COUNT_SUFFIX.fullmatch(name)["stem"]))
                or _DATA_PART.search(name))


_DATA_PART = re.compile(r"(?<=[a-z0-9])(?:-?(?:Data(?:set)?|Corpus))$")


def _names_data(text: str, m: re.Match[str]) -> bool:
    """The words before a head noun are a data set's name: not a stock word, a
    size or an adjective ("LLM-based"), not after "a(n)" ("a CT dataset" says
    what kind of data), and not an acronym alone before a plural head ("a suite
    of SLU benchmarks" are benchmarks of a task)."""
    name = m.group(1)
    first = name.split()[0]
    bare = first.split("-")[0] if _LOWER_TAIL.search(first) else first
    if first in NOT_NAMES or bare in NOT_NAMES or _ADJECTIVE_TAIL.search(first) or \
            "-to-" in first or \
            _NOT_BENCH_NAME.search(bare) or _after_indefinite(text, m.start(1)):
        return False
    plural = m.group(0).endswith(("s", "corpora"))
    return not (plural and name.isalpha() and name.isupper()
                and not _COORDINATED_BEFORE.search(text, max(0, m.start(1) - 6),
                                                   m.start(1)))


_LOWER_TAIL = re.compile(r"-[a-z]+$")
_COORDINATED_BEFORE = re.compile(r"(?:,|\sand|\sor)\s$")


# "the CODS 2025 challenge", "RoboCup 2024 competition": an event, not a data set.
_EVENT_AFTER = re.compile(
    r"\s(?:[A-Z]\w*\s)?(?:[Cc]hallenges?|[Cc]ompetitions?|[Ww]orkshops?|"
    r"[Cc]onferences?|[Ss]ummit|[Mm]eeting|[Hh]ackathon|[Oo]lympiad)\b")


# "an SLO dataset (IOSTAR)", "a CT dataset": after an indefinite article the word
# before the head noun says what kind of data it is; a name in parentheses after
# the head noun is the set's own name.
_INDEFINITE = re.compile(r"(?:^|\s)[Aa]n?\s(?:[a-z][\w-]*\s){0,2}$")


def _after_indefinite(text: str, pos: int) -> bool:
    """The name at ``pos`` follows "a"/"an" and at most two lower-case words ("a
    deployment-relevant X benchmark")."""
    return _INDEFINITE.search(text[max(0, pos - 50):pos]) is not None
# The regex starts at the head noun (a literal ``re`` scans for fast); the
# article before it is tested on a short slice.
_KIND_THEN_NAME = re.compile(
    rf"(?:benchmark|dataset|corpus|suite)\s\(({NAME_TOKEN})\)")
_ARTICLE_KIND = re.compile(r"(?:^|\s)[Aa]n?\s(?:[\w-]+\s)?$")


def _named_after_kind(text: str, spans: list[Window]) -> list[Mention]:
    """The name in parentheses after "a(n) [kind] dataset" ("an SLO dataset
    (IOSTAR)")."""
    spans = [(s, e) for s, e in spans if text.find(" (", s, e + 2) >= 0]
    return [_m(m.start(1), m.end(1), text, "benchmark.named_after_kind", 0)
            for m in finditer_in(_KIND_THEN_NAME, text, spans)
            if m.group(1) not in NOT_NAMES and _ARTICLE_KIND.search(
                text[max(0, m.start() - 40):m.start()])]


# "two datasets, HC3 and DAIGT v2, to build ...": a counted plural head noun, a
# comma, then the names it counts, up to the first part that is not one.
_COUNTED_HEAD = re.compile(
    r"\b(?:[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|\d+)"
    r"\s(?:[a-z-]+\s)?"
    r"(?:benchmarks|datasets|suites),\s(?:namely\s|i\.e\.,?\s)?")
_COUNTED_ITEM = re.compile(rf"{NAME_TOKEN}{_ITEM_TAIL}?")
_COUNTED_SEP = re.compile(r",\s(?:and\s|or\s)?|\s(?:and|or)\s")


def _counted_list(text: str, spans: list[Window]) -> list[Mention]:
    """Names after "N datasets, ": each a name-shaped item, the list closed by a
    coordination ("X and Y") or by the first part that is not a name."""
    out = []
    for s, e in spans:
        m = _COUNTED_HEAD.search(text, max(0, s - 30), e + 4)
        if m is None:
            continue
        pos, items, closed = m.end(), [], False
        while (item := _COUNTED_ITEM.match(text, pos)) is not None:
            items.append(item)
            sep = _COUNTED_SEP.match(text, item.end())
            if sep is None:
                break
            closed = closed or "and" in sep.group(0) or "or" in sep.group(0)
            if closed and items[-1] is not item:
                break
            pos = sep.end()
            if closed and len(items) > 1:
                break
        if len(items) >= 2:
            out.extend(_m(i.start(), i.end(), text, "benchmark.counted_list", 0)
                       for i in items
                       if i.group(0).split()[0] not in NOT_NAMES
                       and not _NOT_BENCH_NAME.search(i.group(0).split()[0]))
    return out


_YEAR_SIBLING = re.compile(r"/((?:19|20)\d{2}|2\d)(?![\w.])")


def _year_siblings(text: str, m: re.Match[str]) -> list[Mention]:
    """"AIME 24/25", "AIME 2024/2025": each year after a slash names the same
    benchmark's other edition (canonical "AIME 25")."""
    out = []
    pos = m.end()
    while (sib := _YEAR_SIBLING.match(text, pos)) is not None:
        canonical = f"{text[m.start():m.start(2)]}{sib.group(1)}"
        out.append(Mention(sib.start(1), sib.end(1), "benchmark", "benchmark.year_form",
                           sib.group(1), canonical=canonical, priority=1))
        pos = sib.end()
    return out


_HAS_CAPITAL = re.compile(r"[A-Z]")
_SPACED_CUE = re.compile(r"(?:[Oo]n|[Aa]cross|over|include|like)\s")
_LIST_ITEM = re.compile(NAME_TOKEN + r"(?:\s(?:\d{2,4}|v\d+(?:\.\d+)*|\d+\.\d+))?|"
                        + _TITLE_PAIR)
# "models such as X and Y", "commercial systems (e.g., X)", "detectors including
# X": the noun before the cue says what the list names, and it is not data.
_NOT_DATA_HEAD = re.compile(
    r"(?:models|LLMs|VLMs|MLLMs|systems|baselines|detectors|methods|approaches|"
    r"algorithms|architectures|backbones|encoders|agents|tools|APIs|frameworks|"
    r"libraries|platforms|protocols|languages|GPUs)[,:]?\s\(?$")
# "across FTP and RTSP protocols", "on A100 GPUs": the noun after the list says
# what it names, and it is not data.
_NOT_DATA_AFTER = re.compile(
    r"\s(?:protocols?|frameworks?|libraries|platforms?|languages|GPUs?|hardware|"
    r"models|LLMs|systems|architectures|backbones|tools)\b")
# "IC 0.871, SSIM-OM 0.84": a listed name followed by a value is a metric's score
# (a version after a name is one digit, a dot and one digit: "Terminal-Bench 2.1").
_SCORE_AFTER = re.compile(r"\s(?:0\.\d+|\d+\.\d{2,}|\d{2,}\.\d+)(?![\w.])")
_COORDINATION = re.compile(r"\s(?:and|or)\s")


def _eval_list(text: str, spans: list[Window]) -> list[Mention]:
    """Names listed after a cue ("on X, Y and Z") where the words around speak of
    evaluation."""
    out = []
    for m in finditer_in(_LIST_CUE, text, spans):
        if _SPACED_CUE.match(text, m.start()) and text[m.start() - 1] != " ":
            continue  # "(over SVM baseline": these cues follow a space
        left = text[max(0, m.start() - 90) : m.start()]
        if not _EVAL_CONTEXT.search(left + text[m.end() : m.end() + 40]):
            continue
        if m.group(0).startswith("over") and _COMPARED_OVER.search(left):
            continue  # "improving over raw DCI": a compared system
        items = _outside_parentheses(m.group(0), _LIST_ITEM.finditer(m.group(0)))
        if _NOT_DATA_HEAD.search(left) or _names_models(items) or \
                _NOT_DATA_AFTER.match(text, m.end()):
            continue
        if text[m.start()].isupper() and not _COORDINATION.search(m.group(0)):
            # "On Endovis17, BiPrompt-SAM achieved ...": after a sentence-opening
            # cue the comma ends the phrase; a list there is coordinated.
            items = items[:1]
        for item in items:
            first = item.group(0).split()[0]
            if first not in NOT_NAMES and not _NOT_BENCH_NAME.search(first) and \
                    not _SCORE_AFTER.match(m.group(0), item.start() + len(first)):
                s = m.start() + item.start()
                out.append(
                    _m(s, s + len(item.group(0)), text, "benchmark.eval_list", 0)
                )
    return out


# "gains over X", "win rate over X", "preferred over X": X is what is compared.
_COMPARED_OVER = re.compile(
    r"(?:improv\w*|gains?|advantages?|superiority|rates?|preferred|boosts?|"
    r"speed-?ups?|increases?|margins?|\d+(?:\.\d+)?\s?%|points?)\s$")
_PARENTHETICAL = re.compile(r"\s\([^()]{0,40}\)")


def _outside_parentheses(phrase: str, items: Iterator[re.Match[str]]
                         ) -> list[re.Match[str]]:
    """The list items not inside a parenthetical of the phrase ("on StereoSet
    (57% to 90%) and Contract-NLI (67% to 83%)": the figures are no items)."""
    spans = [p.span() for p in _PARENTHETICAL.finditer(phrase)]
    return [i for i in items
            if not any(s <= i.start() < e for s, e in spans)]


# "A, B and C" / "A and B": name-shaped items coordinated; read back from the
# "and" and one item after it.
_COORD_AND = re.compile(r",?\s(?:and|or)\s")
_COORD_ITEM = re.compile(rf"{NAME_TOKEN}(?:\s(?:\d{{2,4}}|v\d+(?:\.\d+)*|\d+\.\d+))?")


def _known_list(text: str, spans: list[Window]) -> list[Mention]:
    """List propagation: in a coordination of name-shaped words where one member
    is a known benchmark (the gazetteer's), and none a known model, method or
    metric, the other members are benchmarks too ("GSM8K, MATH and Minerva-Math").
    """
    out = []
    for s, e in spans:
        m = _COORD_AND.search(text, s, e)
        if m is None or m.end() >= len(text) or not text[m.end()].isupper():
            continue  # most "and"s join lower-case words
        after = _COORD_ITEM.match(text, m.end())
        if after is None:
            continue
        items = [after]
        end = m.start()
        while (start := text.rfind(" ", 0, end) + 1) < end:
            item = _COORD_ITEM.fullmatch(text, start, end)
            if item is None:
                break
            items.append(item)
            if not text.startswith(", ", start - 2):
                break
            end = start - 2
        if len(items) < 2:
            continue
        kinds = [known_type(i.group(0)) for i in items]
        if "benchmark" not in kinds or any(k in _OTHER_KINDS for k in kinds):
            continue
        for item, kind in reversed(list(zip(items, kinds, strict=True))):
            first = item.group(0).split()[0]
            if kind is None and _DISTINCT_NAME.search(first) and \
                    first not in NOT_NAMES and \
                    not _NOT_BENCH_NAME.search(first) and not is_model_name(first):
                out.append(_m(item.start(), item.end(), text, "benchmark.known_list",
                              0))
    return out


_OTHER_KINDS = frozenset(["model", "method", "metric", "organization"])
# A propagated member must look like a data set's name, not an acronym of a
# modality or a quantity ("MRI", "FOV"): a digit, an inner lower-case letter
# after a capital (CamelCase), or four capitals or more.
_DISTINCT_NAME = re.compile(r"\d|[A-Z][a-z]+[A-Z]|[a-z][A-Z]|^[A-Z]{4,}")


def _names_models(items: list[re.Match[str]]) -> bool:
    """Some item of the list is a model name ("including YOLOv8, YOLOv10 and
    RT-DETR") or a sized architecture ("ResNet50", "MobileNetV3"): the list names
    models or methods, its other members are no benchmarks."""
    return any(is_model_name(item.group(0)) or is_architecture(item.group(0))
               for item in items)


def _coordinated_head(text: str, spans: list[Window]) -> list[Mention]:
    """The names listed before "and NAME benchmarks" (the last one is the head
    noun rule's): "A and B", "A, B, and C"; two-letter ones ("CT and MRI") are
    too ambiguous."""
    out = []
    for m in finditer_in(_AND_HEAD, text, [
            (s, e) for s, e in spans if text.find(" and ", s, e) >= 0
            or text.find(" or ", s, e) >= 0]):
        end = m.start()
        while end > 0:
            start = text.rfind(" ", 0, end) + 1
            name = NAME_RE.fullmatch(text, start, end)
            if name is None:
                break
            word = name.group(0)
            if len(word) > 2 and word not in NOT_NAMES and \
                    not _NOT_BENCH_NAME.search(word):
                out.append(_m(start, end, text, "benchmark.coordinated_head", 0))
            if not text.startswith(", ", start - 2):
                break
            end = start - 2  # the list goes on before the comma
    return out


# "benchmarks (GSM-Symbolic, MATH-500, AIME)", "datasets (e.g., COCO and LVIS)",
# "four challenging datasets: MATH-500, AIME 2025, HumanEval, and GPQA": a plural
# head noun, then the names it stands for in parentheses or after a colon (to the
# clause's end; a part that is not a name, "whilst outperforming ...", is skipped).
_HEAD_LIST = re.compile(
    r"(?:benchmarks|datasets|suites|environments)(?:\s?\("
    r"(?:(?:e\.g\.|i\.e\.|including|such as),?\s)?(?P<paren>[^()]{2,160})\)|"
    r":\s(?P<colon>[^.;:()]{2,160}))")
_LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_HEAD_LIST_ITEM = re.compile(NAME_TOKEN + r"(?:\s(?:[A-Z][\w+-]*|\d{1,4}))*")


def _head_list(text: str, spans: list[Window]) -> list[Mention]:
    """Names in parentheses or after a colon right after a plural benchmark head
    noun; each item must be a name-like token (plain words, figures and "e.g."
    are not)."""
    out = []
    for m in _head_lists(text, spans):
        group = "paren" if m.group("paren") is not None else "colon"
        start, end = m.span(group)
        for part in _LIST_SPLIT.split(m.group(group)):
            offset = text.find(part, start, end)
            item = _HEAD_LIST_ITEM.match(part)
            if offset < 0 or item is None or item.end() < len(part.rstrip()):
                if offset >= 0:
                    start = offset + len(part)
                continue
            first = item.group(0).split()[0]
            if first not in NOT_NAMES and not _NOT_BENCH_NAME.search(first):
                out.append(_m(offset, offset + item.end(), text, "benchmark.head_list",
                              0))
            start = offset + len(part)
    return out


def _head_lists(text: str, spans: list[Window]) -> Iterator[re.Match[str]]:
    """``_HEAD_LIST`` matches starting in the head-noun windows (a window holds
    the head and what follows it up to a space; the list may run on 160 more)."""
    for s, e in spans:
        pos = s
        while pos < e and (text.find("(", pos, e + 1) >= 0 or
                           text.find(":", pos, e + 1) >= 0):
            m = _HEAD_LIST.search(text, pos, e + 170)
            if m is None or m.start() >= e:
                break
            yield m
            pos = m.end()


# Sizes ("7B"), possessives, lower-case tails; task acronyms written X2Y ("T2I",
# "I2V"); and the hosting platforms data comes from ("GitHub", "HuggingFace").
_NOT_BENCH_NAME = re.compile(
    r"^\d+(?:\.\d+)?(?:[BMKTD]|FPS|fps|GB|MB|ms|Hz|kHz|px)?$|'s$|-[a-z]+$|"
    r"^[TIVASMD]2[TIVASMD][A-Z]*$|"
    r"^(?:GitHub|GitLab|HuggingFace|Hugging|arXiv|ArXiv|Reddit|YouTube|Twitter|"
    r"StackOverflow|Kaggle|Codabench|CodaLab)$|"
    r"^(?:[AHVBL]\d{2,3}|A\d{4}|RTX\d{4})$|"  # GPUs: "~2x speedup on A100"
    r"^RGB(?:-[A-Z]{1,2})?$")  # modalities: "on RGB-D, RGB-T and RGB-E tracking"


def _m(start: int, end: int, text: str, rule: str, priority: int) -> Mention:
    return Mention(start, end, "benchmark", rule, text[start:end], priority=priority)
