"""Specification of the CSV reader (kg.sources.csv_table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.records import Problem
from kg.sources import iter_papers

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def _read(path: Path) -> tuple[list, list[Problem]]:
    problems: list[Problem] = []
    return list(iter_papers(path, on_problem=problems.append)), problems


def test_csv_table_quoted_newlines_stay_in_one_record() -> None:
    papers, problems = _read(HOSTILE / "quoted_newlines.csv")
    assert problems == []
    assert [(p.title, p.abstract, p.authors) for p in papers] == [
        ("A Title Wrapped", 'An abstract over two lines, with "quotes"', ["A", "B"]),
        ("Second Title", "plain", ["C"]),
    ]


def test_csv_table_ragged_rows_are_kept_and_reported() -> None:
    papers, problems = _read(HOSTILE / "ragged_rows.csv")
    assert [(p.title, p.date) for p in papers] == [
        ("Three Cells", "2025-01-02"), ("Two Cells", None),
        ("Four Cells", "2025-01-03")]
    assert [(p.location, p.message.split(";")[0]) for p in problems] == [
        ("line 3", "row has 2 cells but the header has 3"),
        ("line 4", "row has 4 cells but the header has 3"),
        ("line 5", "no title (a paper needs one)"),
    ]


def test_csv_table_missing_columns_reject_the_file() -> None:
    with pytest.raises(InputError, match="lacks 'title' and 'abstract'") as caught:
        list(iter_papers(HOSTILE / "missing_columns.csv"))
    assert caught.value.path == str(HOSTILE / "missing_columns.csv")


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        ("Title,Summary", "T,S", ("T", "S", None)),
        ("title,abstract,id,upvotes", "T,S,2501.00001,7", ("T", "S", 7)),
        (" TITLE , ABSTRACT ", "T,S", ("T", "S", None)),
    ],
)
def test_csv_table_header_names_match_case_insensitively(
        tmp_path: Path, header: str, row: str, expected: tuple) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"{header}\n{row}\n")
    (paper,) = iter_papers(path)
    assert (paper.title, paper.abstract, paper.upvotes) == expected


def test_csv_table_two_megabyte_abstract_is_kept(tmp_path: Path) -> None:
    abstract = "x" * 2_100_000
    path = tmp_path / "big.csv"
    path.write_text(f'title,abstract\nBig,"{abstract}"\n')
    (paper,) = iter_papers(path)
    assert len(paper.abstract) == 2_100_000


def test_csv_table_bom_is_not_part_of_the_header() -> None:
    papers, problems = _read(HOSTILE / "bom.csv")
    assert [p.title for p in papers] == ["Behind A BOM In CSV"]
    assert problems == []
