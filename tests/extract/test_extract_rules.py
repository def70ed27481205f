"""Each rule family on real sentences from ../shared/data (seed page, dev papers)."""

from __future__ import annotations

import pytest

from kg.extract.acronyms import definition_mentions, find_definitions
from kg.extract.benchmarks import find_benchmark_contexts
from kg.extract.mentions import Mention, outside, resolve_overlaps
from kg.extract.methods import find_variant_names
from kg.extract.metrics import find_metrics, metric_canonical
from kg.extract.models import find_models
from kg.extract.organizations import find_organizations
from kg.extract.proposals import cue_names, find_proposals, subtitle_kind, title_name
from kg.extract.roles import definition_is_own, definition_type
from kg.extract.text import sentence_bounds, url_spans


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Group Relative Policy Optimization (GRPO) has demonstrated strong reasoning",
     [("Group Relative Policy Optimization", "GRPO")]),
    ("we propose Step-wise Group Relative Policy Optimization (Step-GRPO), a novel",
     [("Step-wise Group Relative Policy Optimization", "Step-GRPO")]),
    ("The exploitation of large language models (LLMs) for malicious purposes",
     [("large language models", "LLMs")]),
    ("we introduce Generative Teaching Networks (GTNs), deep neural networks",
     [("Generative Teaching Networks", "GTNs")]),
    ("achieving over 90% attack success rates (Table 2)", []),
    ("as described earlier (Sec. 3), the policy", []),
    # in capitals "SEC" is an acronym, not "Section" (arXiv export)
    ("Publicly traded companies must disclose financial information under "
     "regulations of the Securities and Exchange Commission (SEC)",
     [("Securities and Exchange Commission", "SEC")]),
])
def test_acronyms_find_definitions(sentence: str, expected: list) -> None:
    found = [(d.long_form, d.short_form) for d in find_definitions(sentence)]
    assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("achieving over 90% attack success rates against GPT-3.5-Turbo and "
     "Llama-3.1-70B within 5 conversation turns", ["GPT-3.5-Turbo", "Llama-3.1-70B"]),
    ("DeepSeek-R1-Distill-Qwen-7B and Llama 3.3 70B and Qwen2-VL-2B-Instruct",
     ["DeepSeek-R1-Distill-Qwen-7B", "Llama 3.3 70B", "Qwen2-VL-2B-Instruct"]),
    ("We compare with GPT-4o-mini and Claude 3.5 Sonnet.",
     ["GPT-4o-mini", "Claude 3.5 Sonnet"]),
    ("R1-like models reason at length", []),
    ("families such as LLaMA, Qwen and Gemma", ["LLaMA", "Qwen", "Gemma"]),
    # A capitalised word outside the suffix list joins the name when a size follows.
    ("we use Qwen2.5-Math-PRM-72B as the process reward model",
     ["Qwen2.5-Math-PRM-72B"]),
    ("Qwen3-ForcedAligner-0.6B predicts timestamps", ["Qwen3-ForcedAligner-0.6B"]),
    ("Qwen2.5-Awesome results", ["Qwen2.5"]),
    # A family whose case varies is found in any case ("LLaMA" as well as "Llama").
    ("on LLaMA-3.3-70B-Instruct and LLaMA3.1-8B", ["LLaMA-3.3-70B-Instruct",
                                                   "LLaMA3.1-8B"]),
])
def test_models_grammar(text: str, expected: list[str]) -> None:
    found = resolve_overlaps(find_models(text))
    assert [m.text for m in found] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Empirical evaluations on JailbreakBench demonstrate", ["JailbreakBench"]),
    ("we achieve strong results on ALFWorld and WebShop.", ["ALFWorld", "WebShop"]),
    ("accuracy on AIME 2025 and AMC23", ["AIME 2025", "AMC23"]),
    ("accepted at ICLR 2025", []),
])
def test_benchmarks_context(text: str, expected: list[str]) -> None:
    found = resolve_overlaps(find_benchmark_contexts(text))
    assert [m.text for m in found] == expected


