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
from kg.records import Entity

_OWN = re.compile(
    r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|study)|[Hh]ere)\b[^.]{0,80}?\b"
    r"(?:propose|introduce|present|develop|design|build|release|construct|curate|"
    r"create|contribute|term|call|name|dub|formulate|devise)\w*|"
    r"\b(?:called|named|dubbed|termed|coined)\b|\b[Oo]ur\b")
_BENCH_LF = re.compile(r"\b(?:[Bb]ench(?:mark)?s?|[Dd]atasets?|[Ll]eaderboard|[Ss]uite"
                       r"|[Cc]orpus|[Aa]rena|[Tt]estbed)\b|Bench\b")
_BENCH_SF = re.compile(r"Bench$")
_METRIC_LF = re.compile(r"\b(?:[Ss]core|[Rr]ate|[Aa]ccuracy|[Ee]rror|[Dd]istance|"
                        r"[Pp]robability|[Rr]atio)s?$")
_ORG_LF = re.compile(r"\b(?:University|Institute|Laboratory|Lab|Academy)\b")
_CONCEPT_LF = re.compile(
    r"(?:\b(?:models|networks|systems|agents|methods|learning|processing|"
    r"intelligence|generation|vision|translation|recognition|answering)$)")
_TYPES = frozenset({"concept", "method", "metric", "benchmark", "model"})
_PROPER_LF = re.compile(r"(?:^|\s)[A-Z]")


# The head noun that ends a long form says what kind of thing the acronym names:
# "... Policy Optimization", "... Tree Search" are methods; "Large Multimodal
# Models (LMMs)", "Key-Value (KV)", "Software Engineering (SWE)" are classes and
# fields. These outrank a gazetteer homonym of the short form (a PwC dataset
# called "SDS" says nothing about "Score Distillation Sampling (SDS)").
_METHOD_HEAD_LF = re.compile(
    r"(?:Optimi[sz]ation|Learning|Training|Tuning|Fine-[Tt]uning|Search|Sampling|"
    r"Decoding|Distillation|Alignment|Regularization|Prompting|Attention|"
    r"Algorithm|Framework|Pipeline|Estimation|Policy|Descent|Guidance|Matching|"
    r"Merging|Pruning|Quantization|Editing|Steering|Scaling|Augmentation|"
    r"Reasoning|Refinement)$")
_CLASS_HEAD_LF = re.compile(
    r"(?i:models|networks|agents|systems|machines|autoencoders|engineering|"
    r"interactions?|key-value)$")
_NAMED_MIXTURE = re.compile(r"^Mixture[- ]of")
# The noun right after the definition's parenthesis is the head of the whole
# phrase and says what the acronym names: "the Matting Anything in Video (MA-V)
# dataset", "the Position-Weighted Consistency (PWC) score". Singular only: "(MRI)
# datasets" are data of a kind, not one named dataset.
_HEAD_AFTER = re.compile(r"\)\s+(?:(?P<benchmark>dataset|benchmark|corpus|suite)|"
                         r"(?P<metric>metric|score)|(?P<concept>tasks?|problems?))\b")
# Long forms that name a task, a field, a modality, a formalism or a kind of
# thing rather than a technique: "Video Moment Retrieval (VMR)", "Scientific
# Visualization (SciVis)", "computed tomography (CT)", "Markov Game (MG)",
# "Theory of Mind (ToM)", "Knowledge Bases (KBs)". The paper's own name with
# such a head ("we propose Chunk-Level Guided Generation (CLGG)") is still one.
_CONCEPT_HEADS = frozenset([
    "retrieval", "detection", "segmentation", "classification", "recognition",
    "generation", "synthesis", "prediction", "forecasting", "captioning", "answering",
    "tracking", "localization", "summarization", "translation", "understanding",
    "visualization", "vision", "processing", "engineering", "intelligence",
    "imaging", "tomography", "resonance", "game", "games", "theory", "bases",
    "heritage", "science", "sciences", "analytics", "mining", "graphics",
    "robotics", "conversion", "view", "completion", "design", "diagnosis", "graph",
    "graphs", "navigation", "vehicle", "vehicles", "unit", "units", "protocol"])


