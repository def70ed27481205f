"""Specification of the Daily Papers page reader (kg.sources.seed_page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from datapaths import SEED_PAGE
from kg.errors import InputError
from kg.records import Paper, Problem
from kg.sources import iter_papers
from kg.sources.seed_page import classify, parse_date_line, split_organization
from kg.sources.text import BadDate, title_id

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


@pytest.fixture(scope="module")
def seed_papers(shared_data: Path) -> dict[str, Paper]:
    problems: list[Problem] = []
    papers = list(iter_papers(SEED_PAGE, on_problem=problems.append))
    assert problems == []
    return {paper.title: paper for paper in papers}


def test_seed_page_gives_70_papers(seed_papers: dict[str, Paper]) -> None:
    assert len(seed_papers) == 70


@pytest.mark.parametrize(
    ("title_start", "date", "upvotes", "author_count", "organization", "handle"),
    [
        ("Strategize Globally, Adapt Locally", "2025-04-01", 1, 6, None, None),
        ("Can LLMs Reason in the Wild with Programs?", "2024-06-19", None, 5,
         None, None),
        ("Information Gain-based Policy Optimization", "2025-10-16", 2, None,
         "Ant Group", "antgroup"),
        ("Training-Free Group Relative Policy Optimization", "2025-10-09", 2, None,
         "Tencent", "tencent"),
        ("DeepSearch: Overcome the Bottleneck", "2025-09-29", 3, None,
         "Stanford NLP", "stanfordnlp"),
        ("Direct Nash Optimization", "2024-04-04", 1, 6, None, None),
        ("Open-Ended Learning Leads to Generally Capable Agents", "2021-07-27",
         None, 18, None, None),
        ("Stochastic Policy Gradient Methods", "2023-02-03", None, 4, None, None),
    ],
)
def test_seed_page_metadata_of_paper(
    seed_papers: dict[str, Paper], title_start: str, date: str,
    upvotes: int | None, author_count: int | None, organization: str | None,
    handle: str | None,
) -> None:
    (paper,) = [p for t, p in seed_papers.items() if t.startswith(title_start)]
    assert (paper.date, paper.upvotes, paper.author_count) == (
        date, upvotes, author_count)
    assert (paper.organization, paper.organization_handle) == (organization, handle)


def test_seed_page_five_papers_have_no_metadata(
        seed_papers: dict[str, Paper]) -> None:
    bare = [p.title for p in seed_papers.values()
            if p.date is None and p.author_count is None and p.organization is None]
    assert len(bare) == 5
    assert "Scaling Agent Learning via Experience Synthesis" in bare
    assert all(seed_papers[t].upvotes is None for t in bare)


def test_seed_page_organization_papers_have_no_author_count(
        seed_papers: dict[str, Paper]) -> None:
    with_org = [p for p in seed_papers.values() if p.organization]
    assert with_org
    assert all(p.author_count is None for p in with_org)


def test_seed_page_header_is_not_a_paper(seed_papers: dict[str, Paper]) -> None:
    header = {"new", "Subscribe", "Daily Papers", "Dec 10",
              "Get trending papers in your email inbox!",
              "byAK and the research community"}
    assert header.isdisjoint(seed_papers)
    first = next(iter(seed_papers))
    assert first.startswith("Strategize Globally")


def test_seed_page_every_paper_has_an_abstract_and_title_id(
        seed_papers: dict[str, Paper]) -> None:
    for title, paper in seed_papers.items():
        assert len(paper.abstract) > 500, title
        assert paper.id == title_id(title)
        assert paper.arxiv_id is None
        assert paper.source == str(SEED_PAGE)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("  • 6 authors", "authors"),
        ("  • 1 author", "authors"),
        ("·", "dot"),
        ("Apr 1 1", "date"),
        ("Jun 19, 2024", "date"),
        ("Apr 4, 2024 1", "date"),
        ("antgroup Ant Group", "text"),
        ("Apr is a month", "text"),
        ("Can LLMs Reason in the Wild with Programs?", "text"),
    ],
)
def test_seed_page_classify_line(line: str, kind: str) -> None:
    assert classify(1, line).kind == kind


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Apr 1 1", ("2025-04-01", 1)),
        ("Oct 16 2", ("2025-10-16", 2)),
        ("Jun 19, 2024", ("2024-06-19", None)),
        ("Apr 4, 2024 1", ("2024-04-04", 1)),
        ("Aug 6", ("2025-08-06", None)),
    ],
)
def test_seed_page_parse_date_line(line: str, expected: tuple) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize("line", ["Feb 30", "Feb 29, 2023", "Jun 31 4"])
def test_seed_page_impossible_date_raises_bad_date(line: str) -> None:
    with pytest.raises(BadDate):
        parse_date_line(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("antgroup Ant Group", ("Ant Group", "antgroup")),
        ("ByteDance-Seed ByteDance Seed", ("ByteDance Seed", "ByteDance-Seed")),
        ("tencent Tencent", ("Tencent", "tencent")),
        ("solo", ("solo", "solo")),
    ],
)
def test_seed_page_split_organization(line: str, expected: tuple) -> None:
    assert split_organization(line) == expected


def test_seed_page_cut_mid_record_keeps_papers_and_reports() -> None:
    problems: list[Problem] = []
    papers = list(iter_papers(HOSTILE / "cut_page.txt", on_problem=problems.append))
    assert [p.title for p in papers] == [
        "First Complete Paper", "Second Paper With Organization",
        "Third Paper Cut Off"]
    assert (papers[0].date, papers[0].upvotes, papers[0].author_count) == (
        "2025-03-03", 4, 3)
    assert (papers[1].organization, papers[1].date) == ("Example Org", None)
    assert (papers[2].author_count, papers[2].date) == (2, None)
    assert [(p.location, p.message.split(";")[0]) for p in problems] == [
        ("line 21", "2025-02-30 is not a calendar date (day is out of range for "
                    "month)"),
        ("line 23", "page ends inside the metadata block (no date line)"),
    ]


def test_seed_page_cut_after_title_keeps_title() -> None:
    problems: list[Problem] = []
    papers = list(iter_papers(HOSTILE / "cut_after_title.txt",
                              on_problem=problems.append))
    assert [p.title for p in papers][-1] == "A Lonely Title"
    assert papers[-1].abstract == ""
    assert [p.location for p in problems] == ["line 15"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("prose.txt", "does not look like a Daily Papers page"),
        ("binary.txt", "holds NUL bytes"),
        ("empty.txt", "file is empty"),
    ],
)
def test_seed_page_rejects_what_is_not_a_page(name: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        list(iter_papers(HOSTILE / name))
    assert caught.value.path == str(HOSTILE / name)


def test_seed_page_strict_raises_at_first_bad_record() -> None:
    with pytest.raises(InputError, match="line 21: 2025-02-30"):
        list(iter_papers(HOSTILE / "cut_page.txt", strict=True))
