"""What the paper introduces: "we propose X", "X, a novel ...", the title's name
before a colon; and what kind of thing X is (method, benchmark or model) from the
words around it ("X, a benchmark", "a family of models, X").

Every occurrence of a proposed name becomes a mention, so later bare uses carry
evidence too.
"""

from __future__ import annotations

import re
from functools import cache

from kg.extract.acronyms import is_short_form
from kg.extract.mentions import Mention
from kg.extract.methods import base_methods
from kg.extract.models import looks_like_model_name
from kg.extract.names import LATEX_MACRO, NAME_TOKEN, NOT_NAMES, is_size_token
from kg.extract.roles import definition_type
from kg.extract.scan import (
    Windows,
    WordTrigger,
    find_word,
    finditer_in,
    finditer_near,
    literal_trigger,
    text_windows,
)
from kg.extract.vocab import known_type

_PROPOSE_VERB = (r"(?:propose|introduce|present|develop|design|build|release|"
                 r"construct|curate|create|contribute|open-source|term|call|name|dub)"
                 r"(?:s|d|ed)?")
_CUE = re.compile(
    rf"\b(?:[Ww]e|[Tt]his (?:paper|work|study|report)|[Hh]ere,? we)\s(?:further\s|"
    rf"also\s|first\s|then\s|therefore\s)?{_PROPOSE_VERB}\b"
    r"|\b(?:called|named|dubbed|termed|coined)\b|\b[Oo]ur\b")
# After the cue: articles/adjectives, optionally a few words ending in a head noun
# ("a new framework called"), then the name itself.
_HEAD_NOUN = (r"(?:framework|method|approach|algorithm|technique|paradigm|pipeline|"
              r"strategy|system|agent|recipe|mechanism|module|model|benchmark|"
              r"dataset|suite|family|series|library|toolkit|platform|environment|"
              r"metric|objective|loss|architecture|optimizer|tool|solution|policy|"
              r"method|estimator|network|technique|task)s?")
_AFTER_CUE = re.compile(
    r"\s*(?:(?:a|an|the|our|two|three|new|novel|simple|unified|general|effective|"
    r"efficient|scalable|lightweight|principled|comprehensive|large-scale|"
    r"first|open|fully|end-to-end|training-free|plug-and-play|proposed|introduced|"
    r"newly|curated|constructed)[\s,]+)*"
    rf"(?:(?:[a-z-]+\s){{0,3}}?{_HEAD_NOUN},?\s(?:called\s|named\s|termed\s|"
    r"dubbed\s|coined\s)?)?"
    rf"(?P<name>{NAME_TOKEN}|[A-Z][a-z]+[A-Z]?[a-z]*\+{{0,2}}(?=\s?,|\s\(|:))")
_APPOSITIVE = re.compile(
    rf"(?<![\w\\])(?P<name>{NAME_TOKEN}|[A-Z][a-z]{{2,}})(?:\s\((?P<paren>[^)]{{1,60}})\))?,\s(?:a|an)\s"
    r"(?:(?:new|novel|simple|unified|general|first|large-scale|comprehensive|"
    r"lightweight|scalable|efficient|effective|open|challenging|\w+-\w+)\s)*"
    r"(?P<head>[a-z]+(?:[- ][a-z]+)?)")
_TITLE_NAME = re.compile(r"^(?P<name>[^:]{1,40}?):\s")
# "Don't Overthink It: A Survey of ...": a contraction makes a phrase, and a
# survey or position paper names no method of its own.
_CONTRACTION = re.compile(r"\w'(?:t|s|re|ll|ve|d|m)\b")
_SURVEY_AFTER = re.compile(r"(?:An?\s)?(?:[\w-]+\s){0,2}?(?:Survey|Review|Tutorial|"
                           r"Overview|Position Paper|Perspective|Primer)\b", re.I)
_TITLE_STOP = frozenset({"position", "survey", "review", "tutorial", "perspective",
                         "overview", "report", "technical report", "case study"})
