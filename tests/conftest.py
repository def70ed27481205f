"""Shared fixtures: paths to the real data in ../shared (read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SEED_PAGE = DATA / "seed" / "000_7516dfdabfa2a16b.txt"
HF_DAILY = DATA / "hf_daily"
GOLD = DATA / "gold"
ARXIV = DATA / "arxiv_cs" / "arxiv_cs_2025_2026.jsonl.gz"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"{DATA} not found: the tests read ../shared/data beside the repo")
    return DATA
