"""spaCy components: thin wrappers that run the pure rules and collect mentions.

Every component appends :class:`~kg.extract.mentions.Mention` objects to
``doc._.kg_mentions`` (kept in :class:`~kg.extract.state.DocState`);
``kg_sentences`` runs first (it starts the list), ``kg_triggers`` next (it finds
the word-trigger windows the rules run in; without it each rule finds its own).
Usable in any ``spacy.blank("en")``-based pipeline: ``nlp.add_pipe("kg_models")``.

Each component has a batching ``pipe`` (see :mod:`kg.extract.batching`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import benchmarks, methods, metrics, models, organizations, proposals
from kg.extract.acronyms import definition_mentions
from kg.extract.batching import BatchComponent
from kg.extract.benchmarks import find_benchmark_contexts
from kg.extract.gazetteer import GazetteerMatcher, default_patterns
from kg.extract.lexicon import lexicon_patterns
from kg.extract.mentions import Mention
from kg.extract.methods import find_variant_names
from kg.extract.metrics import find_listed_metrics, find_metrics
from kg.extract.models import find_models
from kg.extract.organizations import find_organizations
from kg.extract.proposals import find_proposals
from kg.extract.scan import TriggerIndex, WordTrigger
from kg.extract.state import DocState, doc_state, new_state
from kg.extract.vocab import GAZETTEER_FILES


class SentenceComponent(BatchComponent):
    """Sentence spans by regex (the title is one); starts an empty mention list."""

    def __init__(self, name: str = "kg_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        new_state(doc)
        return doc


class TriggerComponent(BatchComponent):
    """Finds, once per doc, the windows every rule's word trigger opens."""

    def __init__(self, nlp: Language, name: str = "kg_triggers") -> None:
        self.name = name
        self.index = TriggerIndex(nlp.vocab, word_triggers())

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        state.windows = self.index.windows(doc, state.text)
        return doc


class RuleComponent(BatchComponent):
    """Runs one pure rule ``DocState -> mentions`` and keeps what it finds."""

    def __init__(self, name: str, rule: Callable[[DocState], Iterable[Mention]]
                 ) -> None:
        self.name = name
        self.rule = rule

    def __call__(self, doc: Doc) -> Doc:
        state = doc_state(doc)
        state.mentions.extend(self.rule(state))
        return doc


def word_triggers() -> dict[str, WordTrigger]:
    """Every rule module's word triggers, by rule name."""
    out: dict[str, WordTrigger] = {}
    for module in (benchmarks, models, metrics, organizations, methods, proposals):
        out.update(module.word_triggers())
    return out


@Language.factory("kg_sentences", assigns=["doc._.kg_sentences"])
def make_sentences(nlp: Language, name: str) -> SentenceComponent:
    """Sentence spans by regex; starts the doc's mention list."""
    return SentenceComponent(name)


@Language.factory("kg_triggers")
def make_triggers(nlp: Language, name: str) -> TriggerComponent:
    """Word-trigger windows for the rule components (one lexeme flag per vocab)."""
    return TriggerComponent(nlp, name)


@Language.factory("kg_gazetteer", assigns=["doc._.kg_mentions"],
                  default_config={"files": list(GAZETTEER_FILES), "lexicon": True})
def make_gazetteer(nlp: Language, name: str, files: list[str], lexicon: bool
                   ) -> GazetteerMatcher:
    """PhraseMatcher over the packaged gazetteers (or ``files`` among them) and,
    with ``lexicon``, the names mined from the corpus (:mod:`kg.extract.lexicon`)."""
    matcher = GazetteerMatcher(nlp, name)
    # One call: one tokenization pass and one pattern-cache entry for both.
    matcher.add_patterns([*default_patterns(files),
                          *(lexicon_patterns() if lexicon else [])])
    return matcher


def acronym_rule(st: DocState) -> list[Mention]:
    """Defined acronyms, their long forms and later bare uses."""
    return definition_mentions(st.text, st.title_len, st.sentences)


def model_rule(st: DocState) -> list[Mention]:
    """Model names by the family + version + size grammar."""
    return find_models(st.text, st.windows)


def benchmark_rule(st: DocState) -> list[Mention]:
    """Benchmarks named by their context ("on X", "the X benchmark")."""
    return find_benchmark_contexts(st.text, st.windows)


def metric_rule(st: DocState) -> list[Mention]:
    """Metric names (pass@k, "X rate", "X score") beyond the gazetteer, and
    acronyms listed among the metrics found so far."""
    found = find_metrics(st.text, st.windows)
    return found + find_listed_metrics(st.text, [*st.mentions, *found])


def organization_rule(st: DocState) -> list[Mention]:
    """Universities, labs and companies written in the text."""
    return find_organizations(st.text, st.windows)


def method_rule(st: DocState) -> list[Mention]:
    """Proposed names (cues, title) and named variants of known methods."""
    return [*find_proposals(st.text, st.title_len, st.sentences, st.windows),
            *find_variant_names(st.text, st.windows)]


RULES: dict[str, Callable[[DocState], list[Mention]]] = {
    "kg_acronyms": acronym_rule, "kg_models": model_rule,
    "kg_benchmarks": benchmark_rule, "kg_metrics": metric_rule,
    "kg_organizations": organization_rule, "kg_methods": method_rule,
}


def _register(component: str, rule: Callable[[DocState], list[Mention]]) -> None:
    @Language.factory(component, assigns=["doc._.kg_mentions"])
    def make(nlp: Language, name: str) -> RuleComponent:
        return RuleComponent(name, rule)

    make.__doc__ = rule.__doc__


for _component, _rule in RULES.items():
    _register(_component, _rule)


PIPELINE = ("kg_sentences", "kg_triggers", "kg_gazetteer", *RULES)
