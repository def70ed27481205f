"""One progress helper for every long command: rich bars on a terminal, silence when
``quiet`` or when stderr is not a terminal (so piped output stays clean)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.status import Status
from rich.text import Text

T = TypeVar("T")


class Reporter:
    """Progress bars and notes on stderr; ``enabled`` False makes every call silent."""

    def __init__(self, quiet: bool = False) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        # Texts are shown as written, never read as markup or emoji codes: for
        # a file called "a[/b].jsonl" rich raised (a closing tag with no opening
        # one), and ":smile:" in a name became an emoji.
        self.console = Console(stderr=True, emoji=False, markup=False)

    @contextmanager
    def bar(self, description: str, total: int | None, unit: str = "papers"
            ) -> Iterator[Callable[[int], None]]:
        """Yield ``advance(n=1)``; shows rate (``unit``/s) and ETA."""
        if not self.enabled:
            yield lambda n=1: None
            return
        columns = [TextColumn("{task.description}", style="bold", markup=False),
                   BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}", style="cyan", markup=False),
                   TimeElapsedColumn(), TextColumn("ETA", markup=False),
                   TimeRemainingColumn()]
        with Progress(*columns, console=self.console, transient=False) as progress:
            task = progress.add_task(description, total=total, rate="")
            started = time.perf_counter()
            done = 0

            def advance(n: int = 1) -> None:
                # The rate since the start, not rich's recent-window speed: worker
                # processes hand back results a chunk at a time, and a window that
                # holds one burst reports tens of thousands of papers/s.
                nonlocal done
                done += n
                progress.advance(task, n)
                elapsed = time.perf_counter() - started
                if elapsed > 0.2:
                    progress.update(task, rate=f"{done / elapsed:,.0f} {unit}/s")

            yield advance

    def track(self, items: Iterable[T], description: str, total: int | None = None,
              unit: str = "papers") -> Iterator[T]:
        with self.bar(description, total, unit) as advance:
            for item in items:
                yield item
                advance()

    @contextmanager
    def status(self, message: str) -> Iterator[None]:
        """A spinner for a step whose length is unknown (resolving, writing)."""
        if not self.enabled:
            yield
            return
        started = time.perf_counter()
        with Status(Text(message), console=self.console):
            yield
        self.console.print(f"{message} done in {time.perf_counter() - started:.1f}s")
