"""Tokenized gazetteer patterns, kept on disk between runs.

Tokenizing the ~17k gazetteer patterns (and making their lexemes) was 0.5 s of
the 0.8 s it takes to build the pipeline, in every process that builds one,
before a single paper is read.  The phrase matcher only needs each pattern's
token hashes, which depend on nothing but the pattern texts and spaCy's
tokenizer rules, so they are kept in a file named by a digest of exactly those.
Any change to a pattern file or to spaCy gives a new name; a missing, unreadable
or damaged file is rebuilt, and a cache directory that cannot be written only
costs the time.

The directory is ``$KG_CACHE_DIR`` (an empty value turns the cache off), else
``$XDG_CACHE_HOME/paper-kg``, else ``~/.cache/paper-kg``.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path

import spacy

#: pattern count and token count, little-endian unsigned 32-bit
_HEADER = struct.Struct("<II")
_FORMAT = b"kg-pattern-hashes 1"

Keywords = list[Sequence[int]]


def cache_dir() -> Path | None:
    """Where cached patterns go, or None when the cache is turned off."""
    configured = os.environ.get("KG_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = Path.home() / ".cache"
        except RuntimeError:  # no HOME and no password entry: no cache
            return None
    return Path(base) / "paper-kg"


def digest(lang: str, texts: Sequence[str]) -> str:
    """The name of the cache entry for these pattern texts (as tokenized)."""
    h = hashlib.sha256(_FORMAT)
    for part in (spacy.__version__, lang, sys.byteorder):
        h.update(part.encode() + b"\0")
    for text in texts:
        h.update(text.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()[:32]


def token_hashes(lang: str, texts: Sequence[str],
                 tokenize: Callable[[Sequence[str]], Keywords]) -> Keywords:
    """Each text's token hashes: from the cache, or ``tokenize(texts)`` (then
    kept for the next run)."""
    directory = cache_dir()
    if directory is None:
        return tokenize(texts)
    path = directory / f"patterns-{digest(lang, texts)}.bin"
    cached = _read(path, len(texts))
    if cached is not None:
        return cached
    keywords = tokenize(texts)
    _write(path, keywords)
    return keywords


def _read(path: Path, count: int) -> Keywords | None:
    try:
        data = path.read_bytes()
        patterns, tokens = _HEADER.unpack_from(data)
        lengths = array("I")
        lengths.frombytes(data[_HEADER.size:_HEADER.size + 4 * patterns])
        flat = array("Q")
        flat.frombytes(data[_HEADER.size + 4 * patterns:])
    except (OSError, struct.error, ValueError):
        return None
    if patterns != count or len(flat) != tokens or sum(lengths) != tokens:
        return None  # damaged or cut short: made again
    out: Keywords = []
    start = 0
    for length in lengths:
        out.append(flat[start:start + length])
        start += length
    return out


def _write(path: Path, keywords: Keywords) -> None:
    """Write the entry whole or not at all (a read-only home or a full disk
    only means the next run tokenizes again)."""
    lengths = array("I", map(len, keywords))
    flat = array("Q", (h for keyword in keywords for h in keyword))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_HEADER.pack(len(lengths), len(flat)))
            out.write(lengths.tobytes())
            out.write(flat.tobytes())
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
