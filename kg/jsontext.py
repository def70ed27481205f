"""JSON text for the build's hot paths, by orjson (several times faster than the
standard library on the records and evidence of a large build).

Output is compact UTF-8. orjson refuses integers beyond 64 bits and lone surrogates;
such a value falls back to the standard library (ASCII-escaped, so the text stays
valid UTF-8), and no input a reader accepted can stop a build here.

orjson also *reads* an integer beyond 64 bits as a float, silently.  So a fallback
text that holds a run of 19 or more digits starts with one space (JSON allows it),
and :func:`loads` hands a text that starts with a space to the standard library,
which keeps such integers exact.  Checking every text for long digit runs instead
would cost five times orjson's own parse.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

_SORTED = orjson.OPT_SORT_KEYS
#: orjson reads -2**63 - 1 (19 digits) and 2**64 (20) as floats
_LONG_DIGITS = re.compile(rb"\d{19}")
_MARK = (b" ", " ")


def dumps_bytes(obj: Any, *, sort_keys: bool = False) -> bytes:
    """``obj`` as compact UTF-8 JSON (keys sorted when asked)."""
    try:
        return orjson.dumps(obj, default=str, option=_SORTED if sort_keys else 0)
    except TypeError:  # orjson.JSONEncodeError
        text = json.dumps(obj, default=str, sort_keys=sort_keys,
                          separators=(",", ":")).encode("ascii")
        return b" " + text if _LONG_DIGITS.search(text) else text


def dumps(obj: Any, *, marked: bool = True) -> str:
    """``obj`` as compact JSON text; ``marked=False`` for other readers (the
    stores' JSON properties) leaves out the space :func:`loads` looks for."""
    text = dumps_bytes(obj).decode("utf-8")
    return text if marked else text.lstrip(" ")


def loads(data: str | bytes) -> Any:
    """Parse JSON text (orjson; the standard library for what orjson refuses)."""
    if data[:1] in _MARK:  # a fallback text with long integers: see the module
        return json.loads(data)
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)
