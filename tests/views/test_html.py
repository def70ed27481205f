"""The explorer page without a browser: node selection, escaping, the page's data."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import GraphError
from kg.views.html import (
    ViewSummary,
    explorer_data,
    stabilisation_iterations,
    write_html,
)
from kg.views.html_network import clip, edge_tooltip, node_tooltip
from kg.views.html_page import inline_script, render_page, script_json
from kg.views.html_select import (
    find_node,
    lineage_family,
    most_connected,
    neighbourhood,
    rank_nodes,
    select_nodes,
)

from .conftest import GRPO_SENTENCE, HOSTILE_TITLES, node_id

PAGE_DATA_RE = re.compile(
    r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(html: str) -> dict:
    """The JSON document a written page carries (what ``JSON.parse`` sees)."""
    match = PAGE_DATA_RE.search(html)
    assert match, "the page has no data block"
    return json.loads(match.group(1))


def star(n_leaves: int) -> nx.MultiDiGraph:
    """A hub with ``n_leaves`` leaves, plus a pair of nodes joined to each other."""
    graph = nx.MultiDiGraph()
    graph.add_node("hub", label="Method", name="Hub", papers=n_leaves)
    for i in range(n_leaves):
        graph.add_node(f"p{i:02d}", label="Paper", title=f"Paper {i}")
        graph.add_edge(f"p{i:02d}", "hub", key="USES", type="USES")
    graph.add_node("x", label="Method", name="X", papers=1)
    graph.add_node("y", label="Benchmark", name="Y", papers=1)
    graph.add_edge("x", "y", key="USES", type="USES")
    return graph


# ---- escaping -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    *HOSTILE_TITLES, "a\u2028b\u2029c", "</SCRIPT >", "<!--", "]]>", "&lt;",
])
def test_script_json_has_no_markup_and_round_trips(text: str) -> None:
    encoded = script_json({"title": text, "list": [text]})
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in encoded
    assert json.loads(encoded) == {"title": text, "list": [text]}


def test_script_json_writes_dates_as_text() -> None:
    assert script_json({"date": datetime.date(2025, 3, 1)}) == '{"date":"2025-03-01"}'


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_script_json_refuses_values_json_cannot_hold(value: float) -> None:
    with pytest.raises(ValueError):
        script_json({"x": value})


@pytest.mark.parametrize("source", ["a = '</script>'", "a = '<!-- x'",
                                    "a = '</ScRiPt'"])
def test_inline_script_refuses_code_that_would_close_the_element(source: str) -> None:
    with pytest.raises(ValueError, match="cannot be inlined"):
        inline_script(source, "x.js")


def test_inline_script_drops_the_source_map_comment() -> None:
    assert "sourceMappingURL" not in inline_script(
        "var a;\n//# sourceMappingURL=a.js.map", "a.js")


def test_hostile_titles_reach_the_page_only_as_escaped_data(
        hostile_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    write_html(hostile_graph, path)
    html = path.read_text(encoding="utf-8")
    assert "__pwned" in html  # the titles are there ...
    assert "<img" not in html and html.count("</script>") == 3  # ... but not as tags
    titles = {n["title"].split("\n")[0] for n in page_data(html)["nodes"]
              if n["type"] == "Paper"}
    assert titles == {" ".join(t.split()) for t in HOSTILE_TITLES}


def test_page_has_no_external_reference(grpo_graph: nx.MultiDiGraph,
                                        tmp_path: Path) -> None:
    path = tmp_path / "g.html"
    write_html(grpo_graph, path)
    html = path.read_text(encoding="utf-8")
    assert not re.search(r'<(script|link|img)[^>]+(src|href)=', html)
    for host in ("node_modules", "jsdelivr", "unpkg", "cdnjs", "googleapis"):
        assert host not in html
    assert "default-src 'none'" in html


# ---- node selection -------------------------------------------------------------

def test_most_connected_keeps_the_hub_and_breaks_ties_by_id() -> None:
    graph = star(5)
    assert most_connected(graph, 3) == {"hub", "p00", "p01"}
    assert rank_nodes(graph, graph.nodes)[:2] == ["hub", "p00"]
    assert most_connected(graph, 100) == set(graph.nodes)


def test_a_node_adrift_gives_its_place_to_one_linked_to_the_rest() -> None:
    graph = star(4)  # p00..p03 -> hub; x -> y
    for i in range(3):  # a paper whose three entities nobody else has
        graph.add_node(f"z{i}", label="Concept", name=f"Z{i}", papers=1)
        graph.add_edge("lonely", f"z{i}", key="MENTIONS", type="MENTIONS")
    graph.nodes["lonely"].update(label="Paper", title="Lonely")
    assert rank_nodes(graph, graph.nodes)[:3] == ["hub", "lonely", "p00"]
    assert most_connected(graph, 3) == {"hub", "p00", "p01"}


def test_max_nodes_summary_reports_what_was_left_out(tmp_path: Path) -> None:
    summary = write_html(star(10), tmp_path / "s.html", max_nodes=4)
    assert summary == ViewSummary(nodes_shown=4, edges_shown=3, nodes_left_out=9,
                                  focus=None)
    assert str(summary) == "4 nodes, 3 relationships; 9 nodes left out"


@pytest.mark.parametrize("query", ["GRPO", "grpo", "Group Relative Policy "
                                   "Optimization", "  Grpo ", "<id>"])
def test_find_node_by_name_alias_or_id(grpo_graph: nx.MultiDiGraph,
                                       query: str) -> None:
    grpo = node_id(grpo_graph, "GRPO")
    assert find_node(grpo_graph, grpo if query == "<id>" else query) == grpo


def test_unknown_focus_suggests_close_names(grpo_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(GraphError, match="did you mean 'GRPO'"):
        find_node(grpo_graph, "GRPOO")


def test_lineage_family_has_variants_and_bases_but_not_siblings() -> None:
    graph = nx.MultiDiGraph()
    for node in ("base", "mid", "leaf", "sibling"):
        graph.add_node(node, label="Method", name=node)
    for variant, base in (("mid", "base"), ("leaf", "mid"), ("sibling", "base")):
        graph.add_edge(variant, base, key="VARIANT_OF", type="VARIANT_OF")
    assert lineage_family(graph, "mid") == {"base", "mid", "leaf"}


def test_focus_grpo_shows_variants_papers_and_their_benchmarks(
        grpo_graph: nx.MultiDiGraph) -> None:
    grpo = node_id(grpo_graph, "GRPO")
    distance = neighbourhood(grpo_graph, grpo, hops=1)
    wanted = ["Step-GRPO", "GSM8K", "MATH-500", "HumanEval", "Qwen2.5-7B",
              "DeepSeek", "Step-GRPO: Process Rewards", "GRPO for Code"]
    assert {node_id(grpo_graph, name) for name in wanted} <= set(distance)
    for unrelated in ("Preference Optimization at Scale", "PPO", "MMLU"):
        assert node_id(grpo_graph, unrelated) not in distance
    assert distance[grpo] == 0


def test_focus_hops_zero_is_the_entity_and_its_lineage(
        grpo_graph: nx.MultiDiGraph) -> None:
    chosen, focus = select_nodes(grpo_graph, max_nodes=100, focus="GRPO", hops=0)
    grpo, step = node_id(grpo_graph, "GRPO"), node_id(grpo_graph, "Step-GRPO")
    assert (chosen, focus) == ({grpo, step}, grpo)


def test_focus_with_max_nodes_keeps_the_closest(grpo_graph: nx.MultiDiGraph) -> None:
    chosen, _ = select_nodes(grpo_graph, max_nodes=2, focus="GRPO", hops=2)
    assert chosen == {node_id(grpo_graph, "GRPO"), node_id(grpo_graph, "Step-GRPO")}


def test_selection_is_deterministic(grpo_graph: nx.MultiDiGraph) -> None:
    first, _ = explorer_data(grpo_graph, max_nodes=9)
    again, _ = explorer_data(grpo_graph.copy(), max_nodes=9)
    assert script_json(first) == script_json(again)


# ---- what the page shows ------------------------------------------------------

def test_edge_tooltip_has_type_sentence_and_rule() -> None:
    text = edge_tooltip("EVALUATED_ON", {"evidence": [
        {"field": "abstract", "start": 0, "end": 3, "sentence": GRPO_SENTENCE,
         "rule": "gazetteer.benchmark"}, {"field": "title", "rule": "r"}]})
    assert text.split("\n") == ["EVALUATED_ON", f"“{GRPO_SENTENCE}”",
                                "rule: gazetteer.benchmark (abstract)",
                                "(+1 more mention)"]


def test_metadata_and_lineage_edge_tooltips() -> None:
    assert "listing's organization field" in edge_tooltip("AFFILIATED_WITH", {
        "evidence": [{"field": "metadata", "source": "organization", "rule": "m"}]})
    assert edge_tooltip("VARIANT_OF", {"rule": "variant_of"}) == (
        "VARIANT_OF\nrule: variant_of")


def test_paper_tooltip_has_title_date_organization_and_link(
        grpo_graph: nx.MultiDiGraph) -> None:
    assert node_tooltip(grpo_graph, "2501.00001").split("\n") == [
        "Group Relative Policy Optimization for Math Reasoning",
        "Paper · 2025-03-01 · DeepSeek · 3 upvotes",
        "https://arxiv.org/abs/2501.00001"]


def test_entity_tooltip_has_type_papers_and_aliases(
        grpo_graph: nx.MultiDiGraph) -> None:
    assert node_tooltip(grpo_graph, node_id(grpo_graph, "GRPO")).split("\n") == [
        "GRPO", "Method · in 3 papers", "also: Group Relative Policy Optimization"]


def test_long_text_is_clipped() -> None:
    assert len(clip("word " * 100_000)) == 400
    assert clip("a\n b") == "a b"


def test_page_data_matches_summary_and_legend(grpo_graph: nx.MultiDiGraph) -> None:
    data, summary = explorer_data(grpo_graph, focus="grpo")
    assert (len(data["nodes"]), len(data["edges"])) == (summary.nodes_shown,
                                                        summary.edges_shown)
    assert data["meta"]["focus"] == node_id(grpo_graph, "GRPO") == summary.focus
    assert data["meta"]["focus_name"] == "GRPO" == summary.focus_name
    assert str(summary).startswith(f"{summary.nodes_shown} nodes, "
                                   f"{summary.edges_shown} relationships around GRPO")
    legend = {t["type"]: t["count"] for t in data["meta"]["types"]}
    assert sum(legend.values()) == summary.nodes_shown
    assert list(legend)[0] == "Paper"
    sizes = {n["id"]: n["value"] for n in data["nodes"]}
    assert sizes[node_id(grpo_graph, "GRPO")] == 3
    assert sizes[node_id(grpo_graph, "GSM8K")] == 1
    assert data["nodes"][0]["id"] == summary.focus


def test_concepts_start_hidden_unless_one_is_the_focus() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("c", label="Concept", name="reinforcement learning", papers=2)
    graph.add_node("m", label="Method", name="GRPO", papers=2)
    for paper in ("p1", "p2"):
        graph.add_node(paper, label="Paper", title=paper)
        graph.add_edge(paper, "c", key="MENTIONS", type="MENTIONS")
        graph.add_edge(paper, "m", key="USES", type="USES")
    data, _ = explorer_data(graph)
    assert [n["id"] for n in data["nodes"] if n.get("hidden")] == ["c"]
    assert {t["type"]: t["visible"] for t in data["meta"]["types"]}["Concept"] is False
    data, _ = explorer_data(graph, focus="reinforcement learning")
    assert not any(n.get("hidden") for n in data["nodes"])


@pytest.mark.parametrize(("nodes", "iterations"), [(10, 300), (400, 150),
                                                   (2000, 40), (10**6, 40)])
def test_physics_budget_shrinks_with_size(nodes: int, iterations: int) -> None:
    assert stabilisation_iterations(nodes) == iterations


def test_render_page_fills_every_slot_once(grpo_graph: nx.MultiDiGraph) -> None:
    data, _ = explorer_data(grpo_graph)
    html = render_page(data)
    assert "/*KG:" not in html
    assert page_data(html)["meta"]["nodes_shown"] == len(data["nodes"])


@pytest.mark.parametrize(("url", "linked"), [
    ("https://arxiv.org/abs/2501.00001", True), ("javascript:alert(1)", False),
    ("data:text/html,<script>x</script>", False), ("  https://x", False)])
def test_only_web_links_become_links(url: str, linked: bool) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("p", label="Paper", title="T", url=url)
    data, _ = explorer_data(graph)
    assert ("url" in data["nodes"][0]) is linked


def test_html_uses_model_edges_are_coloured_and_labelled_by_usage():
    from kg.views.html_network import USAGE_EDGE_COLOUR, edge_options

    base = edge_options("USES_MODEL", {"usage": "base", "evidence": []})
    tool = edge_options("USES_MODEL", {"usage": "tool", "evidence": []})
    assert base["label"] == "base" and tool["label"] == "tool"
    assert base["color"] == USAGE_EDGE_COLOUR["base"] != tool["color"]
    assert "usage: tool" in tool["title"]
    assert "label" not in edge_options("EVALUATED_ON", {"evidence": []})
