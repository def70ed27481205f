"""The corpus lexicon: its cues on real sentences, its thresholds on a real sample
of abstracts, the packaged file, and how the extractor matches mined names."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest

from datapaths import ARXIV, HF_DAILY, REPO
from kg.extract import Extractor
from kg.extract.data_files import DATA_DIR, read_jsonl
from kg.extract.lexicon import (
    LEXICON_FILE,
    LexiconBuilder,
    Thresholds,
    curated_family_type,
    is_lexicon_name,
    lexicon_patterns,
    paper_cues,
)
from kg.extract.names import is_size_token
from kg.extract.text import join_paper_text
from kg.extract.vocab import known
from kg.records import Paper
from kg.sources import iter_papers

SCRIPT = REPO / "scripts" / "build_lexicon.py"


def typed(text: str) -> set[tuple[str, str, str]]:
    return {(name, kind, cue) for name, kind, cue, _ in paper_cues(text)}


# --- each cue on a real sentence of ../shared/data (arXiv cs abstracts) ------------

@pytest.mark.parametrize(("sentence", "expected"), [
    # 2505.08311: appositive with a size (sentence cut after "reasoning")
    ("We present AM-Thinking-v1, a 32B dense language model that advances the "
     "frontier of reasoning.", ("AM-Thinking-v1", "model", "appositive")),
    # 2505.09368: copula
    ("RobustSpring is a new computer vision benchmark that treats robustness as a "
     "first-class citizen.", ("RobustSpring", "benchmark", "copula")),
    # 2503.12230: "the X dataset"
    ("We evaluate our method on the ALFRED dataset, a simulator-generated benchmark "
     "for domestic tasks.", ("ALFRED", "benchmark", "head_noun")),
    # 2504.01028: "a novel metric, X"
    ("we introduce a novel metric, Document Integrity Precision (DIP), as a "
     "solution", ("Document Integrity Precision", "metric", "our_metric")),
    # 2503.13205: the size grammar needs no family list
    ("Extensive experiments showed our MAP improved the diagnosis accuracy by "
     "25.10% compared to the state-of-the-art LLM HuatuoGPT2-13B.",
     ("HuatuoGPT2-13B", "model", "sized")),
    ("Extensive experiments showed our MAP improved the diagnosis accuracy by "
     "25.10% compared to the state-of-the-art LLM HuatuoGPT2-13B.",
     ("HuatuoGPT2", "model", "size_stem")),
])
def test_lexicon_cue_types_a_name(sentence: str, expected: tuple) -> None:
    assert expected in typed(sentence)


@pytest.mark.parametrize(("sentence", "name", "kind"), [
    # 2503.13939: "... Policy Optimization (X)" is a method
    ("Leveraging the DeepSeek strategy, we employ Group Relative Policy "
     "Optimization (GRPO) to guide reasoning paths via reward signals.",
     "GRPO", "method"),
    # 2503.18485: "... Error Rate (X)" is a metric
    ("We also demonstrate that normalizing Amharic homophones significantly "
     "enhances Word Error Rate (WER) and Bilingual Evaluation Understudy (BLEU) "
     "scores.", "WER", "metric"),
    # 2503.15390: a lower-case field with its acronym is a concept
    ("Integrating federated learning (FL) with foundation models (FLFM) fine-tuning "
     "offers a potential solution to these challenges", "FL", "concept"),
])
def test_lexicon_definitions_are_typed_by_their_head(sentence: str, name: str,
                                                     kind: str) -> None:
    assert (name, kind, "definition") in typed(sentence)


def test_lexicon_list_is_anchored_by_a_known_benchmark() -> None:
    # 2509.04464: MMLU-Pro is a known benchmark, so its list mates are benchmarks
    anchored = ("In our experiment, we validate our framework on AmbigQA, "
                "OpenBookQA, and MMLU-Pro, confirming its generality.")
    assert {("AmbigQA", "benchmark", "list"), ("OpenBookQA", "benchmark", "list")} \
        <= typed(anchored)
    # 2503.18603: without a known name the list says nothing about its members
    languages = ("Experiments on Korean, Japanese, and Chinese demonstrate that "
                 "LANGALIGN significantly improves performance across all three "
                 "languages.")
    assert not {c for c in typed(languages) if c[2] == "list"}


@pytest.mark.parametrize(("sentence", "word"), [
    # 2503.17724: a sentence-initial adverb before "a ... method"
    ("Besides, a regularization method based on Kernel Maximum Mean Discrepancy "
     "(KMMD) is proposed to align the distribution of cross-attention responses.",
     "Besides"),
    # 2505.13875: "the X model" calls a classic learner a model
    ("Subsequently, the XGBoost model is used to mine the attention paid by "
     "pathologists to different quality evaluation metrics", "XGBoost"),
    # 2504.01044: after a plain word the head is part of the name
    ("To ensure robust training, we use the Hungarian algorithm for optimal "
     "matching between the predicted and actual locations of tips.", "Hungarian"),
])
def test_lexicon_cues_refuse_words_and_generic_heads(sentence: str,
                                                     word: str) -> None:
    assert not {c for c in typed(sentence) if c[0] == word}


@pytest.mark.parametrize(("name", "ok"), [
    ("GSM8K", True), ("InternVL3-8B", True), ("Mamba", True),
    ("7B", False), ("100K", False), ("1.5B", False), ("3D", False),
    ("SD", False),  # two characters: stands for several things
    ("LLM-based", False), ("Bench", False), ("The", False), ("data", False),
])
def test_lexicon_name_shapes(name: str, ok: bool) -> None:
    assert is_lexicon_name(name) is ok


@pytest.mark.parametrize(("name", "family"), [
    ("ResNet50", "method"), ("ResNet-18", "method"),  # the curated ResNet
    ("YOLO11", "model"), ("MATH-500", "benchmark"),
    ("DL3DV", None),  # "DL" is a concept, not a family
    ("Kuwain", None),  # no number: no family
])
def test_lexicon_numbered_names_belong_to_curated_families(name: str,
                                                           family: str | None
                                                           ) -> None:
    assert curated_family_type(name) == family


# --- the builder on a real sample: thresholds and determinism ---------------------

@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    """600 real abstracts: 300 arXiv cs, 300 HF daily papers."""
    arxiv = islice(iter_papers(ARXIV), 300)
    hf = [p for f in sorted(HF_DAILY.glob("*.json"))[:40] for p in iter_papers(f)]
    return [join_paper_text(p.title, p.abstract) for p in [*arxiv, *hf[:300]]]


def build(texts: list[str], thresholds: Thresholds | None = None) -> LexiconBuilder:
    builder = LexiconBuilder(thresholds)
    for text in texts:
        builder.add(text)
    return builder


def test_lexicon_builder_applies_the_thresholds(sample_texts: list[str]) -> None:
    builder = build(sample_texts, Thresholds(min_papers=2))
    rows = builder.rows()
    assert rows, "a sample of 600 abstracts types some names in two papers"
    for row in rows:
        ev = builder.evidence[row["pattern"]]
        assert row["papers"] >= 2 and ev.types[row["label"]] == row["papers"]
        assert row["papers"] >= 0.8 * ev.papers
    once = {name for name, ev in builder.evidence.items()
            if ev.papers == 1 and builder.keep_name(name)}
    assert once, "the sample has names typed in one paper only"
    assert not once & {row["pattern"] for row in rows}


def test_lexicon_builder_is_deterministic(sample_texts: list[str]) -> None:
    assert build(sample_texts).rows() == build(list(sample_texts)).rows()


def test_build_lexicon_script_gives_identical_files(tmp_path: Path) -> None:
    """The same corpus gives the same bytes (sorted rows, no date or path)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(HF_DAILY.glob("*.json"))[:25]:
        (corpus / f.name).write_bytes(f.read_bytes())
    outs = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for out in outs:
        subprocess.run([sys.executable, str(SCRIPT), str(corpus), "-o", str(out),
                        "--min-papers", "2"], check=True, capture_output=True)
    assert outs[0].read_bytes() == outs[1].read_bytes()
    header = json.loads(outs[0].read_text(encoding="utf-8").splitlines()[0])
    assert header["_corpus"] == ["corpus"] and header["_thresholds"]["min_papers"] == 2


