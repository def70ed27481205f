"""Benchmark context patterns: how abstracts name what they evaluate on.

"X benchmark", "the X dataset", "XBench"/"X-Bench", "evaluated on X, Y and Z",
"benchmarks such as X and Y", year forms "AIME 2024"/"AIME24"/"AMC23". These are
guesses (low priority): any other rule that types the same span wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.mentions import Mention
from kg.extract.names import NAME_RE, NAME_TOKEN, NOT_NAMES
from kg.extract.scan import (
    Window,
    Windows,
    WordTrigger,
    finditer_in,
    literal_trigger,
    text_windows,
)

_HEAD = (
    r"(?:benchmarks?|datasets?|suites?|leaderboards?|testbeds?|corpus|corpora|"
    r"environments?|tasks?)"
)
_BENCH_SUFFIX = re.compile(
    r"(?<![\w\\-])(?:[A-Z0-9τ^][A-Za-z0-9τ^]*[-_ ]?|[a-z][A-Za-z0-9]*[-_]?)"
    r"(?:[Bb]ench|BENCH|Arena|Gym|Eval)"
    r"(?:[-_ ](?:Verified|Lite|Pro|Hard|Plus|v\d+|\d+(?:\.\d+)?[Kk]?))?(?![\w])"
)
_BEFORE_HEAD = re.compile(rf"({NAME_TOKEN})(?:\s\d+(?:\.\d+)?)?\s{_HEAD}\b")
# "the FLORES-200 and WMT24 benchmarks": names coordinated before one plural head.
# The regex finds the "and NAME benchmarks" end (its first character is a comma or
# a space, which ``re`` skips to fast); the names before it are read backwards.
_AND_HEAD = re.compile(rf",?\s(?:and|or)\s{NAME_TOKEN}\s"
                       r"(?:benchmarks|datasets|suites|environments)\b")
# A list item: a name-like token (and a year or a capitalised word), or two
# capitalised words ("College Math") between other items.
_TITLE_PAIR = r"(?<![\w-])[A-Z][a-z]+\s[A-Z][a-z]+(?![\w-])"
_LIST = rf"({NAME_TOKEN}(?:\s(?:\d{{2,4}}|[A-Z][a-z]+))?)"
_LIST_MORE = rf"({NAME_TOKEN}(?:\s(?:\d{{2,4}}|[A-Z][a-z]+))?|{_TITLE_PAIR})"
_LIST_CUE = re.compile(
    r"(?:\b(?:[Oo]n|[Aa]cross|over|including|include|such as|like|e\.g\.,?|"
    r"namely)\s)"
    + _LIST
    + r"((?:\s?,\s?(?:and\s|or\s)?"
    + _LIST_MORE
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
    r"^(?:[Oo]n|[Aa]cross|over|include|like|such)$|including$|namely$|e\.g\.")


def word_triggers() -> dict[str, WordTrigger]:
    """The word triggers of the benchmark context rules, by rule name."""
    return {
        "benchmark.bench_suffix": WordTrigger(
            literal_trigger(["ench", "BENCH", "Arena", "Gym", "Eval"]), 40, 20),
        "benchmark.head_noun": WordTrigger(
            literal_trigger(["benchmark", "dataset", "suite", "leaderboard",
                             "testbed", "corpus", "corpora", "environment", "task"]),
            50, 15),
        "benchmark.eval_list": WordTrigger(_LIST_CUE_WORD, 3, 165),
        "benchmark.year_form": WordTrigger(re.compile(r"(?:19|20)\d\d|2\d\b"), 30, 6),
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
        if _HAS_CAPITAL.search(m.group(0))
    ]
    for m in finditer_in(_BEFORE_HEAD, text, windows["benchmark.head_noun"]):
        if m.group(1) not in NOT_NAMES and not _NOT_BENCH_NAME.search(m.group(1)):
            out.append(_m(m.start(1), m.end(1), text, "benchmark.head_noun", 0))
    out.extend(_coordinated_head(text, windows["benchmark.head_noun"]))
    out.extend(_eval_list(text, windows["benchmark.eval_list"]))
    out.extend(_head_list(text, windows["benchmark.head_list"]))
    for m in finditer_in(_YEAR_FORM, text, windows["benchmark.year_form"]):
        if m.group(1) not in _NOT_BENCH_YEAR:
            out.append(_m(m.start(), m.end(), text, "benchmark.year_form", 1))
    return out


_HAS_CAPITAL = re.compile(r"[A-Z]")
_SPACED_CUE = re.compile(r"(?:[Oo]n|[Aa]cross|over|include|like)\s")
_LIST_ITEM = re.compile(NAME_TOKEN + r"(?:\s(?:\d{2,4}))?|" + _TITLE_PAIR)
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
        items = list(_LIST_ITEM.finditer(m.group(0)))
        if text[m.start()].isupper() and not _COORDINATION.search(m.group(0)):
            # "On Endovis17, BiPrompt-SAM achieved ...": after a sentence-opening
            # cue the comma ends the phrase; a list there is coordinated.
            items = items[:1]
        for item in items:
            first = item.group(0).split()[0]
            if first not in NOT_NAMES and not _NOT_BENCH_NAME.search(first):
                s = m.start() + item.start()
                out.append(
                    _m(s, s + len(item.group(0)), text, "benchmark.eval_list", 0)
                )
    return out


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
    r"^\d+(?:\.\d+)?[BMKTD]$|'s$|-[a-z]+$|^[A-Z]2[A-Z]+$|"
    r"^(?:GitHub|GitLab|HuggingFace|Hugging|arXiv|ArXiv|Reddit|YouTube|Twitter|"
    r"StackOverflow|Kaggle)$")


def _m(start: int, end: int, text: str, rule: str, priority: int) -> Mention:
    return Mention(start, end, "benchmark", rule, text[start:end], priority=priority)