_BENCH_HEAD_WORDS = (r"benchmark|dataset|suite|corpus|testbed|leaderboard|arena|"
                     r"test set|gym")
_MODEL_HEAD_WORDS = (r"models?|family|series|checkpoints?|foundation model|"
                     r"language model|tokenizer")
_METHOD_HEAD_WORDS = (r"framework|method|approach|algorithm|technique|paradigm|"
                      r"pipeline|strategy|system|agent|recipe|mechanism|module|"
                      r"objective|loss|scheme|policy|architecture|optimizer|protocol")
_BENCH_HEADS = re.compile(rf"\b(?:{_BENCH_HEAD_WORDS})\b")
_MODEL_HEADS = re.compile(rf"\b(?:{_MODEL_HEAD_WORDS})\b")
_METHOD_HEADS = re.compile(rf"\b(?:{_METHOD_HEAD_WORDS})\b")
# The three at once, the group naming the kind: no head word of one kind is a
# word of another's, so a match of one never hides a match of another and one
# ``finditer`` says which kinds occur.
_HEADS = re.compile(rf"\b(?:(?P<benchmark>{_BENCH_HEAD_WORDS})|"
                    rf"(?P<model>{_MODEL_HEAD_WORDS})|(?P<method>{_METHOD_HEAD_WORDS}))\b")
# A name followed by another capitalised word or acronym starts a longer phrase
# ("Self-Evolving Curriculum (SEC)"), not the name itself.
_PHRASE_GOES_ON = re.compile(r"\s[A-Z][A-Za-z0-9]|"
                             r"(?:\s[\w-]+){1,5}\s\([A-Z][A-Za-z0-9-]{1,12}\)")
# ... nor a name glued to an adjective or participle ("AI-powered",
# "OSCE-inspired", "8K-scale"): that is a description of something else.
_DESCRIBING_TAIL = re.compile(
    r"-(?:powered|inspired|based|driven|guided|aware|free|like|style|level|scale|"
    r"wise|centric|specific|only|oriented|enhanced|augmented|assisted|enabled|"
    r"generated|related|focused|friendly|ready|agnostic|grounded|conditioned|"
    r"native|sized|grade)$")


def _written_inside(text: str, name: str) -> bool:
    """``name`` occurs in ``text`` as written, after a word or a comma and a space
    (inside a sentence) and before a non-word character (a ``find`` loop, not a
    regex compiled per title)."""
    i = text.find(" " + name)
    while i > 0:
        j = i + 1 + len(name)
        if (text[i - 1].isalnum() or text[i - 1] in ",_") and \
                (j == len(text) or not (text[j].isalnum() or text[j] == "_")):
            return True
        i = text.find(" " + name, i + 1)
    return False


# A title phrase that opens with a preposition, a question word or a gerund
# ("Beyond Accuracy", "Rethinking Attention", "Scaling Laws") is a claim.
_QUESTION_OPENING = re.compile(r"(?:Beyond|Towards?|On|Why|How|What|When|Where|"
                               r"Which|Who|Not|Is|Are|Do|Does|Can|Should)\s")
_PHRASE_OPENING = re.compile(r"(?:Beyond|Towards?|On|Why|How|What|When|Less|More|"
                             r"Not|Is|Are|Do|Does|Can)\b|\w+ing\b")


def title_name(title: str, abstract: str | None = None) -> str | None:
    """The name before the title's colon ("DeepSearch: ..."), if it is one.

    A name is at most three words and either shaped like a name (capitals inside,
    digits, "+") or one capitalised word; "Position:", "Survey:" are not names.
    Two or three capitalised common words ("World Tracing: ...") are a name when
    the ``abstract`` writes them again as written inside a sentence and they are
    no known concept ("Large Language Models: A Survey" names none).
    """
    m = _TITLE_NAME.match(title)
    if not m:
        return None
    name = m.group("name").strip()
    words = name.split()
    if name.lower() in _TITLE_STOP or LATEX_MACRO.search(name) or len(words) > 3 \
            or _CONTRACTION.search(name) or _SURVEY_AFTER.match(title, m.end()):
        return None
    if len(words) == 1:
        return name if name[0].isupper() or re.search(r"[A-Z0-9]", name) else \
            (name if re.fullmatch(r"[a-z]+\d+[a-z]*", name) else None)
    if not all(w[0].isupper() or w[0].isdigit() for w in words) or \
            _QUESTION_OPENING.match(name):
        return None  # "When AUC Misleads:", "Toward Reliable VLM:" are phrases
    if any(re.search(NAME_TOKEN, w) for w in words):
        return name
    if abstract and known_type(name) is None and \
            not _PHRASE_OPENING.match(name) and _written_inside(abstract, name):
        return name
    return None