def _concept_head(long_form: str) -> bool:
    """The long form ends in a task, field or modality head or opens with
    "Theory" (one set lookup of its last word, no regex over the phrase); the
    head of a hyphened last word is its last part ("Cross-View Geo-Localization")."""
    words = long_form.split()
    return bool(words) and (words[-1].rsplit("-", 1)[-1].lower() in _CONCEPT_HEADS
                            or words[0].lower() == "theory")


# A singular "... Model" or "... Neural Network" long form is a kind of model
# ("Vision Foundation Model (VFM)", "Binary Neural Network (BNN)") unless the
# paper names its own model so ("we present Video Mask-to-Matte Model
# (VideoMaMa)"): then it is that model.
# A short form with a size or a size letter is one model of a family:
# "Dual Attention Vision Transformer-Base (DaViT-B)", "(ViT-L)", "(X-7B)".
_SIZED_SF = re.compile(r"-(?:[BLSTH]|XL|XXL|Base|Large|Small|Tiny|Huge)$|"
                       r"-\d+(?:\.\d+)?[BM]$")
_MODEL_HEAD_LF = re.compile(r"\b(?:Model|model)$")
_NETWORK_CLASS_ENDINGS = ("neural network", "neural networks")


def head_after(text: str, short_end: int) -> str | None:
    """benchmark or metric, as the noun after the parenthesis that closes right at
    ``short_end`` (the short form's end) names the defined thing; else None."""
    m = _HEAD_AFTER.match(text, short_end, short_end + 16)
    return m.lastgroup if m else None


def definition_type(long_form: str, short_form: str, own: bool = False,
                    head: str | None = None, *, claimed: bool = False) -> str:
    """The entity type of an acronym definition: the long form's own entry, then
    the phrase's head noun (``head``, from :func:`head_after`) unless the short form
    is a known name, then the long form's head noun, then the short form's entry,
    then the long form's words.

    An unknown lowercase long form is a concept ("regions of interest (ROIs)",
    "temporal action detection (TAD)", "magnetic resonance imaging (MRI)"): named
    techniques are written capitalised, or are the paper's own (``claimed``: its
    sentence says we propose / our, :func:`definition_is_own`).

    A plural class head ("Large Multimodal Models (LMMs)") is a concept unless the
    paper introduces the name itself (``own``: "we propose Generative Teaching
    Networks (GTNs)"), or it is a named mixture ("Mixture-of-Agents (MoA)").
    """
    kind = known_type(long_form)
    if kind in _TYPES:
        return kind
    if _BENCH_LF.search(long_form) or _BENCH_SF.search(short_form):
        return "benchmark"
    # A short form the gazetteers know only as a benchmark is mostly a homonym
    # (PwC lists datasets called "RARE", "DCI", "SOP", "PoC"): a benchmark's
    # own long form says so ("... Benchmark", "... Dataset"), caught above.
    # A lower-case long form is what the short form stands for here, whatever
    # a gazetteer homonym says ("maximum a-posteriori (MAP)" is not mAP).
    known_sf = known_type(short_form)
    if known_sf == "benchmark" or known_sf == "metric" and long_form.islower() or \
            own and known_sf != "concept":
        known_sf = None  # (a paper's own name is not the homonym the lists know)
    if head is not None and known_sf not in _TYPES:
        return head
    if _METHOD_HEAD_LF.search(long_form):
        return "method"
    if _METRIC_LF.search(long_form):
        return "metric"
    if known_sf in _TYPES:
        return known_sf
    if _SIZED_SF.search(short_form):
        return "model"
    if "-" in short_form and known_type(short_form.rsplit("-", 1)[1]) == "concept":
        return "concept"  # "medical LLMs (Med-LLMs)": a kind of LLM
    if _MODEL_HEAD_LF.search(long_form):
        return "model" if own else "concept"
    if not own and not _NAMED_MIXTURE.match(long_form) and (
            _CLASS_HEAD_LF.search(long_form) or _concept_head(long_form)
            or long_form.lower().endswith(_NETWORK_CLASS_ENDINGS)):
        return "concept"
    if _ORG_LF.search(long_form):
        return "organization"
    if long_form.islower() and (_CONCEPT_LF.search(long_form) or not claimed):
        return "concept"
    return "method"


