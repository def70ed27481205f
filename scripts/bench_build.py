#!/usr/bin/env python
"""Benchmark `kg build` against spaCy's blank tokenizer on the same abstracts.

For each size (default 5,000, 20,000 and all 74,671 arXiv abstracts) a fresh child
process first runs ``spacy.blank("en")``'s tokenizer over title + abstract, then a full
build (read + extract + resolve + write the embedded store) of the same records, then an
incremental rebuild of the same input.  It prints abstracts/s for both, their ratio,
the rebuild's share of the full build, and the full build's memory: its peak RSS
(counted from the end of the tokenizer run, whose leftovers, printed as "start",
stay in it) and, as "+wkrs", the peak PSS of the build process and its extraction
workers together (sampled every 0.25 s; shared pages counted once).

    python scripts/bench_build.py [--sizes 5000,20000,74671] [--workers 1]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARXIV = REPO.parent / "shared" / "data" / "arxiv_cs" / "arxiv_cs_2025_2026.jsonl.gz"


def write_slice(size: int, directory: Path) -> Path:
    path = directory / f"arxiv_{size}.jsonl"
    with gzip.open(ARXIV, "rt", encoding="utf-8") as src, open(path, "w") as dst:
        for line in itertools.islice(src, size):
            dst.write(line)
    return path


def _rss_mb(field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak_rss() -> None:
    """Start ``VmHWM`` again from the current RSS (Linux ``clear_refs``), so the
    peak is the build's, not the tokenizer run's before it."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
        handle.write("5")


class TreePss(threading.Thread):
    """Samples, every quarter second, the proportional set size (PSS) of this
    process plus its worker processes: the memory the build really occupies, with
    pages the forked workers share with it counted once (their RSS counts them in
    full in every process)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.25):
            self.peak_mb = max(self.peak_mb, sum(map(_pss_mb, _tree_pids())))

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_mb


def _tree_pids() -> list[int]:
    pids = [os.getpid()]
    for task in Path("/proc/self/task").iterdir():
        with contextlib.suppress(OSError):
            pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


def _pss_mb(pid: int) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _add_seconds(path: Path, add: int, workers: int) -> dict:
    """Build all but the last ``add`` papers of ``path``, then add those: the
    seconds of the addition and of extracting just them."""
    from kg.extract import Extractor
    from kg.pipeline import build_embedded
    from kg.sources import read_papers
    from kg.stores.embedded import EmbeddedStore

    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    base, extra = path.with_suffix(".base.jsonl"), path.with_suffix(".add.jsonl")
    base.write_text("".join(lines[:-add]), encoding="utf-8")
    extra.write_text("".join(lines[-add:]), encoding="utf-8")
    with tempfile.TemporaryDirectory() as graph_dir:
        build_embedded([base], EmbeddedStore(graph_dir), workers=workers)
        added = build_embedded([extra], EmbeddedStore(graph_dir), workers=workers)
    started = time.perf_counter()
    list(Extractor().extract_many(read_papers([extra]), workers=workers))
    return {"seconds": added.seconds, "extract_seconds": time.perf_counter() - started}


def child(path: Path, workers: int, add: int = 0) -> dict:
    """Runs in a fresh process so that peak RSS belongs to this size alone."""
    import spacy

    from kg.pipeline import build_embedded
    from kg.stores.embedded import EmbeddedStore

    texts = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            texts.append(f"{rec.get('title') or ''}\n\n{rec.get('summary') or ''}")
    abstracts = len(texts)
    tokenizer = spacy.blank("en").tokenizer
    started = time.perf_counter()
    for _ in tokenizer.pipe(texts, batch_size=1000):
        pass
    tok_seconds = time.perf_counter() - started
    del tokenizer, texts[:]
    start_rss = _rss_mb("VmRSS")
    _reset_peak_rss()
    sampler = TreePss()
    sampler.start()
    with tempfile.TemporaryDirectory() as graph_dir:
        store = EmbeddedStore(graph_dir)
        full = build_embedded([path], store, workers=workers)
        peak_rss = _rss_mb("VmHWM")
        tree_pss = sampler.stop()
        again = build_embedded([path], EmbeddedStore(graph_dir), workers=workers)
        stats = store.stats()
    added = _add_seconds(path, add, workers) if add else None
    return {
        "abstracts": abstracts, "tokenizer_per_s": abstracts / tok_seconds,
        "build_seconds": full.seconds, "build_per_s": full.papers_total / full.seconds,
        "rebuild_seconds": again.seconds, "rebuild_changed": again.changed,
        "nodes": sum(stats["nodes"].values()),
        "relationships": sum(stats["relationships"].values()),
        "peak_rss_mb": peak_rss, "start_rss_mb": start_rss, "tree_pss_mb": tree_pss,
        "added": added,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000,74671")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--add", type=int, default=0, metavar="N",
                        help="also build all but the last N papers, add those N, and "
                        "print the addition's time (one more full build per size)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.workers, args.add)))
        return
    print(f"{'abstracts':>9} {'tok/s':>7} {'build/s':>8} {'ratio':>5} "
          f"{'build s':>8} {'rebuild':>7} {'start':>6} {'rss MB':>7} {'+wkrs':>7} "
          f"{'nodes':>7} "
          f"{'rels':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = write_slice(size, Path(tmp))
            child_run = subprocess.run(
                [sys.executable, __file__, "--child", str(path),
                 "--workers", str(args.workers), "--add", str(args.add)],
                capture_output=True, text=True)
            if child_run.returncode:
                sys.exit(f"build of {size} abstracts failed:\n{child_run.stderr}")
            out = child_run.stdout
            r = json.loads(out.strip().splitlines()[-1])
            print(f"{r['abstracts']:>9} {r['tokenizer_per_s']:>7.0f} "
                  f"{r['build_per_s']:>8.0f} "
                  f"{r['build_per_s'] / r['tokenizer_per_s']:>5.2f} "
                  f"{r['build_seconds']:>8.1f} "
                  f"{r['rebuild_seconds'] / r['build_seconds']:>6.0%} "
                  f"{r['start_rss_mb']:>6.0f} {r['peak_rss_mb']:>7.0f} "
                  f"{r['tree_pss_mb']:>7.0f} "
                  f"{r['nodes']:>7} {r['relationships']:>8}", flush=True)
            if r["added"]:
                a = r["added"]
                print(f"{'':>9} adding the last {args.add:,}: {a['seconds']:.1f} s "
                      f"({a['seconds'] / r['build_seconds']:.0%} of the full build; "
                      f"extracting them alone: {a['extract_seconds']:.1f} s)",
                      flush=True)


if __name__ == "__main__":
    main()