def test_build_lexicon_script_refuses_one_paper_evidence(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), str(HF_DAILY), "-o",
                          str(tmp_path / "x.jsonl"), "--min-papers", "1"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "at least 2" in run.stderr
    assert "Traceback" not in run.stderr


# --- the packaged lexicon ------------------------------------------------------------

def packaged_rows() -> list[dict]:
    return list(read_jsonl(DATA_DIR / LEXICON_FILE))


def test_packaged_lexicon_names_no_number_size_or_known_name() -> None:
    rows = packaged_rows()
    assert len(rows) > 300
    for row in rows:
        name = row["pattern"]
        assert not is_size_token(name) and not name.replace(".", "").isdigit(), name
        assert known(name) is None, name  # no concept (nor curated) name
        assert curated_family_type(name) in (None, row["label"]), name
        assert row["papers"] >= 3 and row["attr"] == "ORTH"


def test_packaged_lexicon_header_names_sources_and_licences() -> None:
    header = json.loads((DATA_DIR / LEXICON_FILE).read_text(
        encoding="utf-8").splitlines()[0])
    assert "CC0" in header["_attribution"] and "Apache-2.0" in header["_attribution"]
    assert header["_corpus"] == ["arxiv_cs_2025_2026.jsonl.gz", "hf_daily"]


