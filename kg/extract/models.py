"""Model-name grammar: family + version + size + suffixes, one compiled regex.

"Qwen2.5-7B-Instruct", "Llama 3.3 70B", "GPT-4o-mini", "DeepSeek-R1-Distill-Qwen-7B",
"Claude 3.5 Sonnet", "Gemini-3.1-Pro", "GPT-5 (High)". Families come from
``data/model_families.tsv``; a family alone ("Qwen", "LLaMA") is a model only where
the file says so (not "Yi", "Wan", "OPT", which are also words). Generic classes
("R1-like models", "GPT-style") are refused.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kg.extract.data_files import read_tsv
from kg.extract.mentions import Mention
from kg.extract.scan import (
    Windows,
    WordTrigger,
    finditer_in,
    literal_trigger,
    text_windows,
    word_pieces,
)
from kg.extract.vocab import known_type

# A version: "2.5", "3.1a", "4O" (capitals; B, M, K, T are sizes), "v2", "v8n" (a
# detector's size letter), "K2", "X1",
# an OpenAI reasoning release after the family ("GPT-o1").
_VERSION = (r"(?:\d+(?:\.\d+)*(?:(?:[a-z]|[AC-JLNOP-SU-Z])(?![a-zA-Z]))?|"
            r"[vV]\d+(?:\.\d+)*(?:[a-z](?![a-z]))?|"
            r"[A-Z]\d+(?:\.\d+)?|(?<=-)o\d(?!\w|\.\d))")
_SIZE = (r"(?:\d+(?:\.\d+)?(?:[BMKT]|[bm](?![a-z]))(?:-[Aa]\d+(?:\.\d+)?[Bb])?|"
         r"\d+x\d+B|A\d+(?:\.\d+)?B)")
_SUFFIX = (
    r"(?:Instruct|Chat|Base|VL|Math|Coder|Code|Distill|mini|Mini|nano|Nano|Turbo|Pro|"
    r"Flash|Lite|Ultra|Large|Medium|Small|Plus|Max|Omni|Vision|Preview|Thinking|"
    r"Speciale|Terminus|Sonnet|Opus|Haiku|Nemo|it|IT|Exp|OSS|ASR|TTS|Audio|"
    r"Embedding|Guard|Zero|Reasoner|Think|Air|Next|Edge|Long|Omni|MoE|Sky|XL|XXL|"
    r"small|base|large|xl|xxl|tiny|Tiny|Dev|Schnell|Kontext|Image|Video|Audio|Nova)"
)
_EFFORT = r"(?:\s\((?:[Hh]igh|[Ll]ow|[Mm]edium|[Mm]inimal|[Tt]hinking)\))"
_GENERIC_TAIL = re.compile(r"-?(?:like|style|type|series|family)\b")


# The encoder of a CLIP-style model, written after the family: "CLIP ViT-L/14",
# "SigLIP ViT-SO400M/14@384", "CLIP RN50".
_ENCODER = (r"(?:[ -](?:ViT|RN)-?(?:[A-Za-z]+\d*|\d+)(?:/\d+)?(?:@\d+(?:px)?)?)")
# A vendor written before the family as in a Hugging Face id ("Meta-Llama-3-8B").
_VENDOR = r"(?:Meta-|meta-llama/|Qwen/|mistralai/|google/|microsoft/|deepseek-ai/)"
FAMILY_FILES = ("model_families.tsv", "model_families_epoch.tsv")


@cache
def families() -> dict[str, tuple[bool, bool, str]]:
    """family -> (ignore_case, bare_ok, organization): the curated families, then
    the ones derived from Epoch AI (``scripts/build_model_families.py``)."""
    out: dict[str, tuple[bool, bool, str]] = {}
    for name in FAMILY_FILES:
        for row in read_tsv(name):
            out.setdefault(row[0], (row[1] == "1", row[2] == "1",
                                    row[3] if len(row) > 3 else ""))
    return out


def _family_alternation() -> str:
    """Every family as written; and in any case where a version digit follows it
    ("QWEN2.5", "qwen2.5-7b", "LLaVA" as "llava-1.5"): that shape is a model name
    whatever the case. Written as tries (``literal_trigger``): ``re`` tries the
    alternatives of a flat list of two hundred names one by one at every position,
    a trie once. A trie's optional tails are greedy and backtrack, so the longest
    family that lets the rest match wins, as with a longest-first list."""
    exact: set[str] = set()
    any_case: set[str] = set()
    versioned: set[str] = set()
    for fam, (icase, _, _) in families().items():
        spellings = {fam, fam.replace(" ", "-"), fam.replace(" ", "")}
        if icase:
            any_case.update(spelling.lower() for spelling in spellings)
        else:
            exact.update(spellings)
            if len(fam) >= 3:  # "yi2", "t5" in lower case are not names enough
                versioned.update(spelling.lower() for spelling in spellings)
    return (f"{literal_trigger(exact).pattern}|"
            f"(?i:{literal_trigger(any_case).pattern})|"
            rf"(?i:{literal_trigger(versioned).pattern})(?=[-_]?[vV]?\d)")


@cache
def model_regex() -> re.Pattern[str]:
    """The compiled grammar (built once from the families file)."""
    fam = _family_alternation()
    # Lower-case release tags only after a hyphen ("qwen2.5-7b-instruct"): after
    # a space they are words ("Llama 3 70B chat").
    segment = rf"(?:{_SIZE}|{_VERSION}|{_SUFFIX}|instruct|chat|(?:{fam}))"
    first = rf"(?:[-_ ]?{_VERSION}|[-_ ](?:{_SIZE}|{_SUFFIX}))"
    # A capitalised word the suffix list lacks is part of the name when a size
    # follows it ("Qwen3-ForcedAligner-0.6B", "Llama-3.1-Nemotron-Nano-8B").
    named = rf"[-_][A-Z][A-Za-z]+(?=(?:[-_][A-Z][A-Za-z]+)*[-_]{_SIZE}(?![\w]))"
    # After a size, an upper-case training tag ("InternVL2.5-78B-MPO").
    tag = r"(?<=[BM])-[A-Z]{2,5}(?![a-z])"
    more = (rf"(?:[-_/]{segment}|{named}|{tag}|"
            rf"\s(?:{_SIZE}|{_VERSION}|{_SUFFIX})(?![\w-]*[a-z]{{3}}))")
    return re.compile(
        rf"(?<![\w\\@/.-]){_VENDOR}?(?P<family>{fam})"
        rf"(?P<rest>(?:{first}|{_ENCODER})(?:{more}|{_ENCODER})*{_EFFORT}?)?"
        rf"(?P<plus>\+)?(?![\w]|\.\d)"  # "GLM-4.1V": not "GLM-4" before ".1V"
    )


# A model name by shape alone, whatever its family: a capitalised name, then a
# parameter count in billions ("VST-7B", "B^3D-RWKV-7.2B", "Foo-1.5B-Instruct"),
# the R1 convention of reasoning releases ("Video-R1", "Xiangqi-R1-7B"), or a
# chat/instruct release tag after a version ("Tulu-3-Instruct"). Millions are left
# to the families: without one, "X-10M" is mostly a data set ("WebVid-10M"), and
# data sets use billions too ("LAION-5B"): data words before or after the name,
# or a gazetteer entry of another type for the name or its stem, refuse it.
_OPEN_NAME = r"[A-Z][A-Za-z0-9^]*(?:[-.][A-Za-z0-9^]+)*?"
_OPEN_TAIL = rf"(?:-(?:[Aa]\d+(?:\.\d+)?[Bb]|{_SUFFIX}|[A-Z]{{2,5}}(?![a-z])|R1|Zero))*"
_OPEN_MODEL = re.compile(
    rf"(?<![\w\\@/.-])(?:(?P<stem>{_OPEN_NAME})[-_]\d+(?:\.\d+)?B(?![a-z])"
    rf"|{_OPEN_NAME}-R1(?:-{_SIZE})?"
    rf"|{_OPEN_NAME}-v?\d+(?:\.\d+)*-(?:Instruct|Chat))"
    rf"{_OPEN_TAIL}(?![\w+-])")
_DATA_AFTER = re.compile(
    r"\s(?:dataset|corpus|benchmark|images|image-text|pairs|samples|examples|"
    r"videos|clips|hours|tokens|documents|subset|split)", re.I)
_DATA_BEFORE = re.compile(r"\b(?:datasets?|corpus|corpora|data|images|videos)\b"
                          r"[^.;]{0,25}$")
_OPEN_TRIGGER = re.compile(r"\dB(?![a-z])|R1|Instruct|Chat")


def _open_models(text: str, spans: list[tuple[int, int]]) -> list[Mention]:
    """Names a model by their shape (``_OPEN_MODEL``), unless data words follow
    ("LAION-400M image-text pairs") or the name is a known family's (the grammar
    finds those whole)."""
    out = []
    for m in finditer_in(_OPEN_MODEL, text, spans):
        name = m.group(0)
        if sum(c.isalpha() for c in m.group("stem") or name) < 3 or \
                _DATA_AFTER.match(text, m.end()) or _GENERIC_TAIL.match(text, m.end()) \
                or _DATA_BEFORE.search(text, max(0, m.start() - 40), m.start()) \
                or _known_otherwise(name) or \
                m.group("stem") and _known_otherwise(m.group("stem")):
            continue
        out.append(Mention(m.start(), m.end(), "model", "model.shape", name,
                           priority=1))
    return out


def _known_otherwise(name: str) -> bool:
    """The gazetteers type ``name`` as something other than a model ("LAION" is
    an organization, "SA-1B" a data set)."""
    kind = known_type(name)
    return kind is not None and kind != "model"


# Stable Diffusion's abbreviation with a release ("SD3.5", "SD-v1.5", "SD3-Medium",
# "SD Turbo"). Spaced decimals are left out: "(SD 10.8)", "SD 0.20" are standard
# deviations, and "SD2" is also a heart-rate variability index.
_SD_MODEL = re.compile(
    r"(?<![\w-])SD(?:-?v?(?:1\.[45]|2\.[01]|3(?:\.5)?|35)"
    r"(?:[-_ ]?(?:Large|Medium|Turbo|XL|L|M)(?![\w-]))?|[- ]Turbo|-XL)(?![\w]|\.\d)")
_COUNT_ONLY = re.compile(r"[-_ ]?\d+(?:\.\d+)?[Kk]")
_REASONING_MODELS = re.compile(r"(?<![\w-])(?:o[134](?:-mini|-pro|-preview)?|R1)"
                               r"(?![\w]|-(?:like|style|type|series|based|zero)\b)")


def _family_trigger() -> tuple[re.Pattern[str], int]:
    """A word pattern for the first piece of every family name: as written; in any
    case for the families the file marks so ("LLaMA3.1-8B-Instruct" as well as
    "Llama-3.1-8B"); in any case before a version digit for the others ("QWEN2.5",
    "qwen2.5-7b": the grammar's any-case spelling needs that digit, so a word like
    "seed" or "falcon" opens no window). Also the longest spelling."""
    exact: set[str] = set()
    any_case: set[str] = set()
    versioned: set[str] = set()
    for fam, (icase, _, _) in families().items():
        spellings = {fam, fam.replace(" ", "-"), fam.replace(" ", "")}
        exact.update(spellings)
        if icase:
            any_case.update(spelling.lower() for spelling in spellings)
        elif len(fam) >= 3 and " " not in fam:
            versioned.add(fam.lower())
    pattern = re.compile(rf"{word_pieces(exact).pattern}|"
                         rf"(?i:{word_pieces(any_case).pattern})|"
                         rf"(?i:{literal_trigger(versioned).pattern})[-_]?[vV]?\d")
    return pattern, max(map(len, exact | any_case))


@cache
def word_triggers() -> dict[str, WordTrigger]:
    """Word triggers: a token holding a family name's first piece; the reasoning
    series ("o1", "R1"). A family written with a space or hyphen ("Code Llama")
    ends up to its length after its first piece, so the window grows by that."""
    pattern, longest = _family_trigger()
    return {
        "model.grammar": WordTrigger(pattern, 2, 60 + longest),
        "model.shape": WordTrigger(_OPEN_TRIGGER, 50, 25),
        "model.sd": WordTrigger(re.compile(r"^SD(?:\d|-|$)"), 1, 12),
        "model.reasoning_series": WordTrigger(
            literal_trigger(["o1", "o3", "o4", "R1"]), 2, 12),
    }


def find_models(text: str, windows: Windows | None = None) -> list[Mention]:
    """Every model name the grammar accepts in ``text``."""
    if windows is None:
        windows = text_windows(text, word_triggers())
    out: list[Mention] = []
    fams = families()
    for m in finditer_in(model_regex(), text, windows["model.grammar"]):
        if _GENERIC_TAIL.match(text, m.end()):
            continue
        name = m.group(0).rstrip()
        if _COUNT_ONLY.fullmatch(m.group("rest") or ""):
            continue  # "DREAM-1K", "Seed-2K": a count of items names a data set
        bare = not m.group("rest")
        if bare and not fams.get(_family_key(m.group("family")),
                                 (False, False, ""))[1]:
            continue
        out.extend(_sized_siblings(m.start(), name))
    out.extend(_open_models(text, windows["model.shape"]))
    out.extend(Mention(m.start(), m.end(), "model", "model.grammar", m.group(0),
                       priority=3)
               for m in finditer_in(_SD_MODEL, text, windows["model.sd"]))
    for m in finditer_in(_REASONING_MODELS, text, windows["model.reasoning_series"]):
        out.append(Mention(m.start(), m.end(), "model", "model.reasoning_series",
                           m.group(0), priority=2))
    return out


_SIZE_LIST = re.compile(rf"(?P<head>.*?[-_ ]){_SIZE}(?P<tail>(?:/{_SIZE})+)$")
_SIZE_ITEM = re.compile(rf"/({_SIZE})")


def _sized_siblings(start: int, name: str) -> list[Mention]:
    """One mention per size of a slash list ("Qwen3-VL 4B/8B/30B-A3B": Qwen3-VL 4B,
    Qwen3-VL 8B and Qwen3-VL 30B-A3B), each on its own size; else the name."""
    listed = _SIZE_LIST.match(name)
    if listed is None:
        return [Mention(start, start + len(name), "model", "model.grammar", name,
                        priority=3)]
    first_end = len(name) - len(listed.group("tail"))
    out = [Mention(start, start + first_end, "model", "model.grammar",
                   name[:first_end], priority=3)]
    for item in _SIZE_ITEM.finditer(name, first_end):
        out.append(Mention(start + item.start(1), start + item.end(1), "model",
                           "model.size_list", item.group(1),
                           canonical=listed.group("head") + item.group(1),
                           priority=3))
    return out


@lru_cache(maxsize=4096)
def _family_key(found: str) -> str:
    """The families-file key for a matched family spelling ("LLaMA" -> "Llama");
    cached, as it may walk every family."""
    fams = families()
    if found in fams:
        return found
    for fam, (icase, _, _) in fams.items():
        if icase and fam.lower() == found.lower():
            return fam
        if fam.replace(" ", "") == found.replace(" ", "").replace("-", ""):
            return fam
    low = found.lower().replace(" ", "").replace("-", "")
    for fam in fams:  # a case-free spelling before a version ("QWEN2.5")
        if fam.lower().replace(" ", "") == low:
            return fam
    return found


def model_organization(name: str) -> str | None:
    """The organization of a model's family, if the families file knows it."""
    m = model_regex().match(name)
    if not m:
        return None
    return families().get(_family_key(m.group("family")), (False, False, ""))[2] or None


