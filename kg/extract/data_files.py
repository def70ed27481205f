"""Read the versioned data files under ``kg/extract/data`` (TSV with ``#`` headers,
JSONL whose ``_attribution`` line is skipped)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_tsv(name: str, data_dir: Path = DATA_DIR) -> list[list[str]]:
    """Rows of a TSV data file, comment lines (``#``) and blank lines skipped."""
    rows = []
    for line in (data_dir / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def read_jsonl(path: Path) -> Iterator[dict]:
    """Objects of a JSONL data file; the ``_attribution`` header object is skipped."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                if "_attribution" not in obj:
                    yield obj


@cache
def word_set(name: str) -> frozenset[str]:
    """First column of a TSV as a set (vocabularies used by the pure rules)."""
    return frozenset(row[0] for row in read_tsv(name))


@cache
def word_map(name: str) -> dict[str, str]:
    """First column -> second column of a TSV (e.g. surface -> canonical)."""
    return {row[0]: row[1] if len(row) > 1 else row[0] for row in read_tsv(name)}
