"""Name lookups over the gazetteer files, for rules that must ask "is this a known
method / concept / benchmark?" (typing an acronym, refusing a context guess)."""

from __future__ import annotations

from functools import cache, lru_cache

from kg.extract.data_files import DATA_DIR, read_jsonl

GAZETTEER_FILES = ("methods.jsonl", "concepts.jsonl", "benchmarks.jsonl",
                   "metrics.jsonl", "models.jsonl", "organizations.jsonl")


@cache
def lookup() -> dict[str, tuple[str, str]]:
    """lower-cased name -> (type, canonical); earlier files win (methods first)."""
    table: dict[str, tuple[str, str]] = {}
    for name in GAZETTEER_FILES:
        for row in read_jsonl(DATA_DIR / name):
            key = row["pattern"].lower()
            canonical = row.get("canonical") or row["pattern"]
            table.setdefault(key, (row["label"], canonical))
    return table


def known_type(name: str) -> str | None:
    """The type a gazetteer gives ``name`` (case-insensitive, plural-tolerant)."""
    hit = known(name)
    return hit[0] if hit else None


def known_canonical(name: str) -> str | None:
    hit = known(name)
    return hit[1] if hit else None


@lru_cache(maxsize=1 << 16)
def known(name: str) -> tuple[str, str] | None:
    """``(type, canonical)`` of ``name`` in the gazetteers, or None. Cached: an
    acronym definition asks about its two names half a dozen times, and names
    recur across papers."""
    table = lookup()
    low = name.lower()
    return table.get(low) or (table.get(low[:-1]) if low.endswith("s") else None)
