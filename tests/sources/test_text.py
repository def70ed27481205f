"""Specification of the shared text helpers (kg.sources.text)."""

from __future__ import annotations

import pytest

from kg.sources.text import (
    BadDate,
    arxiv_id_of,
    collapse_whitespace,
    parse_date,
    title_id,
    title_key,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tower+:\n  Bridging  Generality", "Tower+: Bridging Generality"),
        ("\t lead and trail \n", "lead and trail"),
        ("non\u00a0breaking", "non breaking"),
        ("zero\u200bwidth stays", "zero\u200bwidth stays"),
        ("ＧＲＰＯ", "ＧＲＰＯ"),
    ],
)
def test_text_collapse_whitespace_changes_only_whitespace(text: str, expected: str
                                                         ) -> None:
    assert collapse_whitespace(text) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Tower+: Bridging Generality", "tower+:\n  bridging generality"),
        ("ＧＲＰＯ Works", "GRPO works"),
        ("Self-Play Fine-Tuning", "Self Play Fine Tuning"),
        ("Café", "Cafe\u0301"),
    ],
)
def test_text_title_key_equal_for_spellings_of_one_title(first: str, second: str
                                                        ) -> None:
    assert title_key(first) == title_key(second)
    assert title_id(first) == title_id(second)


@pytest.mark.parametrize(("first", "second"),
                         [("GRPO", "DAPO"), ("🚀", "🛸"), ("Part I", "Part II")])
def test_text_title_key_differs_for_different_titles(first: str, second: str
                                                    ) -> None:
    assert title_key(first) != title_key(second)


def test_text_title_id_is_stable() -> None:
    assert title_id("Can LLMs Reason in the Wild with Programs?") == \
        "title-" + title_id("can llms reason in the wild with programs")[6:]
    assert title_id("x").startswith("title-") and len(title_id("x")) == 22


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2501.12345", "2501.12345"), ("2501.1234", "2501.1234"),
        ("2501.12345v12", "2501.12345"), ("arXiv:2501.12345", "2501.12345"),
        ("https://arxiv.org/abs/2501.12345", "2501.12345"),
        ("https://arxiv.org/pdf/2501.12345v1.pdf", "2501.12345"),
        ("hep-th/9901001", "hep-th/9901001"), ("math.GT/0309136", "math.GT/0309136"),
        ("title-abc", None), ("12345", None), ("2501.12345x", None),
    ],
)
def test_text_arxiv_id_of(value: str, expected: str | None) -> None:
    assert arxiv_id_of(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-10-02T17:55:42.000Z", "2025-10-02"), ("2025-03-18", "2025-03-18"),
        ("2025-3-8", "2025-03-08"), ("Jun 19, 2024", "2024-06-19"),
        ("June 19 2024", "2024-06-19"), ("Sept 1, 2024", "2024-09-01"),
        ("yesterday", None), ("", None), ("2025/03/18", None),
    ],
)
def test_text_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13-01", "2023-02-29",
                                  "Feb 30, 2025", "0000-01-01"])
def test_text_parse_date_impossible_raises(text: str) -> None:
    with pytest.raises(BadDate):
        parse_date(text)
