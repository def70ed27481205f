"""Metric patterns beyond the vocabulary: pass@k-style, "X rate", "X score",
"<modifier> accuracy"; canonical forms are singular and drop generic modifiers
("average accuracy" -> "accuracy", "attack success rates" -> "attack success rate").
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.scan import finditer_near, literal_trigger

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


_TRIGGERS = {
    "metric.at_k": (_AT_K, literal_trigger(["@"])),
    "metric.rate": (_RATE, literal_trigger(["rate", "Rate"])),
    "metric.score": (_SCORE, literal_trigger([" score"])),
    "metric.accuracy": (_ACCURACY, literal_trigger(["ccurac"])),
}


def find_metrics(text: str) -> list[Mention]:
    """Metric mentions found by pattern (the vocabulary is matched separately)."""
    out = []
    for rule, (rx, trigger) in _TRIGGERS.items():
        for m in finditer_near(rx, text, trigger, before=70, after=12):
            surface = m.group(0)
            out.append(Mention(m.start(), m.end(), "metric", rule, surface,
                               canonical=metric_canonical(surface), priority=2))
    return out
