"""The Extractor end to end on real papers: evidence offsets, roles, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import Extractor, build_pipeline
from kg.records import Paper

SEED_ABSTRACT = (
    "Empirical evaluations on JailbreakBench demonstrate our framework's superior "
    "performance, achieving over 90% attack success rates against GPT-3.5-Turbo and "
    "Llama-3.1-70B within 5 conversation turns, outperforming state-of-the-art "
    "baselines.")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _by_type(record) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in record.entities:
        out.setdefault(e.type, set()).add(e.canonical)
    return out


def test_extractor_finds_each_type_with_evidence(extractor: Extractor) -> None:
    paper = Paper(id="x", title="Strategize Globally, Adapt Locally",
                  abstract=SEED_ABSTRACT, organization="Ant Group",
                  organization_handle="antgroup")
    record = extractor.extract(paper)
    types = _by_type(record)
    assert types["benchmark"] == {"JailbreakBench"}
    assert types["model"] == {"GPT-3.5-Turbo", "Llama-3.1-70B"}
    assert "attack success rate" in types["metric"]
    org = next(e for e in record.entities if e.type == "organization")
    assert org.canonical == "Ant Group" and org.aliases == ["antgroup"]
    assert org.evidence[0].to_dict() == {"field": "metadata", "source": "organization",
                                         "rule": "organization.metadata"}
    for e in record.entities:
        for ev in e.evidence:
            if ev.field != "metadata":
                field_text = getattr(paper, ev.field)
                mention = field_text[ev.start:ev.end]
                assert mention and mention in ev.sentence


def test_extractor_roles_and_variants(extractor: Extractor) -> None:
    paper = Paper(
        id="y", title="Stratified GRPO: Handling Structural Heterogeneity",
        abstract=("Group Relative Policy Optimization (GRPO) is widely used. We "
                  "propose Step-wise Group Relative Policy Optimization (Step-GRPO), "
                  "which improves GRPO on GSM8K."))
    record = extractor.extract(paper)
    roles = {e.canonical: e.role for e in record.entities if e.type == "method"}
    assert roles["GRPO"] == "used"
    assert roles["Step-GRPO"] == "proposed"
    assert roles["Stratified GRPO"] == "proposed"
    links = {(v.canonical, v.variant_of) for v in record.variant_of}
    assert ("Step-GRPO", "GRPO") in links
    grpo = next(e for e in record.entities if e.canonical == "GRPO")
    assert grpo.expansion == "Group Relative Policy Optimization"
    assert "Group Relative Policy Optimization" in grpo.aliases


def test_extractor_latex_macro_is_not_a_name(extractor: Extractor) -> None:
    paper = Paper(id="z", title="T", abstract=(
        "In this paper, we propose \\AlgName, a novel multi-turn red-teaming agent."))
    assert not [e for e in extractor.extract(paper).entities if e.type == "method"]


# Closing sentences of HF Daily Papers abstracts (../shared/data/hf_daily): the
# words of a web address's path are an account or a repository, not a mention.
@pytest.mark.parametrize(("sentence", "kept_url"), [
    ("Our code and data is available at https://github.com/Geaming2002/Ruler.",
     "https://github.com/Geaming2002/Ruler"),
    ("We release our models at "
     "https://huggingface.co/YiDuo1999/Llama-3-Physician-8B-Instruct.",
     "https://huggingface.co/YiDuo1999/Llama-3-Physician-8B-Instruct"),
    ("We release code for the benchmark at https://github.com/TAG-Research/TAG-Bench.",
     "https://github.com/TAG-Research/TAG-Bench"),
])
def test_extractor_finds_no_entity_inside_a_web_address(
        extractor: Extractor, sentence: str, kept_url: str) -> None:
    record = extractor.extract(Paper(id="u", title="T", abstract=sentence))
    assert [e.canonical for e in record.entities] == []
    assert record.code == [kept_url]


def test_extractor_keeps_the_prose_mention_beside_a_web_address(
        extractor: Extractor) -> None:
    abstract = ("We evaluate on GSM8K and MATH-500. "
                "Code: https://github.com/org/GSM8K-tools.")
    record = extractor.extract(Paper(id="v", title="T", abstract=abstract))
    gsm8k = next(e for e in record.entities if e.canonical == "GSM8K")
    assert [(ev.start, ev.end) for ev in gsm8k.evidence] == [(15, 20)]


def test_extractor_extract_many_workers_same_output(shared_data: Path) -> None:
    from kg.sources import read_papers
    papers = read_papers([shared_data / "gold" / "hf_dev_papers.json"])[:40]
    one = [r.to_dict() for r in Extractor().extract_many(papers)]
    two = [r.to_dict() for r in Extractor().extract_many(papers, workers=2)]
    assert one == two
    assert [r["id"] for r in one] == [p.id for p in papers]


def test_extractor_build_pipeline_is_blank_english() -> None:
    nlp = build_pipeline()
    assert nlp.lang == "en" and "kg_gazetteer" in nlp.pipe_names
    assert not nlp.has_pipe("ner")


def test_gazetteer_to_disk_round_trip(tmp_path: Path) -> None:
    nlp = build_pipeline()
    gaz = nlp.get_pipe("kg_gazetteer")
    gaz.to_disk(tmp_path / "gaz")
    again = type(gaz)(nlp).from_disk(tmp_path / "gaz")
    assert again.patterns == gaz.patterns


def test_batched_pipe_equals_one_doc_at_a_time(shared_data: Path) -> None:
    """``nlp.pipe`` runs each component over a batch; the mentions are the same as
    calling the pipeline on each text alone."""
    from kg.extract.batching import BatchComponent
    from kg.extract.state import doc_state
    from kg.extract.text import join_paper_text
    from kg.sources import read_papers

    nlp = build_pipeline()
    assert all(isinstance(proc, BatchComponent) for _, proc in nlp.pipeline)
    papers = read_papers([shared_data / "gold" / "hf_dev_papers.json"])[:30]
    texts = [join_paper_text(p.title, p.abstract) for p in papers]
    batched = [doc_state(d).mentions for d in nlp.pipe(texts, batch_size=7)]
    alone = [doc_state(nlp(t)).mentions for t in texts]
    assert batched == alone and sum(map(len, alone)) > 100


def test_rule_component_usable_in_another_pipeline() -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_models")
    doc = nlp("We fine-tune Qwen2.5-7B-Instruct and Llama-3.1-70B on math.")
    assert {m.text for m in doc._.kg_mentions if m.type == "model"} >= {
        "Qwen2.5-7B-Instruct", "Llama-3.1-70B"}


def test_extractor_text_beyond_max_length_is_cut_with_a_warning(caplog) -> None:
    nlp = build_pipeline()
    nlp.max_length = 300
    long = Paper(id="2501.99999", title="A long one",
                 abstract="We evaluate on GSM8K with Qwen2.5-7B. " + "Filler. " * 100)
    short = Paper(id="2501.99998", title="Short", abstract="We evaluate on MATH.")
    extractor = Extractor(nlp)
    with caplog.at_level("WARNING", logger="kg.extract.extractor"):
        records = extractor.extract_chunk([long, short])
        single = extractor.extract(long)
    assert [r.paper.id for r in records] == ["2501.99999", "2501.99998"]
    names = {e.canonical for e in records[0].entities}
    assert {"GSM8K", "Qwen2.5-7B"} <= names
    assert single.entities == records[0].entities
    assert "2501.99999: title and abstract have 850 characters" in caplog.text
    assert "first 300 only" in caplog.text
