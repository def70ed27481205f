"""Giving memory back between a build's phases (kg.memory)."""

from __future__ import annotations

import weakref

from kg.gcpause import gc_paused
from kg.memory import release_free_memory


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_cyclic_garbage_goes_even_while_the_collector_is_paused():
    """A build writes with the collector paused; what only it can free (here a
    two-object cycle, in a build a finished progress display) must not stay
    among the records' freed memory."""
    with gc_paused():
        one, two = _Node(), _Node()
        one.other, two.other = two, one
        gone = weakref.ref(one)
        del one, two
        assert gone() is not None  # reference counting alone keeps a cycle
        release_free_memory()
        assert gone() is None
