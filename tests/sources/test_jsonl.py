"""Specification of the JSON Lines reader (kg.sources.jsonl), arXiv export shape."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest

from datapaths import ARXIV
from kg.errors import InputError
from kg.records import Paper, Problem
from kg.sources import iter_papers, read_papers

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def _first_lines(count: int) -> list[dict]:
    with gzip.open(ARXIV, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in itertools.islice(lines, count)]


@pytest.mark.parametrize("count", [1, 500])
def test_jsonl_arxiv_first_lines_become_papers(shared_data: Path, count: int) -> None:
    papers = list(itertools.islice(iter_papers(ARXIV), count))
    raw = _first_lines(count)
    assert len(papers) == count
    assert [p.id for p in papers] == [r["id"] for r in raw]
    for paper, record in zip(papers, raw, strict=True):
        assert paper.arxiv_id == record["id"]
        assert paper.url == record["abs"]
        assert paper.title == " ".join(record["title"].split())
        assert paper.abstract == " ".join(record["summary"].split())
        assert paper.date == record["listing_date"]
        assert paper.authors == record["authors"]
        assert paper.categories == record["categories"]


def test_jsonl_arxiv_first_paper(shared_data: Path) -> None:
    paper = next(iter_papers(ARXIV))
    assert paper.id == "2503.11731"
    assert paper.title.startswith("Industrial-Grade Sensor Simulation via Gaussian")
    assert paper.abstract.startswith("Sensor simulation is pivotal for scalable "
                                     "validation of autonomous driving systems, yet")
    assert (paper.date, paper.author_count) == ("2025-03-18", 16)


@pytest.mark.slow
def test_jsonl_arxiv_reads_all_74671(shared_data: Path) -> None:
    problems: list[Problem] = []
    papers = read_papers([ARXIV], on_problem=problems.append)
    assert len(papers) == 74671
    assert problems == []


@pytest.mark.parametrize(
    ("record", "date"),
    [
        ({"title": "T", "published": "2025-03-02T10:00:00Z",
          "listing_date": "2025-03-05"}, "2025-03-02"),
        ({"title": "T", "listing_date": "2025-03-05"}, "2025-03-05"),
        ({"title": "T", "date": "Jun 19, 2024"}, "2024-06-19"),
        ({"title": "T"}, None),
    ],
)
def test_jsonl_date_preference(tmp_path: Path, record: dict, date: str | None
                               ) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (paper,) = iter_papers(path)
    assert paper.date == date


@pytest.mark.parametrize(
    ("given", "paper_id", "arxiv_id"),
    [
        ("2501.12345", "2501.12345", "2501.12345"),
        ("2501.12345v3", "2501.12345", "2501.12345"),
        ("arXiv:2501.12345", "2501.12345", "2501.12345"),
        ("https://arxiv.org/abs/2501.12345v2", "2501.12345", "2501.12345"),
        ("cs/0112017", "cs/0112017", "cs/0112017"),
        ("hfd-2501.12345", "hfd-2501.12345", None),
    ],
)
def test_jsonl_id_is_arxiv_id_where_known(tmp_path: Path, given: str, paper_id: str,
                                          arxiv_id: str | None) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": given, "title": "T"}) + "\n")
    (paper,) = iter_papers(path)
    assert (paper.id, paper.arxiv_id) == (paper_id, arxiv_id)


def test_jsonl_broken_lines_are_skipped_good_lines_kept() -> None:
    problems: list[Problem] = []
    papers = list(iter_papers(HOSTILE / "broken_lines.jsonl",
                              on_problem=problems.append))
    assert [p.title for p in papers] == ["Good Before", "Good After"]
    assert [p.location for p in problems] == ["line 2", "line 3", "line 6"]
    assert all(p.path == str(HOSTILE / "broken_lines.jsonl") for p in problems)


def test_jsonl_truncated_gz_yields_lines_before_the_cut_then_raises() -> None:
    papers: list[Paper] = []
    with pytest.raises(InputError, match="truncated or corrupt") as caught:
        papers.extend(iter_papers(HOSTILE / "truncated.jsonl.gz"))
    assert papers and papers[0].title == "Gzipped Paper 0"
    assert caught.value.location == f"line {len(papers) + 1}"


def test_jsonl_fake_gz_is_rejected() -> None:
    with pytest.raises(InputError, match="not gzip-compressed"):
        list(iter_papers(HOSTILE / "fake.jsonl.gz"))


def test_jsonl_gzip_recognised_by_content(tmp_path: Path) -> None:
    path = tmp_path / "really-gzipped.jsonl"
    path.write_bytes(gzip.compress(b'{"title": "Zipped"}\n'))
    assert [p.title for p in iter_papers(path)] == ["Zipped"]


def test_jsonl_without_any_json_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text("hello\nworld\n")
    problems: list[Problem] = []
    with pytest.raises(InputError, match="no JSON record"):
        list(iter_papers(path, on_problem=problems.append))
    assert [p.location for p in problems] == ["line 1", "line 2"]


def test_jsonl_two_megabyte_abstract_is_kept(tmp_path: Path) -> None:
    abstract = "word " * 400_000 + "end"
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"title": "Huge", "abstract": abstract}) + "\n")
    (paper,) = iter_papers(path)
    assert len(paper.abstract) == len(abstract) > 2_000_000
