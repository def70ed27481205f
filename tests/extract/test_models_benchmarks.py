"""The model grammar and the benchmark context rules on real sentences from the
shared corpora (``hf_daily`` and ``arxiv_cs`` abstracts, none of them a gold paper):
one test per rule family, each with sentences the rule must read and sentences it
must leave alone."""

from __future__ import annotations

import re

import pytest

from kg.extract.benchmarks import find_benchmark_contexts
from kg.extract.data_files import read_tsv
from kg.extract.mentions import Mention, resolve_overlaps
from kg.extract.models import families, find_models, is_model_name


def _models(text: str) -> list[str]:
    return [m.text for m in resolve_overlaps(find_models(text))]


def _benchmarks(text: str) -> list[str]:
    return [m.text for m in resolve_overlaps(find_benchmark_contexts(text))]


def _by_rule(found: list[Mention], rule: str) -> list[str]:
    return [m.text for m in found if m.rule == rule]


# --- model grammar -----------------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected"), [
    # arXiv 2512.15446: families derived from Epoch AI, with chat tags
    ("Three Chinese-capable open-source LLMs (Baichuan2-7B-Chat, ChatGLM-4-9B-Chat "
     "and Llama-3-8B-Chinese-Chat-v2) were fine-tuned on this corpus",
     ["Baichuan2-7B-Chat", "ChatGLM-4-9B-Chat", "Llama-3-8B"]),
    # hf 2408.11857
    ("We present Hermes 3, a neutrally-aligned generalist instruct and tool use "
     "model", ["Hermes 3"]),
])
def test_models_epoch_families(sentence: str, expected: list[str]) -> None:
    for name in expected:
        assert name in _models(sentence)


def test_epoch_families_exclude_architectures_and_need_a_version() -> None:
    """Derived families never stand alone, and named architectures (methods by
    the guidelines) are never families."""
    derived = read_tsv("model_families_epoch.tsv")
    assert derived and all(row[2] == "0" for row in derived)
    architectures = {row[0] for row in read_tsv("architecture_families.tsv")}
    assert not architectures & set(families())
    assert _models("Hermes is a messenger god.") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # arXiv 2506.00829: capitals before a version
    ("MeLLo attains an accuracy of 39.47 on GPT-4O, but this drops sharply to 3.83 "
     "on QWEN2.5-3B.", ["GPT-4O", "QWEN2.5-3B"]),
    # arXiv 2503.23125
    ("multimodal vision-language models (GPT-4V, GPT-4o, Claude Sonnet 3.5, "
     "QWEN2-VL-72B, and InternVL2.5-38B)", ["QWEN2-VL-72B", "InternVL2.5-38B"]),
    ("fine-tuned from qwen2.5-7b-instruct with LoRA", ["qwen2.5-7b-instruct"]),
])
def test_models_any_case_before_a_version(sentence: str, expected: list[str]) -> None:
    found = _models(sentence)
    for name in expected:
        assert name in found


