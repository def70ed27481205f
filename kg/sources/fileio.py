"""Opening input files: plain or gzip, decoded as UTF-8, every failure an InputError.

Files are read as bytes and decoded here, not by ``open(encoding=...)``, so that a
stray non-UTF-8 byte costs one reported line (shown as U+FFFD) instead of the file,
a UTF-8 byte-order mark never reaches a title, and a truncated or fake ``.gz`` says
so in one line naming the file.  Line readers stream, so a 75k-line export is never
held in memory at once.
"""

from __future__ import annotations

import codecs
import gzip
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.sources.problems import ProblemSink, location_of_line

GZIP_MAGIC = b"\x1f\x8b"
# What a broken compressed stream raises while it is being read.
_STREAM_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error, OSError)


@contextmanager
def open_binary(path: Path, display: str) -> Iterator[BinaryIO]:
    """The file's (decompressed) bytes; gzip is recognised by content, not name."""
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise InputError("no such file", path=display) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=display) from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", path=display) from None
    with raw:
        head = _read_head(raw, display)
        if head == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield unzipped  # type: ignore[misc]
        elif path.name.lower().endswith(".gz"):
            raise InputError("named .gz but is not gzip-compressed", path=display)
        else:
            yield raw


def _read_head(raw: BinaryIO, display: str) -> bytes:
    try:
        head = raw.read(2)
        raw.seek(0)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=display) from None
    return head


def decode_line(data: bytes, display: str, line: int, sink: ProblemSink) -> str:
    """UTF-8 text of one line; bad bytes are reported and become U+FFFD."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        sink.report(display, location_of_line(line),
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at column "
                    f"{exc.start + 1}); undecodable bytes replaced with U+FFFD")
        return data.decode("utf-8", errors="replace")


def iter_lines(path: Path, display: str, sink: ProblemSink
               ) -> Iterator[tuple[int, str]]:
    """(line number, decoded line with its newline), streaming; BOM removed."""
    with open_binary(path, display) as stream:
        number = 0
        try:
            for number, data in enumerate(stream, start=1):  # noqa: B007
                if number == 1 and data.startswith(codecs.BOM_UTF8):
                    data = data[len(codecs.BOM_UTF8):]
                yield number, decode_line(data, display, number, sink)
        except _STREAM_ERRORS as exc:
            raise InputError(
                f"compressed data is truncated or corrupt ({exc}); "
                f"the {number} line(s) before it were read",
                path=display, location=location_of_line(number + 1)) from None
        if number == 0:
            raise InputError("file is empty", path=display)


def read_text(path: Path, display: str, sink: ProblemSink) -> str:
    """The whole file decoded (for formats that cannot stream: JSON, pages)."""
    with open_binary(path, display) as stream:
        try:
            data = stream.read()
        except _STREAM_ERRORS as exc:
            raise InputError(f"compressed data is truncated or corrupt ({exc})",
                             path=display) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if not data.strip():
        raise InputError("file is empty", path=display)
    if b"\x00" in data:
        raise InputError("holds NUL bytes: binary data (or UTF-16), not UTF-8 text",
                         path=display)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        sink.report(display, location_of_line(line),
                    f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); undecodable "
                    "bytes replaced with U+FFFD")
        return data.decode("utf-8", errors="replace")