# The cue pattern needs "we", "this", "our" as whole words ("four" never cues; a
# token may still carry what precedes them: "1)We propose").
_CUE_WORD = re.compile(r"(?<!\w)(?:We|we|This|this|Our|our)$|Here|called|named|"
                       r"dubbed|termed|coined")
_APPOSITIVE_TRIGGER = literal_trigger([", a ", ", an "])


def word_triggers() -> dict[str, WordTrigger]:
    """A proposal cue word ("we", "our", "called"); the appositive keeps its fast
    literal trigger (", a ")."""
    return {"proposal.cue": WordTrigger(_CUE_WORD, 2, 31),
            "proposal.passive": WordTrigger(_PASSIVE_WORD, 70, 1)}


def cue_names(sentence: str, windows: Windows | None = None
              ) -> list[tuple[int, int]]:
    """Spans (in ``sentence``, any text) of names introduced by a proposal cue."""
    if windows is None:
        windows = text_windows(sentence, word_triggers())
    out = []
    for cue in finditer_in(_CUE, sentence, windows["proposal.cue"]):
        m = _AFTER_CUE.match(sentence, cue.end())
        if m and _is_new_name(m.group("name")) and \
                not _PHRASE_GOES_ON.match(sentence, m.end("name")) and (
                m.end("name") - cue.end() <= 90) and \
                ". " not in sentence[cue.end():m.start("name")]:
            out.append((m.start("name"), m.end("name")))
    for m in finditer_in(_PASSIVE, sentence, windows["proposal.passive"]):
        if _is_new_name(m.group("name")):
            out.append((m.start("name"), m.end("name")))
    for cue in finditer_in(_CUE, sentence, windows["proposal.cue"]):
        m = _MULTIWORD_AFTER_CUE.match(sentence, cue.end())
        if m and known_type(m.group("name")) is None:
            out.append((m.start("name"), m.end("name")))
    for m in finditer_near(_APPOSITIVE, sentence, _APPOSITIVE_TRIGGER, 60, 80):
        if not (_is_new_name(m.group("name")) and (
                _METHOD_HEADS.search(m.group("head")) or
                _BENCH_HEADS.search(m.group("head")) or
                _MODEL_HEADS.search(m.group("head")))):
            continue
        if m.group("paren") and is_short_form(m.group("paren")):
            out.append((m.start("paren"), m.end("paren")))
        elif not _CAPITALISED_BEFORE.search(sentence, 0, m.start("name")):
            out.append((m.start("name"), m.end("name")))
    return out


# "the DEFFA-Unet is proposed featuring ...": a passive naming verb.
_PASSIVE = re.compile(rf"(?P<name>{NAME_TOKEN})\s(?:is|was)\s(?:first\s|further\s|"
                      r"then\s|hence\s|thus\s)?(?:proposed|introduced|presented|"
                      r"developed|designed)\b")
_PASSIVE_WORD = re.compile(r"^(?:proposed|introduced|presented|developed|designed)$")
# "we introduce Reflective World Model Optimization, an error-aware reinforcement
# learning strategy": two to five capitalised words after a naming cue, with an
# appositive that says what they are.
_MULTIWORD_AFTER_CUE = re.compile(
    r"\s*(?:(?:a|an|the|our|new|novel)\s+)*"
    r"(?P<name>[A-Z][\w-]*(?:\s(?:[A-Z][\w-]*|of|for|with|and|in|to)){0,3}"
    r"\s[A-Z][\w-]*),\s(?:a|an)\s")


