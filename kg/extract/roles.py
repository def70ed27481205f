"""Roles and types of acronym definitions.

A definition is the paper's own contribution when its sentence says so (we
propose/introduce/present, "our", "called") or the title names it, and the short
form is not an established name from the gazetteers; otherwise it is used.
Fields and paradigms (RL, RAG, LLMs) are concepts whatever their acronym.
"""

from __future__ import annotations

import re

from kg.extract.scan import find_word
from kg.extract.vocab import known_canonical, known_type

_OWN = re.compile(
    r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|study)|[Hh]ere)\b[^.]{0,80}?\b"
    r"(?:propose|introduce|present|develop|design|build|release|construct|curate|"
    r"create|contribute|term|call|name|dub|formulate|devise)\w*|"
    r"\b(?:called|named|dubbed|termed|coined)\b|\b[Oo]ur\b")
_BENCH_LF = re.compile(r"\b(?:[Bb]ench(?:mark)?s?|[Dd]atasets?|[Ll]eaderboard|[Ss]uite"
                       r"|[Cc]orpus|[Aa]rena|[Tt]estbed)\b|Bench\b")
_METRIC_LF = re.compile(r"\b(?:[Ss]core|[Rr]ate|[Aa]ccuracy|[Ee]rror|[Dd]istance)s?$")
_ORG_LF = re.compile(r"\b(?:University|Institute|Laboratory|Lab|Academy)\b")
_CONCEPT_LF = re.compile(
    r"(?:\b(?:models|networks|systems|agents|methods|learning|processing|"
    r"intelligence|generation|vision|translation|recognition|answering)$)")
_PROPER_LF = re.compile(r"(?:^|\s)[A-Z]")


def definition_type(long_form: str, short_form: str) -> str:
    """The entity type of an acronym definition."""
    for name in (short_form, long_form):
        kind = known_type(name)
        if kind in {"concept", "method", "metric", "benchmark", "model"}:
            return kind
    if _BENCH_LF.search(long_form) or re.search(r"Bench$", short_form):
        return "benchmark"
    if _ORG_LF.search(long_form):
        return "organization"
    if _METRIC_LF.search(long_form):
        return "metric"
    if long_form.islower() and _CONCEPT_LF.search(long_form):
        return "concept"
    return "method"


def definition_canonical(long_form: str, short_form: str) -> str:
    """The acronym, or the gazetteer's canonical name for it (LLMs -> LLM)."""
    return known_canonical(short_form) if known_type(short_form) == "concept" \
        else short_form


def definition_is_own(sentence: str, short_form: str, title: str,
                      long_form: str = "") -> bool:
    """Whether a definition names the paper's own contribution."""
    if known_type(short_form) or known_type(long_form):
        return False
    in_title = next(find_word(title, short_form), None) is not None
    return in_title or bool(_OWN.search(sentence))
