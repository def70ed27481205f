"""Method, proposed-name and metric recognisers (issue 18) on real sentences from
the arXiv cs abstracts in ../shared/data (none of them a gold paper)."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.mentions import resolve_overlaps
from kg.extract.metrics import find_metrics, metric_canonical
from kg.extract.proposals import find_proposals, title_name
from kg.extract.roles import definition_is_own, definition_type
from kg.records import Paper

# --- acronym definitions: the long form's head decides concept vs method --------

@pytest.mark.parametrize(("long_form", "short_form", "own", "expected"), [
    # tasks, fields and modalities are concepts (arXiv 2503.17940, 2503.14960,
    # 2503.12369, 2503.13309, 2510.19579)
    ("Domain Generalized Semantic Segmentation", "DGSS", False, "concept"),
    ("Human Action Recognition", "HAR", False, "concept"),
    ("Semantic Scene Completion", "SSC", False, "concept"),
    ("Computer-Aided Diagnosis", "CAD", False, "concept"),
    ("Earth Observation", "EO", False, "method"),  # no task head: stays a name
    ("computed tomography", "CT", False, "concept"),
    # a singular "... Model" is a kind of model, unless the paper names its own
    # (arXiv 2503.22237, 2504.05265)
    ("Vision Foundation Model", "VFM", False, "concept"),
    ("Rolling Prediction Model", "RPM", True, "model"),
    ("Binary Neural Network", "BNN", False, "concept"),
    # the paper's own name with a task head is still a method
    ("Chunk-Level Guided Generation", "CLGG", True, "method"),
    # a short form PwC knows only as a dataset is a homonym (arXiv 2503.12562)
    ("Fisher Linear Discriminant", "FLD", False, "method"),
    # a size letter makes one model of a family (arXiv 2503.23275); a kind of
    # LLM is a class (arXiv 2503.15871)
    ("ViT-Base", "ViT-B", False, "model"),
    ("Video Large Language Models", "Video-LLMs", False, "concept"),
    # measures (arXiv 2503.14395)
    ("mean surface distance", "MSD", False, "metric"),
    ("Secrecy Outage Probability", "SOP", False, "metric"),
])
def test_definition_type_from_long_form_head(long_form: str, short_form: str,
                                             own: bool, expected: str) -> None:
    assert definition_type(long_form, short_form, own) == expected


def test_definition_is_own_needs_the_cue_before_the_definition() -> None:
    # arXiv 2510.19579: "our planet" comes after the definition, about nothing.
    sentence = ("Earth Observation (EO) represents a quintessential domain for "
                "multi-modal data analysis, wherein diverse remote sensors collect "
                "data to sense our planet.")
    assert definition_is_own(sentence, "EO", "A title", "Earth Observation", 0) \
        is False
    assert definition_is_own("In this work, we propose Earth Observation (EO).",
                             "EO", "A title", "Earth Observation", 29) is True


# --- gazetteers: well-known methods, generic classes, metric long tail -----------

def test_vision_transformers_are_vit_not_the_transformer(typed: Extractor
                                                         ) -> None:
    # arXiv 2507.03816
    found = typed("Vision Transformers (ViTs) have demonstrated superior "
                  "performance over Convolutional Neural Networks (CNNs) in various "
                  "vision-related tasks such as classification, object detection, "
                  "and segmentation due to their use of self-attention mechanisms.")
    assert ("method", "ViTs") in found or ("method", "ViT") in found
    assert ("method", "Transformer") not in found


@pytest.mark.parametrize(("abstract", "method"), [
    # arXiv 2503.22713, 2507.14662
    ("Training used MSE loss and the AdamW optimizer, with a learning rate "
     "scheduler and early stopping to curb overfitting.", "AdamW"),
    ("Four fully supervised models (U-Net, U-Net++, and their lightweight "
     "variants) were trained using a capped dynamic inverse-frequency loss and "
     "AdamW optimizer.", "U-Net"),
])
def test_well_known_methods(typed: Extractor, abstract: str, method: str
                            ) -> None:
    assert ("method", method) in typed(abstract)


def test_generic_classes_are_not_methods(typed: Extractor) -> None:
    # arXiv 2506.03191: GANs and VAEs are classes of models, transformer-based
    # models no use of the Transformer
    found = typed("The paper explores various generative approaches, "
                  "including autoregressive models, diffusion models, Generative "
                  "Adversarial Networks (GANs), Variational Autoencoders (VAEs), and "
                  "transformer-based models, by analyzing their strengths.")
    assert not {kind for kind, _ in found} & {"method", "model", "benchmark"}


def test_metric_long_tail(typed: Extractor) -> None:
    # arXiv 2503.21408
    found = typed("We demonstrate state-of-the-art performance on two "
                  "challenging datasets, LRS2 and LRS3, where our method achieves "
                  "significant reductions in Word Error Rate (WER) achieving a SOTA "
                  "WER of 18.7 on LRS3.")
    assert ("metric", "WER") in found


def test_map_the_verb_is_not_map_the_metric(typed: Extractor) -> None:
    # arXiv 2503.21125
    found = typed("In multi-class unsupervised anomaly detection(MUAD), "
                  "reconstruction-based methods learn to map input images to normal "
                  "patterns to identify anomalous pixels.")
    assert not any(kind == "metric" for kind, _ in found)


# --- metric patterns -----------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # arXiv 2503.17213, 2504.02534, 2504.16754: cut-offs and ranges after "@"
    ("PP-DocLayout-L achieves 90.4% mAP@0.5 and an end-to-end inference time",
     ["mAP@0.5"]),
    ("a substantial improvement of 88.5% in mAP@0.5 and 103% in mAP@0.5:0.95 over",
     ["mAP@0.5", "mAP@0.5:0.95"]),
    ("Vector Memory achieves P@5 >= 0.80 and R@50 >= 0.74", ["P@5", "R@50"]),
    ("write to someone@example.org for access", []),
])
def test_metrics_at_cut_off(text: str, expected: list[str]) -> None:
    found = resolve_overlaps(find_metrics(text))
    assert [m.text for m in found if m.type == "metric"] == expected


@pytest.mark.parametrize(("text", "canonical"), [
    # arXiv 2503.16432, 2504.02178, 2504.04038
    ("achieving 87.3% accuracy and 83.0% macro F1 score.", "macro-F1"),
    ("Subasa-XLM-R achieves the highest Macro F1 score (0.84)", "macro-F1"),
    ("a 0.9818 accuracy and 0.9811 weighted F1 score with", "weighted-F1"),
])
def test_metrics_averaged_f1(text: str, canonical: str) -> None:
    assert canonical in {m.canonical for m in resolve_overlaps(find_metrics(text))}


def test_metrics_area_under_a_curve() -> None:
    # arXiv 2504.16754
    text = ("doubling the area under the precision-recall curve compared to "
            "summarization-only approaches.")
    found = resolve_overlaps(find_metrics(text))
    assert [m.text for m in found] == ["area under the precision-recall curve"]


@pytest.mark.parametrize("text", [
    # arXiv 2503.17530, 2504.06638: a trade-off is no measure
    "output attention to optimize the speed-accuracy trade-off.",
    "based on the desired speed-accuracy trade-off.",
])
def test_metrics_trade_off_is_not_accuracy(text: str) -> None:
    found = resolve_overlaps(find_metrics(text))
    assert all(m.type == "concept" for m in found)


@pytest.mark.parametrize(("surface", "canonical"), [
    ("ROC-AUC score", "ROC-AUC"),
    ("BLEU scores", "BLEU"),
    ("macro-F1 scores", "macro-F1"),
    ("Brier scores", "Brier score"),
])
def test_metrics_canonical_drops_score_after_an_acronym(surface: str,
                                                       canonical: str) -> None:
    assert metric_canonical(surface) == canonical


def test_metrics_listed_among_known_metrics(typed: Extractor) -> None:
    # arXiv 2505.00687: DISTS is listed between known metrics
    found = typed("Our approach consistently outperforms existing "
                  "methods across various reference-based metrics including PSNR, "
                  "SSIM, LPIPS, DISTS and FID, further representing a practical "
                  "advancement for real-world image restoration.")
    assert {("metric", n) for n in ("PSNR", "SSIM", "LPIPS", "DISTS", "FID")} <= found


def test_metrics_list_needs_metrics_around(typed: Extractor) -> None:
    # arXiv 2504.09097: "MPJPE" alone in its parenthesis, CDh beside no metric
    found = typed("in terms of 3D hand pose estimation (MPJPE), 3D "
                  "object reconstruction (CDh, CDo, F10), and rendering quality "
                  "(PSNR, SSIM, LPIPS), respectively.")
    assert ("metric", "CDh") not in found


# --- proposed names: what they are, and which words are none -----------------------

@pytest.mark.parametrize(("sentence", "name", "kind"), [
    # arXiv 2503.19907, 2504.10157, 2503.14485: the head noun of the appositive
    ("To address these challenges, we introduce FullDiT, a unified foundation model "
     "for video generation that seamlessly integrates multiple conditions.",
     "FullDiT", "model"),
    ("To this end, we introduce SocioVerse, an LLM-agent-driven world model for "
     "social simulation.", "SocioVerse", "model"),
    ("In this work, we introduce Lux Post Facto, a novel portrait video relighting "
     "method that produces both photorealistic and temporally consistent lighting "
     "effects.", "Lux Post Facto", "method"),
    # arXiv 2503.18052: a count of thousands names data
    ("In order to power the proposed methods, we introduce SceneSplat-7K, the first "
     "large-scale 3DGS dataset for indoor scenes.", "SceneSplat-7K", "benchmark"),
])
def test_proposals_typed_from_their_description(sentence: str, name: str,
                                                kind: str) -> None:
    found = {(m.text, m.type) for m in find_proposals(sentence, 0, [])}
    assert (name, kind) in found


def test_proposals_passive_cue() -> None:
    # arXiv 2504.15616
    text = ("SocialMOIF is proposed to tackle these challenges, concentrating on the "
            "higher-order intention interactions among neighboring groups.")
    assert "SocialMOIF" in {m.text for m in find_proposals(text, 0, [])}


@pytest.mark.parametrize("sentence", [
    # arXiv 2503.16655, 2503.17027: a name glued to a participle describes
    # something else
    "We propose an LLM-based pipeline that acts as an alarm system.",
    "Additionally, we propose a RAW-based data augmentation strategy to further "
    "enhance RAW-Adapter's performance.",
])
def test_proposals_describing_compounds_are_no_names(sentence: str) -> None:
    names = {m.text for m in find_proposals(sentence, 0, [])}
    assert not {"LLM-based", "RAW-based"} & names


@pytest.mark.parametrize(("title", "abstract", "expected"), [
    # arXiv 2503.14485-style: two capitalised words the abstract uses as a name
    ("Lux Post Facto: Learning Portrait Performance Relighting",
     "In this work, we introduce Lux Post Facto, a novel portrait video relighting "
     "method.", "Lux Post Facto"),
    # a claim, not a name, even when the abstract repeats it
    ("Beyond Accuracy: What Matters in Designing Well-Behaved Models?",
     "We look beyond accuracy. Beyond Accuracy is what we study.", None),
    # a known concept is no name of the paper's own
    ("Large Language Models: A Survey",
     "We survey recent Large Language Models and their uses.", None),
])
def test_title_name_of_capitalised_words(title: str, abstract: str,
                                         expected: str | None) -> None:
    assert title_name(title, abstract) == expected


@pytest.mark.parametrize("title", [
    # arXiv 2503.24377: a survey names no method of its own
    "Harnessing the Reasoning Economy: A Survey of Efficient Reasoning for Large "
    "Language Models",
    # a contraction makes a phrase, not a name
    "Don't Look Twice: Faster Video Transformers",
])
def test_title_name_of_surveys_and_phrases(title: str) -> None:
    assert title_name(title) is None


def test_known_concepts_are_not_proposed_names() -> None:
    # arXiv 2504.07724, 2506.17837: "our RAG framework" is a paradigm, not a name
    for text, acronym in [
        ("The results indicate that our RAG framework can significantly enhance the "
         "diagnostic performance of LLMs.", "RAG"),
        ("For video segmentation, it identifies keyframes, predicts their masks "
         "using our ICL pipeline, and propagates them.", "ICL")]:
        assert acronym not in {m.text for m in find_proposals(text, 0, [])}


@pytest.mark.parametrize(("abstract", "name"), [
    # arXiv 2504.19019, 2505.14049: the short form is a homonym of a listed
    # model; the naming verb makes the definition the paper's own method
    ("We propose Graph of ATtacks (GoAT), a method for generating adversarial "
     "prompts to test the robustness of LLMs.", "GoAT"),
    ("To address these limitations, we propose Concept Rule Learner (CRL), a novel "
     "framework to learn Boolean logical rules from binarized features.", "CRL"),
])
def test_own_definition_outranks_a_listed_homonym(shared_extractor: Extractor,
                                                  abstract: str, name: str) -> None:
    paper = Paper(id="t", title="A title", abstract=abstract)
    roles = {(e.type, e.canonical, e.role)
             for e in shared_extractor.extract(paper).entities}
    assert ("method", name, "proposed") in roles


def test_a_listed_long_form_stays_used(shared_extractor: Extractor) -> None:
    # arXiv 2504.09258
    paper = Paper(id="t", title="A title", abstract=(
        "Subsequently, we introduce Group Relative Policy Optimization (GRPO) and "
        "propose a dual reward-driven reinforcement learning optimization."))
    roles = {(e.type, e.canonical, e.role)
             for e in shared_extractor.extract(paper).entities}
    assert ("method", "GRPO", "used") in roles


@pytest.mark.parametrize(("text", "expected"), [
    # arXiv 2603.21783, 2602.02628
    ("SHARP consistently outperforms all training-free baselines on CLIP Score, "
     "Aesthetic Score, and HPSv2", ["CLIP Score", "Aesthetic Score"]),
    ("The score of the game is then defined as $s_A-s_B$.", []),
])
def test_metrics_named_scores(text: str, expected: list[str]) -> None:
    found = resolve_overlaps(find_metrics(text))
    assert [m.text for m in found] == expected
