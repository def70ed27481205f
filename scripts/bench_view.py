"""How fast the explorer page becomes usable in Chromium, and how big it is.

Prints, for the seed graph and for a 2,000-node view of the hf_daily graph, the
time from navigation start to a stabilised network (physics stopped, page ready;
target < 3 s, issue 7) and the page size.

    python scripts/bench_view.py [--hf-max-nodes 2000] [--runs 3] [--keep DIR]
                                 [--screenshots docs/img]

``--screenshots`` also saves the seed graph and its ``--focus GRPO`` view as PNGs
(the pictures in docs/explorer.md).

The graphs come from the real pipeline (``kg.sources.read_papers`` +
``kg.extract.Extractor``) when it is installed; otherwise, so the page can still be
measured, from the listings' own metadata (HF ``ai_keywords`` as concepts, the HF
organization), which the output says.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SEED = DATA / "seed" / "000_7516dfdabfa2a16b.txt"
HF_DAILY = DATA / "hf_daily"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

sys.path.insert(0, str(REPO))

from kg.graph import build_graph  # noqa: E402
from kg.records import (  # noqa: E402
    Entity,
    Evidence,
    ExtractionRecord,
    Paper,
)
from kg.views.html import write_html  # noqa: E402


def pipeline_graph(paths: list[Path]) -> nx.MultiDiGraph | None:
    """The graph the real pipeline builds, or None while it is not there yet."""
    try:
        from kg.extract import Extractor  # type: ignore[attr-defined]
        from kg.sources import read_papers
    except ImportError:
        return None
    papers = read_papers(paths)
    return build_graph(list(Extractor().extract_many(papers)))


def metadata_records(folder: Path) -> list[ExtractionRecord]:
    """Stand-in records from HF metadata: ``ai_keywords`` and the organization."""
    records: dict[str, ExtractionRecord] = {}
    for file in sorted(folder.glob("*.json")):
        for item in json.loads(file.read_text(encoding="utf-8")):
            raw = item.get("paper", item) if isinstance(item, dict) else None
            if isinstance(raw, dict) and raw.get("id") and raw["id"] not in records:
                records[raw["id"]] = metadata_record(raw)
    return list(records.values())


def metadata_record(raw: dict) -> ExtractionRecord:
    meta = Evidence(field="metadata", rule="bench.metadata", source="ai_keywords")
    paper = Paper(id=raw["id"], title=str(raw.get("title") or raw["id"]),
                  date=str(raw.get("publishedAt") or "")[:10] or None,
                  url=f"https://arxiv.org/abs/{raw['id']}")
    keywords = raw.get("ai_keywords") if isinstance(raw.get("ai_keywords"),
                                                    list) else []
    entities = [Entity(type="concept", text=k, canonical=k, evidence=[meta])
                for k in dict.fromkeys(str(k) for k in keywords)]
    org = raw.get("organization")
    if isinstance(org, dict) and org.get("fullname"):
        source = Evidence(field="metadata", rule="bench.metadata",
                          source="organization")
        entities.append(Entity(type="organization", text=org["fullname"],
                               canonical=org["fullname"], evidence=[source]))
    return ExtractionRecord(paper, entities=entities)


def load_graphs() -> tuple[dict[str, nx.MultiDiGraph], str]:
    seed, hf = pipeline_graph([SEED]), pipeline_graph([HF_DAILY])
    if seed is not None and hf is not None:
        return {"seed": seed, "hf_daily": hf}, "real pipeline"
    hf = build_graph(metadata_records(HF_DAILY))
    return {"hf_daily": hf}, "stand-in: HF ai_keywords + organizations (no extractor)"


def time_page(browser, page_path: Path, runs: int) -> list[list[float]]:
    """Milliseconds from navigation start to the network being built and to
    ``window.kgReady`` (stabilised, physics off), for each run."""
    times = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith("file://") else route.abort())
        page.goto(page_path.as_uri())
        page.wait_for_function("() => window.kgReady === true", timeout=120_000)
        times.append(page.evaluate("[window.kgBuiltAt, window.kgReadyAt]"))
        page.close()
    return times


def screenshot(browser, page_path: Path, png: Path, *, search: str | None = None,
               zoom: float | None = None) -> None:
    """A 1600x1000 picture at twice the pixel density (sharp labels) of the page
    once stabilised (after a search, or zoomed into the centre, if asked)."""
    page = browser.new_page(viewport={"width": 1600, "height": 1000},
                            device_scale_factor=2)
    page.goto(page_path.as_uri())
    page.wait_for_function("() => window.kgReady === true", timeout=120_000)
    if search:
        page.fill("#search", search)
        page.press("#search", "Enter")
        page.wait_for_timeout(600)  # the focus animation
    if zoom:
        page.evaluate("scale => network.moveTo({scale: scale})", zoom)
        page.wait_for_timeout(200)
    png.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(png))
    page.close()


def save_screenshots(browser, seed: nx.MultiDiGraph, folder: Path, out: Path
                     ) -> None:
    write_html(seed, out / "seed.html")
    screenshot(browser, out / "seed.html", folder / "seed.png", zoom=0.7)
    write_html(seed, out / "seed-grpo.html", focus="GRPO", hops=1)
    screenshot(browser, out / "seed-grpo.html", folder / "explorer-focus-grpo.png")
    print(f"screenshots in {folder}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hf-max-nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the pages here")
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="save PNGs of the seed graph and its GRPO focus here")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    graphs, origin = load_graphs()
    print(f"graphs from the {origin}")
    out = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-view-"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, graph in graphs.items():
            max_nodes = args.hf_max_nodes if name == "hf_daily" else 1500
            page_path = out / f"{name}.html"
            started = time.perf_counter()
            summary = write_html(graph, page_path, max_nodes=max_nodes)
            built = time.perf_counter() - started
            times = time_page(browser, page_path, args.runs)
            print(f"{name:9s} {summary.nodes_shown:5d} nodes {summary.edges_shown:6d} "
                  f"edges ({summary.nodes_left_out} left out) | page "
                  f"{page_path.stat().st_size / 1e6:.2f} MB, written in {built:.1f} s"
                  f" | load->stabilised median "
                  f"{statistics.median(t[1] for t in times) / 1000:.2f} s (runs: "
                  f"{', '.join(f'{t[1] / 1000:.2f}' for t in times)}; network built"
                  f" at {statistics.median(t[0] for t in times) / 1000:.2f} s)")
        if args.screenshots and "seed" in graphs:
            save_screenshots(browser, graphs["seed"], args.screenshots, out)
        browser.close()


if __name__ == "__main__":
    main()