@pytest.mark.parametrize(("surface", "canonical"), [
    ("attack success rates", "attack success rate"),
    ("average accuracy", "accuracy"),
    ("pass@1", "pass@1"),
    ("average success rate", "success rate"),
    ("Brier scores", "Brier score"),
])
def test_metrics_canonical(surface: str, canonical: str) -> None:
    assert metric_canonical(surface) == canonical


@pytest.mark.parametrize(("text", "expected"), [
    ("improves pass@k and Avg@16 over the base", ["pass@k", "Avg@16"]),
    ("over 90% attack success rates against", ["attack success rates"]),
])
def test_metrics_patterns(text: str, expected: list[str]) -> None:
    assert [m.text for m in resolve_overlaps(find_metrics(text))] == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("DeepSearch: Overcome the Bottleneck of Reinforcement Learning", "DeepSearch"),
    ("Tower+: Bridging Generality and Translation Specialization", "Tower+"),
    ("Strategize Globally, Adapt Locally: A Multi-Turn Red Teaming Agent", None),
    ("Can LLMs Reason in the Wild with Programs?", None),
])
def test_proposals_title_name(title: str, expected: str | None) -> None:
    assert title_name(title) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In this paper, we propose DeepSearch, a framework that integrates MCTS",
     ["DeepSearch"]),
    ("our approach outperforms GRPO on GSM8K.", []),
    ("In this paper, we propose \\AlgName, a novel multi-turn red-teaming agent", []),
    # "our proposed / newly introduced X" (HF daily and arXiv abstracts)
    ("Experiments on our proposed ViewBench benchmark demonstrate that token-level "
     "warping enables MLLMs to reason reliably from nearby viewpoints.", ["ViewBench"]),
    ("Our approach outperforms several state-of-the-art methods on both the ROBI "
     "dataset and our newly introduced Self-ROBI dataset.", ["Self-ROBI"]),
])
def test_proposals_cue_names(sentence: str, expected: list[str]) -> None:
    assert sorted({sentence[a:b] for a, b in cue_names(sentence)}) == expected


@pytest.mark.parametrize(("long_form", "short_form", "kind"), [
    ("Group Relative Policy Optimization", "GRPO", "method"),
    ("large language models", "LLMs", "concept"),
    ("Retrieval Augmented Generation", "RAG", "concept"),
    ("Berkeley Function-Calling Leaderboard", "BFCL", "benchmark"),
])
def test_roles_definition_type(long_form: str, short_form: str, kind: str) -> None:
    assert definition_type(long_form, short_form) == kind


@pytest.mark.parametrize(("sentence", "short", "title", "own"), [
    ("we propose Consistency-Aware Policy Optimization (COPO), a consistency-aware",
     "COPO", "COPO: Consistency-Aware Policy Optimization", True),
    ("Group Relative Policy Optimization (GRPO) has shown", "GRPO", "Other", False),
])
def test_roles_definition_is_own(sentence: str, short: str, title: str,
                                 own: bool) -> None:
    assert definition_is_own(sentence, short, title) is own


@pytest.mark.parametrize(("text", "expected"), [
    ("we compare Guide-GRPO against GRPO-D", ["Guide-GRPO", "GRPO-D"]),
    ("Unlike GRPO, our method", []),
])
def test_methods_variant_names(text: str, expected: list[str]) -> None:
    assert [m.text for m in find_variant_names(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("in collaboration with Microsoft Research and the University of Oxford.",
     ["Microsoft Research", "University of Oxford"]),
    ("Code: https://github.com/microsoft/foo", []),
])
def test_organizations_text(text: str, expected: list[str]) -> None:
    assert [m.text for m in resolve_overlaps(find_organizations(text))] == expected


def test_text_sentence_bounds_keeps_abbreviations() -> None:
    text = "Title\n\nWe use GRPO, e.g. on GSM8K. Results et al. show gains."
    spans = sentence_bounds(text, 5)
    assert [text[s:e] for s, e in spans] == [
        "Title", "We use GRPO, e.g. on GSM8K.", "Results et al. show gains."]


