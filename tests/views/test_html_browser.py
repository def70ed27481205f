"""The explorer page in a real browser: Debian's Chromium driven by Playwright.

One browser per session (two cores are shared); each test opens a fresh page that
records every request and aborts all but the page's own ``file://`` URL, so a page
that reaches for a CDN fails loudly instead of working only when online.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

from kg.views.html import ViewSummary, write_html

from .conftest import GRPO_SENTENCE, HOSTILE_TITLES, node_id

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"{CHROMIUM} not found: apt-get install -y chromium"),
]


@dataclass
class Opened:
    """A loaded explorer page and everything it tried to do while loading."""

    page: object
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # node name -> id

    def eval(self, script: str, arg: object = None) -> object:
        return self.page.evaluate(script, arg)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM),
                                      args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: object) -> Iterator:
    pages = []

    def opener(path: Path, *, bypass_csp: bool = False) -> Opened:
        page = browser.new_page(viewport={"width": 1200, "height": 800},
                                bypass_csp=bypass_csp)
        pages.append(page)
        opened = Opened(page, path.resolve().as_uri())
        page.on("console", lambda m: m.type == "error" and opened.errors.append(m.text))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def route(r: object) -> None:
            opened.requests.append(r.request.url)
            if r.request.url == opened.url:
                r.continue_()
            else:
                r.abort()

        page.route("**/*", route)
        page.goto(opened.url)
        try:
            page.wait_for_function("() => window.kgReady === true", timeout=15_000)
        except Exception as error:  # say why, not just that it timed out
            raise AssertionError(f"page never became ready: {opened.errors}, "
                                 f"requests {opened.requests}") from error
        return opened

    yield opener
    for page in pages:
        page.close()


@pytest.fixture
def grpo_page(grpo_graph: nx.MultiDiGraph, tmp_path: Path, open_page
              ) -> tuple[Opened, ViewSummary]:
    path = tmp_path / "grpo.html"
    summary = write_html(grpo_graph, path)
    opened = open_page(path)
    opened.ids = {name: node_id(grpo_graph, name) for name in ("GRPO", "GSM8K")}
    return opened, summary


def hover_tooltip(opened: Opened, position_js: str) -> str:
    """Centre the view on a canvas position, hover it, return the tooltip's text.

    Zooming in first leaves nothing else under the mouse.
    """
    opened.eval(f"""() => {{
        const p = {position_js};
        network.moveTo({{position: p, scale: 3, animation: false}});
    }}""")
    box = opened.page.locator("#graph canvas").bounding_box()
    opened.page.mouse.move(box["x"] + 1, box["y"] + 1)
    opened.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    opened.page.wait_for_function(
        "() => document.querySelector('div.vis-tooltip').style.visibility"
        " !== 'hidden'")
    return tooltip.inner_text()


def test_page_loads_offline_with_counts_of_summary(grpo_page) -> None:
    opened, summary = grpo_page
    assert opened.errors == []
    assert opened.requests == [opened.url]
    assert opened.eval("[nodes.length, edges.length]") == [summary.nodes_shown,
                                                          summary.edges_shown]
    assert opened.eval("network.physics.options.enabled") is False  # stopped
    label_sizes = opened.eval(
        "nodes.getIds().map(id => network.body.nodes[id].labelModule.fontOptions.size)")
    assert len(label_sizes) == summary.nodes_shown
    assert all(isinstance(size, int | float) and size > 0 for size in label_sizes)


def test_search_finds_grpo_and_focuses_it(grpo_page) -> None:
    opened, _ = grpo_page
    grpo = opened.ids["GRPO"]
    opened.page.fill("#search", "grpo")
    opened.page.press("#search", "Enter")
    opened.page.wait_for_function("""id => {
        const p = network.getPosition(id), v = network.getViewPosition();
        return Math.hypot(p.x - v.x, p.y - v.y) < 1;
    }""", arg=grpo, timeout=5_000)
    assert opened.eval("network.getSelectedNodes()") == [grpo]
    assert opened.page.inner_text("#details").startswith("GRPO\nMethod")
    assert opened.eval("kgFindNode('Group Relative Policy Optimization')") == grpo
    opened.page.fill("#search", "no such thing")
    opened.page.press("#search", "Enter")
    assert "no node matches" in opened.page.inner_text("#search-status")
    assert opened.errors == []


def test_type_filter_hides_a_type(grpo_page) -> None:
    opened, _ = grpo_page
    count_hidden = """type => nodes.get().filter(n => n.hidden === true)
                                   .map(n => n.type)"""
    opened.page.uncheck('#legend input[data-type="Benchmark"]')
    hidden = opened.eval(count_hidden)
    assert hidden and set(hidden) == {"Benchmark"}
    assert hidden == opened.eval("nodes.get().filter(n => n.type === 'Benchmark')"
                                 ".map(n => n.type)")
    assert opened.eval("id => network.body.nodes[id].options.hidden",
                       opened.ids["GSM8K"])
    opened.page.check('#legend input[data-type="Benchmark"]')
    assert opened.eval(count_hidden) == []


def test_tooltips_show_evidence_and_paper_facts(grpo_page) -> None:
    opened, _ = grpo_page
    edge_text = hover_tooltip(opened, f"""(() => {{
        const e = edges.get({{filter: e => e.from === '2501.00001'
                                        && e.to === {opened.ids["GSM8K"]!r}}})[0];
        const a = network.getPosition(e.from), b = network.getPosition(e.to);
        return {{x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}};
    }})()""")
    assert edge_text.splitlines()[0] == "EVALUATED_ON"
    assert GRPO_SENTENCE in edge_text and "rule: test.rule" in edge_text
    node_text = hover_tooltip(opened, "network.getPosition('2501.00001')")
    assert node_text.splitlines() == [
        "Group Relative Policy Optimization for Math Reasoning",
        "Paper · 2025-03-01 · DeepSeek · 3 upvotes",
        "https://arxiv.org/abs/2501.00001"]


def test_focus_page_starts_on_the_focus(grpo_graph: nx.MultiDiGraph, tmp_path: Path,
                                        open_page) -> None:
    path = tmp_path / "focus.html"
    summary = write_html(grpo_graph, path, focus="GRPO", hops=1)
    opened = open_page(path)
    assert opened.eval("network.getSelectedNodes()") == [node_id(grpo_graph, "GRPO")]
    assert opened.eval("nodes.length") == summary.nodes_shown < len(grpo_graph)
    assert "around GRPO (1 hop)" in opened.page.inner_text("#summary")


@pytest.mark.parametrize("bypass_csp", [False, True],
                         ids=["with-csp", "escaping-alone"])
def test_hostile_titles_show_as_text_and_run_nothing(
        hostile_graph: nx.MultiDiGraph, tmp_path: Path, open_page,
        bypass_csp: bool) -> None:
    """The page's CSP would block injected scripts; the escaping alone must too."""
    path = tmp_path / "hostile.html"
    write_html(hostile_graph, path)
    opened = open_page(path, bypass_csp=bypass_csp)
    assert opened.eval("window.__pwned") is None
    assert opened.errors == [] and opened.requests == [opened.url]
    assert opened.eval("document.querySelectorAll('img, iframe').length") == 0
    assert opened.eval("document.scripts.length") == 3  # vis, data, app: no more
    title = HOSTILE_TITLES[1]  # the one with </script>
    opened.page.fill("#search", title)
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#details .name") == title
    paper = opened.eval(f"nodes.get({{filter: n => n.type === 'Paper' "
                        f"&& n.names[0] === {title!r}}})[0].id")
    tooltip = hover_tooltip(opened, f"network.getPosition({paper!r})")
    assert tooltip.splitlines()[0] == title
    assert opened.eval("window.__pwned") is None and opened.errors == []
    assert not math.isnan(opened.eval("window.kgReadyAt"))


def test_seed_pipeline_page_works_offline(shared_data: Path, tmp_path: Path,
                                          open_page) -> None:
    """The real seed listing through the real pipeline: the page a user first sees."""
    from kg.extract import Extractor
    from kg.graph import build_graph
    from kg.sources import read_papers

    papers = read_papers([shared_data / "seed" / "000_7516dfdabfa2a16b.txt"])
    graph = build_graph(list(Extractor().extract_many(papers)))
    path = tmp_path / "seed.html"
    summary = write_html(graph, path, focus="GRPO")
    opened = open_page(path)
    assert opened.errors == [] and opened.requests == [opened.url]
    assert opened.eval("[nodes.length, edges.length]") == [summary.nodes_shown,
                                                          summary.edges_shown]
    assert opened.eval("network.getSelectedNodes()") == [summary.focus]
    assert opened.eval("nodes.get(network.getSelectedNodes()[0]).label") == "GRPO"
