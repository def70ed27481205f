"""JSON text for the build's hot paths, by orjson (several times faster than the
standard library on the records and evidence of a large build).

Output is compact UTF-8. orjson refuses integers beyond 64 bits and lone surrogates;
such a value falls back to the standard library (ASCII-escaped, so the text stays
valid UTF-8), and no input a reader accepted can stop a build here.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_SORTED = orjson.OPT_SORT_KEYS


def dumps_bytes(obj: Any, *, sort_keys: bool = False) -> bytes:
    """``obj`` as compact UTF-8 JSON (keys sorted when asked)."""
    try:
        return orjson.dumps(obj, default=str, option=_SORTED if sort_keys else 0)
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(obj, default=str, sort_keys=sort_keys,
                          separators=(",", ":")).encode("ascii")


def dumps(obj: Any) -> str:
    """``obj`` as compact JSON text."""
    return dumps_bytes(obj).decode("utf-8")


def loads(data: str | bytes) -> Any:
    """Parse JSON text (orjson; the standard library for what orjson refuses)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)