# "Retrieval Based Distillation (ReBase), a method": the last word of a longer
# capitalised phrase is not the name; its acronym is.
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w-]*\s$")


def _is_new_name(name: str) -> bool:
    """A name a cue may introduce: not a stock word, not a size ("Our 7B model")."""
    return name not in NOT_NAMES and not is_size_token(name) and \
        _DESCRIBING_TAIL.search(name) is None and known_type(name) != "concept" \
        and _NOT_A_NAME.search(name) is None


# A possessive ("CMU's IWSLT 2025 system") or a count glued to a noun ("a
# 7K-sample instruction-tuning dataset", "100-shot") is no name.
_NOT_A_NAME = re.compile(r"'s$|^\d+(?:\.\d+)?[KkMB]?-[a-z]+$")


_BENCH_NAME = re.compile(r"(?:[Bb]ench|BENCH|Arena|Gym)(?:[-_ ]?\w+)?$|"
                         r"(?:[-_ ]?Eval|EVAL|[-_ ]Data|Dataset|Corpus|[a-z]QA|"
                         r"[-_ ]Set)$|"
                         r"[-_]\d+(?:\.\d+)?[Kk]$")
# A name ending in a count of thousands names data ("InsScene-15K", "X-4K"): a
# model's size is written in B or M.

# The noun phrase a title gives its name after the colon, up to the first
# preposition, joining participle or punctuation ("CLAY: A Controllable Large-scale
# Generative Model for ...", "R2LDM: An Efficient ... Framework Leveraging Diffusion
# Model"). Its last word is what the name is.
_SUBTITLE_PHRASE = re.compile(
    r":\s+(?:(?:A|An|The|Our)\s+)?(?P<phrase>[^:,;?!()]+?)(?=\s+(?i:for|of|with|"
    r"via|in|on|to|from|through|towards?|beyond|that|under|across|by|at|as|"
    r"without|against|leveraging|using|integrating|combining|enabling|exploiting|"
    r"incorporating|powered|based|driven|guided)\b|\s*[:,;?!(]|$)")
# A phrase that opens with a verb or a question is a claim, not a description:
# "Evaluating Vision-Language Models", "Jointly Optimizing Large Language Models",
# "How Far Can Your Large Reasoning Model Go".
_NOT_DESCRIPTION = re.compile(
    r"(?:\w+ly\s+)?\w+ing\b|"
    r"(?:Towards?|How|Why|What|When|Can|Do|Does|Is|Are|Not|Make|Making)\b")
#: Words in the phrase at most: longer ones are sentences.
_SUBTITLE_WORDS = 8


def subtitle_kind(title: str) -> str | None:
    """benchmark, model or method as the title's phrase after the colon calls its
    name (its head noun: "A Large-Scale Multi-Task Dataset"), or None."""
    m = _SUBTITLE_PHRASE.search(title)
    if not m:
        return None
    phrase = m.group("phrase")
    words = phrase.split()
    if len(words) > _SUBTITLE_WORDS or _NOT_DESCRIPTION.match(phrase):
        return None
    head = " ".join(words[-2:]).lower()
    kinds = {k.lastgroup for k in _HEADS.finditer(head)
             if k.end() == len(head)}
    return kinds.pop() if len(kinds) == 1 else None


# An appositive right after a use of the name, or after its parenthesised long
# form, calls it something: "CubeComposer, a novel spatio-temporal autoregressive
# diffusion model that ...", "CLPO (Curriculum-guided Learning for Policy
# Optimization), a novel algorithm". Its first head noun is what the name is,
# however far the adjectives push it.
_APPOSITIVE_HEAD = re.compile(
    r"(?:\s\([^()]{1,100}\))?,\s(?:a|an)\s(?:[\w-]+\s){0,6}?(?:(?P<benchmark>" +
    _BENCH_HEAD_WORDS +
    r")|(?P<model>" + _MODEL_HEAD_WORDS + r")|(?P<method>" + _METHOD_HEAD_WORDS +
    r"))\b")