def test_mentions_resolve_overlaps_prefers_longest() -> None:
    a = Mention(0, 9, "method", "x", "Step-GRPO")
    b = Mention(5, 9, "method", "y", "GRPO", priority=9)
    assert resolve_overlaps([b, a]) == [a]


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ("on GSM-Symbolic and MATH", 3, 6, "GSM-Symbolic"),
    ("on ARC-C, MMLU", 3, 6, "ARC-C"),
    ("on GSM+ and", 3, 6, "GSM+"),
    ("on GSM8K-based data", 3, 8, "GSM8K"),
])
def test_gazetteer_extend_variant(text: str, start: int, end: int,
                                  expected: str) -> None:
    from kg.extract.gazetteer import _extend_variant
    assert _extend_variant(text, start, end)[1] == expected


@pytest.mark.parametrize(("proposed", "model", "expected"), [
    ("Qwen3-ASR", "Qwen3-ASR-1.7B", "proposed"),   # the paper's sized releases
    ("Kimi-VL", "Kimi-VL-Thinking", "proposed"),
    ("MiMo", "MiMo-7B-Base", "proposed"),
    ("Qwen3-ASR", "Qwen2.5-7B", "used"),           # another family
    ("MiMo", "MiMonster-7B", "used"),              # not the name plus a tail
    ("R1", "R1-Distill-Qwen-7B", "used"),          # too short to claim a family
])
def test_models_named_after_a_proposed_name_are_the_papers_own(
        proposed: str, model: str, expected: str) -> None:
    assert role_after_own_variants(("model", proposed), ("model", model)) == expected


def role_after_own_variants(proposed: tuple[str, str], used: tuple[str, str]) -> str:
    """The role :func:`own_model_variants` leaves a used entity ``(type, name)``
    beside a proposed one."""
    from kg.extract.roles import own_model_variants
    from kg.records import Entity

    entities = [Entity(proposed[0], proposed[1], proposed[1], role="proposed"),
                Entity(used[0], used[1], used[1], role="used")]
    own_model_variants(entities)
    return entities[1].role


def test_real_technical_report_proposes_its_sized_models(shared_data) -> None:
    """Qwen3-ASR technical report (hf_dev_papers.json): the 1.7B and 0.6B models
    are the ones it releases."""
    from kg.extract import Extractor
    from kg.sources import read_papers

    papers = [p for p in read_papers([shared_data / "gold" / "hf_dev_papers.json"])
              if p.title.startswith("Qwen3-ASR")]
    roles = {e.canonical: e.role for e in Extractor().extract(papers[0]).entities
             if e.type == "model"}
    assert roles.get("Qwen3-ASR-1.7B") == roles.get("Qwen3-ASR-0.6B") == "proposed"


