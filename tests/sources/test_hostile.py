"""The hostile corpus (tests/data/hostile): for each file, what is kept and what is
reported.  A reported problem always names the file and, for a record, its line
(text formats) or index (JSON lists)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.records import Paper, Problem
from kg.sources import iter_papers, read_papers

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def _read(name: str) -> tuple[list[Paper], list[Problem]]:
    problems: list[Problem] = []
    papers = list(iter_papers(HOSTILE / name, on_problem=problems.append))
    assert all(p.path == str(HOSTILE / name) for p in problems)
    return papers, problems


# file -> (titles kept, (location, start of message) of each problem)
KEPT_AND_REPORTED = [
    ("null_titles.json", ["Kept Between Nulls"], [
        ("index 0", "no title"), ("index 2", "no title"),
        ("index 3", "title is empty"), ("index 4", "expected a paper object, found "
                                                   "null"),
        ("index 5", "expected a paper object, found a number")]),
    ("wrong_value_types.jsonl", ["Authors Are A Number", "Upvotes Are Words",
                                 "Organization Is A List", "Date Is A Number",
                                 "Abstract Is An Object"], [
        ("line 1", "'authors' is a number"), ("line 2", "'upvotes' 'many'"),
        ("line 3", "'organization' is a list"), ("line 4", "title is a number"),
        ("line 5", "'date' is a number"), ("line 6", "'abstract' is an object")]),
    ("impossible_dates.jsonl", ["February Thirtieth", "Month Thirteen", "Yesterday",
                                "A Fine Date"], [
        ("line 1", "'date': 2025-02-30 is not a calendar date"),
        ("line 2", "'published': 2025-13-01 is not a calendar date"),
        ("line 3", "'listing_date' 'yesterday' is not a date")]),
    ("broken_lines.jsonl", ["Good Before", "Good After"], [
        ("line 2", "not valid JSON"), ("line 3", "not valid JSON"),
        ("line 6", "expected a paper object, found a list")]),
    ("non_utf8.jsonl", ["Clean Line", "Latin-1 Caf\ufffd", "Clean After"], [
        ("line 2", "not valid UTF-8 (byte 0xe9 at column 43)")]),
    ("non_utf8.json", ["Latin-1 na\ufffdve title"], [
        ("line 1", "not valid UTF-8 (byte 0xef)")]),
    ("non_utf8_page.txt", ["First Complete Paper"], [
        ("line 9", "not valid UTF-8 (byte 0xe8)")]),
    ("paper_as_string.json", ["JSON In A String", "Python Literal In A String"], [
        ("index 2", "'paper' is text, expected an object")]),
    ("truncated.json", ["Complete First"], [
        ("line 11", "JSON list is cut off or broken at record index 1")]),
    ("ragged_rows.csv", ["Three Cells", "Two Cells", "Four Cells"], [
        ("line 3", "row has 2 cells"), ("line 4", "row has 4 cells"),
        ("line 5", "no title")]),
    ("bom.jsonl", ["Behind A BOM"], []),
    ("bom.json", ["Behind A BOM In JSON"], []),
    ("bom.csv", ["Behind A BOM In CSV"], []),
    ("bom_page.txt", ["First Complete Paper"], []),
    ("missing_abstracts.jsonl", ["No Abstract Key", "Null Abstract",
                                 "Empty Summary"], []),
    ("quoted_newlines.csv", ["A Title Wrapped", "Second Title"], []),
]


@pytest.mark.parametrize(("name", "titles", "reported"), KEPT_AND_REPORTED)
def test_hostile_file_keeps_good_records_and_reports_bad(
        name: str, titles: list[str], reported: list[tuple[str, str]]) -> None:
    papers, problems = _read(name)
    assert [p.title for p in papers] == titles
    assert len(problems) == len(reported)
    for problem, (location, message) in zip(problems, reported, strict=True):
        assert problem.location == location
        assert problem.message.startswith(message), problem.message


UNREADABLE = [
    ("empty.txt", "file is empty"), ("empty.json", "file is empty"),
    ("empty.jsonl", "file is empty"), ("empty.csv", "file is empty"),
    ("wrong_top_level_object.json", "expected a JSON list of papers"),
    ("wrong_top_level_string.json", "expected a JSON list of papers"),
    ("fake.jsonl.gz", "named .gz but is not gzip-compressed"),
    ("missing_columns.csv", "CSV header lacks 'title' and 'abstract'"),
    ("prose.txt", "does not look like a Daily Papers page"),
    ("binary.txt", "holds NUL bytes"),
]


@pytest.mark.parametrize(("name", "message"), UNREADABLE)
def test_hostile_unreadable_file_is_one_problem_naming_it(name: str, message: str
                                                          ) -> None:
    with pytest.raises(InputError, match=message) as caught:
        list(iter_papers(HOSTILE / name))
    assert caught.value.path == str(HOSTILE / name)
    assert str(caught.value).startswith(str(HOSTILE / name))


def test_hostile_unreadable_files_among_others_are_reported_not_raised() -> None:
    problems: list[Problem] = []
    names = [name for name, _ in UNREADABLE] + ["bom.jsonl"]
    papers = read_papers([HOSTILE / n for n in names], on_problem=problems.append)
    assert [p.title for p in papers] == ["Behind A BOM"]
    assert [Path(p.path).name for p in problems] == [n for n, _ in UNREADABLE]


@pytest.mark.parametrize(
    ("paper_id", "title"),
    [
        ("u1", "ＧＲＰＯ： Fullwidth Title"),
        ("u2", "Zero\u200bWidth\u200dJoiner"),
        ("u3", "RTL \u202eedirrevo\u202c override"),
        ("u4", "Combining Cafe\u0301 Marks"),
        ("u5", "Control\u0007Bell\u0000Nul"),
        ("u6", "Emoji 🚀 Rockets 👩\u200d🔬"),
    ],
)
def test_hostile_unicode_is_kept_as_written(paper_id: str, title: str) -> None:
    papers, problems = _read("unicode.jsonl")
    assert problems == []
    assert {p.id: p.title for p in papers}[paper_id] == title


@pytest.mark.parametrize(
    ("paper_id", "title"),
    [
        ('inj-1"}) DETACH DELETE n //', "'}) MATCH (n) DETACH DELETE n //"),
        ("<script>alert(1)</script>", "<b>Bold</b> &amp; <script>alert('x')</script>"),
        ("2501.00080", "Robert'); DROP TABLE papers;--"),
    ],
)
def test_hostile_injection_strings_are_plain_text(paper_id: str, title: str) -> None:
    papers, _ = _read("injection.jsonl")
    assert {p.id: p.title for p in papers}[paper_id] == title


def test_hostile_strings_where_lists_belong() -> None:
    (paper,), problems = _read("strings_for_lists.jsonl")
    assert problems == []
    assert paper.authors == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert paper.author_count == 3
    assert (paper.organization, paper.organization_handle) == (
        "Analytical Engines Ltd", None)
    assert paper.categories == ["cs.CL", "cs.AI"]


def test_hostile_missing_abstracts_are_empty_strings() -> None:
    papers, _ = _read("missing_abstracts.jsonl")
    assert [p.abstract for p in papers] == ["", "", ""]


@pytest.fixture
def two_megabyte_abstract(tmp_path: Path) -> Path:
    """Generated, not committed: one record whose abstract is 2 MB of text."""
    path = tmp_path / "huge.json"
    abstract = "Large language models " * 100_000
    path.write_text(json.dumps([{"paper": {"id": "2501.99999", "title": "Huge",
                                           "summary": abstract}}]))
    return path


def test_hostile_two_megabyte_abstract_is_kept(two_megabyte_abstract: Path) -> None:
    (paper,) = iter_papers(two_megabyte_abstract)
    assert len(paper.abstract) == len("Large language models " * 100_000) - 1
