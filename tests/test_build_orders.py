"""Adding inputs in any order and any split gives the graph of one build of all.

The inputs are the seed page and the 14 ``hf_daily`` days holding one of its
papers: each such paper is written without an arXiv id on the seed page and with
one on its day, so the two records are one paper only by normalised title
(interface.md).  Each order is compared, export file by export file, with one
build of the same inputs in the same order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from datapaths import HF_DAILY, SEED_PAGE
from kg.pipeline import build_embedded
from kg.stores.embedded import EmbeddedStore
from kg.views.export import export_graph

pytestmark = pytest.mark.usefixtures("shared_data")

#: the days whose listing holds a seed paper (found by title), in date order
SEED_DAYS = [HF_DAILY / f"{day}.json" for day in (
    "2025-04-15", "2025-04-22", "2025-05-23", "2025-06-27", "2025-08-13",
    "2025-09-05", "2025-09-26", "2025-09-29", "2025-10-01", "2025-10-02",
    "2025-10-10", "2025-10-13", "2025-10-17", "2025-11-07")]
TOOLRL_DAY = HF_DAILY / "2025-04-22.json"


def build_in_steps(directory: Path, steps: list[list[Path]]) -> EmbeddedStore:
    store = EmbeddedStore(directory)
    for inputs in steps:
        build_embedded(inputs, store)
    return store


def exported(store: EmbeddedStore, out: Path) -> dict[str, bytes]:
    """The JSONL export (what `kg export` writes) of the stored graph."""
    export_graph(EmbeddedStore(store.directory).graph(), "jsonl", out)
    return {f.name: f.read_bytes() for f in sorted(out.iterdir())}


def assert_steps_equal_one_build(tmp_path: Path, steps: list[list[Path]]) -> None:
    stepwise = build_in_steps(tmp_path / "steps", steps)
    once = build_in_steps(tmp_path / "once", [[p for step in steps for p in step]])
    assert stepwise.manifest()["stats"] == once.manifest()["stats"]
    assert exported(stepwise, tmp_path / "a") == exported(once, tmp_path / "b")
    assert (stepwise.query("MATCH (p:Paper) RETURN p.id ORDER BY p.id").rows
            == once.query("MATCH (p:Paper) RETURN p.id ORDER BY p.id").rows)


def paper_ids(store: EmbeddedStore, title_part: str) -> list[str]:
    return [row[0] for row in store.query(
        "MATCH (p:Paper) WHERE p.title CONTAINS $part RETURN p.id ORDER BY p.id",
        {"part": title_part}).rows]


def test_seed_then_a_day_is_one_paper_per_paper(tmp_path):
    """The issue's case: the seed's ToolRL (no arXiv id) and the day's 2504.13958
    are one paper after the day is added."""
    store = build_in_steps(tmp_path / "g", [[SEED_PAGE], [TOOLRL_DAY]])
    assert paper_ids(store, "ToolRL") == ["2504.13958"]
    assert_steps_equal_one_build(tmp_path, [[SEED_PAGE], [TOOLRL_DAY]])


def test_a_day_then_the_seed_equals_one_build(tmp_path):
    store = build_in_steps(tmp_path / "g", [[TOOLRL_DAY], [SEED_PAGE]])
    assert paper_ids(store, "ToolRL") == ["2504.13958"]
    assert_steps_equal_one_build(tmp_path, [[TOOLRL_DAY], [SEED_PAGE]])


def test_seed_then_the_days_in_four_parts_equals_one_build(tmp_path):
    parts = [SEED_DAYS[i::4] for i in range(4)]
    assert_steps_equal_one_build(tmp_path, [[SEED_PAGE], *parts])


def test_days_in_parts_around_the_seed_equal_one_build(tmp_path):
    """Half the seed papers' days come before the seed, half after."""
    assert_steps_equal_one_build(
        tmp_path, [SEED_DAYS[:4], SEED_DAYS[4:7], [SEED_PAGE], SEED_DAYS[7:]])


def test_every_seed_paper_with_a_day_takes_its_arxiv_id(tmp_path):
    store = build_in_steps(tmp_path / "g", [[SEED_PAGE], SEED_DAYS])
    titled = store.query("MATCH (p:Paper) WHERE p.id STARTS WITH 'title-' "
                         "RETURN count(p)").rows[0][0]
    assert titled == 70 - len(SEED_DAYS)
