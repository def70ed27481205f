"""Paths to the real, read-only data in ../shared beside the repository."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SEED_PAGE = DATA / "seed" / "000_7516dfdabfa2a16b.txt"
HF_DAILY = DATA / "hf_daily"
GOLD = DATA / "gold"
ARXIV = DATA / "arxiv_cs" / "arxiv_cs_2025_2026.jsonl.gz"
