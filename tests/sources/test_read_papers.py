"""Specification of read_papers: inputs mixed freely, bad inputs never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from datapaths import GOLD, SEED_PAGE
from kg.errors import InputError, NothingReadError
from kg.records import Problem
from kg.sources import iter_papers, read_papers
from kg.sources.detect import files_below, kind_of

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("page.txt", ".txt"), ("day.json", ".json"), ("x.jsonl", ".jsonl"),
        ("x.jsonl.gz", ".jsonl"), ("X.JSONL.GZ", ".jsonl"), ("t.csv", ".csv"),
        ("t.csv.gz", ".csv"), ("paper.pdf", None), ("archive.gz", None),
        ("README", None),
    ],
)
def test_read_papers_kind_by_extension(name: str, kind: str | None) -> None:
    assert kind_of(Path(name)) == kind


def test_read_papers_mixed_inputs(shared_data: Path, tmp_path: Path) -> None:
    table = tmp_path / "extra.csv"
    table.write_text("title,abstract\nA Table Paper,From a CSV.\n")
    papers = read_papers([SEED_PAGE, GOLD / "hf_dev_papers.json", table])
    assert len(papers) == 70 + 80 + 1
    assert papers[-1].source == str(table)


def test_read_papers_directory_is_sorted_and_skips_other_files(tmp_path: Path
                                                               ) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "2.jsonl").write_text('{"title": "Two"}\n')
    (tmp_path / "a.jsonl").write_text('{"title": "One"}\n')
    (tmp_path / ".hidden" / "x.jsonl").write_text('{"title": "Hidden"}\n')
    (tmp_path / "notes.md").write_text("not an input")
    assert [p.name for p in files_below(tmp_path)] == ["a.jsonl", "2.jsonl"]
    assert [p.title for p in read_papers([tmp_path])] == ["One", "Two"]


def test_read_papers_bad_file_among_good_is_reported(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"title": "Kept"}\n')
    missing = tmp_path / "missing.jsonl"
    problems: list[Problem] = []
    papers = read_papers([missing, HOSTILE / "empty.json", good],
                         on_problem=problems.append)
    assert [p.title for p in papers] == ["Kept"]
    assert [(p.path, p.message) for p in problems] == [
        (str(missing), "no such file"),
        (str(HOSTILE / "empty.json"), "file is empty"),
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("does-not-exist.jsonl", "no such file"),
        ("empty.jsonl", "file is empty"),
        ("truncated.jsonl.gz", None),
        ("fake.jsonl.gz", "not gzip-compressed"),
        ("wrong_top_level_object.json", "expected a JSON list"),
        ("missing_columns.csv", "lacks 'title'"),
        ("prose.txt", "does not look like a Daily Papers page"),
        ("binary.txt", "holds NUL bytes"),
    ],
)
def test_read_papers_single_unusable_input_raises_naming_it(
        name: str, message: str | None) -> None:
    path = HOSTILE / name
    if message is None:  # a truncated .gz still gives the papers before the cut
        assert read_papers([path], on_problem=lambda _: None)
        return
    with pytest.raises(NothingReadError, match=message) as caught:
        read_papers([path], on_problem=lambda _: None)
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value)


def test_read_papers_nothing_from_several_inputs_names_them_all() -> None:
    paths = [HOSTILE / "empty.txt", HOSTILE / "prose.txt"]
    with pytest.raises(NothingReadError) as caught:
        read_papers(paths, on_problem=lambda _: None)
    assert all(str(path) in str(caught.value) for path in paths)


def test_read_papers_directory_without_inputs(tmp_path: Path) -> None:
    problems: list[Problem] = []
    with pytest.raises(NothingReadError):
        read_papers([tmp_path], on_problem=problems.append)
    assert "no supported input" in problems[0].message


def test_read_papers_unsupported_kind_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(NothingReadError, match="unsupported input kind"):
        read_papers([path], on_problem=lambda _: None)


@pytest.mark.parametrize(
    "name",
    ["broken_lines.jsonl", "null_titles.json", "ragged_rows.csv", "cut_page.txt",
     "does-not-exist.jsonl", "non_utf8.jsonl"],
)
def test_read_papers_strict_raises_at_first_problem(name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_papers([HOSTILE / name], strict=True)
    assert caught.value.path == str(HOSTILE / name)


def test_read_papers_problems_go_to_the_log_by_default(
        caplog: pytest.LogCaptureFixture) -> None:
    read_papers([HOSTILE / "broken_lines.jsonl"])
    assert "broken_lines.jsonl:line 2: not valid JSON" in caplog.text


class _RecordingReporter:
    """Stands in for kg.progress.Reporter: records the bars it is asked for."""

    def __init__(self) -> None:
        self.bars: list[tuple[str, int | None, str]] = []
        self.advanced = 0

    def bar(self, description: str, total: int | None, unit: str = "papers"):
        from contextlib import contextmanager

        @contextmanager
        def bar():
            self.bars.append((description, total, unit))

            def advance(n: int = 1) -> None:
                self.advanced += n

            yield advance

        return bar()


def test_read_papers_progress_per_file(tmp_path: Path) -> None:
    for day in ("1", "2", "3"):
        (tmp_path / f"{day}.json").write_text(json.dumps([{"title": day}]))
    reporter = _RecordingReporter()
    read_papers([tmp_path], progress=reporter)  # type: ignore[arg-type]
    assert reporter.bars == [("Reading inputs", 3, "files")]
    assert reporter.advanced == 3


def test_read_papers_progress_per_paper_for_one_file(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"title": f"P{i}"}) + "\n"
                            for i in range(2500)))
    reporter = _RecordingReporter()
    read_papers([path], progress=reporter)  # type: ignore[arg-type]
    assert reporter.bars == [("Reading many.jsonl", None, "papers")]
    assert reporter.advanced == 2500


def test_read_papers_iter_papers_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        list(iter_papers(tmp_path))
