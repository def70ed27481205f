"""Long forms of one acronym: one sense spelt otherwise, or two senses.

Every long form below is written so in a title or abstract of
``../shared/data/hf_daily`` (acronym, two long forms, one sense?).
"""

from __future__ import annotations

import pytest

from kg.resolve.senses import same_sense, same_word, stem

SAME, APART = True, False


@pytest.mark.parametrize(("acronym", "first", "second", "same"), [
    # inflection, -ise/-ize, a misspelling, a compound written solid
    ("lora", "Low-Rank Adaptation", "low-rank adapter", SAME),
    ("lora", "Low-Rank Adaptation", "low-rank adaption", SAME),
    ("mse", "mean squared error", "Mean Square Error", SAME),
    ("imo", "International Math Olympiads", "International Mathematical Olympiad",
     SAME),
    ("rft", "Reinforcement Fine-Tuning", "reinforced fine-tuning", SAME),
    ("rft", "Reinforcement Fine-Tuning", "reinforcement finetune", SAME),
    ("sft", "Supervised Fine-Tuning", "supervised fine-tuned", SAME),
    ("mup", "Maximal Update Parametrization", "Maximum Update Parameterization",
     SAME),
    ("ppo", "Policy Optimisation", "Policy Optimization", SAME),
    ("rsi", "Recursively Self-Improving", "Recursive self-improvement", SAME),
    # an uncovered word added, a word of the same meaning, an embedded acronym
    ("lora", "Low-Rank Adaptation", "low-rank adaptation parameters", SAME),
    ("graphrag", "Graph Retrieval-Augmented Generation",
     "Graph-based Retrieval-Augmented Generation", SAME),
    ("rope", "Rotary Position Embedding", "Rotary Position Encoding", SAME),
    ("rope", "Rotary Position-Embedded", "rotary positional embeddings", SAME),
    ("vfm", "Vision Foundation Model", "Visual Foundation Model", SAME),
    ("rlhf", "RL from Human Feedback", "Reinforcement Learning from Human Feedback",
     SAME),
    ("aigc", "AI-generated content", "Artificial Intelligence-Generated Content",
     SAME),
    ("dllm", "diffusion LLMs", "diffusion large language model", SAME),
    ("var", "visual AR", "Visual Autoregressive", SAME),
    # senses that differ
    ("svd", "singular value decomposition", "Stable Video Diffusion", APART),
    ("rope", "Rotary Position Embedding",
     "Recognition-based Object Probing Evaluation", APART),
    ("rft", "Reinforcement Fine-Tuning", "Rejection Sampling Fine-Tuning", APART),
    ("grpo", "Group Relative Policy Optimization",
     "Group Relative Preference Optimization", APART),
    ("epo", "Explicit Policy Optimization", "Entropy-regularized Policy Optimization",
     APART),
    ("sft", "Supervised Fine-Tuning", "Self Fine-Tuning", APART),
    ("mae", "Masked Autoencoder", "Mean Absolute Error", APART),
    ("sgrpo", "Supergroup Relative Policy Optimization", "S-GRPO", APART),
    ("mom", "Mixture-of-Memories", "Mixtures of scenario-aware document Memories",
     APART),
])
def test_senses_same_sense(acronym: str, first: str, second: str, same: bool):
    assert same_sense(acronym, first, second) is same
    assert same_sense(acronym, second, first) is same


@pytest.mark.parametrize(("first", "second", "same"), [
    ("adaptation", "adapter", SAME),
    ("positional", "position", SAME),
    ("embedding", "encoding", SAME),
    ("Mixtur", "Mixture", SAME),
    ("policy", "preference", APART),
    ("video", "value", APART),
])
def test_senses_same_word(first: str, second: str, same: bool):
    assert same_word(first, second) is same


def test_senses_stem_folds_british_spelling():
    assert stem("optimisation") == stem("optimization")
