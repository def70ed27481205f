"""The per-doc state the kg components share, kept in ``doc.user_data``.

One dict lookup per component: each ``doc._`` access builds an accessor object,
which costs more than several of the rules. The ``doc._.kg_mentions`` /
``kg_sentences`` / ``kg_title_len`` extensions read from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from kg.extract.mentions import Mention
from kg.extract.scan import Windows
from kg.extract.text import SEPARATOR, sentence_bounds

TEXT_KEY = "kg_text"
STATE_KEY = "kg_state"


@dataclass(slots=True)
class DocState:
    """What the kg components share about one doc.

    ``windows`` holds the word-trigger windows (see :mod:`kg.extract.scan`); None
    when ``kg_triggers`` did not run, and the rules then find their own.
    """

    text: str
    title_len: int
    sentences: list[tuple[int, int]]
    mentions: list[Mention] = field(default_factory=list)
    windows: Windows | None = None


def _state_getter(attr: str) -> Callable[[Doc], Any]:
    def get(doc: Doc) -> Any:
        state = doc.user_data.get(STATE_KEY)
        return None if state is None else getattr(state, attr)
    return get


for _ext, _attr in (("kg_mentions", "mentions"), ("kg_sentences", "sentences"),
                    ("kg_title_len", "title_len")):
    Doc.set_extension(_ext, getter=_state_getter(_attr), force=True)


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


def doc_state(doc: Doc) -> DocState:
    """The doc's shared state (made by ``kg_sentences``, or here if it did not run)."""
    state = doc.user_data.get(STATE_KEY)
    if state is None:
        state = new_state(doc)
    return state


def new_state(doc: Doc) -> DocState:
    text = doc_text(doc)
    title_len = title_length(text)
    state = DocState(text, title_len, sentence_bounds(text, title_len))
    doc.user_data[STATE_KEY] = state
    return state