@pytest.mark.parametrize(("rule", "sentence", "expected"), [
    # names in parentheses after a plural head (seed page, real abstracts)
    ("benchmark.head_list",
     "Curriculum training on composed 6th-grade level math problems (GSM8K) boosts "
     "accuracy on longer, competition-level benchmarks (GSM-Symbolic, MATH-500, "
     "AIME) by up to 2.06x.", {"GSM-Symbolic", "MATH-500", "AIME"}),
    ("benchmark.head_list",
     "Across five challenging benchmarks (AIME 2025, 3-SAT, and three Big Bench "
     "Extra Hard tasks), EGuR achieves up to 14% accuracy improvements.",
     {"AIME 2025"}),
    ("benchmark.head_list", "We test on two environments (ALFWorld and WebShop).",
     {"ALFWorld", "WebShop"}),
    ("benchmark.head_list",
     "Gains hold on standard benchmarks (Table 2) and datasets (+3.1%).", set()),
    # a two-word name between name-like list items (seed page, real abstract)
    ("benchmark.eval_list",
     "Experiments on GSM8K, MATH500, SVAMP, College Math, and GSM+ demonstrate "
     "that curriculum-based training consistently outperforms fixed-budget "
     "baselines.", {"GSM8K", "MATH500", "SVAMP", "College Math", "GSM+"}),
    # a list cannot open with two plain capitalised words
    ("benchmark.eval_list", "Results on New York and San Francisco show gains.",
     set()),
    # names coordinated before one plural head (seed page, real abstract)
    ("benchmark.coordinated_head",
     "Experimental results on diverse language pairs from the FLORES-200 and WMT24 "
     "benchmarks show that our method consistently achieves gains.",
     {"FLORES-200"}),
    # modalities: two letters are too short to be taken from a coordination
    ("benchmark.coordinated_head", "We pretrain on paired CT and MRI datasets.",
     set()),
    # a dotted version after an -Eval name (seed page, real abstract)
    ("benchmark.bench_suffix",
     "The resulting 7B parameter Orca-2.5 model achieves a win-rate of 33% on "
     "AlpacaEval 2.0 (even after controlling for response length).",
     {"AlpacaEval 2.0"}),
    # names after a plural head and a colon (arXiv export), to the clause's end
    ("benchmark.head_list",
     "Extensive experiments integrating SDVPT with all available open-world object "
     "counting models demonstrate its effectiveness and adaptability across three "
     "widely used datasets: FSC-147, CARPK, and PUCPR+.",
     {"FSC-147", "CARPK", "PUCPR+"}),
    ("benchmark.head_list",
     "we evaluated three distinct instruction-tuned LMs from the Llama, Mistral, and "
     "Qwen families on three benchmarks: MMLU, GPQA Diamond, and BoolQ.",
     {"MMLU", "GPQA Diamond", "BoolQ"}),
    # a sentence that opens "On X," (arXiv export)
    ("benchmark.eval_list",
     "It is efficient. On Endovis17, BiPrompt-SAM achieved 89.55% mDice and 81.46% "
     "mIoU, comparable to state-of-the-art specialized medical segmentation models.",
     {"Endovis17"}),
])
def test_benchmark_context_rules_on_real_sentences(rule, sentence, expected):
    assert {m.text for m in find_benchmark_contexts(sentence)
            if m.rule == rule} == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    # hf_dev_papers.json (real abstract)
    ("On ScreenSpot-Pro, it raises Qwen3-VL 4B/8B/30B-A3B from 55.5/52.7/53.7 to "
     "63.4/65.8/67.0.", {"Qwen3-VL 4B", "Qwen3-VL 8B", "Qwen3-VL 30B-A3B"}),
    ("We fine-tune Llama-3.1-8B/70B.", {"Llama-3.1-8B", "Llama-3.1-70B"}),
    ("GPT-4o/4o-mini", {"GPT-4o/4o-mini"}),  # not a list of sizes: left whole
])
def test_models_with_a_slash_list_of_sizes_are_one_model_each(sentence, expected):
    assert {m.canonical or m.text for m in find_models(sentence)} == expected


@pytest.mark.parametrize(("title", "sentence", "expected"), [
    # hf_dev_papers.json: the cue is about RISE-Video, not about the class
    ("RISE-Video", "To bridge this gap, we present RISE-Video, a pioneering "
     "reasoning-oriented benchmark for Text-Image-to-Video synthesis with Large "
     "Multimodal Models (LMMs).", "concept"),
    # seed page (its title names GTNs): the appositive calls the class an approach
    ("Generative Teaching Networks (GTNs)", "We show that such algorithms are "
     "possible via Generative Teaching Networks (GTNs), a general approach that is "
     "applicable to any learner.", "method"),
    ("A title", "We propose Generative Teaching Networks (GTNs) to generate data.",
     "method"),
])
def test_plural_class_acronym_is_a_method_only_when_named_as_one(title, sentence,
                                                                  expected):
    from kg.extract.acronyms import definition_mentions

    text = f"{title}\n\n{sentence}"
    kinds = {m.type for m in definition_mentions(text, len(title),
                                                 sentence_bounds(text, len(title)))
             if m.rule == "acronym.definition" and m.start > len(title)}
    assert kinds == {expected}


@pytest.mark.parametrize(("sentence", "expected"), [
    # hf_dev_papers.json: the name goes on with an acronym, so the cue's first
    # word is not the name (the appositive's acronym is)
    ("In this paper, we introduce Sequence-Level PPO (SPPO), a scalable algorithm.",
     ["SPPO"]),
    ("We propose Mamba-based UNet blocks for segmentation.", []),
    ("We propose DeepSearch, a framework for search.", ["DeepSearch"]),
])
def test_cue_name_is_not_the_first_word_of_a_longer_name(sentence, expected):
    assert {sentence[s:e] for s, e in cue_names(sentence)} == set(expected)


