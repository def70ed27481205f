"""Property tests for name normalisation: it never crashes on any text, and
normalising twice is normalising once (issue 9)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.records import clean_id
from kg.resolve.keys import clean_text, name_key, slug, typed_key
from kg.sources.text import collapse_whitespace, title_key

#: Any text, with the characters hostile listings carry over-represented.
HOSTILE_TEXT = st.lists(st.one_of(
    st.characters(),
    st.sampled_from(["\u200b", "\u200d", "\u202e", "\ufeff", "\u0301", "\x00",
                     "\x1f", "Ｑｗｅｎ", "２．５", "-", "‐", "—", " ", "\n", "🚀"]),
), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@example("A\u200b\u0300")  # a removed invisible between a letter and its accent
@example("\u0300\u00b8")  # NFKC gives " \u0327": marks meet once spaces go
@given(HOSTILE_TEXT)
@pytest.mark.parametrize("normalise", [clean_text, name_key, slug, clean_id,
                                       collapse_whitespace, title_key])
def test_key_normalising_twice_equals_once(normalise, text):
    once = normalise(text)
    assert isinstance(once, str)
    assert normalise(once) == once


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["method", "benchmark", "model", "organization", "metric",
                        "concept"]), HOSTILE_TEXT)
def test_key_typed_key_never_crashes_and_is_stable(etype, text):
    assert typed_key(etype, text) == typed_key(etype, text)
    assert typed_key(etype, clean_text(text)) == typed_key(etype, text)


@settings(max_examples=200, deadline=None)
@given(HOSTILE_TEXT)
def test_key_clean_text_removes_invisible_and_control_characters(text):
    cleaned = clean_text(text)
    assert not any(ch in cleaned for ch in "\u200b\u202e\ufeff\x00\x1f")
