"""Metric patterns beyond the vocabulary: pass@k-style, "X rate", "X score",
"<modifier> accuracy"; canonical forms are singular and drop generic modifiers
("average accuracy" -> "accuracy", "attack success rates" -> "attack success rate").
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.names import NOT_NAMES
from kg.extract.scan import (
    Windows,
    WordTrigger,
    finditer_in,
    finditer_near,
    literal_trigger,
    text_windows,
)

# A measure with a cut-off: pass@k, Recall@10, nDCG@10, mAP@0.5, mAP@50--95,
# majority@64, top-maj@16. Any short name before the "@"; after it a number (a
# range), k or n. An address ("x@gmail.com") has letters after the "@".
_AT_K = re.compile(r"(?<![\w@./-])[A-Za-z][A-Za-z0-9-]{0,15}@(?:\d+(?:\.\d+)?"
                   r"(?:(?:--?|–|:)\d+(?:\.\d+)?)?|[kKnN])(?![\w@])")
# Averaged F1 and its kin: "Macro F1", "macro-F1 scores", "weighted F1".
_AVERAGED = re.compile(r"(?<![\w-])(?P<how>[Mm]acro|[Mm]icro|[Ww]eighted|MACRO|MICRO)"
                       r"(?:[- ]averaged)?[- ]?(?P<what>F1|F-1|f1|F-score|F-measure|"
                       r"AUC|AUROC|precision|recall)(?:[- ]scores?)?(?![\w-])")
# A one-letter variant of a well-known measure: gFID, rFID, sFID, tIoU, bAP,
# and a sample-count variant: FID-50K, FVD-16.
_VARIANT = re.compile(r"(?<![\w-])(?:[a-z](?:FID|IoU|AP|SSIM|PSNR|LPIPS|FVD|KID|mAP)|"
                      r"(?:FID|FVD|KID|IS)-\d+[kK]?)(?![\w-])")
# "area under the accuracy-rejection curve", "area under the ROC curve".
_AREA_UNDER = re.compile(r"(?<![\w-])[Aa]rea under (?:the )?(?:[\w-]+ ){0,3}?curves?\b")
_RATE = re.compile(
    r"(?<![\w-])(?:(?:attack|task|average|overall|mean|automated|prediction|"
    r"jailbreak|resolve|hallucination|refusal|false positive|true positive|error)"
    r"\s)?(?:success|win|pass|error|flip|hit|acceptance|refusal|hallucination|"
    r"resolve|resolution|detection|compliance|completion|solve)[- ]rates?\b", re.I)
# "CLIP score", "Rejection Score": a name before "score" (not a determiner or a
# sentence's first word of another kind: "The score", "Higher scores").
_SCORE = re.compile(r"(?<![\w-])(?!(?:The|A|An|Our|This|These|Its|Their|Each|Final|"
                    r"Overall|Average|Total|High|Low|Higher|Lower|Both|All|Such|"
                    r"Similarity|Quality|Test|Human)\s)"
                    r"(?:[A-Z][A-Za-z0-9-]*|F1)\s[Ss]cores?\b")
_ACCURACY = re.compile(
    r"(?<![\w-])(?:(?:[a-z]+-)?(?:average|overall|mean|downstream|task|test|"
    r"top-\d|grounding|retrieval|answer|classification|prediction|zero-shot|"
    r"few-shot|validation|reasoning|timestamp|majority-vote|worst-view|"
    r"final|exact)[ -])*accurac(?:y|ies)\b", re.I)
# "an AP of 61.31%", "an R2 of 0.953", "an AbsRel of 11.19 and an EdgeCR of
# 5.741": an acronym-shaped name given a value (a decimal or a percentage) after
# an article is a measure; a count ("a CNN of 3 layers", "a set of 1,730") is no
# value. The name is group 1.
_VALUED = re.compile(
    r"(?<![\w-])(?:[Aa]n?|[Tt]he)\s(?:(?:mean|average|overall|test|final|best|"
    r"higher|lower|high|low)\s)?"
    r"([A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)?)\s(?:of|=)\s?"
    r"(?:\d+\.\d+|\d+(?:\.\d+)?\s?\\?%)")
# "a collision rate of 5%", "an annualized Sharpe ratio of 2.41", "a mean position
# error of 2.4 cm": a measure's head noun given a value after an article; a
# hyperparameter's rate ("a learning rate of 0.001", "a dropout rate of 0.1") is
# no measure. The name is group 1.
_VALUED_HEAD = re.compile(
    r"(?<![\w-])(?:[Aa]n?|[Tt]he)\s(?:(?:mean|average|overall|test|final|best|"
    r"higher|lower|high|low)\s)?"
    r"((?!(?:learning|dropout|sampling|frame|bit|masking|mask|noise|same|similar|"
    r"total|certain|given|fixed|minimum|maximum|mean|average|overall|high|low|"
    r"higher|lower)\b)(?:[A-Za-z][\w-]*\s){1,2}"
    r"(?:rate|error|distance|ratio|index|coefficient))\s(?:of|=)\s?"
    r"(?:\d+\.\d+|\d+(?:\.\d+)?\s?\\?%)")
_VALUE_AFTER = re.compile(r" (?:of|=) ?\d")
_GENERIC_MODIFIER = re.compile(
    r"^(?:average|overall|mean|automated|task|final)\s", re.I)


_ACRONYM_SCORE = re.compile(r"^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*|F1)[- ][Ss]core$")


def singular(name: str) -> str:
    """Singular of a metric name's head ("rates" -> "rate", "accuracies" -> ...)."""
    if name.endswith("accuracies"):
        return name[: -len("accuracies")] + "accuracy"
    if name.endswith(("rates", "scores", "ratios")):
        return name[:-1]
    return name


