"""Specification of merging (kg.sources.merge): one paper per real paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from datapaths import HF_DAILY, SEED_PAGE
from kg.records import Paper, Problem
from kg.sources import merge_papers, read_papers
from kg.sources.text import title_id

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def _paper(paper_id: str, title: str, source: str, **fields) -> Paper:
    arxiv = paper_id if paper_id[:1].isdigit() else None
    return Paper(id=paper_id, title=title, source=source, arxiv_id=arxiv, **fields)


@pytest.mark.parametrize(
    ("records", "expected_ids"),
    [
        # same id -> one paper
        ([_paper("2501.1", "A", "a"), _paper("2501.1", "A", "b")], ["2501.1"]),
        # no arXiv id + same title as an arXiv paper -> joins it (either order)
        ([_paper("2501.1", "A Title", "a"), _paper(title_id("a title"), "a  title",
                                                   "b")], ["2501.1"]),
        ([_paper(title_id("A"), "A", "a"), _paper("2501.1", "A", "b")], ["2501.1"]),
        # two different arXiv ids with the same title stay two papers
        ([_paper("2501.1", "A", "a"), _paper("2501.2", "A", "b")],
         ["2501.1", "2501.2"]),
        # different titles, different ids: kept apart, in first-appearance order
        ([_paper("2501.2", "B", "a"), _paper("2501.1", "A", "a")],
         ["2501.2", "2501.1"]),
    ],
)
def test_merge_identity_rules(records: list[Paper], expected_ids: list[str]) -> None:
    assert [p.id for p in merge_papers(records)] == expected_ids


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ({"upvotes": 3}, {"upvotes": 9}, {"upvotes": 9}),
        ({"upvotes": 9}, {"upvotes": None}, {"upvotes": 9}),
        ({"date": "2025-02-01"}, {"date": "2025-01-01"}, {"date": "2025-01-01"}),
        ({"date": None}, {"date": "2025-01-01"}, {"date": "2025-01-01"}),
        ({"abstract": ""}, {"abstract": "later"}, {"abstract": "later"}),
        ({"abstract": "first"}, {"abstract": "later"}, {"abstract": "first"}),
        ({"organization": None}, {"organization": "Org"}, {"organization": "Org"}),
        ({"author_count": 6}, {"authors": ["A", "B"]},
         {"author_count": 6, "authors": ["A", "B"]}),
    ],
)
def test_merge_field_rules(first: dict, second: dict, expected: dict) -> None:
    (merged,) = merge_papers([_paper("2501.1", "T", "a.json", **first),
                              _paper("2501.1", "T", "b.json", **second)])
    assert {key: getattr(merged, key) for key in expected} == expected
    assert merged.source == "a.json;b.json"


def test_merge_does_not_modify_its_inputs() -> None:
    first = _paper("2501.1", "T", "a", upvotes=1)
    merge_papers([first, _paper("2501.1", "T", "b", upvotes=5)])
    assert (first.upvotes, first.source) == (1, "a")


def test_merge_conflicting_title_is_reported() -> None:
    problems: list[Problem] = []
    papers = read_papers([HOSTILE / "duplicate_ids.jsonl"],
                         on_problem=problems.append)
    (paper,) = papers
    assert (paper.id, paper.title) == ("2501.00070", "Same Paper")
    assert (paper.upvotes, paper.date, paper.abstract) == (
        9, "2025-01-03", "filled later")
    (problem,) = problems
    assert "'A Different Title' differs from 'Same Paper'" in problem.message
    assert problem.path == str(HOSTILE / "duplicate_ids.jsonl")


def test_merge_seed_papers_in_hf_daily_carry_the_arxiv_id(shared_data: Path) -> None:
    seed_only = read_papers([SEED_PAGE])
    hf_only = read_papers([HF_DAILY])
    both = read_papers([SEED_PAGE, HF_DAILY])
    assert len(both) == len(seed_only) + len(hf_only) - 14
    joined = [p for p in both if str(SEED_PAGE) in p.source and ";" in p.source]
    assert len(joined) == 14
    assert all(p.arxiv_id and p.id == p.arxiv_id for p in joined)
    info_gain = next(p for p in joined if p.title.startswith("Information Gain"))
    assert (info_gain.id, info_gain.organization, info_gain.date) == (
        "2510.14967", "Ant Group", "2025-10-16")


def test_merge_order_is_first_appearance(shared_data: Path) -> None:
    both = [p.title for p in read_papers([SEED_PAGE, HF_DAILY])]
    assert both[:70] == [p.title for p in read_papers([SEED_PAGE])]
    assert both == [p.title for p in read_papers([SEED_PAGE, HF_DAILY])]
