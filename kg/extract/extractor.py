"""The public API: ``build_pipeline()`` and ``Extractor``."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

import spacy
from spacy.attrs import LOWER
from spacy.language import Language

import kg.extract.components as components
from kg.extract.assemble import assemble, find_variants, name_key
from kg.extract.methods import base_methods
from kg.extract.parallel import extract_parallel
from kg.extract.roles import own_model_variants
from kg.extract.state import TextKeepingTokenizer, doc_state
from kg.extract.text import join_paper_text, url_spans
from kg.extract.usage import assign_usages
from kg.gcpause import gc_paused
from kg.progress import Reporter
from kg.records import Entity, Evidence, ExtractionRecord, Paper

log = logging.getLogger(__name__)

# The lexeme attributes the kg components read (the gazetteer matches on LOWER).
# spaCy computes some twenty others (shape, stop word, like_num, like_url, ...) for
# every word the vocabulary has not seen, a tenth of the extraction time on 20k
# abstracts; ``build_pipeline(lean=False)`` keeps them for pipelines that need them.
USED_LEXEME_ATTRS = frozenset({LOWER})

# How many whitespace-separated chunks the tokenizer keeps tokenized. spaCy's
# default (10,000) is full after the first ~100 abstracts, and from then on every
# chunk it has not kept ("decision-making", "(GRPO),") goes through the prefix,
# suffix and infix regexes again: on the 74,671 arXiv abstracts that halves the
# tokenizer's speed. 400,000 chunks hold a year of abstracts' recurring ones for
# about 75 MB; the tokens are the same either way (the cache only remembers them).
TOKENIZER_CACHE_CHUNKS = 400_000


def build_pipeline(*, lean: bool = True) -> Language:
    """``spacy.blank("en")`` plus the kg components (no trained model, no network).

    The tokenizer keeps up to :data:`TOKENIZER_CACHE_CHUNKS` chunks tokenized.
    ``lean`` leaves out the lexeme attributes no kg component reads (tokens keep
    their text, offsets and lower case; ``is_stop``, ``shape_`` and the like are
    not computed).
    """
    nlp = spacy.blank("en")
    if lean:
        nlp.vocab.lex_attr_getters = {
            attr: getter for attr, getter in nlp.vocab.lex_attr_getters.items()
            if attr in USED_LEXEME_ATTRS}
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE_CHUNKS
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    for name in components.PIPELINE:
        nlp.add_pipe(name)
    return nlp


def code_urls(abstract: str) -> list[str]:
    """Repository/project URLs written in the abstract, as written (minus trailing
    punctuation)."""
    out = []
    for start, end in url_spans(abstract):
        url = abstract[start:end]
        if url not in out:
            out.append(url)
    return out


def metadata_organization(paper: Paper, entities: list[Entity]) -> None:
    """The listing's organization as an entity with metadata evidence; merged with
    a text mention of the same name when there is one."""
    if not paper.organization:
        return
    evidence = Evidence(field="metadata", source="organization",
                        rule="organization.metadata")
    key = name_key(paper.organization)
    handle = paper.organization_handle
    for e in entities:
        if e.type == "organization" and key in {name_key(n) for n in
                                                [e.canonical, *e.aliases]}:
            e.evidence.insert(0, evidence)
            e.canonical = paper.organization
            if handle and handle not in e.aliases:
                e.aliases.append(handle)
            return
    aliases = [handle] if handle and handle != paper.organization else []
    entities.insert(0, Entity(type="organization", text=paper.organization,
                              canonical=paper.organization, aliases=aliases,
                              evidence=[evidence]))


class Extractor:
    """Turns papers into extraction records with a spaCy pipeline of rules."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else build_pipeline()

    def extract(self, paper: Paper) -> ExtractionRecord:
        doc = self.nlp(self.paper_text(paper))
        return self._record(paper, doc)

    def paper_text(self, paper: Paper) -> str:
        """The text extracted from: title and abstract, cut (with a warning) to
        spaCy's ``max_length``, which a longer text would fail with an error that
        ends the whole run.  The cut keeps every offset valid."""
        text = join_paper_text(paper.title, paper.abstract)
        limit = self.nlp.max_length
        if len(text) > limit:
            log.warning("%s: title and abstract have %s characters, more than "
                        "spaCy's max_length; extracted from the first %s only",
                        paper.id, f"{len(text):,}", f"{limit:,}")
            text = text[:limit]
        return text

    def _record(self, paper: Paper, doc: spacy.tokens.Doc) -> ExtractionRecord:
        st = doc_state(doc)
        entities = assemble(st.text, st.title_len, st.mentions, st.sentences)
        own_model_variants(entities)
        assign_usages(entities, st.text, st.title_len, st.sentences)
        metadata_organization(paper, entities)
        return ExtractionRecord(paper=paper, entities=entities,
                                variant_of=find_variants(entities, base_methods()),
                                code=code_urls(paper.abstract))

    def extract_many(self, papers: Iterable[Paper], *, workers: int = 1,
                     progress: Reporter | None = None, total: int | None = None,
                     batch_size: int = 64) -> Iterator[ExtractionRecord]:
        """Records in input order; ``workers`` > 1 runs chunks in worker processes
        (see :mod:`kg.extract.parallel`)."""
        records = (self._serial(papers, batch_size) if workers <= 1
                   else extract_parallel(self, papers, workers))
        if progress is None:
            yield from records
        else:
            yield from progress.track(records, "extract", total=total)

    def _serial(self, papers: Iterable[Paper], batch_size: int
                ) -> Iterator[ExtractionRecord]:
        it = iter(papers)
        while chunk := list(islice(it, batch_size * 4)):
            yield from self.extract_chunk(chunk, batch_size)

    def extract_chunk(self, chunk: list[Paper], batch_size: int = 64
                      ) -> list[ExtractionRecord]:
        """Records of ``chunk``, computed with the cyclic garbage collector paused.

        Extraction makes many short-lived objects and no reference cycles; with the
        collector on, its full passes walk the ~140k long-lived objects of spaCy
        and the gazetteers every few hundred papers, a fifth of the run time.
        Each doc is dropped once its record is built (no list of docs): when the
        collector is switched back on, its first pass walks every tracked object
        made while it was off, and a chunk's docs and their states held to the end
        cost it ~30 us per paper.
        """
        texts = (self.paper_text(p) for p in chunk)
        with gc_paused():
            docs = self.nlp.pipe(texts, batch_size=batch_size)
            return [self._record(paper, doc)
                    for paper, doc in zip(chunk, docs, strict=True)]
