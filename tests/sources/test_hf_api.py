"""Specification of the HF papers API reader (kg.sources.hf_api)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datapaths import GOLD, HF_DAILY
from kg.errors import InputError
from kg.records import Paper, Problem
from kg.sources import iter_papers, read_papers

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


@pytest.fixture(scope="module")
def hf_daily(shared_data: Path) -> dict[str, Paper]:
    problems: list[Problem] = []
    papers = read_papers([HF_DAILY], on_problem=problems.append)
    assert problems == []
    return {paper.id: paper for paper in papers}


def test_hf_api_daily_gives_9768_distinct_papers(hf_daily: dict[str, Paper]) -> None:
    assert len(hf_daily) == 9768


def test_hf_api_dev_gold_gives_80_papers(shared_data: Path) -> None:
    papers = list(iter_papers(GOLD / "hf_dev_papers.json"))
    assert len(papers) == 80
    assert all(p.arxiv_id and p.id == p.arxiv_id for p in papers)


def test_hf_api_paper_fields(hf_daily: dict[str, Paper]) -> None:
    raw = _raw_paper("2510.02283")
    paper = hf_daily["2510.02283"]
    assert paper.title == "Self-Forcing++: Towards Minute-Scale High-Quality Video " \
                          "Generation"
    assert paper.organization == "ByteDance Seed"
    assert paper.organization_handle == "ByteDance-Seed"
    assert paper.date == "2025-10-02"
    assert paper.upvotes == raw["upvotes"]
    assert paper.code == ["https://github.com/justincui03/Self-Forcing-Plus-Plus"]
    assert paper.url == "https://arxiv.org/abs/2510.02283"
    assert paper.authors == [a["name"] for a in raw["authors"]]
    assert paper.author_count == len(raw["authors"])


def test_hf_api_whitespace_is_collapsed_in_title_and_abstract(
        hf_daily: dict[str, Paper]) -> None:
    for paper in hf_daily.values():
        for text in (paper.title, paper.abstract):
            assert "\n" not in text and "  " not in text
            assert text == text.strip()


def test_hf_api_paper_on_two_days_keeps_highest_upvotes(
        hf_daily: dict[str, Paper]) -> None:
    paper = hf_daily["2604.07429"]
    assert paper.upvotes == 42
    assert paper.source == ";".join(
        str(HF_DAILY / f"2026-04-{day}.json") for day in ("10", "16"))


def _raw_paper(arxiv_id: str) -> dict:
    for path in sorted(HF_DAILY.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            if item["paper"]["id"] == arxiv_id:
                return item["paper"]
    raise AssertionError(arxiv_id)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"paper": {"id": "2501.00001", "title": "T", "summary": "S"}},
         ("2501.00001", "T", "S")),
        ({"id": "2501.00001", "title": "Bare", "summary": "S"},
         ("2501.00001", "Bare", "S")),
        ({"paper": {"id": "2501.00001", "summary": "S"}, "title": "Outer"},
         ("2501.00001", "Outer", "S")),
        ({"paper": json.dumps({"id": "2501.00002", "title": "Str"})},
         ("2501.00002", "Str", "")),
        ({"paper": {"title": "No Id", "summary": "S"}},
         (None, "No Id", "S")),
    ],
)
def test_hf_api_item_shapes(tmp_path: Path, item: dict, expected: tuple) -> None:
    path = tmp_path / "day.json"
    path.write_text(json.dumps([item]), encoding="utf-8")
    (paper,) = iter_papers(path)
    assert (paper.arxiv_id, paper.title, paper.abstract) == expected


def test_hf_api_organization_as_string(tmp_path: Path) -> None:
    path = tmp_path / "day.json"
    path.write_text(json.dumps([{"paper": {"title": "T", "organization": "Org"}}]))
    (paper,) = iter_papers(path)
    assert (paper.organization, paper.organization_handle) == ("Org", None)


def test_hf_api_empty_list_is_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "quiet-day.json"
    path.write_text("[]")
    problems: list[Problem] = []
    assert list(iter_papers(path, on_problem=problems.append)) == []
    assert problems == []


def test_hf_api_truncated_file_keeps_records_before_the_cut() -> None:
    problems: list[Problem] = []
    papers = list(iter_papers(HOSTILE / "truncated.json",
                              on_problem=problems.append))
    assert [p.title for p in papers] == ["Complete First"]
    (problem,) = problems
    assert problem.location == "line 11"
    assert "cut off or broken at record index 1" in problem.message


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("wrong_top_level_object.json", "expected a JSON list of papers, found an "
                                        "object"),
        ("wrong_top_level_string.json", "expected a JSON list of papers, found text"),
        ("empty.json", "file is empty"),
    ],
)
def test_hf_api_rejects_wrong_file(name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        list(iter_papers(HOSTILE / name))


def test_hf_api_broken_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"a":\n\n  oops}')
    with pytest.raises(InputError) as caught:
        list(iter_papers(path))
    assert caught.value.location == "line 3"
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "titles", "problem"),
    [
        ('[{"title": "A"}, {"title": "B"}]', ["A", "B"], None),
        ('[{"title": "A"} {"title": "B"}]', ["A"], "expected ',' or ']'"),
        ('[{"title": "A"},]', ["A"], "cut off or broken at record index 1"),
        ('[{"title": "A"}]\n[{"title": "B"}]', ["A"], "extra data after the end"),
        ('[{"title": "A"}, {"title": "B"', ["A"], "cut off or broken at record "
                                                  "index 1"),
    ],
)
def test_hf_api_list_decoding_keeps_what_precedes_damage(
        tmp_path: Path, text: str, titles: list[str], problem: str | None) -> None:
    path = tmp_path / "day.json"
    path.write_text(text)
    problems: list[Problem] = []
    assert [p.title for p in iter_papers(path, on_problem=problems.append)] == titles
    assert [problem in p.message for p in problems] == ([True] if problem else [])
