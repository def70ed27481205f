"""The speed machinery keeps the rules' answers: word triggers, literal tries, the
one-matcher gazetteer, the lean vocabulary, the overlap filter and the worker pool."""

from __future__ import annotations

import gzip
import json
import re
from itertools import islice
from pathlib import Path

import pytest
import spacy

from datapaths import ARXIV
from kg.extract import Extractor, build_pipeline
from kg.extract.assemble import find_variants, name_key
from kg.extract.benchmarks import find_benchmark_contexts
from kg.extract.mentions import Mention, resolve_overlaps
from kg.extract.metrics import find_metrics
from kg.extract.organizations import find_organizations
from kg.extract.parallel import slim, unslim
from kg.extract.proposals import cue_names
from kg.extract.scan import TriggerIndex, WordTrigger, literal_trigger
from kg.extract.state import doc_state
from kg.extract.text import join_paper_text
from kg.records import Entity, Evidence, ExtractionRecord, Paper, VariantLink


@pytest.mark.parametrize(("words", "text"), [
    (["Qwen", "QwQ", "Qwen-VL", "Q"], "Qwen-VL beats QwQ and Qwen; Q."),
    (["ab", "abc", "a"], "abcab a abd"),
    (["GRPO", "REINFORCE++", "REINFORCE"], "REINFORCE++ and REINFORCE, GRPO."),
])
def test_scan_literal_trigger_is_longest_first_alternation(words: list[str],
                                                           text: str) -> None:
    flat = re.compile("|".join(re.escape(w) for w in sorted(words, key=len,
                                                             reverse=True)))
    trie = literal_trigger(words)
    assert [m.span() for m in trie.finditer(text)] == \
        [m.span() for m in flat.finditer(text)]


def test_scan_trigger_index_case_insensitive_word() -> None:
    """A case-insensitive trigger keeps its flag inside the union (regression:
    "Success Rate" once lost its rule to the gazetteer)."""
    nlp = spacy.blank("en")
    index = TriggerIndex(nlp.vocab, {
        "rate": WordTrigger(re.compile(r"(?:^|-)rates?$", re.I), 5, 5),
        "bench": WordTrigger(literal_trigger(["Bench"]), 3, 3)})
    text = "the Attack Success Rate on XBench"
    windows = index.windows(nlp(text), text)
    assert windows["rate"] and windows["bench"]
    assert "Success Rate" in text[slice(*windows["rate"][0])]


@pytest.mark.parametrize(("text", "expected"), [
    ("the overall Success Rate (SR) of agents", ["overall Success Rate"]),
    ("they generate and demonstrate strategy", []),
])
def test_metrics_rate_word_trigger(text: str, expected: list[str]) -> None:
    assert [m.text for m in find_metrics(text) if m.rule == "metric.rate"] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Our approach: 1)We propose a novel Projector, which uses kernels", ["Projector"]),
    ("the four methods named above are compared", []),
])
def test_proposals_cue_word_inside_a_token(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in cue_names(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("improvements in English (over SVM baseline 0.80) and results", []),
    ("strong results on ALFWorld and WebShop.", ["ALFWorld", "WebShop"]),
])
def test_benchmarks_list_cue_follows_a_space(text: str, expected: list[str]) -> None:
    found = resolve_overlaps(find_benchmark_contexts(text))
    assert [m.text for m in found if m.rule == "benchmark.eval_list"] == expected


def test_organizations_company_before_possessive() -> None:
    text = "foundation models (such as Meta's Segment Anything Model)"
    assert [m.text for m in find_organizations(text)] == ["Meta"]


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline()


@pytest.mark.parametrize(("text", "found", "absent"), [
    ("Results on ADE20K and COCO.", "ADE20K", None),
    ("results on ade20k", None, "ade20k"),
    ("the Mamba layer and CLIP features", "Mamba", None),
    ("the mamba layer and clip features", None, "mamba"),
    ("average jaccard works", None, "average jaccard"),  # a PwC row, ORTH
])
def test_gazetteer_written_rows_match_case(nlp, text: str, found: str | None,
                                           absent: str | None) -> None:
    """Rows matched as written ("ADE20K") come from the one LOWER matcher, so their
    hits are checked for case (and "ADE20K", tokenized as two tokens, still hits)."""
    surfaces = {m.text for m in doc_state(nlp(text)).mentions}
    if found:
        assert found in surfaces
    if absent:
        assert absent not in surfaces


def test_extractor_lean_vocab_keeps_lower_only(nlp) -> None:
    doc = nlp("Mistral beats the baseline")
    assert [t.lower_ for t in doc] == ["mistral", "beats", "the", "baseline"]
    assert doc[0].shape_ == "" and not doc[2].is_stop
    full = build_pipeline(lean=False)("Mistral beats the baseline")
    assert full[0].shape_ == "Xxxxx" and full[2].is_stop


