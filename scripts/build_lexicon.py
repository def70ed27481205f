"""Mine the corpus lexicon (kg/extract/data/lexicon.jsonl) from abstracts.

Runs the strong cues of :mod:`kg.extract.lexicon` over every paper of CORPUS (any
input ``kg.sources`` reads: files or directories of arXiv JSONL(.gz), HF API
responses, CSV, the seed page), each paper once (by arXiv id, else by id), and
writes the names that several papers type the same way, with their evidence
counts. The same corpus gives a byte-identical file: rows are sorted and the
header holds no date or path, only the inputs' names, paper count, thresholds and
the sources' licences.

``--exclude FILE...`` leaves out the papers of FILE (matched by arXiv id and by
title), e.g. the gold papers, to measure what a lexicon that never saw them gives.

Usage: python scripts/build_lexicon.py CORPUS... [-o kg/extract/data/lexicon.jsonl]
       [--exclude FILE...] [--min-papers 3] [--min-agreement 0.8]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.errors import KGError  # noqa: E402
from kg.extract.lexicon import LexiconBuilder, Thresholds  # noqa: E402
from kg.extract.text import join_paper_text  # noqa: E402
from kg.records import Paper  # noqa: E402
from kg.sources import iter_papers, read_papers  # noqa: E402
from kg.sources.detect import expand_inputs  # noqa: E402
from kg.sources.problems import ProblemSink  # noqa: E402
from kg.sources.text import title_key  # noqa: E402

# Licences of the corpora the project ships with, by input name; any other input
# is named as the user's own.
LICENCES = {
    "arxiv_cs": "arXiv cs.* metadata (titles, abstracts) via "
                "dw-dengwei/daily-arXiv-ai-enhanced, CC0",
    "hf_daily": "Hugging Face Daily Papers API responses archived by "
                "2404589803/hf-daily-paper-newsletter-chinese, Apache-2.0",
}


def licence_of(path: Path) -> str:
    for part in (path.name, *(p.name for p in path.parents)):
        for key, licence in LICENCES.items():
            if part.startswith(key):
                return licence
    return f"{path.name}: supplied by the user (its own licence applies)"


def corpus_papers(paths: list[Path], excluded: tuple[set[str], set[str]]
                  ) -> Iterator[Paper]:
    """Each paper of ``paths`` once (first occurrence, by arXiv id or id), in
    input order, but the excluded ones."""
    ids, titles = excluded
    seen: set[str] = set()
    sink = ProblemSink(None, False)
    for path in expand_inputs([str(p) for p in paths], sink):
        for paper in iter_papers(path):
            key = paper.arxiv_id or paper.id
            if key in seen or key in ids or title_key(paper.title) in titles:
                continue
            seen.add(key)
            yield paper


def excluded_papers(paths: Iterable[Path]) -> tuple[set[str], set[str]]:
    """arXiv ids and title keys of the papers to leave out."""
    ids: set[str] = set()
    titles: set[str] = set()
    for paper in read_papers([str(p) for p in paths]) if paths else []:
        if paper.arxiv_id:
            ids.add(paper.arxiv_id)
        titles.add(title_key(paper.title))
    return ids, titles


def write_lexicon(out: Path, rows: list[dict], header: dict) -> None:
    """Header object, then one row a line (the rows come sorted)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(header, ensure_ascii=False, sort_keys=True) + "\n")
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+", type=Path,
                    help="files or directories of papers (any kind kg reads)")
    ap.add_argument("-o", "--out", type=Path,
                    default=REPO / "kg" / "extract" / "data" / "lexicon.jsonl",
                    help="the lexicon file to write")
    ap.add_argument("--exclude", nargs="*", type=Path, default=[],
                    help="paper files whose papers are left out (by arXiv id, title)")
    ap.add_argument("--min-papers", type=int, default=Thresholds().min_papers,
                    help="distinct papers that must type a name the same way")
    ap.add_argument("--min-agreement", type=float, default=Thresholds().min_agreement,
                    help="share of the papers typing a name that must agree")
    args = ap.parse_args(argv)
    if args.min_papers < 2:
        ap.error("--min-papers must be at least 2: one paper's cue is a guess")
    if not 0.5 < args.min_agreement <= 1:
        ap.error("--min-agreement must be above 0.5 and at most 1")
    started = time.perf_counter()
    try:
        excluded = excluded_papers(args.exclude)
        builder = LexiconBuilder(Thresholds(min_papers=args.min_papers,
                                            min_agreement=args.min_agreement))
        for paper in corpus_papers(args.corpus, excluded):
            builder.add(join_paper_text(paper.title, paper.abstract))
    except KGError as exc:
        print(f"build_lexicon: {exc}", file=sys.stderr)
        return 1
    rows = builder.rows()
    t = builder.thresholds
    header = {
        "_attribution": "; ".join(sorted({licence_of(p) for p in args.corpus})),
        "_generated_by": "scripts/build_lexicon.py",
        "_corpus": sorted(p.name for p in args.corpus),
        "_excluded": sorted(p.name for p in args.exclude),
        "_papers": builder.papers,
        "_thresholds": dataclasses.asdict(t),
    }
    try:
        write_lexicon(args.out, rows, header)
    except OSError as exc:
        print(f"build_lexicon: {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"{args.out}: {len(rows)} names from {builder.papers} papers "
          f"in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
