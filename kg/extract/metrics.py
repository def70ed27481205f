"""Metric patterns beyond the vocabulary: pass@k-style, "X rate", "X score",
"<modifier> accuracy"; canonical forms are singular and drop generic modifiers
("average accuracy" -> "accuracy", "attack success rates" -> "attack success rate").
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention

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


def find_metrics(text: str) -> list[Mention]:
    """Metric mentions found by pattern (the vocabulary is matched separately)."""
    out = []
    for rx, rule in ((_AT_K, "metric.at_k"), (_RATE, "metric.rate"),
                     (_SCORE, "metric.score"), (_ACCURACY, "metric.accuracy")):
        for m in rx.finditer(text):
            surface = m.group(0)
            out.append(Mention(m.start(), m.end(), "metric", rule, surface,
                               canonical=metric_canonical(surface), priority=2))
    return out