@pytest.mark.parametrize("sentence", [
    "We fix the random seed 42 for all runs.",
    "In Step 3 the agent writes the plan.",
    "the falcon and the orca are animals",
])
def test_models_any_case_needs_the_version_shape(sentence: str) -> None:
    assert _models(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # arXiv 2503.23200, 2504.06357: detector size letters
    ("rooftop detection models, including Faster R-CNN, DETReg, and YOLOv11n.",
     ["YOLOv11n"]),
    ("Our solution integrates a fine-tuned YOLOv5m for object detection",
     ["YOLOv5m"]),
    # arXiv 2606.06709
    ("object detection models spanning five architecture families including "
     "YOLOv8, YOLOv9, YOLOv10, YOLO11, YOLO26, and RT-DETR under identical",
     ["YOLOv8", "YOLOv9", "YOLOv10", "YOLO11", "YOLO26", "RT-DETR"]),
    # arXiv 2509.00752: a CLIP model with its encoder
    ("our approach leverages the CLIP ViT-B/16 backbone and enhances it",
     ["CLIP ViT-B/16"]),
    # arXiv 2504.16408: a vendor-prefixed Hugging Face id
    ("All modules are fine-tuned from Meta-Llama-3-8B-Instruct under a unified "
     "LoRA+ setup.", ["Meta-Llama-3-8B-Instruct"]),
    # arXiv 2507.21924: a training tag after the size
    ("the InternVL2.5-8B-RR model achieves an average improvement of 2.7%",
     ["InternVL2.5-8B-RR"]),
    # hf 2412.06845: an OpenAI reasoning release written after the family
    ("proprietary LLMs like GPT-4 and GPT-o1, which have captured widespread "
     "attention", ["GPT-4", "GPT-o1"]),
])
def test_models_versions_sizes_and_tails(sentence: str, expected: list[str]) -> None:
    assert _models(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # hf 2503.06749, 2503.10460: the R1 convention without a known family
    ("we propose the reasoning MLLM, Vision-R1, to improve multimodal reasoning",
     ["Vision-R1"]),
    # a parameter count makes any capitalised name a model release
    ("Compared with Video-R1, VST-7B responds 15.7 times faster",
     ["Video-R1", "VST-7B"]),
])
def test_models_by_shape_alone(sentence: str, expected: list[str]) -> None:
    found = find_models(sentence)
    assert _by_rule(found, "model.shape") == expected


@pytest.mark.parametrize("sentence", [
    # arXiv 2504.14260: a data set with a size in billions, after data words
    "on datasets such as LAION-5B and ImageNet, CrossWKV achieves",
    # arXiv 2504.13745: a gazetteer data set
    "synthesized from LAION-400M to ensure precise alignment",
    "a curated set of WebVid-10M clips",
    "R1-like models reason at length",
])
def test_models_shape_refuses_data_sets(sentence: str) -> None:
    assert _by_rule(find_models(sentence), "model.shape") == []


def test_is_model_name_whole_names_only() -> None:
    assert is_model_name("YOLOv10") and is_model_name("Qwen2.5-7B")
    assert is_model_name("VST-7B") and is_model_name("Qwen")
    assert not is_model_name("GSM8K") and not is_model_name("Yi")
    assert not is_model_name("LAION-5B")


# --- benchmark context rules ---------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected"), [
    # hf 2603.05117, arXiv 2512.16925: a release number belongs to the name
    ("On the RoboTwin 2.0 benchmark with 50 manipulation tasks, SeedPolicy "
     "outperforms DP", ["RoboTwin 2.0"]),
    ("zero-shot performance on the MultiVENT 2.0 benchmark, highlighting",
     ["MultiVENT 2.0"]),
    # hf 2503.21088: a shared task's number
    ("the ZJUKLAB team's submission for SemEval-2025 Task 4: Unlearning",
     ["SemEval-2025 Task 4"]),
])
def test_benchmarks_release_and_task_numbers(sentence: str,
                                             expected: list[str]) -> None:
    assert _benchmarks(sentence) == expected


def test_benchmarks_year_lists() -> None:
    # hf 2508.05496
    found = find_benchmark_contexts(
        "The model achieves an average improvement of 3.89% on AIME 24/25 "
        "benchmarks.")
    siblings = [m for m in found if m.text == "25"]
    assert siblings and siblings[0].canonical == "AIME 25"
    assert "AIME 24" in [m.text for m in found]


@pytest.mark.parametrize(("sentence", "expected"), [
    # hf 2406.06573: the QA naming convention
    ("strong assumptions about patient characteristics presented in the MedQA "
     "benchmark.", ["MedQA"]),
    ("Dyn-VQA and DocVQA and the VQA task", ["DocVQA"]),
    # hf 2510.08276: a CamelCase subset after -Bench
    ("demonstrates consistent improvements on BrowseComp-zh, XBench-DeepSearch, "
     "and GAIA.", ["XBench-DeepSearch"]),
    ("we release Dr.V-Bench for video hallucination", ["Dr.V-Bench"]),
])
def test_benchmarks_naming_conventions(sentence: str, expected: list[str]) -> None:
    found = find_benchmark_contexts(sentence)
    names = _by_rule(found, "benchmark.qa_suffix") + _by_rule(
        found, "benchmark.bench_suffix")
    for name in expected:
        assert name in names
    assert "VQA" not in names


