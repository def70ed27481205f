"""Benchmark context patterns: how abstracts name what they evaluate on.

"X benchmark", "the X dataset", "XBench"/"X-Bench", "evaluated on X, Y and Z",
"benchmarks such as X and Y", year forms "AIME 2024"/"AIME24"/"AMC23". These are
guesses (low priority): any other rule that types the same span wins.
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.names import NAME_TOKEN, NOT_NAMES
from kg.extract.scan import finditer_near, literal_trigger

_HEAD = (
    r"(?:benchmarks?|datasets?|suites?|leaderboards?|testbeds?|corpus|corpora|"
    r"environments?|tasks?)"
)
_BENCH_SUFFIX = re.compile(
    r"(?<![\w\\-])[A-Za-z0-9τ^]+(?:[-_ ]?(?:[Bb]ench|BENCH|Arena|Gym|Eval))"
    r"(?:[-_ ](?:Verified|Lite|Pro|Hard|Plus|v\d+|\d+[Kk]?))?(?![\w])"
)
_BEFORE_HEAD = re.compile(rf"({NAME_TOKEN})(?:\s\d+(?:\.\d+)?)?\s{_HEAD}\b")
_LIST = rf"({NAME_TOKEN}(?:\s(?:\d{{2,4}}|[A-Z][a-z]+))?)"
_LIST_CUE = re.compile(
    r"(?:\b(?:on|across|over|including|include|such as|like|e\.g\.,?|namely)\s)"
    + _LIST
    + r"((?:\s?,\s?(?:and\s|or\s)?"
    + _LIST
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


_SUFFIX_TRIGGER = literal_trigger(["ench", "BENCH", "Arena", "Gym", "Eval"])
_HEAD_TRIGGER = literal_trigger(
    ["benchmark", "dataset", "suite", "leaderboard", "testbed", "corpus", "corpora",
     "environment", "task"])
_LIST_TRIGGER = literal_trigger(
    [" on ", " across ", " over ", "including ", " include ", "such as ", " like ",
     "e.g.", "namely "])
_YEAR_TRIGGER = re.compile(r"(?:19|20)\d\d|2\d\b")


def find_benchmark_contexts(text: str) -> list[Mention]:
    """Names that the surrounding words mark as benchmarks or datasets."""
    out = [
        _m(m.start(), m.end(), text, "benchmark.bench_suffix", 1)
        for m in finditer_near(_BENCH_SUFFIX, text, _SUFFIX_TRIGGER, 40, 20)
        if re.search(r"[A-Z]", m.group(0))
    ]
    for m in finditer_near(_BEFORE_HEAD, text, _HEAD_TRIGGER, 50, 15):
        if m.group(1) not in NOT_NAMES and not _NOT_BENCH_NAME.search(m.group(1)):
            out.append(_m(m.start(1), m.end(1), text, "benchmark.head_noun", 0))
    for m in finditer_near(_LIST_CUE, text, _LIST_TRIGGER, 2, 160):
        left = text[max(0, m.start() - 90) : m.start()]
        if not _EVAL_CONTEXT.search(left + text[m.end() : m.end() + 40]):
            continue
        for item in re.finditer(NAME_TOKEN + r"(?:\s(?:\d{2,4}))?", m.group(0)):
            first = item.group(0).split()[0]
            if first not in NOT_NAMES and not _NOT_BENCH_NAME.search(first):
                s = m.start() + item.start()
                out.append(
                    _m(s, s + len(item.group(0)), text, "benchmark.eval_list", 0)
                )
    for m in finditer_near(_YEAR_FORM, text, _YEAR_TRIGGER, 30, 6):
        if m.group(1) not in _NOT_BENCH_YEAR:
            out.append(_m(m.start(), m.end(), text, "benchmark.year_form", 1))
    return out


_NOT_BENCH_NAME = re.compile(r"^\d+(?:\.\d+)?[BMKTD]$|'s$|-[a-z]+$")


def _m(start: int, end: int, text: str, rule: str, priority: int) -> Mention:
    return Mention(start, end, "benchmark", rule, text[start:end], priority=priority)