def metric_canonical(surface: str) -> str:
    """The canonical metric name of a surface form ("ROC-AUC score" -> "ROC-AUC",
    "Macro F1 scores" -> "macro-F1")."""
    name = singular(surface.strip())
    averaged = _AVERAGED.fullmatch(name)
    if averaged:
        what = averaged.group("what")
        what = "F1" if what.lower() in ("f1", "f-1") else what
        return f"{averaged.group('how').lower()}-{what}"
    name = _ACRONYM_SCORE.sub(r"\1", name)
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
    "metric.area_under": (_AREA_UNDER, literal_trigger(["rea under"]), 5, 60),
    "metric.score": (_SCORE, literal_trigger([" score", " Score"])),
    "metric.accuracy": (_ACCURACY, literal_trigger(["ccurac"])),
}
# Words that a measure's name also is, used here in another sense: a trade-off
# ("speed-accuracy trade-offs", "cost-accuracy trade-off") or a kind of recall or
# precision that is no measure ("retriever-level recall", "DCI-style precision",
# "factual recall"). Each becomes a concept mention that covers the word, so no
# metric is read there.
_TRADE_OFF = re.compile(r"(?<![\w-])(?:\w+-[Aa]ccuracy|[Aa]ccuracy-\w+)\s+"
                        r"[Tt]rade-?offs?\b")
_KIND_OF_RECALL = re.compile(r"(?<![\w-])(?:\w+-(?:level|style|based|wise)|factual|"
                             r"associative|memory|knowledge)\s(?:precision|recall)\b")
_BEFORE, _AFTER = 70, 12


def word_triggers() -> dict[str, WordTrigger]:
    """The word triggers of the "X rate" rule, the averaged and variant measures,
    and the words that are no measure (a trade-off, a kind of recall): found once
    per vocabulary entry, not by a scan of each text."""
    return {"metric.rate": WordTrigger(_RATE_WORD, _BEFORE, _AFTER),
            # these start at (or one letter before) their token: small windows
            "metric.averaged": WordTrigger(_AVERAGED_WORD, 1, 40),
            "metric.variant": WordTrigger(_VARIANT_WORD, 2, 10),
            "metric.trade_off": WordTrigger(_TRADE_OFF_WORD, 30, 12),
            "metric.kind_of_recall": WordTrigger(_RECALL_WORD, 30, 2)}


_RATE_WORD = re.compile(r"(?:^|-)rates?$", re.I)
_AVERAGED_WORD = re.compile(r"^(?:[Mm]acro|[Mm]icro|[Ww]eighted|MACRO|MICRO)")
_VARIANT_WORD = re.compile(r"FID|IoU|AP|SSIM|PSNR|LPIPS|FVD|KID|^IS$")
_TRADE_OFF_WORD = re.compile(r"^[Tt]rade(?:offs?)?$")
_RECALL_WORD = re.compile(r"^(?:recall|precision)$")