@pytest.mark.parametrize(("text", "spans"), [
    ("Code is available at https://github.com/Zhangyr2022/MoRe4D.", [(21, 58)]),
    ("see www.example.org/x and huggingface.co/Qwen/Qwen3-8B, then",
     [(4, 21), (26, 54)]),
    ("no address here, only e.g. a.b", []),
])
def test_text_url_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert url_spans(text) == spans


def test_mentions_outside_drops_what_overlaps_a_span() -> None:
    inside = Mention(10, 15, "benchmark", "r", "abcde")
    across = Mention(3, 9, "method", "r", "abcdef")
    before = Mention(0, 3, "method", "r", "abc")
    assert outside([before, across, inside], [(8, 20)]) == [before]
    assert outside([inside], []) == [inside]


# Titles of HF Daily Papers (../shared/data/hf_daily): the phrase after the colon
# names what the title's name is, unless it is a claim or a question.
@pytest.mark.parametrize(("title", "kind"), [
    ("CLAY: A Controllable Large-scale Generative Model for Creating High-quality "
     "3D Assets", "model"),
    ("Typhoon T1: An Open Thai Reasoning Model", "model"),
    ("AgentIF-OneDay: A Task-level Instruction-Following Benchmark for General AI "
     "Agents in Daily Scenarios", "benchmark"),
    ("XLand-100B: A Large-Scale Multi-Task Dataset for In-Context Reinforcement "
     "Learning", "benchmark"),
    ("ELTEX: A Framework for Domain-Driven Synthetic Data Generation", "method"),
    ("ThinkTwice: Jointly Optimizing Large Language Models for Reasoning and "
     "Self-Refinement", None),
    ("MMSearch: Benchmarking the Potential of Large Models as Multi-modal Search "
     "Engines", None),
    ("R-Horizon: How Far Can Your Large Reasoning Model Really Go in Breadth and "
     "Depth?", None),
    ("PromptBridge: Cross-Model Prompt Transfer for Large Language Models", None),
    ("R2LDM: An Efficient 4D Radar Super-Resolution Framework Leveraging Diffusion "
     "Model", "method"),
    ("Distillation Scaling Laws", None),
])
def test_proposals_subtitle_kind(title: str, kind: str | None) -> None:
    assert subtitle_kind(title) == kind


def test_proposals_title_name_takes_the_subtitle_kind() -> None:
    title = ("MARBLE: A Hard Benchmark for Multimodal Spatial Reasoning and Planning")
    assert _proposed(title, "MARBLE is hard: models score low on it.") == {
        ("MARBLE", "benchmark")}


# The noun after a definition's parenthesis names its kind (sentences from the
# dev papers and the arXiv export in ../shared/data).
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Building on this capability, we develop a scalable pseudo-labeling pipeline "
     "for large-scale video matting and construct the Matting Anything in Video "
     "(MA-V) dataset, which offers high-quality matting annotations.",
     ("MA-V", "benchmark")),
    ("First, we propose a novel Position-Weighted Consistency (PWC) score that "
     "captures both the importance of early-stage stability and recovery patterns "
     "in multi-turn interactions.", ("PWC", "metric")),
    ("Next, we propose the generative visual information fidelity (GVIF) metric to "
     "evaluate the visual quality of the generated image.", ("GVIF", "metric")),
    # A known name keeps its kind: an SFT dataset is data for supervised fine-tuning.
    ("We build a supervised fine-tuning (SFT) dataset of 10k dialogues.",
     ("SFT", "method")),
])
def test_acronyms_head_after_the_definition_names_the_kind(
        sentence: str, expected: tuple[str, str]) -> None:
    assert expected in _defined(sentence)


def test_acronyms_plural_head_after_the_definition_is_not_one_dataset() -> None:
    sentence = "We use Magnetic Resonance Imaging (MRI) datasets from three hospitals."
    assert "benchmark" not in {kind for _, kind in _defined(sentence)}


