"""Give freed memory back to the system between a build's phases.

A build frees its records (about 1 GB for 75k abstracts) before the database
load needs memory. CPython frees them, but glibc's allocator keeps the freed pages
of large strings inside its heap unless asked to return them; the load would
then come on top of memory nobody uses.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def release_free_memory() -> bool:
    """Free the cyclic garbage, then return the C heap's free pages to the
    system (glibc ``malloc_trim``).

    A build runs with the cyclic collector paused (kg.gcpause), so whatever
    only it can free is still there: finished progress displays, for one, whose
    last objects sit among the records and keep whole allocator arenas of freed
    records in use.  A 74,671-paper build on a terminal held 1,048 MB here; the
    trim alone brought it to 817 MB, the collection and the trim to 629 MB.

    True when the trim ran; False where the C library has no ``malloc_trim``
    (macOS, musl), where it is not needed to stay correct.
    """
    gc.collect()
    libc = _libc()
    trim = getattr(libc, "malloc_trim", None) if libc is not None else None
    if trim is None:
        return False
    trim(0)
    return True