def appositive_kind(text: str, name_end: int) -> str | None:
    """benchmark, model or method as an appositive after ``name_end`` calls the
    name ("X, a ... benchmark"), or None."""
    m = _APPOSITIVE_HEAD.match(text, name_end, name_end + 220)
    return m.lastgroup if m else None


# The noun phrase an appositive or a copula gives a name: "X, a highly
# controllable video world model framework designed for ...", "X is a large-scale
# dataset of ...", "X, a Text-to-Image (T2I) model that ...". The phrase runs to
# the first word that ends a noun phrase (a preposition, a relative pronoun, a
# participle, punctuation); its last word is its head. Commas between adjectives
# ("a deliberately minimalist, non-parametric verifier") stay inside.
_DESCRIPTION = re.compile(
    r"(?:\s\([^()]{1,100}\))?(?:,\s|\s(?:is|was|serves as|acts as)\s)"
    r"(?:a|an|the|our|one)\s(?P<phrase>(?:[\w+-]+(?:\s\([^()]{1,20}\))?,?\s){0,9}?"
    r"[\w+-]+)(?=\s(?:that|which|for|to|with|of|in|on|at|by|from|where|who|whose|"
    r"designed|built|trained|based|capable|able|featuring|using|leveraging|"
    r"comprising|consisting|containing|covering|spanning|across|and|or|via|"
    r"tailored|specifically|dedicated|aimed|built|powered|grounded|enabling|"
    r"targeting|focused|focusing|integrating|combining|than|as)\b|\s?[,.;:)]|"
    r"\s\((?![\w-]{1,12}\)\s[\w-])|$)")
_DESCRIPTION_HEADS = re.compile(
    rf"(?:(?P<benchmark>{_BENCH_HEAD_WORDS}|(?:evaluation|test|data|training) set|"
    r"collection|environment)|(?P<model>" + _MODEL_HEAD_WORDS +
    r"|LLM|VLM|MLLM|LMM|LM)|(?P<method>" + _METHOD_HEAD_WORDS +
    r"|solver|verifier|harness|planner|controller|retriever|encoder|decoder|"
    r"generator|simulator|engine|representation|attack|mechanism)|"
    r"(?P<metric>metric|measure|score|evaluation metric))$")
# A head noun written right before or right after a use: "our metric X", "a
# benchmark called X", "the X benchmark", "our X framework".
_HEAD_BEFORE = re.compile(r"\b(?:our|a|an|the|new|novel)\s(?:[\w-]+\s)?"
                          r"(?P<head>\w+),?\s(?:called\s|named\s|termed\s|dubbed\s)?$")
_HEAD_AFTER = re.compile(r"\s(?P<head>\w+)\b")
# A long form in parentheses right after the name: "GUI-RCPO (Region Consistency
# Policy Optimization), which ...".
_LONG_FORM_AFTER = re.compile(r"\s\((?P<long>[A-Z][\w-]*(?:\s[\w-]+){1,7})\)")
#: How much a description's head outweighs a head word merely near a use.
_DESCRIPTION_WEIGHT = 3


def described_kind(text: str, name_end: int) -> str | None:
    """benchmark, model or method as an appositive or copula right after a use
    of a name (ending at ``name_end``) describes it, by the head noun of its
    phrase; None when there is none or its head is no known kind of thing."""
    m = _DESCRIPTION.match(text, name_end, name_end + 240)
    if not m:
        return None
    words = m.group("phrase").split()
    for size in (2, 1):
        head = " ".join(words[-size:]).rstrip(",")
        kind = _DESCRIPTION_HEADS.fullmatch(head.lower() if head.isupper() is False
                                            else head)
        if kind:
            return kind.lastgroup
    return None


def _compound_kind(text: str, start: int, end: int) -> str | None:
    """The kind a head noun right before ("our metric X") or right after ("the X
    benchmark") a use of a name gives it."""
    for m in (_HEAD_BEFORE.search(text, max(0, start - 40), start),
              _HEAD_AFTER.match(text, end, end + 20)):
        if m:
            kind = _DESCRIPTION_HEADS.fullmatch(m.group("head"))
            if kind:
                return kind.lastgroup
    return None


