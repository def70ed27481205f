"""Deterministic matching keys for names: the same name always gets the same key."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SEPARATORS = re.compile(r"[\s\-_\u2010-\u2015]+")


def clean_text(text: str) -> str:
    """NFKC, invisible and control characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(ch for ch in text
                   if unicodedata.category(ch) != "Cc" or ch in "\t\n ")
    return " ".join(text.split())


def name_key(name: str) -> str:
    """Case, spacing and hyphen variants share a key ("LLaMA 3.1 70B" = "Llama-3.1-70B")."""
    return _SEPARATORS.sub("", clean_text(name).casefold())


def slug(text: str) -> str:
    """A readable id fragment: lowercase, runs of other characters become one '-'."""
    out = re.sub(r"[^0-9a-z.+]+", "-", clean_text(text).casefold()).strip("-")
    return out or "x"
