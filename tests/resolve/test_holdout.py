"""Held-out merge / separation cases drawn from the hf_daily corpus.

Every spelling below occurs as written in a title or abstract of
``../shared/data/hf_daily`` (checked by ``test_holdout_spellings_occur_in_corpus``);
none was used to design the keys.  Each row: type, two spellings, same entity?
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from kg.records import Entity, ExtractionRecord, Paper
from kg.resolve import resolve

SAME, APART = True, False
CASES = [
    ("model", "Qwen2.5-7B", "Qwen-2.5-7B", SAME),
    ("model", "Qwen2.5-7B", "Qwen2.5 7B", SAME),
    ("model", "Qwen2.5-VL", "Qwen2.5VL", SAME),
    ("model", "Qwen2-VL", "Qwen-2-VL", SAME),
    ("model", "Llama-3-8B", "Llama3-8B", SAME),
    ("model", "Llama-3-8B", "LLaMA3-8B", SAME),
    ("model", "Llama-3-8B", "Llama 3 8B", SAME),
    ("model", "Llama-3.1-8B", "LLaMA-3.1 8B", SAME),
    ("model", "Llama-3.1-8B", "Llama 3.1 8B", SAME),
    ("model", "Llama-3.1-8B-Instruct", "Llama3.1-8B-Instruct", SAME),
    ("model", "Llama-3.1-8B-Instruct", "LLaMA-3.1-8B-Instruct", SAME),
    ("model", "Llama-2-7B", "LLaMA2-7B", SAME),
    ("model", "DeepSeek-R1", "Deepseek-R1", SAME),
    ("model", "DeepSeek-R1", "DeepSeek R1", SAME),
    ("model", "DeepSeek-V3", "DeepSeek V3", SAME),
    ("model", "GPT-4o", "GPT4o", SAME),
    ("model", "GPT-4o-mini", "GPT-4o mini", SAME),
    ("model", "GPT-4 Turbo", "GPT-4-Turbo", SAME),
    ("model", "GPT-3.5-Turbo", "GPT-3.5-turbo", SAME),
    ("model", "Qwen3-8B", "Qwen-3-8B", SAME),
    ("model", "Qwen3-8B", "Qwen3 8B", SAME),
    ("model", "Mistral-7B", "Mistral 7B", SAME),
    ("model", "Claude 3.5 Sonnet", "Claude-3.5-Sonnet", SAME),
    ("model", "Gemini 2.5 Pro", "Gemini-2.5-Pro", SAME),
    ("model", "Gemini-1.5-Pro", "Gemini 1.5 Pro", SAME),
    ("model", "Qwen2.5-7B-Instruct", "Qwen-2.5-7B-Instruct", SAME),
    ("benchmark", "AIME 2024", "AIME24", SAME),
    ("benchmark", "AIME 2024", "AIME2024", SAME),
    ("benchmark", "AIME 2024", "AIME 24", SAME),
    ("benchmark", "AIME 2025", "AIME25", SAME),
    ("benchmark", "AMC 2023", "AMC23", SAME),
    ("benchmark", "GSM8K", "GSM8k", SAME),
    ("benchmark", "MATH-500", "MATH500", SAME),
    ("benchmark", "MATH-500", "MATH 500", SAME),
    ("benchmark", "GPQA-Diamond", "GPQA Diamond", SAME),
    ("benchmark", "SWE-bench Verified", "SWE-Bench Verified", SAME),
    ("benchmark", "Arena-Hard", "Arena Hard", SAME),
    ("benchmark", "AlpacaEval 2.0", "AlpacaEval2", SAME),
    ("benchmark", "MT-Bench", "MT-bench", SAME),
    ("method", "Chain-of-Thought", "chain-of-thought", SAME),
    ("method", "Chain-of-Thought", "Chain of Thought", SAME),
    ("model", "GPT-4o", "GPT-4o-mini", APART),
    ("model", "o3", "o3-mini", APART),
    ("model", "o1", "o1-mini", APART),
    ("model", "DeepSeek-V3", "DeepSeek-V3.1", APART),
    ("model", "DeepSeek-V3.1", "DeepSeek-V3.2", APART),
    ("model", "Qwen3-8B", "Qwen3-8B-Base", APART),
    ("model", "Qwen2.5-7B", "Qwen2.5-Math-7B", APART),
    ("model", "Qwen2.5-Math-7B", "Qwen2.5-Math-7B-Instruct", APART),
    ("model", "Qwen2.5-VL", "Qwen2-VL", APART),
    ("model", "Qwen2.5-VL-7B", "Qwen2.5-7B", APART),
    ("model", "Qwen2.5-1.5B", "Qwen2.5-1.5B-Instruct", APART),
    ("model", "Llama-3.1-8B", "Llama-3.1-8B-Instruct", APART),
    ("model", "Llama-3-8B", "Llama-3.1-8B", APART),
    ("model", "Claude 3.5 Sonnet", "Claude 3.7 Sonnet", APART),
    ("model", "Gemini 2.5 Pro", "Gemini 2.5 Flash", APART),
    ("model", "DeepSeek-R1-Distill-Qwen-7B", "DeepSeek-R1-Distill-Qwen-1.5B", APART),
    ("model", "DeepSeek-R1", "DeepSeek-R1-Distill-Qwen-7B", APART),
    ("model", "Phi-3-mini", "Phi-4", APART),
    ("benchmark", "GSM8K", "GSM-Hard", APART),
    ("benchmark", "GSM8K", "GSM-Symbolic", APART),
    ("benchmark", "GSM8K", "GSM+", APART),
    ("benchmark", "HumanEval", "HumanEval+", APART),
    ("benchmark", "HumanEval", "HumanEval-V", APART),
    ("benchmark", "MMLU", "MMLU-Pro", APART),
    ("benchmark", "MMLU-Pro", "MMLU-Redux", APART),
    ("benchmark", "AIME 2024", "AIME 2025", APART),
    ("benchmark", "LiveCodeBench", "LiveCodeBench v5", APART),
    ("benchmark", "WebArena", "VisualWebArena", APART),
    ("method", "GRPO", "Dr. GRPO", APART),
    ("method", "GRPO", "Step-GRPO", APART),
    ("method", "GRPO", "DAPO", APART),
    ("method", "PPO", "DPO", APART),
    ("method", "DPO", "SimPO", APART),
    ("method", "LoRA", "QLoRA", APART),
    ("method", "LoRA", "DoRA", APART),
    # issue 19: a role word, a square resolution, a bare size
    ("model", "Qwen2.5-7B", "Qwen2.5-7B base", SAME),
    ("model", "Qwen3-8B", "Qwen3-8B base", SAME),
    ("benchmark", "ImageNet 256", "ImageNet 256x256", SAME),
    ("benchmark", "ImageNet 256", "ImageNet-256px", SAME),
    ("benchmark", "ImageNet 256", "ImageNet 512", APART),
    ("model", "Llama3-70B", "70B", APART),
]
#: (type, acronym, two long forms, one sense?): each long form is written in
#: hf_daily; the mention defines the acronym with it
SENSES = [
    ("method", "LoRA", "Low-Rank Adaptation", "low-rank adapter", SAME),
    ("method", "LoRA", "Low-Rank Adaptation", "low-rank adaption", SAME),
    ("method", "RoPE", "Rotary Position Embedding", "Rotary Position Encoding", SAME),
    ("method", "RoPE", "Rotary Position Embedding", "rotary positional embeddings",
     SAME),
    ("method", "RFT", "Reinforcement Fine-Tuning", "reinforced fine-tuning", SAME),
    ("method", "RFT", "Reinforcement Fine-Tuning", "reinforcement finetune", SAME),
    ("method", "RFT", "Reinforcement Fine-Tuning", "Rejection Sampling Fine-Tuning",
     APART),
    ("method", "AIGC", "AI-generated content",
     "Artificial Intelligence Generated Content", SAME),
    ("metric", "MSE", "mean squared error", "Mean Square Error", SAME),
    ("method", "RLHF", "Reinforcement Learning from Human Feedback",
     "RL from Human Feedback", SAME),
    ("method", "SVD", "singular value decomposition", "Stable Video Diffusion", APART),
]
LINEAGE = [
    ("model", "Qwen2.5-7B-Instruct", "Qwen2.5-7B"),
    ("model", "Llama-3.1-8B-Instruct", "Llama-3.1-8B"),
    ("model", "Qwen2.5-32B-Instruct", "Qwen2.5-32B"),
    ("model", "Qwen3-8B", "Qwen3"),
    ("model", "Qwen3-8B-Base", "Qwen3"),
    ("model", "Qwen2.5-VL-7B", "Qwen2.5-VL"),
    ("model", "Qwen2.5-Math-7B-Instruct", "Qwen2.5-Math-7B"),
    ("model", "DeepSeek-R1-Distill-Qwen-7B", "DeepSeek-R1"),
    ("model", "DeepSeek-R1-Distill-Llama-8B", "Llama-8B"),
    ("method", "Dr. GRPO", "GRPO"),
    ("method", "Step-GRPO", "GRPO"),
    ("model", "Llama-3.1-8B", "Llama 3"),
    ("model", "Llama-3.2-3B-Instruct", "Llama 3"),
    ("benchmark", "LiveCodeBench v5", "LiveCodeBench"),
    ("benchmark", "ScreenSpot-v2", "ScreenSpot"),
]


@cache
def corpus_text(hf_daily: Path) -> str:
    texts = []
    for path in sorted(hf_daily.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            paper = item.get("paper", item)
            texts.append(f"{paper.get('title', '')}\n{paper.get('summary', '')}")
    return "\n".join(texts)


def _rec(pid: str, etype: str, name: str) -> ExtractionRecord:
    return ExtractionRecord(Paper(id=pid, title=pid), [Entity(etype, name, name)])


@pytest.mark.parametrize(("etype", "first", "second", "same"), CASES)
def test_holdout_merge_or_separate(etype: str, first: str, second: str, same: bool):
    res = resolve([_rec("a", etype, first), _rec("b", etype, second)])
    assert (res.mentions[("a", 0)] == res.mentions[("b", 0)]) is same


@pytest.mark.parametrize(("etype", "acronym", "first", "second", "same"), SENSES)
def test_holdout_acronym_senses(etype: str, acronym: str, first: str, second: str,
                                same: bool):
    res = resolve([_defining("a", etype, acronym, first),
                   _defining("b", etype, acronym, second)])
    assert (res.mentions[("a", 0)] == res.mentions[("b", 0)]) is same
    names = {res.entities[res.mentions[(p, 0)]].name for p in "ab"}
    assert len(names) == (1 if same else 2)  # homonyms never share a name


@pytest.mark.parametrize(("etype", "child", "parent"), LINEAGE)
def test_holdout_lineage(etype: str, child: str, parent: str):
    """``parent`` is reached in one or two VARIANT_OF hops."""
    records = [_rec("a", etype, child), _rec("b", etype, parent)]
    res = resolve(records)
    parents: dict[str, set[str]] = {}
    for e in res.lineage:
        if e.type == "VARIANT_OF":
            parents.setdefault(e.source, set()).add(e.target)
    child_id, parent_id = res.mentions[("a", 0)], res.mentions[("b", 0)]
    one = parents.get(child_id, set())
    assert parent_id in one | {g for p in one for g in parents.get(p, ())}


def _defining(pid: str, etype: str, acronym: str, long_form: str) -> ExtractionRecord:
    return ExtractionRecord(Paper(id=pid, title=pid), [
        Entity(etype, acronym, acronym, [long_form], expansion=long_form)])


def test_holdout_spellings_occur_in_corpus(shared_data: Path):
    text = corpus_text(shared_data / "hf_daily")
    names = {n for _, a, b, _ in CASES for n in (a, b)}
    names |= {n for _, a, b in LINEAGE for n in (a, b) if n not in ("Llama-8B",)}
    names |= {n for *_, a, b, _ in SENSES for n in (a, b)}
    missing = [n for n in sorted(names) if not _written(n, text)]
    assert not missing, f"not written in hf_daily: {missing}"


def _written(name: str, text: str) -> bool:
    """``name`` occurs as a whole name (not inside a longer one) somewhere."""
    pattern = re.compile(rf"(?<![\w.\-]){re.escape(name)}(?![\w+\-]|\.\d)")
    start = text.find(name)
    while start >= 0:
        window = text[max(0, start - 1):start + len(name) + 2]
        if pattern.search(window):
            return True
        start = text.find(name, start + 1)
    return False