def _long_form_kind(text: str, name: str, end: int) -> str | None:
    """The kind a parenthesised long form right after a use gives the name, by
    its head ("(Region Consistency Policy Optimization)" -> method)."""
    m = _LONG_FORM_AFTER.match(text, end, end + 110)
    if not m:
        return None
    kind = definition_type(m.group("long"), name, own=True)
    return kind if kind in ("method", "model", "benchmark", "metric") else None


def kind_of(name: str, text: str,
            uses: list[tuple[int, int]] | None = None,
            title: str | None = None) -> str:
    """method, benchmark or model: the nearest head noun around the name's uses
    (``uses``: its ``find_word(text, name, hyphen_joins=False)`` spans, when the
    caller has them) or of an appositive after a use however long ("X, a novel
    spatio-temporal autoregressive diffusion model"), and, for the name a ``title``
    opens with, the head of the title's phrase after the colon (two votes)."""
    if _BENCH_NAME.search(name):
        return "benchmark"
    votes = {"benchmark": 0, "model": 0, "method": 0, "metric": 0}
    if title is not None and (kind := subtitle_kind(title)):
        votes[kind] += 2
    if uses is None:
        uses = list(find_word(text, name, hyphen_joins=False))
    described_votes = 0
    for start, end in uses:
        described = described_kind(text, end) or _compound_kind(text, start, end) \
            or _long_form_kind(text, name, end)
        if described:
            votes[described] += _DESCRIPTION_WEIGHT
            described_votes += 1
            continue
        window = text[max(0, start - 30):start] + " | " + text[end:end + 45]
        kinds = {m.lastgroup for m in _HEADS.finditer(window)}
        if text.startswith(", a", end) or text.startswith(" (", end):
            kinds.add(appositive_kind(text, end))
        for kind in kinds - {None}:
            votes[kind] += 1
    # A known method's name inside ("Step-GRPO", "FullDiT") makes a variant of
    # it, unless the text itself says what the name is ("FullDiT, a unified
    # foundation model").
    if not described_votes and _holds_base_method(name):
        return "method"
    if looks_like_model_name(name):
        votes["model"] += 2
    best = max(votes, key=lambda k: (votes[k], k == "method"))
    return best if votes[best] > 0 else "method"


def _holds_base_method(name: str) -> bool:
    """A known method's name is written inside ``name`` (one scan of a trie of the
    names, not one ``in`` test per name: proposed names are mostly new)."""
    return _base_method_trigger().search(name) is not None


@cache
def _base_method_trigger() -> re.Pattern[str]:
    return literal_trigger(base_methods())


def find_proposals(text: str, title_len: int,
                   sentences: list[tuple[int, int]],
                   windows: Windows | None = None) -> list[Mention]:
    """Mentions of every name the paper introduces, first one marked proposed."""
    spans: list[tuple[int, int]] = []
    tname = title_name(text[:title_len], text[title_len:])
    if tname:
        spans.append((0, len(tname)))
    spans.extend(cue_names(text, windows))
    out: list[Mention] = []
    seen: set[str] = set()
    for start, end in spans:
        name = text[start:end]
        if name in seen or LATEX_MACRO.search(text[max(0, start - 1):end]):
            continue
        seen.add(name)
        # One scan for the name's uses: those after a hyphen are part of a
        # longer name here ("Step-X"), but kind_of reads their context too.
        uses = list(find_word(text, name, hyphen_joins=False))
        kind = kind_of(name, text, uses, text[:title_len] if start == 0 else None)
        rule = "proposal.title" if start == 0 else "proposal.cue"
        for m_start, m_end in uses:
            if m_start and text[m_start - 1] == "-":
                continue
            first = m_start == start
            out.append(Mention(m_start, m_end, kind,
                               rule if first else "proposal.later_use", name,
                               proposed=True, priority=4 if first else 3))
    return out
