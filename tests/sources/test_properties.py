"""Properties: whatever bytes or JSON a reader is given, it returns papers or raises a
KGError subclass, never anything else; and every paper it returns is well formed."""

from __future__ import annotations

import contextlib
import gzip
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.records import Paper
from kg.sources import iter_papers, merge_papers, read_papers
from kg.sources.text import collapse_whitespace, title_id, title_key

SUFFIXES = [".txt", ".json", ".jsonl", ".csv", ".jsonl.gz"]
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(
        ["paper", "title", "summary", "abstract", "id", "authors", "date",
         "publishedAt", "upvotes", "organization", "githubRepo", "categories",
         "name", "fullname", "author_count", "url"]) | st.text(max_size=8),
        children, max_size=6),
    max_leaves=20,
)


def _read_file(name: str, data: bytes) -> list[Paper]:
    """Papers of one file holding ``data``, or [] when a KGError says it is bad."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(data)
        try:
            papers = read_papers([path], on_problem=lambda _: None)
        except KGError:
            return []
    for paper in papers:
        assert paper.title and paper.title == collapse_whitespace(paper.title)
        assert paper.abstract == collapse_whitespace(paper.abstract)
        assert isinstance(paper.id, str) and paper.id
    return papers


@pytest.mark.parametrize("suffix", SUFFIXES)
@FAST
@given(data=st.binary(max_size=400))
def test_properties_arbitrary_bytes_never_crash(suffix: str, data: bytes) -> None:
    _read_file(f"input{suffix}", data)


@FAST
@given(data=st.binary(max_size=400), cut=st.integers(min_value=0, max_value=60))
def test_properties_truncated_gzip_never_crashes(data: bytes, cut: int) -> None:
    compressed = gzip.compress(data)
    _read_file("input.jsonl.gz", compressed[: max(len(compressed) - cut, 0)])


@FAST
@given(value=json_values)
def test_properties_arbitrary_json_never_crashes(value: object) -> None:
    text = json.dumps(value)
    _read_file("input.json", text.encode())
    _read_file("input.json", json.dumps([value, value]).encode())
    _read_file("input.jsonl", f"{text}\n{text}\n".encode())


@FAST
@given(value=json_values)
def test_properties_strict_raises_only_kg_errors(value: object) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "input.json"
        path.write_text(json.dumps([value]))
        with contextlib.suppress(KGError):
            list(iter_papers(path, strict=True))


@FAST
@given(lines=st.lists(st.text(max_size=40), max_size=12))
def test_properties_arbitrary_text_page_and_csv_never_crash(lines: list[str]) -> None:
    text = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    _read_file("page.txt", text)
    _read_file("table.csv", b"title,abstract\n" + text)


@FAST
@given(titles=st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=8),
       ids=st.lists(st.sampled_from(["2501.00001", "2501.00002", None]),
                    min_size=8, max_size=8))
def test_properties_merge_never_duplicates_an_id(titles: list[str],
                                                 ids: list[str | None]) -> None:
    papers = [Paper(id=paper_id or title_id(title), title=title, arxiv_id=paper_id)
              for title, paper_id in zip(titles, ids, strict=False)]
    merged = merge_papers(papers, on_problem=lambda _: None)
    assert len({p.id for p in merged}) == len(merged)
    no_arxiv_keys = [title_key(p.title) for p in merged if p.arxiv_id is None]
    assert len(set(no_arxiv_keys)) == len(no_arxiv_keys)


PAGE_LINES = ["  • 3 authors", "·", "Apr 1 2", "Feb 30", "Jun 19, 2024",
              "org Org Name", "A Title", "An abstract paragraph.", "",
              "Daily Papers", "Dec 10"]


@FAST
@given(lines=st.lists(st.sampled_from(PAGE_LINES), max_size=20))
def test_properties_shuffled_page_lines_never_crash(lines: list[str]) -> None:
    """Pages made of real line shapes in any order: every title line that is not
    metadata becomes a paper or is reported, nothing raises but KGError."""
    _read_file("page.txt", "\n".join(lines).encode())