def test_extractor_tokenizer_cache_keeps_spacys_tokens(shared_data) -> None:
    """The pipeline's tokenizer keeps far more chunks than spaCy's default 10,000
    (2,000 abstracts hold some 40,000 distinct ones); tokenizing them twice, the
    second time from its cache, gives the blank tokenizer's tokens."""
    with gzip.open(ARXIV, "rt", encoding="utf-8") as lines:
        texts = [join_paper_text(row["title"], row["summary"])
                 for row in map(json.loads, islice(lines, 2000))]
    ours = build_pipeline().tokenizer
    blank = spacy.blank("en").tokenizer
    assert ours.max_cache_size > blank.max_cache_size
    expected = [[t.text for t in blank(text)] for text in texts]
    for _ in range(2):
        assert [[t.text for t in ours(text)] for text in texts] == expected


@pytest.mark.parametrize("mentions", [
    [Mention(0, 9, "method", "x", "Step-GRPO"), Mention(5, 9, "method", "y", "GRPO",
                                                        priority=9)],
    [Mention(0, 4, "model", "a", "Qwen"), Mention(0, 4, "model", "b", "Qwen",
                                                  priority=3),
     Mention(4, 8, "model", "c", "2-7B"), Mention(3, 5, "model", "d", "n2")],
    [Mention(2, 2, "metric", "e", ""), Mention(0, 4, "metric", "f", "rate")],
])
def test_mentions_resolve_overlaps_matches_pairwise_filter(mentions: list[Mention]
                                                           ) -> None:
    ranked = sorted(mentions, key=lambda m: (-m.length, -m.priority, m.start))
    kept: list[Mention] = []
    for m in ranked:
        if not any(m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    assert resolve_overlaps(mentions) == sorted(kept, key=lambda m: m.start)


@pytest.mark.parametrize(("name", "key"), [
    ("Step-GRPO", "stepgrpo"), ("Large Language Models", "largelanguagemodel"),
    ("GSM8K", "gsm8k"),
])
def test_assemble_name_key_cached(name: str, key: str) -> None:
    assert name_key(name) == key == name_key(name)


def test_assemble_find_variants_own_and_known_bases() -> None:
    entities = [Entity(type="method", text=t, canonical=t)
                for t in ("Step-GRPO", "GRPO-D", "DAPO", "Guide-DAPO")]
    links = {(v.canonical, v.variant_of)
             for v in find_variants(entities, frozenset({"GRPO"}))}
    assert links == {("Step-GRPO", "GRPO"), ("GRPO-D", "GRPO"), ("Guide-DAPO", "DAPO")}


def test_parallel_slim_round_trip() -> None:
    paper = Paper(id="p", title="T", abstract="A")
    rec = ExtractionRecord(
        paper=paper,
        entities=[Entity(type="method", text="GRPO", canonical="GRPO",
                         aliases=["Group Relative Policy Optimization"], role="used",
                         expansion="Group Relative Policy Optimization",
                         evidence=[Evidence(field="abstract", rule="r", start=0,
                                            end=4, sentence="GRPO works."),
                                   Evidence(field="metadata", rule="m",
                                            source="organization")])],
        variant_of=[VariantLink(canonical="Step-GRPO", variant_of="GRPO")],
        code=["https://github.com/x/y"])
    assert unslim(paper, slim(rec)) == rec


def test_extractor_workers_same_records_on_arxiv(shared_data: Path) -> None:
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from bench_extract import CORPUS, load
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not found")
    papers = load(CORPUS, 900)
    extractor = Extractor()
    one = [r.to_dict() for r in extractor.extract_many(papers)]
    two = [r.to_dict() for r in extractor.extract_many(papers, workers=2)]
    assert one == two and [r["id"] for r in two] == [p.id for p in papers]


@pytest.mark.parametrize(("short", "words", "first"), [
    ("GRPO", ["uses", "Group", "Relative", "Policy", "Optimization"], 1),
    ("SF", ["a", "self-forcing", "scheme"], 1),
    ("SF", ["a", "useful", "form"], None),  # the "s" of "useful" starts no word
    ("SF", ["a", "Self", "Forcing"], 1),
    ("D3S", ["Diverse", "3D", "Samples"], 0),
    ("XY", ["nothing", "here"], None),
])
def test_acronyms_match_long_form_backward(short: str, words: list[str],
                                           first: int | None) -> None:
    from kg.extract.acronyms import match_long_form
    assert match_long_form(short, words) == first


@pytest.mark.parametrize("workers", [2, 3])
def test_parallel_extraction_keeps_input_order_over_many_small_chunks(
        shared_data: Path, workers: int) -> None:
    from kg.extract.parallel import extract_parallel
    from kg.sources import read_papers
    papers = read_papers([shared_data / "gold" / "hf_dev_papers.json"])[:47]
    extractor = Extractor()
    one = [r.to_dict() for r in extractor.extract_many(papers)]
    dealt = [r.to_dict() for r in extract_parallel(extractor, papers, workers,
                                                   chunk_size=5)]
    assert dealt == one
