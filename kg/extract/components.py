"""spaCy components: thin wrappers that run the pure rules and collect mentions.

Every component appends :class:`~kg.extract.mentions.Mention` objects to
``doc._.kg_mentions``; ``kg_sentences`` must run first (it also resets the list).
Usable in any ``spacy.blank("en")``-based pipeline: ``nlp.add_pipe("kg_models")``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

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

TEXT_KEY = "kg_text"

for _ext in ("kg_mentions", "kg_sentences", "kg_title_len"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


def title_length(text: str) -> int:
    """The title is everything before the first blank line (titles have none)."""
    i = text.find(SEPARATOR)
    return len(text) if i < 0 else i


class TextKeepingTokenizer:
    """Wraps a tokenizer to keep the input string in ``doc.user_data``.

    ``Doc.text`` re-joins every token on each access, which costs as much as
    tokenizing again; the rules read the text many times, so it is kept once.
    """

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        doc.user_data[TEXT_KEY] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def doc_text(doc: Doc) -> str:
    """The doc's text, read once (see :class:`TextKeepingTokenizer`)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


@Language.component("kg_sentences", assigns=["doc._.kg_sentences"])
def kg_sentences(doc: Doc) -> Doc:
    """Sentence spans by regex (the title is one); resets the mention list."""
    text = doc_text(doc)
    title_len = title_length(text)
    doc._.kg_title_len = title_len
    doc._.kg_sentences = sentence_bounds(text, title_len)
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
        definition_mentions(doc_text(doc), doc._.kg_title_len, doc._.kg_sentences))
    return doc


@Language.component("kg_models", assigns=["doc._.kg_mentions"])
def kg_models(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(find_models(doc_text(doc)))
    return doc


@Language.component("kg_benchmarks", assigns=["doc._.kg_mentions"])
def kg_benchmarks(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(find_benchmark_contexts(doc_text(doc)))
    return doc


@Language.component("kg_metrics", assigns=["doc._.kg_mentions"])
def kg_metrics(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(find_metrics(doc_text(doc)))
    return doc


@Language.component("kg_organizations", assigns=["doc._.kg_mentions"])
def kg_organizations(doc: Doc) -> Doc:
    doc._.kg_mentions.extend(find_organizations(doc_text(doc)))
    return doc


@Language.component("kg_methods", assigns=["doc._.kg_mentions"])
def kg_methods(doc: Doc) -> Doc:
    """Proposed names (cues, title) and named variants of known methods."""
    doc._.kg_mentions.extend(
        find_proposals(doc_text(doc), doc._.kg_title_len, doc._.kg_sentences))
    doc._.kg_mentions.extend(find_variant_names(doc_text(doc)))
    return doc


PIPELINE = ("kg_sentences", "kg_gazetteer", "kg_acronyms", "kg_models",
            "kg_benchmarks", "kg_metrics", "kg_organizations", "kg_methods")
