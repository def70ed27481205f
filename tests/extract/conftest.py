"""Fixtures shared by the extraction tests: one pipeline for the session, and
``typed``, which extracts a real sentence and returns its ``(type, canonical)``
pairs (what most rule tests assert on)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.extract import Extractor
from kg.records import Paper

Typed = Callable[..., set[tuple[str, str]]]


@pytest.fixture(scope="session")
def shared_extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def typed(shared_extractor: Extractor) -> Typed:
    def extract(abstract: str, title: str = "A title") -> set[tuple[str, str]]:
        paper = Paper(id="t", title=title, abstract=abstract)
        return {(e.type, e.canonical)
                for e in shared_extractor.extract(paper).entities}
    return extract