def test_lexicon_patterns_leave_curated_names_alone(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"_attribution": "test"},
        {"label": "benchmark", "pattern": "GRPO", "attr": "ORTH", "papers": 9},
        {"label": "model", "pattern": "Kuwain", "attr": "ORTH", "papers": 4},
    ]), encoding="utf-8")
    assert [r["pattern"] for r in lexicon_patterns(path)] == ["Kuwain"]


# --- matching in the extractor -----------------------------------------------------

@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def entities(extractor: Extractor, abstract: str) -> dict[str, tuple[str, str]]:
    record = extractor.extract(Paper(id="t", title="A study", abstract=abstract))
    return {e.text: (e.type, e.evidence[0].rule) for e in record.entities}


def test_mined_name_is_matched_as_written(extractor: Extractor) -> None:
    mined = {r["pattern"]: r["label"] for r in packaged_rows()}
    name = "Kuwain"
    assert mined.get(name) == "model"
    # 2504.21635: the mined model takes its written size
    found = entities(extractor, "In this paper, we introduce Sadeed, a novel "
                     "approach based on a fine-tuned decoder-only language model "
                     "adapted from Kuwain 1.5B Hennara et al. [2025], a compact "
                     "model originally trained on diverse Arabic corpora.")
    assert found.get("Kuwain 1.5B", ("", ""))[0] == "model"
    # as written only: the lower-case word is not the name
    assert "kuwain" not in entities(extractor, "adapted from kuwain, a compact model")


def test_definition_outranks_the_lexicon(extractor: Extractor) -> None:
    """DMD is mostly distribution matching distillation (a method); where a paper
    defines it as a dataset, the definition decides."""
    mined = {r["pattern"]: r["label"] for r in packaged_rows()}
    assert mined.get("DMD") == "method"
    record = extractor.extract(Paper(
        id="t", title="Occlusion-aware Driver Monitoring System using the Driver "
        "Monitoring Dataset", abstract="Cross dataset evaluation on the Driver "
        "Monitoring Dataset (DMD) shows that the VLM fine-tuned on our new Drive&Act "
        "description dataset generalizes well to actions in the DMD dataset."))
    types = {e.canonical: e.type for e in record.entities}
    assert types["DMD"] == "benchmark"
