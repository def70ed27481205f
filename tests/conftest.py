"""Shared fixtures: paths to the real data in ../shared (read-only)."""

from __future__ import annotations

import io
import os

import pytest
from rich.console import Console

from datapaths import ARXIV, DATA, GOLD, HF_DAILY, REPO, SEED_PAGE, SHARED
from kg.progress import Reporter

__all__ = ["ARXIV", "DATA", "GOLD", "HF_DAILY", "REPO", "SEED_PAGE", "SHARED"]


@pytest.fixture(scope="session", autouse=True)
def private_pattern_cache(tmp_path_factory):
    """Tests neither read nor fill the user's cache of tokenized gazetteer
    patterns (kg.extract.pattern_cache): the first pipeline of a run makes it."""
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("kg-cache"))


@pytest.fixture
def shown_progress():
    """A progress reporter that draws, as on a terminal, into ``.console.file``
    (a StringIO): what a user would see, for the test to read."""
    reporter = Reporter(quiet=True)
    reporter.enabled = True
    reporter.console = Console(file=io.StringIO(), force_terminal=False, width=200,
                               emoji=False, markup=False)
    return reporter


@pytest.fixture(scope="session")
def shared_data():
    if not DATA.is_dir():
        pytest.skip(f"{DATA} not found: the tests read ../shared/data beside the repo")
    return DATA


def make_record(paper_id: str = "2501.00001", *, benchmark: str = "GSM8K",
                model: str = "Qwen2.5-7B", title: str = "Step-GRPO: better RL",
                date: str = "2025-01-02"):
    """A hand-made extraction record with one entity of each kind and valid offsets."""
    from kg.records import Entity, Evidence, ExtractionRecord, Paper, VariantLink

    abstract = (f"We propose Step-GRPO. It beats GRPO on {benchmark} with {model}, "
                "measured by accuracy.")
    paper = Paper(id=paper_id, title=title, abstract=abstract, date=date,
                  organization="Ant Group", organization_handle="antgroup",
                  code=["https://github.com/x/y"], upvotes=3)

    def ev(text: str) -> Evidence:
        start = abstract.index(text)
        return Evidence("abstract", "test", start, start + len(text), abstract)

    entities = [
        Entity("method", "Step-GRPO", "Step-GRPO", role="proposed",
               evidence=[ev("Step-GRPO")]),
        Entity("method", "GRPO", "GRPO", role="used", evidence=[ev("GRPO on")]),
        Entity("benchmark", benchmark, benchmark, role="used",
               evidence=[ev(benchmark)]),
        Entity("model", model, model, role="used", evidence=[ev(model)]),
        Entity("metric", "accuracy", "accuracy", evidence=[ev("accuracy")]),
        Entity("organization", "Ant Group", "Ant Group", aliases=["antgroup"],
               evidence=[Evidence("metadata", "metadata.organization",
                                  source="organization")]),
    ]
    return ExtractionRecord(paper, entities, [VariantLink("Step-GRPO", "GRPO")],
                            ["https://github.com/x/y"])


def write_paper_files(directory, count: int, split: int, title: str,
                      abstract: str):
    """Papers 2501.00001.. as two JSONL inputs, ``a.jsonl`` (the first ``split``)
    and ``b.jsonl`` (the rest); ``title`` and ``abstract`` are formatted with the
    paper's number ``i``.  Returns both paths and the lines."""
    import json

    lines = [json.dumps({"id": f"2501.{i:05d}", "title": title.format(i=i),
                         "abstract": abstract.format(i=i)})
             for i in range(1, count + 1)]
    first, second = directory / "a.jsonl", directory / "b.jsonl"
    first.write_text("\n".join(lines[:split]) + "\n")
    second.write_text("\n".join(lines[split:]) + "\n")
    return first, second, lines


@pytest.fixture
def paper_files():
    """:func:`write_paper_files`, for tests that build from two small inputs."""
    return write_paper_files


@pytest.fixture
def record_maker():
    """:func:`make_record`, for tests that make their own variations."""
    return make_record


@pytest.fixture
def sample_records():
    """Three papers: two on GSM8K with Qwen2.5-7B (2025), one on MATH (2024)."""
    return [make_record("2501.00001"),
            make_record("2502.00002", title="Another: paper"),
            make_record("2403.00003", benchmark="MATH", model="Llama-3.1-8B",
                        title="Old paper", date="2024-03-01")]


@pytest.fixture(scope="session")
def seed_dev_store(tmp_path_factory, shared_data):
    """The embedded graph of the seed page and the 80 HF dev papers."""
    from datapaths import GOLD, SEED_PAGE
    from kg.pipeline import build_embedded
    from kg.stores.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path_factory.mktemp("seed_dev") / "g")
    build_embedded([SEED_PAGE, GOLD / "hf_dev_papers.json"], store)
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, shared_data):
    """The embedded graph of all of hf_daily, the HF dev papers and the seed page
    (about 9,800 papers; built once per test session, ~1 min with one worker)."""
    from datapaths import GOLD, HF_DAILY, SEED_PAGE
    from kg.pipeline import build_embedded
    from kg.stores.embedded import EmbeddedStore

    store = EmbeddedStore(tmp_path_factory.mktemp("corpus") / "g")
    build_embedded([HF_DAILY, GOLD / "hf_dev_papers.json", SEED_PAGE], store,
                   workers=2)
    return store