@pytest.mark.parametrize(("sentence", "expected"), [
    # arXiv 2503.16674, 2602.17555: a counted head noun, a comma, the names
    ("We conduct this evaluation using two datasets, PoliGen and EconoLex, "
     "covering political and economic discourse", ["PoliGen", "EconoLex"]),
    ("We evaluate GraphThinker on two datasets, RexTime and VidHalluc, where it "
     "shows", ["RexTime", "VidHalluc"]),
])
def test_benchmarks_counted_lists(sentence: str, expected: list[str]) -> None:
    assert _by_rule(find_benchmark_contexts(sentence),
                    "benchmark.counted_list") == expected


def test_benchmarks_subsets_of() -> None:
    # hf 2511.04570
    found = _benchmarks("text-centric tasks (e.g., subsets of GSM8K, MMMU) are "
                        "evaluated")
    assert "GSM8K" in found and "MMMU" in found


@pytest.mark.parametrize(("sentence", "named", "kind"), [
    # arXiv 2604.14645: the kind before the head noun, the name in parentheses
    ("evaluated on greyscale datasets (MNIST and Fashion-MNIST) and an RGB dataset "
     "(CIFAR-10) using CNN architectures", "CIFAR-10", "RGB"),
])
def test_benchmarks_kind_then_name(sentence: str, named: str, kind: str) -> None:
    found = _benchmarks(sentence)
    assert named in found and kind not in found


@pytest.mark.parametrize(("sentence", "refused"), [
    # arXiv 2510.06471: an acronym alone before a plural head is a task
    ("We evaluate 12 RMs across a diverse suite of MT benchmarks spanning "
     "multiple domains", "MT"),
    ("evaluating models on a suite of SLU benchmarks while varying training data",
     "SLU"),
    # a descriptive adjective and an indefinite article
    ("we build an LLM-based benchmark for planning", "LLM-based"),
    ("A deployment-relevant Text2Cypher benchmark therefore reflects the "
     "questions", "Text2Cypher"),
])
def test_benchmarks_head_noun_refusals(sentence: str, refused: str) -> None:
    assert refused not in _benchmarks(sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("achieves a new state of the art on the challenging Craftax-classic benchmark",
     ["Craftax-classic"]),
    ("the resulting retriever achieves state-of-the-art performance on the CMU "
     "Gold dataset", ["CMU Gold"]),
])
def test_benchmarks_head_noun_variant_names(sentence: str,
                                            expected: list[str]) -> None:
    assert _benchmarks(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # hf 2504.10559, 2512.24615: a parenthetical after an item keeps the list
    ("yields a new state-of-the-art (SOTA) PRM on ProcessBench (75.0%) and "
     "PRMBench (65.5%) compared with same sized models.",
     ["ProcessBench", "PRMBench"]),
    ("Youtu-Agent achieves state-of-the-art performance on WebWalkerQA (71.47%) "
     "and GAIA (72.8%) using open-weight models.", ["WebWalkerQA", "GAIA"]),
])
def test_benchmarks_lists_with_parentheticals(sentence: str,
                                              expected: list[str]) -> None:
    found = _benchmarks(sentence)
    for name in expected:
        assert name in found


