"""Named variants of established methods written without a definition:
"Guide-GRPO", "GRPO-D", "Stratified GRPO", "Diffusion DPO"."""

from __future__ import annotations

import re
from functools import cache

from kg.extract.data_files import DATA_DIR, read_jsonl
from kg.extract.mentions import Mention
from kg.extract.scan import Windows, WordTrigger, finditer_in, text_windows, word_pieces

_NOT_MODIFIERS = frozenset(
    [
        "The",
        "A",
        "An",
        "We",
        "Our",
        "Both",
        "And",
        "Or",
        "With",
        "Using",
        "Unlike",
        "Vanilla",
        "Standard",
        "Original",
        "Naive",
        "Classic",
        "Classical",
        "Full",
        "Plain",
        "Existing",
        "Traditional",
        "Conventional",
        "Prior",
        "Like",
        "While",
        "When",
        "Although",
        "Compared",
        "Beyond",
        "Unlike",
        "Than",
        "Versus",
        "Online",
        "Offline",
        "Short",
        "Long",
        "Community",
        "Multi",
        "Simple",
        "Modern",
        "Recent",
        "Popular",
        "Default",
        "Baseline",
    ]
)
# A modifier glued to an adjective or participle describes, it does not name:
# "Docker-free SFT", "LLM-based DPO".
_DESCRIBING_MODIFIER = re.compile(
    r"-(?:free|based|driven|guided|aware|like|style|level|only|enhanced|augmented|"
    r"assisted|inspired|powered|specific|centric)$")


@cache
def base_methods() -> frozenset[str]:
    """Acronym-style method names that variants are built on (GRPO, PPO, DPO)."""
    return frozenset(
        r["canonical"]
        for r in read_jsonl(DATA_DIR / "methods.jsonl")
        if re.fullmatch(r"[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9+]*", r["canonical"])
    )


@cache
def _variant_regex() -> re.Pattern[str]:
    bases = "|".join(
        sorted((re.escape(b) for b in base_methods()), key=len, reverse=True)
    )
    return re.compile(
        rf"(?<![\w\\-])(?:(?P<pre>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)[- ](?:{bases})"
        rf"(?:-[A-Z0-9][A-Za-z0-9]*)?|(?:{bases})-(?P<post>[A-Z0-9][A-Za-z0-9]*)|"
        # a depth or version glued to an architecture: ResNet50, VGG16,
        # DenseNet121, MobileNetV3, EfficientNetB0
        rf"(?:{bases})(?:\d{{2,3}}|V[1-4]|B[0-7]))"
        r"(?![\w-])"
    )


@cache
def word_triggers() -> dict[str, WordTrigger]:
    """A token holding a base method's name ("GRPO" in "Step-GRPO" or "GRPO"); the
    window grows by the longest name, which may run past its token ("REINFORCE++")."""
    longest = max(len(b) for b in base_methods())
    return {"method.variant_name": WordTrigger(word_pieces(base_methods()), 40,
                                               20 + longest)}


def find_variant_names(text: str, windows: Windows | None = None) -> list[Mention]:
    """Variant names: a capitalised modifier joined to a base, or a base + suffix."""
    if windows is None:
        windows = text_windows(text, word_triggers())
    out = []
    for m in finditer_in(_variant_regex(), text, windows["method.variant_name"]):
        pre = m.group("pre")
        if pre and (
            pre in _NOT_MODIFIERS
            or _DESCRIBING_MODIFIER.search(pre)
            or (
                " " in m.group(0)[len(pre) : len(pre) + 1]
                and _sentence_initial(text, m.start())
            )
        ):
            continue
        out.append(
            Mention(
                m.start(),
                m.end(),
                "method",
                "method.variant_name",
                m.group(0),
                priority=3,
            )
        )
    return out


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:"
