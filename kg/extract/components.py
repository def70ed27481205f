"""spaCy components: thin wrappers that run the pure rules and collect mentions.

Every component appends :class:`~kg.extract.mentions.Mention` objects to
``doc._.kg_mentions``; ``kg_sentences`` must run first (it also resets the list).
Usable in any ``spacy.blank("en")``-based pipeline: ``nlp.add_pipe("kg_models")``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.acronyms import definition_mentions
from kg.extract.benchmarks import find_benchmark_contexts
from kg.extract.gazetteer import GazetteerMatcher, default_patterns
from kg.extract.methods import find_variant_names
from kg.extract.metrics import find_metrics
from kg.extract.models import find_models
from kg.extract.organizations import find_organizations
from kg.extract.proposals import find_proposals
from kg.extract.text import SEPARATOR, sentence_bounds
from kg.extract.vocab import GAZETTEER_FILES

for _ext in ("kg_mentions", "kg_sentences", "kg_title_len"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


def title_length(text: str) -> int:
    """The title is everything before the first blank line (titles have none)."""
    i = text.find(SEPARATOR)
    return len(text) if i < 0 else i


@Language.component("kg_sentences", assigns=["doc._.kg_sentences"])
def kg_sentences(doc: Doc) -> Doc:
    """Sentence spans by regex (the title is one); resets the mention list."""
    title_len = title_length(doc.text)
    doc._.kg_title_len = title_len
    doc._.kg_sentences = sentence_bounds(doc.text, title_len)
    doc._.kg_mentions = []
    return doc


@Language.factory("kg_gazetteer", assigns=["doc._.kg_mentions"],
                  default_config={"files": list(GAZETTEER_FILES)})
def make_gazetteer(nlp: Language, name: str, files: list[str]) -> GazetteerMatcher:
    """PhraseMatcher over the packaged gazetteers (or ``files`` among them)."""
    matcher = GazetteerMatcher(nlp, name)
    matcher.add_patterns(default_patterns(files))
    return matcher


@Language.component("kg_acronyms", assigns=["doc._.kg_mentions"])
def kg_acronyms(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(
        definition_mentions(doc.text, doc._.kg_title_len, doc._.kg_sentences))
    return doc


@Language.component("kg_models", assigns=["doc._.kg_mentions"])
def kg_models(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(find_models(doc.text))
    return doc


@Language.component("kg_benchmarks", assigns=["doc._.kg_mentions"])
def kg_benchmarks(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(find_benchmark_contexts(doc.text))
    return doc


@Language.component("kg_metrics", assigns=["doc._.kg_mentions"])
def kg_metrics(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(find_metrics(doc.text))
    return doc


@Language.component("kg_organizations", assigns=["doc._.kg_mentions"])
def kg_organizations(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(find_organizations(doc.text))
    return doc


@Language.component("kg_methods", assigns=["doc._.kg_mentions"])
def kg_methods(doc: Doc) -> Doc:
    """Proposed names (cues, title) and named variants of known methods."""
    doc._.kg_mentions.extend(
        find_proposals(doc.text, doc._.kg_title_len, doc._.kg_sentences))
    doc._.kg_mentions.extend(find_variant_names(doc.text))
    return doc


PIPELINE = ("kg_sentences", "kg_gazetteer", "kg_acronyms", "kg_models",
            "kg_benchmarks", "kg_metrics", "kg_organizations", "kg_methods")
