"""Words that are never entity names, and names typed by what the text says they
are (real sentences from ../shared/data/hf_daily and the gold sets)."""

from __future__ import annotations

import pytest

from kg.extract.benchmarks import find_benchmark_contexts
from kg.extract.extractor import Extractor
from kg.extract.names import is_size_token
from kg.extract.proposals import cue_names
from kg.extract.roles import definition_type
from kg.records import Paper


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def typed(extractor: Extractor, title: str, abstract: str) -> set[tuple[str, str]]:
    paper = Paper(id="t", title=title, abstract=abstract)
    return {(e.type, e.canonical) for e in extractor.extract(paper).entities}


@pytest.mark.parametrize(("token", "expected"), [
    ("7B", True), ("1.5B", True), ("32B", True), ("3D", True), ("8x7B", True),
    ("A3B", True), ("GSM8K", False), ("Qwen3-8B", False), ("AIME24", False),
])
def test_names_is_size_token(token: str, expected: bool) -> None:
    assert is_size_token(token) is expected


@pytest.mark.parametrize(("abstract", "not_benchmark"), [
    ("3) ShareGPT4Video-8B, a simple yet superb LVLM that reached SOTA performance "
     "on three advancing video benchmarks.", "SOTA"),
    ("With the increasing need for LLMs to operate efficiently on CPUs, research "
     "about lightweight models that are optimized for CPU inference has emerged.",
     "CPU"),
    ("Experimental results across five medical datasets on medical VQA and report "
     "generation demonstrate that MMed-RAG can achieve an average improvement.",
     "VQA"),
])
def test_gazetteer_homonyms_are_not_benchmarks(extractor: Extractor, abstract: str,
                                               not_benchmark: str) -> None:
    assert ("benchmark", not_benchmark) not in typed(extractor, "A title", abstract)


@pytest.mark.parametrize(("long_form", "short_form", "own", "expected"), [
    ("Score Distillation Sampling", "SDS", False, "method"),
    ("On-Policy Distillation", "OPD", False, "method"),
    ("Test-Time Training", "TTT", False, "method"),
    ("Large Multimodal Models", "LMMs", False, "concept"),
    ("Diffusion models", "DMs", False, "concept"),
    ("key-value", "KV", False, "concept"),
    ("software engineering", "SWE", False, "concept"),
    ("Generative Teaching Networks", "GTNs", True, "method"),
    ("Mixture-of-Agents", "MoA", False, "method"),
    ("Massive Text Embedding Benchmark", "MTEB", False, "benchmark"),
])
def test_roles_definition_type_from_long_form_head(long_form: str, short_form: str,
                                                   own: bool, expected: str) -> None:
    assert definition_type(long_form, short_form, own) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The best performing of these we call Discovered Preference Optimization "
     "(DiscoPOP), a novel algorithm that adaptively blends losses.", ["DiscoPOP"]),
    ("In this work, we present Retrieval Based Distillation (ReBase), a method that "
     "first retrieves data from rich online sources.", ["ReBase"]),
    ("Our 7B model develops advanced reasoning skills that are absent from the "
     "logic corpus.", []),
    ("To address this issue, we propose a unified 3D generation framework.", []),
])
def test_proposals_cue_names_skip_sizes_and_phrase_tails(sentence: str,
                                                         expected: list) -> None:
    assert [sentence[s:e] for s, e in cue_names(sentence)] == expected


@pytest.mark.parametrize(("text", "absent", "present"), [
    ("It achieves competitive results on AlpacaEval 2.0, MT-Bench, and Arena-Hard.",
     "and Arena-Hard", "MT-Bench"),
    ("Experiments on T2I benchmarks show consistent gains over strong baselines.",
     "T2I", None),
    ("We collect and evaluate on repositories from GitHub and HuggingFace.",
     "GitHub", None),
])
def test_benchmark_contexts_refuse_non_names(text: str, absent: str,
                                             present: str | None) -> None:
    found = {m.text for m in find_benchmark_contexts(text)}
    assert absent not in found
    assert present is None or present in found
