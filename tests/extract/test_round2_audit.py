"""Round 2 of issue 18: false-positive and miss patterns found by running the
extractor over random arXiv cs and Hugging Face abstracts of ../shared/data that are
not gold papers (real sentences, cited by arXiv id where the corpus has one)."""

from __future__ import annotations

import pytest

from kg.extract.roles import definition_type

# --- well-known names the curated lists lacked ----------------------------------

def test_translation_edit_rate_is_a_metric_not_a_list_benchmark(typed):
    found = typed("Additionally, our evaluation incorporates comprehensive "
                  "assessment metrics such as SacreBLEU, ChrF2, and TER, providing a "
                  "nuanced understanding of translation quality.")
    assert ("metric", "TER") in found
    assert not {n for t, n in found if t == "benchmark"}


def test_ctc_is_a_method_not_a_pwc_benchmark(typed):
    found = typed("We find that diverse language exposure during training "
                  "is key to PR performance, encoder-CTC models are the most stable.")
    assert ("method", "CTC") in found
    assert ("benchmark", "CTC") not in found


@pytest.mark.parametrize("sentence", [
    "trained to simulate photo-realistic InP wafer images from CAD data.",
    "The agent runs shell commands on Linux and edits files in an IDE.",
    "We collect speech in Mandarin Chinese and Cantonese.",
])
def test_pwc_rows_of_common_words_are_no_benchmarks(typed, sentence):
    assert not {n for t, n in typed(sentence) if t == "benchmark"}


# --- acronym long forms: tasks, vehicles, units and protocols are concepts -------

@pytest.mark.parametrize(("long_form", "short_form"), [
    ("Vision-and-Language Navigation", "VLN"),
    ("Cross-View Geo-Localization", "CVGL"),  # the hyphened head's last part
    ("Hounsfield Unit", "HU"),
    ("Model Context Protocol", "MCP"),
])
def test_task_and_kind_heads_make_concepts(long_form, short_form):
    assert definition_type(long_form, short_form) == "concept"


def test_own_name_with_a_task_head_stays_a_method():
    assert definition_type("Predictive Differentiable Rendering", "PDR", True,
                           claimed=True) == "method"


# --- "on X, Y and Z" lists: what the list names --------------------------------

@pytest.mark.parametrize("sentence", [
    # values after the names: metric scores, not data sets
    "On HDD-Bench, Agent Banana achieves the best multi-turn consistency and "
    "background fidelity (e.g., IC 0.871, SSIM-OM 0.84, LPIPS-OM 0.12) while "
    "remaining competitive on instruction following.",
    # a plural head noun after the list says it names protocols
    "Experimental evaluation across FTP and RTSP protocols demonstrates that "
    "FlowFSM achieves high extraction precision.",
    # a head noun before the cue: software, not data
    "To address this challenge, machine learning frameworks such as MLFlow can "
    "automate the collection of this type of information, improving performance.",
    # image modalities
    "Extensive experiments on RGB-T, RGB-D and RGB-E tracking benchmarks show that "
    "our tracker achieves state-of-the-art results.",
    # a GPU
    "Our EfficientTAM performs comparably to SAM 2 with ~2x speedup on A100 and "
    "~2.4x speedup on iPhone 15 Pro Max.",
])
def test_list_items_that_are_no_data(typed, sentence):
    assert not {n for t, n in typed(sentence) if t == "benchmark"
                and n != "HDD-Bench"}


def test_a_versioned_benchmark_in_a_list_keeps_its_version(typed):
    found = typed("Results on Terminal-Bench 2.1 and SWE-bench Verified "
                  "show strong gains.")
    assert ("benchmark", "Terminal-Bench 2.1") in found


# --- well-known architectures, losses and techniques (guidelines: methods) --------

@pytest.mark.parametrize(("sentence", "name"), [
    ("We use a Transformer-based decoder to model long sequences.", "Transformer"),
    ("Frozen ResNet50 and VGG16 backbones extract the features.", "ResNet50"),
    ("Frozen ResNet50 and VGG16 backbones extract the features.", "VGG16"),
    ("The lightweight MobileNetV3 runs on the device.", "MobileNetV3"),
    ("We explain the classifier's predictions with SHAP values.", "SHAP"),
    ("Outliers are removed with RANSAC before pose estimation.", "RANSAC"),
    ("The face encoder is trained with ArcFace on WebFace.", "ArcFace"),
    ("A SegFormer head predicts the masks.", "SegFormer"),
    ("We train with focal loss to handle class imbalance.", "focal loss"),
])
def test_well_known_methods(typed, sentence, name):
    assert ("method", name) in typed(sentence)


