"""spaCy components: thin wrappers that run the pure rules and collect mentions.

Every component appends :class:`~kg.extract.mentions.Mention` objects to
``doc._.kg_mentions`` (kept in :class:`~kg.extract.state.DocState`);
``kg_sentences`` runs first (it starts the list), ``kg_triggers`` next (it finds
the word-trigger windows the rules run in; without it each rule finds its own).
Usable in any ``spacy.blank("en")``-based pipeline: ``nlp.add_pipe("kg_models")``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import benchmarks, methods, metrics, models, organizations, proposals
from kg.extract.acronyms import definition_mentions
from kg.extract.benchmarks import find_benchmark_contexts
from kg.extract.gazetteer import GazetteerMatcher, default_patterns
from kg.extract.methods import find_variant_names
from kg.extract.metrics import find_metrics
from kg.extract.models import find_models
from kg.extract.organizations import find_organizations
from kg.extract.proposals import find_proposals
from kg.extract.scan import TriggerIndex, WordTrigger
from kg.extract.state import doc_state, new_state
from kg.extract.vocab import GAZETTEER_FILES


@Language.component("kg_sentences", assigns=["doc._.kg_sentences"])
def kg_sentences(doc: Doc) -> Doc:
    """Sentence spans by regex (the title is one); starts an empty mention list."""
    new_state(doc)
    return doc


class TriggerComponent:
    """Finds, once per doc, the windows every rule's word trigger opens."""

    def __init__(self, nlp: Language, name: str = "kg_triggers") -> None:
        self.name = name
        self.index = TriggerIndex(nlp.vocab, word_triggers())

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        state.windows = self.index.windows(doc, state.text)
        return doc


def word_triggers() -> dict[str, WordTrigger]:
    """Every rule module's word triggers, by rule name."""
    out: dict[str, WordTrigger] = {}
    for module in (benchmarks, models, metrics, organizations, methods, proposals):
        out.update(module.word_triggers())
    return out


@Language.factory("kg_triggers")
def make_triggers(nlp: Language, name: str) -> TriggerComponent:
    """Word-trigger windows for the rule components (one lexeme flag per vocab)."""
    return TriggerComponent(nlp, name)


@Language.factory("kg_gazetteer", assigns=["doc._.kg_mentions"],
                  default_config={"files": list(GAZETTEER_FILES)})
def make_gazetteer(nlp: Language, name: str, files: list[str]) -> GazetteerMatcher:
    """PhraseMatcher over the packaged gazetteers (or ``files`` among them)."""
    matcher = GazetteerMatcher(nlp, name)
    matcher.add_patterns(default_patterns(files))
    return matcher


@Language.component("kg_acronyms", assigns=["doc._.kg_mentions"])
def kg_acronyms(doc: Doc) -> Doc:
    st = doc_state(doc)
    st.mentions.extend(definition_mentions(st.text, st.title_len, st.sentences))
    return doc


@Language.component("kg_models", assigns=["doc._.kg_mentions"])
def kg_models(doc: Doc) -> Doc:
    st = doc_state(doc)
    st.mentions.extend(find_models(st.text, st.windows))
    return doc


@Language.component("kg_benchmarks", assigns=["doc._.kg_mentions"])
def kg_benchmarks(doc: Doc) -> Doc:
    st = doc_state(doc)
    st.mentions.extend(find_benchmark_contexts(st.text, st.windows))
    return doc


@Language.component("kg_metrics", assigns=["doc._.kg_mentions"])
def kg_metrics(doc: Doc) -> Doc:
    st = doc_state(doc)
    st.mentions.extend(find_metrics(st.text, st.windows))
    return doc


@Language.component("kg_organizations", assigns=["doc._.kg_mentions"])
def kg_organizations(doc: Doc) -> Doc:
    st = doc_state(doc)
    st.mentions.extend(find_organizations(st.text, st.windows))
    return doc


@Language.component("kg_methods", assigns=["doc._.kg_mentions"])
def kg_methods(doc: Doc) -> Doc:
    """Proposed names (cues, title) and named variants of known methods."""
    st = doc_state(doc)
    st.mentions.extend(find_proposals(st.text, st.title_len, st.sentences,
                                      st.windows))
    st.mentions.extend(find_variant_names(st.text, st.windows))
    return doc


PIPELINE = ("kg_sentences", "kg_triggers", "kg_gazetteer", "kg_acronyms",
            "kg_models", "kg_benchmarks", "kg_metrics", "kg_organizations",
            "kg_methods")
