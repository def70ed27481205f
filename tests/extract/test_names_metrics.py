"""Method, proposed-name and metric recognisers (issue 18) on real sentences from
the arXiv cs abstracts in ../shared/data (none of them a gold paper)."""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.extract.roles import definition_is_own, definition_type
from kg.records import Paper


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def typed(extractor: Extractor, abstract: str, title: str = "A title"
          ) -> set[tuple[str, str]]:
    paper = Paper(id="t", title=title, abstract=abstract)
    return {(e.type, e.canonical) for e in extractor.extract(paper).entities}


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

def test_vision_transformers_are_vit_not_the_transformer(extractor: Extractor
                                                         ) -> None:
    # arXiv 2507.03816
    found = typed(extractor, "Vision Transformers (ViTs) have demonstrated superior "
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
def test_well_known_methods(extractor: Extractor, abstract: str, method: str
                            ) -> None:
    assert ("method", method) in typed(extractor, abstract)


def test_generic_classes_are_not_methods(extractor: Extractor) -> None:
    # arXiv 2506.03191: GANs and VAEs are classes of models, transformer-based
    # models no use of the Transformer
    found = typed(extractor, "The paper explores various generative approaches, "
                  "including autoregressive models, diffusion models, Generative "
                  "Adversarial Networks (GANs), Variational Autoencoders (VAEs), and "
                  "transformer-based models, by analyzing their strengths.")
    assert not {kind for kind, _ in found} & {"method", "model", "benchmark"}


def test_metric_long_tail(extractor: Extractor) -> None:
    # arXiv 2503.21408
    found = typed(extractor, "We demonstrate state-of-the-art performance on two "
                  "challenging datasets, LRS2 and LRS3, where our method achieves "
                  "significant reductions in Word Error Rate (WER) achieving a SOTA "
                  "WER of 18.7 on LRS3.")
    assert ("metric", "WER") in found


def test_map_the_verb_is_not_map_the_metric(extractor: Extractor) -> None:
    # arXiv 2503.21125
    found = typed(extractor, "In multi-class unsupervised anomaly detection(MUAD), "
                  "reconstruction-based methods learn to map input images to normal "
                  "patterns to identify anomalous pixels.")
    assert not any(kind == "metric" for kind, _ in found)
