"""What a written name looks like in an ML abstract (shared by several rules).

A *name token* is a word a reader takes as a proper name: CamelCase (DeepSearch),
capitals or digits inside (GSM8K, MiniWoB++, Tower+, Qwen3), hyphenated
capitalised parts (Vision-Zero, SWE-bench). LaTeX macros (``\\AlgName``) are not
names: the guidelines record nothing for them.
"""

from __future__ import annotations

import re

# One name token: starts with a capital or a digit followed by a capital; holds
# another capital or a digit, or is hyphenated; may end in "+"/"++".
NAME_TOKEN = (
    r"(?<![\w\\@/.-])"
    r"(?:[A-Z][A-Za-z0-9]*(?:[A-Z0-9][A-Za-z0-9]*|[-.'][A-Za-z0-9]+)"
    r"(?:[-.'][A-Za-z0-9]+)*\+{0,2}"
    r"|[0-9]+[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)"
    r"(?![\w@])"
)
NAME_RE = re.compile(NAME_TOKEN)
# Words that are capitalised or acronyms but never entity names on their own.
NOT_NAMES = frozenset(
    [
        "AI",
        "ML",
        "NLP",
        "CV",
        "LLM",
        "LLMs",
        "VLM",
        "VLMs",
        "MLLM",
        "MLLMs",
        "LM",
        "LMs",
        "RL",
        "IL",
        "SOTA",
        "API",
        "APIs",
        "GPU",
        "GPUs",
        "CPU",
        "TPU",
        "URL",
        "PDF",
        "JSON",
        "SQL",
        "QA",
        "VQA",
        "OCR",
        "ASR",
        "TTS",
        "MT",
        "KG",
        "KGs",
        "OOD",
        "IID",
        "KL",
        "AUC",
        "ROC",
        "USA",
        "US",
        "UK",
        "EU",
        "II",
        "III",
        "IV",
        "I",
        "A",
        "An",
        "The",
        "We",
        "Our",
        "This",
        "These",
        "Its",
        "It",
        "In",
        "On",
        "For",
        "With",
        "To",
        "Of",
        "By",
        "As",
        "At",
        "Via",
        "Moreover",
        "However",
        "Furthermore",
        "Additionally",
        "Specifically",
        "Finally",
        "First",
        "Second",
        "Third",
        "Code",
        "Project",
        "Page",
        "Web",
        "Data",
        "Model",
        "Models",
        "Dataset",
        "Benchmark",
        "Method",
        "Framework",
        "Using",
    ]
)
LATEX_MACRO = re.compile(r"\\[A-Za-z]+")


def is_name(token: str) -> bool:
    """True for a token shaped like a proper name and not a stock acronym."""
    return (
        bool(NAME_RE.fullmatch(token))
        and token not in NOT_NAMES
        and token.rstrip("s") not in NOT_NAMES
    )

# A model size, parameter count or dimension ("7B", "1.5B", "32B", "3D", "8x7B",
# "A3B"): part of a name, never a name by itself.
SIZE_TOKEN = re.compile(r"(?:\d+(?:\.\d+)?[BMKTD]|\d+x\d+[BMK]?|A\d+(?:\.\d+)?B)")


def is_size_token(token: str) -> bool:
    """True for "7B", "3D", "1.5B", "8x7B": sizes and dimensions are not names."""
    return SIZE_TOKEN.fullmatch(token) is not None