def definition_canonical(long_form: str, short_form: str) -> str:
    """The acronym, or the gazetteer's canonical name for it (LLMs -> LLM)."""
    return known_canonical(short_form) if known_type(short_form) == "concept" \
        else short_form


def definition_is_own(sentence: str, short_form: str, title: str,
                      long_form: str = "", at: int | None = None,
                      cued: bool = False) -> bool:
    """Whether a definition names the paper's own contribution: the title writes
    the short form, or a cue (we propose, our, called) opens before ``at`` (the
    definition's offset in ``sentence``): "Cultural Heritage (CH) data ... shape
    our understanding" is not the paper's own. A name the gazetteers know is
    someone else's ("we introduce Group Relative Policy Optimization (GRPO)"),
    but a short form alone may be a homonym when a naming verb stands right
    before the definition (``cued``: "We introduce our Adaptive Teaching and
    Learning System (ATLAS)")."""
    if not cued and known_type(short_form) or known_type(long_form):
        return False
    in_title = next(find_word(title, short_form), None) is not None
    if in_title:
        return True
    cue = _OWN.search(sentence)
    return cue is not None and (at is None or cue.start() < at)


# A naming verb right before the long form: "we propose Generative Teaching
# Networks (GTNs)", "we introduce a novel Bidirectional ... Network (BTN)".
_CUE_BEFORE = re.compile(
    r"\b(?:propos|introduc|present|develop|design|call|nam|dub|term|coin)"
    r"\w*\s+(?:(?:a|an|the|our|novel|new|simple|general|unified)\s+)*$")


# ... or an appositive that calls it a method right after the definition:
# "via Generative Teaching Networks (GTNs), a general approach that ...".
_APPOSITIVE_AFTER = re.compile(
    r"\s*\)?\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:approach|method|framework|algorithm|technique|architecture|paradigm)\b")


def named_by_cue(text: str, long_start: int, short_end: int | None = None) -> bool:
    """Whether a naming verb stands right before the long form starting at
    ``long_start``, or an appositive after the short form (ending at
    ``short_end``) calls it an approach. A plural class head ("Large Multimodal
    Models (LMMs)") is the paper's own name only then; a "we present X" earlier in
    the sentence is about X.
    """
    if _CUE_BEFORE.search(text, max(0, long_start - 60), long_start):
        return True
    return short_end is not None and \
        _APPOSITIVE_AFTER.match(text, short_end) is not None


_SIZED_TAIL = re.compile(r"[-\s](?:\d+(?:\.\d+)?[BMK]|[A-Z][\w.]*)(?:[-\s][\w.]+)*$")


# The tail that makes a data set of a proposed name: "PangeaIns", "X-Bench",
# "X-25K", "X-Instruct-1M" (a capitalised part or a count, glued or hyphenated).
_DATA_TAIL = re.compile(r"[-\s]?(?:[A-Z][\w.]*|\d+(?:\.\d+)?[KM])(?:[-\s][\w.]+)*$")


def own_model_variants(entities: list[Entity]) -> None:
    """Mark as proposed the models whose name is a name the paper proposes plus a
    size or suffix ("Qwen3-ASR" proposed: "Qwen3-ASR-1.7B", "Qwen3-ASR-0.6B"
    are its released models, not models it uses), and the data sets named after
    a proposed name ("Pangea" proposed: "PangeaIns" is its training data)."""
    proposed = [e.canonical for e in entities if e.role == "proposed"
                and e.type in ("model", "method") and len(e.canonical) >= 3]
    if not proposed:
        return
    for entity in entities:
        if entity.role != "used":
            continue
        tail = _SIZED_TAIL if entity.type == "model" else \
            _DATA_TAIL if entity.type == "benchmark" else None
        if tail is not None and any(
                entity.canonical.startswith(name) and
                tail.fullmatch(entity.canonical, len(name))
                for name in proposed):
            entity.role = "proposed"