def is_model_name(name: str) -> bool:
    """The whole of ``name`` is a model name by the grammar or by its shape
    ("Qwen2.5-7B", "YOLOv10", "VST-7B"; a bare family only where it may stand
    alone)."""
    m = model_regex().fullmatch(name)
    if m is not None:
        return bool(m.group("rest")) or families().get(
            _family_key(m.group("family")), (False, False, ""))[1]
    m = _OPEN_MODEL.fullmatch(name)
    return m is not None and not _known_otherwise(name) and not (
        m.group("stem") and _known_otherwise(m.group("stem")))


@cache
def _architecture_regex() -> re.Pattern[str]:
    names = sorted((row[0] for row in read_tsv("architecture_families.tsv")),
                   key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, names))})"
                      r"(?:[-_ ]?[\w.]*\d[\w.-]*|-[A-Z][a-z]?(?:/\d+)?)?")


def is_architecture(name: str) -> bool:
    """A named architecture, perhaps sized ("ResNet50", "MobileNetV3",
    "EfficientNetV2-B0"): a method by the guidelines, never a data set."""
    return _architecture_regex().fullmatch(name) is not None


def looks_like_model_name(name: str) -> bool:
    """A new name shaped like a model release ("Xiangqi-R1", "X-7B")."""
    return _MODEL_SHAPED.search(name) is not None


# Parameter counts only: "X-15K", "X-4K" count a data set's items.
_PARAMS = r"(?:\d+(?:\.\d+)?B(?:-A\d+(?:\.\d+)?B)?|\d+x\d+B|A\d+(?:\.\d+)?B)"
_MODEL_SHAPED = re.compile(
    rf"(?:[-_ ](?:R1|VL|LM|GPT|Instruct|Chat|o1){_PARAMS}?$|[-_ ]{_PARAMS}$|"
    r"(?:LM|GPT|LLM|VLM|Coder)$|-(?:MR1|V\d+)$)")
