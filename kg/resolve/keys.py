"""Deterministic matching keys for names: the same name always gets the same key.

A key is what two spellings of one entity share and two variants never share.
Names are cut into tokens (letter runs, numbers with their decimal dots, and the
few symbols that carry meaning: ``+`` ``@`` ``#`` ``&`` ``*``); separators, case and
the boundary between letters and digits are dropped ("Qwen2-VL" = "Qwen-2-VL" =
"Qwen2VL").  Only the boundary between two numbers is kept, as ``_``, so that
"Qwen2.5", "Qwen25" and "Qwen-2-5" stay three keys while "Llama 3 8B" =
"Llama-3-8B" = "Llama3-8B"; a ".0" version is the major ("AlpacaEval 2.0" =
"AlpacaEval2").  Every other token is kept, so any suffix (-mini,
-Turbo, -Instruct, -VL, -Hard, +, -Lagrangian, a size) makes a different key.

On top of that, per entity type: benchmark years (AIME 2024 = AIME24), model
packaging noise (a "Qwen/" hub prefix, "-hf", "-it" = "-Instruct", "Meta-Llama" =
"Llama"), organization legal suffixes, and one final plural "s" (the reference
scorer's rule; "ies" -> "y" for metrics and concepts).  A model's name followed by
a role word in lower case ("Qwen2.5-7B base") is that model.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # Cc but \t \n \r
_SEPARATORS = re.compile(r"[\s\-_\u2010-\u2015]+")
_TOKEN = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+|[+@#&*]")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_HUB_PREFIX = re.compile(r"^[\w.\-]+/(?=[\w.+\-]{2,}$)")
#: a role a sentence gives a model, written after its name in lower case: "the
#: Qwen2.5-7B base (model)" is Qwen2.5-7B; "Qwen3-8B-Base", a released checkpoint's
#: name, keeps its "Base"
_ROLE_WORD = re.compile(r"\s+\(?(?:base|model|backbone|checkpoint)s?\)?$")
_ZERO_MINOR = re.compile(r"^(\d+)\.0$")  # "2.0" = "2"
_YEAR = re.compile(r"(?:19[5-9]|20[0-4])\d")
_ORG_SUFFIXES = frozenset({"inc", "ltd", "llc", "corp", "corporation", "gmbh", "co"})
_BENCHMARK_WORDS = frozenset({"benchmark", "benchmarks", "dataset", "datasets"})
_PLURAL_IES_TYPES = frozenset({"metric", "concept"})
#: a size, count or number and nothing else: 70B, 1.5b, 8x7B, 30B-A3B, 128K, 2024
_BARE_SIZE = re.compile(
    r"(?:\d+(?:\.\d+)*\s*[x\u00d7]\s*)?\d+(?:[.,]\d+)*\s*(?:[kmbt]|bn)?"
    r"(?:[-\s]?a\d+(?:\.\d+)?b)?(?:\s*(?:params?|parameters?))?", re.IGNORECASE)


@lru_cache(maxsize=1 << 18)
def clean_text(text: str) -> str:
    """Invisible and control characters removed, NFKC, whitespace collapsed.

    NFKC comes after the removals: a removed zero-width character between a letter
    and a combining mark would otherwise leave an uncomposed pair, and cleaning
    twice would differ from cleaning once.  Cached: resolution cleans every name of
    every mention, and names repeat.
    """
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def is_bare_size(name: str) -> bool:
    """A size, count or number with no name around it ("70B", "8x7B", "2024").

    Never a name: "Llama 3 8B and 70B" makes "70B" a mention of Llama-3-70B, but
    keyed as a name it would join every 70B model of every paper into one entity.
    """
    text = clean_text(name)
    return not any(ch.isalpha() for ch in text) or bool(_BARE_SIZE.fullmatch(text))


def name_key(name: str) -> str:
    """Type-free key: case, spacing and hyphen variants share it (see module doc)."""
    return join_tokens(tokens(name)) or _fallback_key(name)


def slug(text: str) -> str:
    """A readable id fragment: lowercase, runs of other characters become one '-'."""
    out = re.sub(r"[^0-9a-z.+]+", "-", clean_text(text).casefold()).strip("-")
    return out or "x"


def tokens(name: str) -> list[str]:
    """The casefolded tokens of ``name`` (possessive "'s" dropped)."""
    text = clean_text(name).casefold()
    if "'" in text or "\u2019" in text:  # the regexes only where they can match
        text = _POSSESSIVE.sub("", text)
    parts = _TOKEN.findall(text)
    if ".0" in text:
        return [_ZERO_MINOR.sub(r"\1", t) for t in parts]
    return parts


def join_tokens(parts: list[str]) -> str:
    """Concatenate tokens, keeping a ``_`` only between two numbers (Qwen2.5 != 25)."""
    out: list[str] = []
    for part in parts:
        if out and out[-1][-1].isdigit() and part[0].isdigit():
            out.append("_")
        out.append(part)
    return "".join(out)


@lru_cache(maxsize=1 << 18)
def typed_key(etype: str, name: str) -> str:
    """The matching key of ``name`` as an entity of type ``etype``.

    Cached: a corpus repeats the same few thousand names, and this runs per mention.
    """
    if etype == "model":
        name = _without_role_word(_HUB_PREFIX.sub("", clean_text(name)))
    parts = tokens(name)
    parts = _TYPE_RULES.get(etype, _no_rule)(parts)
    parts = _drop_plural(parts, etype)
    return join_tokens(parts) or _fallback_key(name)


@lru_cache(maxsize=1 << 18)
def prefixed_key(etype: str, name: str) -> str:
    """``type:key`` ("model:qwen2.5_7b"), the form grouping joins on.

    Cached, so that each key string is made (and hashed) once per name rather than
    once per use.
    """
    return f"{etype}:{typed_key(etype, name)}"


def has_role_word(etype: str, name: str) -> bool:
    """Whether ``name`` is a model's name plus a role word ("Qwen2.5-7B base"): it
    finds the model, but is not a name to show or list ("Qwen3-8B base" would read
    as the Qwen3-8B-Base checkpoint)."""
    return etype == "model" and _without_role_word(clean_text(name)) != clean_text(name)


def _without_role_word(name: str) -> str:
    """"Qwen2.5-7B base" -> "Qwen2.5-7B"; "world model" (no name before) stays."""
    role = _ROLE_WORD.search(name)
    while role and any(ch.isdigit() or ch.isupper() for ch in name[:role.start()]):
        name = name[:role.start()]
        role = _ROLE_WORD.search(name)
    return name


def _fallback_key(name: str) -> str:
    """A key for names without letters or digits, so every mention gets one.

    Normalised again after the spaces go: NFKC turns some characters into a space
    plus a combining mark ("\u00b8" is " \u0327"), and marks that end up side by
    side must be in canonical order, or keying the key would reorder them."""
    key = "".join(clean_text(name).casefold().split())
    return unicodedata.normalize("NFKC", key) or "_"


def _no_rule(parts: list[str]) -> list[str]:
    return parts


def _model_rule(parts: list[str]) -> list[str]:
    """Hub noise: "-hf" suffix, "-it" = "-Instruct", "Meta-Llama" = "Llama"."""
    if len(parts) > 1 and parts[-1] == "hf":
        parts = parts[:-1]
    if len(parts) > 1 and parts[-1] == "it":
        parts = [*parts[:-1], "instruct"]
    if len(parts) > 1 and parts[0] == "meta" and parts[1] == "llama":
        parts = parts[1:]
    return parts


def _benchmark_rule(parts: list[str]) -> list[str]:
    """Years as two digits (AMC 2023 = AMC23); a trailing "benchmark" word dropped;
    a square resolution written once (ImageNet 256 = 256x256 = 256px)."""
    if len(parts) > 1 and parts[-1] in _BENCHMARK_WORDS:
        parts = parts[:-1]
    parts = _one_resolution(parts)
    return [p[2:] if i and _YEAR.fullmatch(p) and not parts[i - 1][-1].isdigit()
            else p for i, p in enumerate(parts)]


def _one_resolution(parts: list[str]) -> list[str]:
    """"256x256", "256×256" (tokens 256 x 256, or 256 256) and "256px" -> "256"."""
    if len(parts) > 2 and parts[-1].isdigit() and parts[-1] == parts[-3] \
            and parts[-2] == "x":
        return parts[:-2]
    if len(parts) > 2 and parts[-1].isdigit() and parts[-1] == parts[-2]:
        return parts[:-1]
    if len(parts) > 2 and parts[-1] == "px" and parts[-2].isdigit():
        return parts[:-1]
    return parts


def _organization_rule(parts: list[str]) -> list[str]:
    """Legal-form suffixes do not name a different organization (Megvii Inc)."""
    while len(parts) > 1 and parts[-1] in _ORG_SUFFIXES:
        parts = parts[:-1]
    return parts


_TYPE_RULES = {"model": _model_rule, "benchmark": _benchmark_rule,
               "organization": _organization_rule}


def _drop_plural(parts: list[str], etype: str) -> list[str]:
    """One final plural 's' off names longer than four characters (scorer's rule)."""
    if not parts or not parts[-1].isalpha() or sum(map(len, parts)) <= 4:
        return parts
    last = parts[-1]
    if etype in _PLURAL_IES_TYPES and last.endswith("ies") and len(last) > 4:
        return [*parts[:-1], last[:-3] + "y"]
    if last.endswith("s") and not last.endswith("ss") and len(last) > 1:
        return [*parts[:-1], last[:-1]]
    return parts


def clear_caches() -> None:
    """Empty this module's per-name caches (see ``resolver.clear_name_caches``)."""
    clean_text.cache_clear()
    is_bare_size.cache_clear()
    typed_key.cache_clear()
    prefixed_key.cache_clear()
