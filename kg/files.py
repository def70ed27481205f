"""Files written whole or not at all: the graph directory's manifest, exports, the
explorer page."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def write_atomically(path: Path, chunks: Iterable[str], *,
                     durable: bool = False) -> Path:
    """Write ``chunks`` as they come (UTF-8, line endings as given) to a hidden
    temporary file beside ``path``, which then replaces ``path``.

    A reader never finds half a file, and an error raised while ``chunks`` are
    made (a row an export cannot hold) leaves nothing behind.  ``durable`` syncs
    the file to disk before the replace, for what must survive a crash (the
    manifest that says which generation of a graph is current).
    """
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    return path