# Lowercase long forms are things of a kind unless the paper claims them (sentences
# from the arXiv export in ../shared/data).
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Despite recent success in applying large language models (LLMs) to electronic "
     "health records (EHR), most systems focus primarily on assessment rather than "
     "treatment planning.", ("EHR", "concept")),
    ("Existing 2D-to-3D human pose estimation (HPE) methods struggle with the "
     "occlusion issue by enriching information like temporal and visual cues in the "
     "lifting stage.", ("HPE", "concept")),
    ("To address this issue, we propose projection surface adaptation (PSA) that "
     "can generate compensable surface stylization.", ("PSA", "method")),
])
def test_acronyms_lowercase_long_form_is_a_concept_unless_claimed(
        sentence: str, expected: tuple[str, str]) -> None:
    assert expected in _defined(sentence)


# An appositive's head names the kind however many adjectives come first (HF daily
# and arXiv abstracts; titles without a colon give no kind of their own).
@pytest.mark.parametrize(("title", "sentence", "expected"), [
    ("CubeComposer", "We introduce CubeComposer, a novel spatio-temporal "
     "autoregressive diffusion model that natively generates 4K-resolution 360° "
     "videos.", ("CubeComposer", "model")),
    ("Measuring Hong Kong Massive Multi-Task Language Understanding",
     "To address this gap, we introduce HKMMLU, a multi-task language understanding "
     "benchmark that evaluates Hong Kong's linguistic competence and socio-cultural "
     "knowledge.", ("HKMMLU", "benchmark")),
    ("PolyMath: Evaluating Mathematical Reasoning in Multilingual Contexts",
     "In this paper, we introduce PolyMath, a multilingual mathematical reasoning "
     "benchmark covering 18 languages and 4 easy-to-hard difficulty levels.",
     ("PolyMath", "benchmark")),
    # after the name's parenthesised long form
    ("ToRL: Scaling Tool-Integrated RL", "We introduce ToRL (Tool-Integrated "
     "Reinforcement Learning), a framework for training large language models (LLMs) "
     "to autonomously use computational tools via reinforcement learning.",
     ("ToRL", "method")),
    ("Retrieval-Augmented Generation with Conflicting Evidence",
     "We introduce NeoQA (News Events for Out-of-training Question Answering), a "
     "benchmark designed to address this issue.", ("NeoQA", "benchmark")),
])
def test_proposals_appositive_head_names_the_kind(
        title: str, sentence: str, expected: tuple[str, str]) -> None:
    assert expected in _proposed(title, sentence)


def _defined(sentence: str) -> set[tuple[str, str]]:
    """(canonical, type) of every mention the acronym rule makes of ``sentence``."""
    return {(m.canonical, m.type)
            for m in definition_mentions(sentence, 0, sentence_bounds(sentence))}


def _proposed(title: str, sentence: str) -> set[tuple[str, str]]:
    """(name, type) of every proposal mention in a paper of ``title`` and one
    ``sentence``."""
    text = f"{title}\n\n{sentence}"
    bounds = sentence_bounds(text, len(title))
    return {(m.text, m.type) for m in find_proposals(text, len(title), bounds)}


@pytest.mark.parametrize(("proposed", "data", "expected"), [
    ("Pangea", "PangeaIns", "proposed"),        # its training data, glued
    ("DataMind", "DataMind-12K", "proposed"),   # a count of items
    ("AgentLens", "AgentLens-Bench", "proposed"),
    ("Pangea", "Pangeas", "used"),              # a lower-case tail is no new name
    ("GRPO", "GSM8K", "used"),                  # another name
])
def test_data_sets_named_after_a_proposed_name_are_the_papers_own(
        proposed: str, data: str, expected: str) -> None:
    assert role_after_own_variants(("method", proposed),
                                   ("benchmark", data)) == expected


def test_real_model_paper_proposes_the_data_named_after_it() -> None:
    """Pangea (hf_daily 2410.16153): "Pangea, a multilingual multimodal LLM
    trained on PangeaIns, a diverse 6M instruction dataset" releases both."""
    from kg.extract import Extractor
    from kg.records import Paper

    paper = Paper(id="t", title="Pangea: A Fully Open Multilingual Multimodal LLM",
                  abstract="This paper introduces Pangea, a multilingual multimodal "
                  "LLM trained on PangeaIns, a diverse 6M instruction dataset "
                  "spanning 39 languages.")
    roles = {(e.type, e.canonical, e.role)
             for e in Extractor().extract(paper).entities}
    assert ("benchmark", "PangeaIns", "proposed") in roles
