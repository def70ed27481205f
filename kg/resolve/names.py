"""What a model's or method's name says it derives from: pure functions on strings.

Each rule returns ``(parent name, rule id)`` pairs and only ever *shortens* the name,
so following parents always ends.  Only what the name says: "DeepSeek-R1-Distill-
Qwen-7B" comes from DeepSeek-R1 (teacher) and Qwen-7B (student), not from a Qwen2.5
checkpoint the name never mentions.
"""

from __future__ import annotations

import re

from kg.resolve.acronyms import is_acronym
from kg.resolve.keys import clean_text

_DISTILL = re.compile(r"^(?P<teacher>.+?)[-_ ]Distill(?:ed)?[-_ ](?P<student>.+)$",
                      re.IGNORECASE)
_TUNED = re.compile(r"[-_ ](?:Instruct|Chat|it|Thinking)"
                    r"(?:[-_ ](?:hf|\d{4}|v\d+(?:\.\d+)*))?$", re.IGNORECASE)
_SIZE = r"(?:\d+x)?\d+(?:\.\d+)?[BbMm]"
_SIZED = re.compile(rf"[-_ ]{_SIZE}(?:[-_ ]A\d+(?:\.\d+)?B)?(?:[-_ ]Base)?$")
_DOMAIN = re.compile(rf"[-_ ](?:Math|Coder|VL|Vision|Audio|Omni)(?=(?:[-_ ]{_SIZE})?$)",
                     re.IGNORECASE)
_POINT_RELEASE = re.compile(r"^(?P<major>.*?\D\d+)\.\d+$")
_BENCHMARK_VERSION = re.compile(r"[-_ ]?v\d+(?:\.\d+)*$", re.IGNORECASE)
_METHOD_PARTS = re.compile(r"[-\s]+")
_NOT_A_NAME = frozenset({"then", "and", "or", "vs", "to", "with", "for", "via",
                         "style", "like", "based", "in", "on", "of", "as"})
_MIN_BASE_LEN = 3

#: rules after which parent and child have the same developer
SAME_DEVELOPER_RULES = frozenset({"model.tuned_to_base", "model.size_to_family",
                                  "model.domain_to_base",
                                  "model.domain_to_sized_base"})
#: rules whose parent is only linked when some paper names it: "Qwen2-VL-2B" says
#: it is Qwen2 at about 2B, not that a "Qwen2-2B" exists
MENTIONED_PARENT_RULES = frozenset({"model.domain_to_sized_base",
                                    "model.point_release_to_major"})


def model_parents(name: str) -> list[tuple[str, str]]:
    """Immediate parents of a model by its name (distill, tuned, size, domain, and
    a point release's major version when nothing else applies)."""
    name = clean_text(name)
    distilled = _DISTILL.match(name)
    if distilled:
        return [(distilled["teacher"], "model.distill_teacher"),
                (distilled["student"], "model.distill_student")]
    tuned = _TUNED.search(name)
    if tuned:
        return _valid([(name[:tuned.start()], "model.tuned_to_base")])
    out = []
    sized = _SIZED.search(name)
    if sized:
        out.append((name[:sized.start()], "model.size_to_family"))
    domain = _DOMAIN.search(name)
    if domain:
        rule = "model.domain_to_sized_base" if sized else "model.domain_to_base"
        out.append((name[:domain.start()] + name[domain.end():], rule))
    release = _POINT_RELEASE.match(name) if not out else None
    if release:  # Llama 3.1 -> Llama 3, DeepSeek-V3.1 -> DeepSeek-V3
        out.append((release["major"], "model.point_release_to_major"))
    return _valid(out)


def benchmark_base(name: str) -> str | None:
    """The living benchmark a versioned release belongs to: "LiveCodeBench v5" ->
    "LiveCodeBench", "ScreenSpot-v2" -> "ScreenSpot"."""
    name = clean_text(name)
    version = _BENCHMARK_VERSION.search(name)
    if not version or version.start() == 0:
        return None
    found = _valid([(name[:version.start()], "benchmark.version_to_base")])
    return found[0][0] if found else None


def _valid(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop parents that are not a name: too short, no letter, dangling separator."""
    out = []
    for parent, rule in pairs:
        parent = parent.strip(" -_")
        if len(parent) >= 2 and any(ch.isalpha() for ch in parent):
            out.append((parent, rule))
    return out


def method_bases(name: str) -> list[str]:
    """Acronyms a method's name is built on: "Step-GRPO", "PPO-Lagrangian", "Dr. GRPO".

    Only a two- or three-part name whose first or last part is an acronym of three
    characters or more, and whose other parts are not linking words ("GRPO-style",
    "SFT-then-RL" are not variants).
    """
    parts = [p for p in _METHOD_PARTS.split(clean_text(name)) if p]
    if len(parts) not in (2, 3):
        return []
    if any(p.casefold().strip(".") in _NOT_A_NAME for p in parts):
        return []
    ends = dict.fromkeys([parts[0], parts[-1]])
    return [p for p in ends if len(p) >= _MIN_BASE_LEN and is_acronym(p)]
