"""One paper per real paper: records from any inputs merge by id and by title.

Rules (interface.md): records with the same id are one paper (a differing title is
reported and the first kept); a record without an arXiv id also joins a paper of
the same normalised title, so the seed page's copy of an HF paper becomes that
paper and takes its arXiv id.  Where merged records disagree the highest upvote
count and the earliest date win; other empty fields are filled from later records.
Papers keep the order in which they first appeared.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from kg.records import Paper, Problem
from kg.sources.problems import ProblemCallback, log_problem
from kg.sources.text import title_key

# Fields that a later record fills only when the merged paper has no value yet.
_FILLED = ("abstract", "authors", "author_count", "organization",
           "organization_handle", "code", "categories", "url")


class PaperMerger:
    """Accumulates papers, merging each new record into the paper it is."""

    def __init__(self, on_problem: ProblemCallback | None = None) -> None:
        self.on_problem = on_problem or log_problem
        self.papers: list[Paper] = []
        self._by_id: dict[str, int] = {}
        self._by_title: dict[str, int] = {}
        self._copied: set[int] = set()  # merged papers are copies, inputs untouched

    def add(self, paper: Paper) -> None:
        """Merge one record: into the paper it is, or as a new paper at the end."""
        key = title_key(paper.title)
        index = self._find(paper, key)
        if index is None:
            index = len(self.papers)
            self.papers.append(paper)
        else:
            self._combine(index, paper, key)
        self._by_id.setdefault(self.papers[index].id, index)
        self._by_id.setdefault(paper.id, index)
        self._by_title.setdefault(key, index)

    def _find(self, paper: Paper, key: str) -> int | None:
        """The paper this record is: same id, else same title unless both have
        (different) arXiv ids."""
        index = self._by_id.get(paper.id)
        if index is not None:
            return index
        index = self._by_title.get(key)
        if index is None:
            return None
        if paper.arxiv_id is not None and self.papers[index].arxiv_id is not None:
            return None
        return index

    def _combine(self, index: int, other: Paper, key: str) -> None:
        """Fold ``other`` into paper ``index``, copying that paper on first write."""
        if index not in self._copied:
            self.papers[index] = dataclasses.replace(
                self.papers[index], authors=list(self.papers[index].authors),
                code=list(self.papers[index].code),
                categories=list(self.papers[index].categories))
            self._copied.add(index)
        merged = self.papers[index]
        if title_key(merged.title) != key:
            self._report_title_conflict(merged, other)
        combine_into(merged, other)

    def _report_title_conflict(self, merged: Paper, other: Paper) -> None:
        self.on_problem(Problem(
            other.source, f"paper {other.id}",
            f"title {other.title[:80]!r} differs from {merged.title[:80]!r} "
            f"(from {merged.source}) for the same paper id; keeping the first"))


def combine_into(merged: Paper, other: Paper) -> None:
    """Fold ``other`` into ``merged`` (which is modified) by the merging rules."""
    if merged.arxiv_id is None and other.arxiv_id is not None:
        merged.id, merged.arxiv_id = other.id, other.arxiv_id
        merged.url = merged.url or other.url
    if other.upvotes is not None:
        merged.upvotes = max(merged.upvotes or 0, other.upvotes)
    if other.date is not None and (merged.date is None or other.date < merged.date):
        merged.date = other.date
    for name in _FILLED:
        if not getattr(merged, name) and getattr(other, name):
            value = getattr(other, name)
            setattr(merged, name, list(value) if isinstance(value, list) else value)
    merged.source = join_sources(merged.source, other.source)


def join_sources(first: str, second: str) -> str:
    """"a.json;b.txt": each input file once, in order of first appearance."""
    parts = [part for part in first.split(";") if part]
    parts += [part for part in second.split(";") if part and part not in parts]
    return ";".join(parts)


def merge_papers(papers: Iterable[Paper], *,
                 on_problem: ProblemCallback | None = None) -> list[Paper]:
    """Merge records of the same paper (see module doc); order of first appearance.

    >>> a = Paper(id="2501.00001", title="X", upvotes=3, source="a.json")
    >>> b = Paper(id="title-1", title="x", upvotes=5, date="2025-01-02", source="b.txt")
    >>> [(p.id, p.upvotes, p.source) for p in merge_papers([a, b])]
    [('2501.00001', 5, 'a.json;b.txt')]
    """
    merger = PaperMerger(on_problem)
    for paper in papers:
        merger.add(paper)
    return merger.papers
