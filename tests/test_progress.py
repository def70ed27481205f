"""Progress bars: the rate they show is papers per second since the start."""

from __future__ import annotations

import io

from rich.console import Console

import kg.progress as progress_module
from kg.progress import Reporter


def test_bar_rate_counts_from_the_start_not_from_the_last_burst(monkeypatch):
    """Workers hand back results in bursts: 1,000 papers in 10 s is 100/s even
    when the last 500 arrived within a millisecond."""
    clock = iter([0.0, 5.0, 10.0, 10.001])
    monkeypatch.setattr(progress_module.time, "perf_counter", lambda: next(clock))
    reporter = Reporter(quiet=True)
    reporter.enabled = True
    out = io.StringIO()
    reporter.console = Console(file=out, force_terminal=False, width=120)
    with reporter.bar("extract", 1000) as advance:
        advance(200)
        advance(300)
        advance(500)
    assert "100 papers/s" in out.getvalue()
    assert "500,000" not in out.getvalue()


def test_names_are_shown_as_written_not_read_as_markup_or_emoji():
    """A file called "a[/b]:smile:.jsonl" is neither a closing style tag (which
    made rich raise) nor an emoji code."""
    reporter = Reporter(quiet=True)
    reporter.enabled = True
    out = io.StringIO()
    reporter.console.file = out
    name = "Reading a[/b]:smile:[bold].jsonl"
    with reporter.bar(name, 2) as advance:
        advance(2)
    with reporter.status(name):
        pass
    assert out.getvalue().count(name) == 2
