"""Metric patterns beyond the vocabulary: pass@k-style, "X rate", "X score",
"<modifier> accuracy"; canonical forms are singular and drop generic modifiers
("average accuracy" -> "accuracy", "attack success rates" -> "attack success rate").
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.scan import (
    Windows,
    WordTrigger,
    finditer_in,
    finditer_near,
    literal_trigger,
    text_windows,
)

_AT_K = re.compile(r"(?<![\w@])(?:[Pp]ass|[Aa]vg|[Mm]aj|[Mm]ajority|[Tt]op-maj|"
                   r"[Rr]ecall|[Hh]it|[Bb]est|[Cc]ons|[Aa]cc|[Mm]ean)@(?:\d+|[kKnN])"
                   r"(?![\w])")
_RATE = re.compile(
    r"(?<![\w-])(?:(?:attack|task|average|overall|mean|automated|prediction|"
    r"jailbreak|resolve|hallucination|refusal|false positive|true positive|error)"
    r"\s)?(?:success|win|pass|error|flip|hit|acceptance|refusal|hallucination|"
    r"resolve|resolution|detection|compliance|completion|solve)[- ]rates?\b", re.I)
_SCORE = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z0-9-]*|F1)\sscores?\b")
_ACCURACY = re.compile(
    r"(?<![\w-])(?:(?:[a-z]+-)?(?:average|overall|mean|downstream|task|test|"
    r"top-\d|grounding|retrieval|answer|classification|prediction|zero-shot|"
    r"few-shot|validation|reasoning|timestamp|majority-vote|worst-view|"
    r"final|exact)[ -])*accurac(?:y|ies)\b", re.I)
_GENERIC_MODIFIER = re.compile(
    r"^(?:average|overall|mean|automated|task|final)\s", re.I)


def singular(name: str) -> str:
    """Singular of a metric name's head ("rates" -> "rate", "accuracies" -> ...)."""
    if name.endswith("accuracies"):
        return name[: -len("accuracies")] + "accuracy"
    if name.endswith(("rates", "scores", "ratios")):
        return name[:-1]
    return name


def metric_canonical(surface: str) -> str:
    """The canonical metric name of a surface form."""
    name = singular(surface.strip())
    low = name.lower()
    if low.endswith("accuracy") and not low.startswith("top-"):
        return "accuracy"
    if re.fullmatch(r"[Pp]ass@(?:\d+|k)", name):
        return name.lower()
    name = _GENERIC_MODIFIER.sub("", name)
    return name.replace("-rate", " rate")


# at_k, score and accuracy start with a literal Python's re finds fast ("@",
# " score", "ccurac"); "rate" is frequent inside words ("generate", "strategy"), so
# its trigger is the word "rate(s)" itself, as the pattern requires.
_TEXT_TRIGGERS = {
    "metric.at_k": (_AT_K, literal_trigger(["@"])),
    "metric.score": (_SCORE, literal_trigger([" score"])),
    "metric.accuracy": (_ACCURACY, literal_trigger(["ccurac"])),
}
_BEFORE, _AFTER = 70, 12


def word_triggers() -> dict[str, WordTrigger]:
    """The word trigger of the "X rate" rule."""
    return {"metric.rate": WordTrigger(_RATE_WORD, _BEFORE, _AFTER)}


_RATE_WORD = re.compile(r"(?:^|-)rates?$", re.I)


def find_metrics(text: str, windows: Windows | None = None) -> list[Mention]:
    """Metric mentions found by pattern (the vocabulary is matched separately)."""
    if windows is None:
        windows = text_windows(text, word_triggers())
    found = [(rule, m) for rule, (rx, trigger) in _TEXT_TRIGGERS.items()
             for m in finditer_near(rx, text, trigger, _BEFORE, _AFTER)]
    found.extend(("metric.rate", m)
                 for m in finditer_in(_RATE, text, windows["metric.rate"]))
    found.sort(key=lambda rm: _RULE_ORDER[rm[0]])
    return [Mention(m.start(), m.end(), "metric", rule, m.group(0),
                    canonical=metric_canonical(m.group(0)), priority=2)
            for rule, m in found]


_RULE_ORDER = {"metric.at_k": 0, "metric.rate": 1, "metric.score": 2,
               "metric.accuracy": 3}
