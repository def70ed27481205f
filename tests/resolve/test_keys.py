"""Matching keys: which spellings are one entity and which variants stay apart."""

from __future__ import annotations

import pytest

from kg.resolve.keys import clean_text, is_bare_size, name_key, typed_key


@pytest.mark.parametrize(("etype", "first", "second"), [
    ("model", "Qwen2-VL-7B-Instruct", "Qwen2VL-7B-Instruct"),
    ("model", "Qwen2-VL-7B-Instruct", "Qwen-2-VL-7B-Instruct"),
    ("model", "Llama-3.1-70B", "LLaMA 3.1 70B"),
    ("model", "Llama-3.1-70B", "Llama3.1-70B"),
    ("model", "Llama 3 8B", "Llama-3-8B"),
    ("model", "Llama 3 8B", "LLaMA3-8B"),
    ("model", "Qwen2.5-7B", "Qwen 2.5 7B"),
    ("model", "Qwen2.5-7B", "qwen2.5-7b"),
    ("model", "Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct"),
    ("model", "Llama-2-7B-Chat", "meta-llama/Llama-2-7b-chat-hf"),
    ("model", "Llama-3-8B-Instruct", "Meta-Llama-3-8B-Instruct"),
    ("model", "Gemma-2-9B-Instruct", "gemma-2-9b-it"),
    ("model", "DeepSeek-R1", "Deepseek R1"),
    ("model", "GPT-4o", "GPT 4o"),
    ("model", "Mixtral-8x7B", "Mixtral 8x7B"),
    ("benchmark", "AMC 2023", "AMC23"),
    ("benchmark", "AMC-2023", "AMC23"),
    ("benchmark", "AIME 2024", "AIME24"),
    ("benchmark", "AIME2024", "AIME-24"),
    ("benchmark", "GSM8K", "gsm8k"),
    ("benchmark", "GSM8K", "GSM-8K"),
    ("benchmark", "MATH-500", "MATH500"),
    ("benchmark", "WebArena", "WebArena benchmark"),
    ("benchmark", "Montezuma's Revenge", "Montezuma Revenge"),
    ("metric", "attack success rate", "attack success rates"),
    ("metric", "accuracy", "accuracies"),
    ("metric", "pass@k", "Pass@K"),
    ("method", "Chain-of-Thought", "chain of thought"),
    ("method", "Transformer", "Transformers"),
    ("organization", "Megvii Inc", "Megvii"),
    ("organization", "ByteDance Seed", "ByteDance-Seed"),
])
def test_keys_merge_spelling_variants(etype: str, first: str, second: str):
    assert typed_key(etype, first) == typed_key(etype, second)


@pytest.mark.parametrize(("etype", "first", "second"), [
    ("model", "Gemma-2-9B", "Gemma-2-27B"),
    ("model", "Gemma-2-9B", "Gemma-29B"),
    ("model", "o3", "o3-mini"),
    ("model", "GPT-4o", "GPT-4o-mini"),
    ("model", "GPT-3.5", "GPT-3.5-Turbo"),
    ("model", "Llama-2-7B", "Llama-2-7B-Chat"),
    ("model", "Llama-2-7B-Chat", "Llama-2-7B-Instruct"),
    ("model", "Qwen2-7B", "Qwen2-VL-7B"),
    ("model", "Qwen2", "Qwen2.5"),
    ("model", "Qwen2.5", "Qwen25"),
    ("model", "Qwen2.5", "Qwen-2-5"),
    ("model", "Qwen25", "Qwen-2-5"),
    ("model", "Qwen3-8B", "Qwen3-8B-Base"),
    ("model", "DeepSeek-V3", "DeepSeek-V3.1"),
    ("model", "GPT-4", "GPT-4o"),
    ("benchmark", "GSM8K", "GSM-Hard"),
    ("benchmark", "GSM8K", "GSM8K-V"),
    ("benchmark", "MBPP", "MBPP+"),
    ("benchmark", "HumanEval", "HumanEval+"),
    ("benchmark", "MiniWoB", "MiniWoB++"),
    ("model", "DeepSeek-R1-Lite", "DeepSeek-R1"),
    ("benchmark", "AIME 2024", "AIME 2025"),
    ("benchmark", "MMLU", "MMLU-Pro"),
    ("benchmark", "FLORES-200", "FLORES-20"),
    ("method", "PPO", "PPO-Lagrangian"),
    ("method", "GRPO", "Step-GRPO"),
    ("metric", "pass@1", "pass@k"),
])
def test_keys_keep_variants_apart(etype: str, first: str, second: str):
    assert typed_key(etype, first) != typed_key(etype, second)


@pytest.mark.parametrize(("text", "expected"), [
    ("GSM\u200b8K", "GSM8K"),
    ("Qwen\u00ad2.5", "Qwen2.5"),
    ("\uff27\uff30\uff34-4", "GPT-4"),  # full-width letters, NFKC
    ("Llama\x00 3", "Llama 3"),
    ("  two   spaces ", "two spaces"),
])
def test_keys_clean_text_normalises_unicode(text: str, expected: str):
    assert clean_text(text) == expected


@pytest.mark.parametrize("name", ["GSM\u200b8K", "\uff27\uff33\uff2d\uff18\uff2b"])
def test_keys_ignore_invisible_and_width_variants(name: str):
    assert typed_key("benchmark", name) == typed_key("benchmark", "GSM8K")


@pytest.mark.parametrize(("name", "expected"), [
    ("Qwen2.5-7B", "qwen2.5_7b"), ("Llama 3.1 70B", "llama3.1_70b"),
    ("MBPP+", "mbpp+"), ("pass@k", "pass@k"), ("—", "—"),
])
def test_keys_name_key_is_readable(name: str, expected: str):
    assert name_key(name) == expected


@pytest.mark.parametrize("etype", ["method", "benchmark", "model", "metric"])
def test_keys_type_only_changes_type_rules(etype: str):
    assert typed_key(etype, "SGD") == "sgd"


@pytest.mark.parametrize(("etype", "first", "second"), [
    ("model", "Qwen2.5-7B", "Qwen2.5-7B base"),
    ("model", "Qwen2.5", "Qwen2.5 base models"),
    ("model", "Qwen2.5-7B", "Qwen2.5-7B (base)"),
    ("benchmark", "ImageNet 256", "ImageNet 256x256"),
    ("benchmark", "ImageNet 256", "ImageNet-256px"),
    ("benchmark", "ImageNet 256", "ImageNet 256\u00d7256"),
])
def test_keys_drop_role_words_and_repeated_resolutions(etype: str, first: str,
                                                       second: str):
    assert typed_key(etype, first) == typed_key(etype, second)


@pytest.mark.parametrize(("etype", "first", "second"), [
    ("model", "Qwen3-8B", "Qwen3-8B-Base"),  # a released checkpoint's name
    ("model", "world model", "world"),  # no name before the role word
    ("benchmark", "ImageNet 256x256", "ImageNet 512x512"),
])
def test_keys_keep_names_that_only_look_like_roles(etype: str, first: str,
                                                   second: str):
    assert typed_key(etype, first) != typed_key(etype, second)


@pytest.mark.parametrize(("name", "bare"), [
    ("70B", True), ("1.5b", True), ("8x7B", True), ("30B-A3B", True),
    ("128K", True), ("2024", True), ("3.1", True),
    ("Qwen3-8B", False), ("Granite 8B", False), ("o1", False), ("GPT-4", False),
])
def test_keys_bare_sizes(name: str, bare: bool):
    assert is_bare_size(name) is bare