@pytest.mark.parametrize(("sentence", "refused"), [
    # arXiv 2606.06709: a list that names models names no benchmarks
    ("we trained 28 object detection models spanning five architecture families "
     "including YOLOv8, YOLOv9, YOLOv10, YOLO11, YOLO26, and RT-DETR under "
     "identical conditions", "RT-DETR"),
    # a model head noun before the cue
    ("competitive with leading commercial systems (e.g., Kling-Omni). Code and "
     "models will be released.", "Kling-Omni"),
    # hf 2601.23161: "improves over X" compares with X
    ("Experiments on MMSU, MMAU, and MMAR show that DIFFA-2 consistently improves "
     "over DIFFA and is competitive", "DIFFA"),
])
def test_benchmarks_lists_of_compared_systems(sentence: str, refused: str) -> None:
    assert refused not in _benchmarks(sentence)


def test_benchmarks_list_propagation_from_a_known_member() -> None:
    """A coordination with one gazetteer benchmark types its unknown members
    (GSM8K is in the gazetteer; ALFWorld and WebShop are not)."""
    found = find_benchmark_contexts("The agent was trained with GSM8K, ALFWorld "
                                    "and WebShop.")
    assert _by_rule(found, "benchmark.known_list") == ["ALFWorld", "WebShop"]
    found = find_benchmark_contexts("The agent was trained with BERT and ALFWorld.")
    assert _by_rule(found, "benchmark.known_list") == []


@pytest.mark.parametrize("sentence", [
    # hf 2409.13591: a rate is no name
    "achieves rendering speed over 100FPS on consumer GPUs",
    "we evaluate T2I and I2V models on our data",
])
def test_benchmarks_refuse_sizes_rates_and_task_acronyms(sentence: str) -> None:
    assert not [n for n in _benchmarks(sentence) if re.search(r"FPS|2", n)]


@pytest.mark.parametrize("sentence", [
    # arXiv 2503.14552, 2503.19819: a list with a sized architecture names methods
    "we conduct extensive experimental analyses across different datasets using "
    "several state-of-the-art algorithms, such as ResNet-50, DeepLab-V3, and YoloV8.",
    "extensive experiments with a total of four datasets with different task "
    "ordering and four backbone models including ResNet50, RetCCL, CTransPath, "
    "and UNI.",
])
def test_benchmarks_lists_with_an_architecture(sentence: str) -> None:
    assert _by_rule(find_benchmark_contexts(sentence), "benchmark.eval_list") == []


def test_benchmarks_list_propagation_needs_a_distinct_name() -> None:
    """Modalities and quantities coordinated with a data set are not data sets."""
    found = find_benchmark_contexts("We evaluate on GSM8K, MRI and FOV settings.")
    assert _by_rule(found, "benchmark.known_list") == []


def test_models_a_count_alone_is_no_version() -> None:
    # hf 2501.07888: a family word before a count of items names a benchmark
    assert _models("On the DREAM-1K benchmark, Tarsier2-7B improves F1 by 2.8% "
                   "over GPT-4o") == ["Tarsier2-7B", "GPT-4o"]
    assert _models("we query GPT-4-32K with long inputs") == ["GPT-4-32K"]


def test_epoch_gazetteer_has_no_architectures() -> None:
    """Epoch lists architectures and algorithms; the guidelines make them methods."""
    from kg.extract.data_files import DATA_DIR, read_jsonl
    patterns = {row["pattern"] for row in read_jsonl(DATA_DIR / "models.jsonl")}
    assert not {"ResNet-152", "LSTM", "DQN", "VGG16"} & patterns
    assert "GPT-4" in patterns or "Llama 2" in patterns


def test_models_longest_version_and_unbranded_distills() -> None:
    # hf 2507.01006: "GLM-4" is a family too, but the name goes on after it
    assert _models("we open-source GLM-4.1V-9B-Thinking, which achieves "
                   "state-of-the-art performance") == ["GLM-4.1V-9B-Thinking"]
    # a distilled checkpoint written without its vendor
    assert "R1-Distill-Qwen-7B" in _models("we fine-tune R1-Distill-Qwen-7B on it")