def find_metrics(text: str, windows: Windows | None = None) -> list[Mention]:
    """Metric mentions found by pattern (the vocabulary is matched separately)."""
    if windows is None:
        windows = text_windows(text, word_triggers())
    found = [(rule, m) for rule, (rx, trigger, *span) in _TEXT_TRIGGERS.items()
             for m in finditer_near(rx, text, trigger, *(span or (_BEFORE, _AFTER)))]
    found.extend((rule, m) for rule, rx in (("metric.rate", _RATE),
                                             ("metric.averaged", _AVERAGED),
                                             ("metric.variant", _VARIANT))
                 for m in finditer_in(rx, text, windows[rule]))
    found.sort(key=lambda rm: _RULE_ORDER[rm[0]])
    out = [Mention(m.start(), m.end(), "metric", rule, m.group(0),
                   canonical=metric_canonical(m.group(0)), priority=2)
           for rule, m in found]
    out.extend(Mention(m.start(1), m.end(1), "metric", "metric.valued", m.group(1),
                       canonical=m.group(1), priority=2)
               for m in finditer_near(_VALUED, text, _VALUE_AFTER, 40, 24)
               if len(m.group(1)) <= 12 and m.group(1) not in NOT_NAMES)
    out.extend(Mention(m.start(1), m.end(1), "metric", "metric.valued", m.group(1),
                       canonical=metric_canonical(m.group(1)), priority=1)
               for m in finditer_near(_VALUED_HEAD, text, _VALUE_AFTER, 60, 24))
    for rule, rx in (("metric.trade_off", _TRADE_OFF),
                     ("metric.kind_of_recall", _KIND_OF_RECALL)):
        out.extend(Mention(m.start(), m.end(), "concept", "metric.not_a_measure",
                           m.group(0), priority=2)
                   for m in finditer_in(rx, text, windows[rule]))
    return out
_RULE_ORDER = {"metric.at_k": 0, "metric.averaged": 1, "metric.variant": 2,
               "metric.area_under": 3, "metric.rate": 4, "metric.score": 5,
               "metric.accuracy": 6}


# An item of a list: "FID, IS, SSIM, and PSNR": a short name shaped like a
# measure's acronym (capitals, digits, a hyphen), up to the next separator.
_LIST_ITEM = re.compile(r"(?<![\w@-])[A-Z][A-Za-z0-9-]{0,9}(?![\w@-])")
_SEPARATOR = re.compile(r",?\s(?:and|or)\s|,\s|/")
_SEPARATOR_BEFORE = re.compile(r"(?:,?\s(?:and|or)\s|,\s|/)$")


def find_listed_metrics(text: str, mentions: list[Mention]) -> list[Mention]:
    """Acronyms listed among known metrics are metrics too: in "Evaluation using
    FID, IS, SSIM, and PSNR" the gazetteer knows three, the list makes IS the
    fourth. An item counts when the item before it is a metric and so is the
    item after it or the one before that (a list of three at least)."""
    metrics = sorted((m.start, m.end) for m in mentions if m.type == "metric")
    if len(metrics) < 2:
        return []
    starts = {s: e for s, e in metrics}
    ends = {e: s for s, e in metrics}
    taken = bytearray(len(text) + 1)
    for m in mentions:
        # A benchmark guessed from a gazetteer or a context is a homonym here
        # (PwC lists a dataset called "DISTS"): the list outranks it.
        if m.type != "benchmark" or m.rule.startswith("acronym."):
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    lo, hi = metrics[0][0] - 1, metrics[-1][1] + 1
    for m in _LIST_ITEM.finditer(text, max(0, lo - 15), min(len(text), hi + 15)):
        if taken.find(1, m.start(), m.end()) >= 0 or m.group(0) in NOT_NAMES:
            continue
        prev_end = _item_before(text, m.start())
        if prev_end is None or prev_end not in ends:
            continue
        after = _SEPARATOR.match(text, m.end())
        before_prev = _item_before(text, ends[prev_end])
        if after and after.end() in starts or before_prev in ends:
            out.append(Mention(m.start(), m.end(), "metric", "metric.listed",
                               m.group(0), canonical=m.group(0), priority=4))
    return out


def _item_before(text: str, start: int) -> int | None:
    """Where the list item before the one starting at ``start`` ends, if a list
    separator stands right before ``start``."""
    sep = _SEPARATOR_BEFORE.search(text, max(0, start - 6), start)
    return sep.start() if sep else None