# --- a value given to an acronym after an article makes it a measure -------------

@pytest.mark.parametrize(("sentence", "names"), [
    ("DrivingDepth achieves an AbsRel of 11.19 and an EdgeCR of 5.741, "
     "outperforming MapAnything.", {"AbsRel", "EdgeCR"}),
    ("For abstention, it attains an AURAC of 0.907, exceeding baselines "
     "(0.818-0.840) by 7-9%.", {"AURAC"}),
    ("The model achieves an accuracy of 0.96489, an F1-score of 0.93467, and a "
     "TMCC of 0.95388.", {"TMCC"}),
])
def test_valued_acronyms_are_metrics(typed, sentence, names):
    found = typed(sentence)
    assert {("metric", n) for n in names} <= found


@pytest.mark.parametrize("sentence", [
    "For training purposes, we prepared a set of 1,730 annotated images.",
    "We stack a CNN of 3 layers on top of the encoder.",
])
def test_counts_are_no_values(typed, sentence):
    assert not {n for t, n in typed(sentence) if t == "metric"}


# --- a title's opening question or direction is no name --------------------------

@pytest.mark.parametrize("title", [
    "When AUC Misleads: Rethinking Evaluation of Anomaly Detectors",
    "Toward Reliable VLM: Calibrated Abstention for Visual Question Answering",
])
def test_title_phrases_are_no_names(title):
    from kg.extract.proposals import title_name
    assert title_name(title) is None


def test_a_numbered_title_name_stays():
    from kg.extract.proposals import title_name
    assert title_name("VideoWorld 2: Learning Transferable Knowledge from Real-world "
                      "Videos") == "VideoWorld 2"


# --- a proposal cue's object that is no name --------------------------------------

@pytest.mark.parametrize(("title", "abstract", "not_name"), [
    ("A title", "To mitigate this limitation, we curate a 7K-sample instruction-tuning "
     "dataset and propose an Omni-Modal Future Forecasting (OFF) training strategy.",
     "7K-sample"),
    ("CMU's IWSLT 2025 Simultaneous Speech Translation System",
     "This paper presents CMU's submission to the IWSLT 2025 Simultaneous Speech "
     "Translation task.", "CMU's"),
])
def test_counts_and_possessives_are_no_proposed_names(typed, title, abstract,
                                                      not_name):
    assert not_name not in {n for _, n in typed(abstract, title)}


# --- standard measures the curated lists lacked -----------------------------------

@pytest.mark.parametrize(("sentence", "names"), [
    ("In pose estimation, SirenPose outperforms Monst3R with lower absolute trajectory "
     "error as well as reduced translational and rotational relative pose error.",
     {"ATE", "RPE"}),
    ("For dementia diagnosis, it achieved an AUROC of 0.86, and for survival "
     "prediction, a C-index of 0.81.", {"AUROC", "C-index"}),
])
def test_standard_measures(typed, sentence, names):
    found = {(t, n.lower()) for t, n in typed(sentence)}
    assert {("metric", n.lower()) for n in names} <= found


@pytest.mark.parametrize(("sentence", "name"), [
    ("Evaluated on data from 2018 to 2024, after training on 2000-2017, the framework "
     "achieves a 26% annualized return and a Sharpe ratio of 1.2.", "sharpe ratio"),
    ("Evaluations on our testing benchmarks demonstrate DreamPoster's superiority, "
     "achieving a high usability rate of 88.55%.", "usability rate"),
])
def test_valued_measure_heads(typed, sentence, name):
    assert ("metric", name) in {(t, n.lower()) for t, n in typed(sentence)}


@pytest.mark.parametrize("sentence", [
    "We train for 10 epochs with a learning rate of 0.001 and a dropout rate of 0.1.",
    "The deep learning model produced a mean error of 17.76 mm.",
])
def test_hyperparameters_and_bare_heads_are_no_valued_measures(typed, sentence):
    assert not {n for t, n in typed(sentence) if t == "metric"}