@pytest.mark.parametrize(("sentence", "expected"), [
    # hf 2408.16725, 2410.09584: a count of items names a data set
    ("We also introduce the VoiceAssistant-400K dataset to fine-tune models",
     ["VoiceAssistant-400K"]),
    ("scaling up to a high-quality VIF-RAG-QA dataset (>100k) through automated "
     "processes", ["VIF-RAG-QA"]),
    # hf 2406.07476: two-letter task acronyms are no QA sets
    ("evaluations on multiple-choice video question answering (MC-VQA), open-ended "
     "video question answering (OE-VQA), and video captioning", []),
    ("Qwen2.5-7B-Instruct-1M handles long inputs", []),
])
def test_benchmarks_count_and_qa_suffixes(sentence: str, expected: list[str]) -> None:
    found = find_benchmark_contexts(sentence)
    names = {m.text for m in found if m.rule in ("benchmark.count_suffix",
                                                  "benchmark.qa_suffix")}
    assert names == set(expected)


def test_looks_like_benchmark_name() -> None:
    from kg.extract.benchmarks import looks_like_benchmark_name
    for name in ("InsScene-15K", "MoZoo-Data", "HuskyQA", "AstaBench",
                 "WebArena-lite"):
        assert looks_like_benchmark_name(name), name
    for name in ("Qwen2.5-7B-Instruct-1M", "VQA", "Tower+", "GRPO"):
        assert not looks_like_benchmark_name(name), name


def test_looks_like_model_name_counts_parameters_not_items() -> None:
    from kg.extract.models import looks_like_model_name
    assert looks_like_model_name("Xiangqi-R1") and looks_like_model_name("VST-7B")
    assert not looks_like_model_name("DeepVerifier-4K")


@pytest.mark.parametrize(("sentence", "refused"), [
    # hf 2408.14849: a year form before "challenge" names an event
    ("We evaluate SHADOW on the LM-KBC 2024 challenge and show that it outperforms "
     "the baseline solution", "LM-KBC 2024"),
    # arXiv 2604.07755: a task written X-to-Y before a plural head
    ("On NL-to-code benchmarks that require library use, we find that LLMs",
     "NL-to-code"),
    ("Across five GUI-grounding benchmarks and multiple Qwen backbones",
     "GUI-grounding"),
    ("a privacy-aware Codabench competition on industrial orchestration",
     "Codabench"),
])
def test_benchmarks_refuse_events_tasks_and_platforms(sentence: str,
                                                      refused: str) -> None:
    assert refused not in _benchmarks(sentence)


@pytest.mark.parametrize(("model", "family"), [
    ("Baichuan 2 13B", "Baichuan"), ("Baichuan-7B", "Baichuan"),
    ("YOLOv8x", "YOLO"), ("DeBERTaV3-large", "DeBERTa"), ("RWKV-4 14B", "RWKV"),
    ("Stable Video Diffusion", None), ("GPT-4o", "GPT"),
])
def test_build_model_families_family_of(model: str, family: str | None) -> None:
    """The Epoch family of a model name: the capitalised name before a version;
    the v of "YOLOv8" belongs to the version, the V of "RWKV" to the name."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    from build_model_families import family_of
    assert family_of(model) == family


@pytest.mark.parametrize(("sentence", "expected"), [
    ("prevalent models such as Flux, SD3.5 and Midjourney, still grapple",
     ["SD3.5"]),
    ("Applying RankDPO on SDXL and SD3-Medium models with our synthetic",
     ["SDXL", "SD3-Medium"]),
    ("Extensive experiments on SD-v1.5, SD-v2.1, and SD-XL demonstrate",
     ["SD-v1.5", "SD-v2.1", "SD-XL"]),
    # standard deviations and a heart-rate variability index are no models
    ("Among 157 patients (34% female, mean age 70 SD 10.8), clinicians spoke", []),
    ("a mean Dice similarity coefficient (DSC) of 0.76 (SD 0.20) on images", []),
    ("less than 10% error for most indices, except SD2 and SDNN in women", []),
])
def test_models_stable_diffusion_abbreviations(sentence: str,
                                               expected: list[str]) -> None:
    assert _models(sentence) == expected
