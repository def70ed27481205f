"""``kg export``: every format writes what interface.md promises and reads back.

The test graph is built the way ``kg build`` builds it, from extraction records,
with strings chosen to break naive writers: quotes, commas, ``;``, CR/LF, tabs,
``</script>``, Cypher injection, control characters, unicode line separators.
"""

from __future__ import annotations

import csv
import doctest
import json
import re
import shlex
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kg.views.export
from kg.errors import GraphError
from kg.graph import build_graph
from kg.graph.model import add_node, new_graph
from kg.records import Entity, Evidence, ExtractionRecord, Paper, VariantLink
from kg.views import FORMATS, export_graph, read_csv, read_graphml, read_jsonl
from kg.views.export_common import counted
from kg.views.export_neo4j import ARRAY_DELIMITER

HOSTILE = ('Say "hi", it\'s; fine\nline two\r\nCRLF\ttab </script><script>x()'
           "</script> ' }) MATCH (n) DETACH DELETE n // 日本語 🚀"
           " \u2028 \x85 a\\\" \x01")
TITLE = f"Step-GRPO beats GRPO on GSM8K with Qwen2.5-7B: {HOSTILE}"
ABSTRACT = ("We propose Step-GRPO. It is evaluated on GSM8K.\n"
            f"Code at https://github.com/acme/step-grpo. {HOSTILE}")


def _evidence(text: str, mention: str, field: str = "abstract") -> Evidence:
    start = text.index(mention)
    return Evidence(field=field, rule="test.rule", start=start,  # type: ignore[arg-type]
                    end=start + len(mention), sentence=text)


def _hostile_record() -> ExtractionRecord:
    paper = Paper(id="2601.00001", title=TITLE, abstract=ABSTRACT, date="2025-03-01",
                  authors=["Doe; Jane", 'O"Brien, Pat', "李雷", HOSTILE],
                  upvotes=42, categories=["cs.CL", "cs;LG"],
                  code=["https://github.com/acme/step-grpo"], source="a.json;b.txt",
                  organization="Acme; Inc.")
    return ExtractionRecord(paper=paper, entities=[
        Entity("method", "Step-GRPO", "Step-GRPO", ["Step GRPO; v2"], "proposed",
               [_evidence(TITLE, "Step-GRPO", "title")]),
        Entity("benchmark", "GSM8K", "GSM8K", [], "used",
               [_evidence(ABSTRACT, "GSM8K")]),
        Entity("model", "Qwen2.5-7B", "Qwen2.5-7B", [HOSTILE], "used",
               [_evidence(TITLE, "Qwen2.5-7B", "title")]),
        Entity("organization", "Acme; Inc.", "Acme; Inc.", [], None,
               [Evidence(field="metadata", rule="metadata.org",
                         source="organization")]),
    ], variant_of=[VariantLink("Step-GRPO", "GRPO")])


def _plain_record() -> ExtractionRecord:
    """A paper the listing says little about: no date, no upvotes, no abstract."""
    paper = Paper(id="title:plain", title="Plain GSM8K study", abstract="")
    return ExtractionRecord(paper=paper, entities=[
        Entity("benchmark", "GSM8K", "GSM8K", ["gsm8k"], "used",
               [_evidence(paper.title, "GSM8K", "title")]),
    ])


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return build_graph([_hostile_record(), _plain_record()])


def _snapshot(graph: nx.MultiDiGraph, *, absent: tuple[Any, ...] = ()) -> tuple:
    """Nodes, attributes and edges as comparable values, without the values a
    format documents as absent (``None`` for GraphML, also ``""`` for CSV)."""
    def keep(attrs: dict) -> dict:
        return {k: v for k, v in attrs.items()
                if not ((v is None and None in absent) or (v == "" and "" in absent))}
    nodes = {n: keep(a) for n, a in graph.nodes(data=True)}
    edges = sorted((u, v, k, json.dumps(keep(a), sort_keys=True))
                   for u, v, k, a in graph.edges(keys=True, data=True))
    return nodes, edges


def test_export_fixture_graph_has_hostile_values_and_nones(graph):
    """Guard: the graph really carries what the tests below claim to survive."""
    assert graph.nodes["2601.00001"]["title"] == TITLE
    assert graph.nodes["title:plain"]["upvotes"] is None
    assert graph.nodes["title:plain"]["abstract"] == ""
    assert {k for _, _, k in graph.edges(keys=True)} >= {
        "PROPOSES", "EVALUATED_ON", "USES_MODEL", "AFFILIATED_WITH", "HAS_CODE",
        "VARIANT_OF"}


# --- round trips ----------------------------------------------------------------

@pytest.mark.parametrize("empty", [True, False], ids=["empty", "hostile"])
def test_export_jsonl_round_trip_restores_graph_exactly(empty, graph, tmp_path):
    source = new_graph() if empty else graph
    export_graph(source, "jsonl", tmp_path / "out")
    assert _snapshot(read_jsonl(tmp_path / "out")) == _snapshot(source)


@pytest.mark.parametrize("empty", [True, False], ids=["empty", "hostile"])
def test_export_graphml_round_trip_restores_graph_without_nones(empty, graph,
                                                                tmp_path):
    source = new_graph() if empty else graph
    (path,) = export_graph(source, "graphml", tmp_path / "g.graphml")
    assert _snapshot(read_graphml(path)) == _snapshot(source, absent=(None,))


def test_export_csv_round_trip_restores_graph_except_empty_values(graph, tmp_path):
    export_graph(graph, "csv", tmp_path / "out")
    restored = read_csv(tmp_path / "out")
    assert _snapshot(restored) == _snapshot(graph, absent=(None, ""))


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_is_byte_identical_across_runs(fmt, graph, tmp_path):
    first = export_graph(graph, fmt, tmp_path / "a" / "out")
    second = export_graph(graph, fmt, tmp_path / "b" / "out")
    assert [p.name for p in first] == [p.name for p in second]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
        header = one.read_bytes().split(b"\n", 1)[0]
        assert not header.endswith(b"\r"), f"{one.name}: lines end with \\n only"


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_empty_graph_writes_valid_files(fmt, tmp_path):
    written = export_graph(new_graph(), fmt, tmp_path / "out")
    assert written and all(p.is_file() for p in written)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_progress_ends_at_every_node_and_relationship(fmt, graph, tmp_path,
                                                             shown_progress):
    """`kg export` of a year of papers takes most of a minute: its bar counts each
    node and relationship written once, whatever the format."""
    export_graph(graph, fmt, tmp_path / "out", shown_progress)
    rows = graph.number_of_nodes() + graph.number_of_edges()
    shown = shown_progress.console.file.getvalue()
    assert "writing out" in shown and f"{rows}/{rows}" in shown


def test_export_rows_are_counted_a_thousand_at_a_time():
    """A bar update per row would cost more than formatting the row."""
    told: list[int] = []
    rows = list(counted(range(2500), told.append))
    assert rows == list(range(2500)) and told == [1000, 1000, 500]


def test_export_docstring_examples_run():
    assert doctest.testmod(kg.views.export).failed == 0


def test_export_unknown_format_is_a_graph_error(graph, tmp_path):
    with pytest.raises(GraphError, match="unknown export format"):
        export_graph(graph, "dot", tmp_path / "x")  # type: ignore[arg-type]


def test_export_dangling_node_is_a_graph_error(graph, tmp_path):
    graph.add_edge("2601.00001", "nowhere", key="USES", type="USES")
    with pytest.raises(GraphError, match="no label"):
        export_graph(graph, "jsonl", tmp_path / "x")


def test_export_jsonl_lines_put_interface_fields_first(graph, tmp_path):
    export_graph(graph, "jsonl", tmp_path)
    node = json.loads((tmp_path / "nodes.jsonl").read_text("utf-8").splitlines()[0])
    assert list(node)[:2] == ["id", "label"]
    rels = [json.loads(line) for line in
            (tmp_path / "relationships.jsonl").open(encoding="utf-8")]
    assert all(list(rel)[:3] == ["source", "target", "type"] for rel in rels)
    proposes = next(rel for rel in rels if rel["type"] == "PROPOSES")
    assert proposes["evidence"][0]["field"] == "title"
    assert TITLE[proposes["evidence"][0]["start"]:proposes["evidence"][0]["end"]] \
        == "Step-GRPO"


# --- csv --------------------------------------------------------------------------

def _csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, restkey="EXTRA", restval="MISSING")
        rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_export_csv_relationship_rows_read_without_a_join(graph, tmp_path):
    export_graph(graph, "csv", tmp_path)
    header, rows = _csv_rows(tmp_path / "relationships.csv")
    assert header[:8] == ["source", "source_label", "source_name", "type", "target",
                          "target_label", "target_name", "sentence"]
    assert len(rows) == graph.number_of_edges()
    assert all("EXTRA" not in r and "MISSING" not in r.values() for r in rows)
    by_type = {r["type"]: r for r in rows if r["source"] == "2601.00001"}
    assert by_type["PROPOSES"]["source_name"] == TITLE
    assert by_type["PROPOSES"]["target_name"] == "Step-GRPO"
    assert by_type["HAS_CODE"]["target_name"] == "https://github.com/acme/step-grpo"
    assert by_type["AFFILIATED_WITH"]["sentence"] == "metadata:organization"
    assert "GSM8K" in by_type["EVALUATED_ON"]["sentence"]
    lineage = next(r for r in rows if r["type"] == "VARIANT_OF")
    assert (lineage["source_label"], lineage["target_name"]) == ("Method", "GRPO")


def test_export_csv_nodes_have_names_and_json_lists(graph, tmp_path):
    export_graph(graph, "csv", tmp_path)
    header, rows = _csv_rows(tmp_path / "nodes.csv")
    assert header[:3] == ["id", "label", "name"]
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == set(graph.nodes)
    assert by_id["2601.00001"]["name"] == TITLE
    assert json.loads(by_id["2601.00001"]["authors"]) == \
        graph.nodes["2601.00001"]["authors"]
    assert by_id["repo:github.com-acme-step-grpo"]["name"] == \
        "https://github.com/acme/step-grpo"


# --- neo4j-admin ------------------------------------------------------------------

_NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char",
                "string", "point", "date", "localtime", "time", "localdatetime",
                "datetime", "duration"}
_SPECIAL = re.compile(r"^(ID|START_ID|END_ID)(\([^)]*\))?$|^(TYPE|LABEL|IGNORE)$")


def _parse_header_field(text: str) -> tuple[str, str]:
    """Neo4j's ``<name>:<field_type>``: returns (name, type); no type is string."""
    name, _, kind = text.partition(":")
    kind = kind or "string"
    assert _SPECIAL.match(kind) or kind.removesuffix("[]") in _NEO4J_TYPES, text
    return name, kind


def _neo4j_file(path: Path) -> tuple[list[tuple[str, str]], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    fields = [_parse_header_field(h) for h in header]
    assert all(len(row) == len(fields) for row in rows), path.name
    return fields, rows


def _kinds(fields: list[tuple[str, str]]) -> list[str]:
    return [kind.split("(")[0] for _, kind in fields]


def test_export_neo4j_admin_headers_follow_neo4j_rules(graph, tmp_path):
    written = export_graph(graph, "neo4j-admin", tmp_path)
    node_files = [p for p in written if p.suffix == ".csv" and not p.stem.isupper()]
    rel_files = [p for p in written if p.suffix == ".csv" and p.stem.isupper()]
    assert {p.stem for p in node_files} >= {"Paper", "Method", "Repository"}
    for path in node_files:
        kinds = _kinds(_neo4j_file(path)[0])
        assert kinds.count("ID") == 1 and kinds.count("LABEL") == 1, path.name
    for path in rel_files:
        fields, rows = _neo4j_file(path)
        kinds = _kinds(fields)
        assert [kinds.count(k) for k in ("START_ID", "END_ID", "TYPE")] == [1, 1, 1]
        assert all(row[kinds.index("TYPE")] == path.stem for row in rows)


def _node_values(directory: Path, label: str) -> dict[str, dict[str, str]]:
    fields, rows = _neo4j_file(directory / f"{label}.csv")
    names = [name if kind != "ID" else "id" for name, kind in fields]
    return {row[0]: dict(zip(names, row, strict=True)) for row in rows}


def test_export_neo4j_admin_arrays_split_back_into_the_original_lists(graph,
                                                                      tmp_path):
    export_graph(graph, "neo4j-admin", tmp_path)
    command = (tmp_path / "import-command.txt").read_text("utf-8")
    assert "--array-delimiter=U+001F" in shlex.split(command)
    assert ARRAY_DELIMITER == "\x1f"
    paper = _node_values(tmp_path, "Paper")["2601.00001"]
    assert paper["authors"].split(ARRAY_DELIMITER) == \
        graph.nodes["2601.00001"]["authors"]
    assert paper["categories"].split(ARRAY_DELIMITER) == ["cs.CL", "cs;LG"]
    assert paper["title"] == TITLE and paper["upvotes"] == "42"
    assert paper["date"] == "2025-03-01"
    model = _node_values(tmp_path, "Model")["model:qwen2.5-7b"]
    assert model["aliases"].split(ARRAY_DELIMITER) == \
        graph.nodes["model:qwen2.5-7b"]["aliases"]


def test_export_neo4j_admin_keeps_evidence_as_json(graph, tmp_path):
    export_graph(graph, "neo4j-admin", tmp_path)
    fields, rows = _neo4j_file(tmp_path / "PROPOSES.csv")
    assert [name for name, _ in fields][3:] == ["evidence_json"]
    (row,) = rows
    (expected,) = [data["evidence"] for _, _, key, data in graph.out_edges(
        "2601.00001", keys=True, data=True) if key == "PROPOSES"]
    assert json.loads(row[3]) == expected


def test_export_neo4j_admin_quotes_empty_strings_and_leaves_missing_empty(
        graph, tmp_path):
    """Neo4j reads ``""`` as an empty string and an empty field as no property."""
    export_graph(graph, "neo4j-admin", tmp_path)
    text = (tmp_path / "Paper.csv").read_text("utf-8")
    plain = next(line for line in text.split("\n") if line.startswith('"title:plain"'))
    assert plain.startswith('"title:plain",Paper,"Plain GSM8K study","",,,')


def test_export_neo4j_admin_command_names_every_file(graph, tmp_path):
    written = export_graph(graph, "neo4j-admin", tmp_path)
    argv = shlex.split((tmp_path / "import-command.txt").read_text("utf-8"))
    assert argv[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    named = {}
    for arg in argv[5:]:
        option, _, value = arg.partition("=")
        if option in ("--nodes", "--relationships"):
            what, _, file = value.partition("=")
            named[file] = what
    csvs = {p.name for p in written if p.suffix == ".csv"}
    assert set(named) == csvs
    assert all(Path(file).stem == what for file, what in named.items())
    script = (tmp_path / "import.sh").read_text("utf-8")
    assert all(f"={file}" in script for file in csvs)


def test_export_neo4j_admin_refuses_an_array_item_holding_the_delimiter(tmp_path):
    graph = new_graph()
    add_node(graph, "method:x", "Method", name="X", aliases=["a\x1fb"], papers=1)
    with pytest.raises(GraphError, match="U\\+001F"):
        export_graph(graph, "neo4j-admin", tmp_path)
    # rows stream to the files: the one being written when the error came is
    # not left behind half-written
    assert not (tmp_path / "Method.csv").exists()
    assert not list(tmp_path.glob("*.tmp"))


# --- graphml ----------------------------------------------------------------------

def test_export_graphml_is_xml_with_json_attributes_for_lists(graph, tmp_path):
    (path,) = export_graph(graph, "graphml", tmp_path / "g.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("attr.name") for k in ET.parse(path).getroot().iterfind("g:key", ns)}
    assert {"label", "aliases_json", "authors_json", "evidence_json", "type"} <= keys
    assert "aliases" not in keys and "evidence" not in keys


# --- any text at all ----------------------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(name=_TEXT, aliases=st.lists(_TEXT, max_size=3), papers=st.integers(0, 10**12))
@pytest.mark.parametrize("fmt", ["jsonl", "graphml"])
def test_export_round_trip_holds_for_any_text(fmt, name, aliases, papers):
    graph = new_graph()
    add_node(graph, "method:m", "Method", name=name, aliases=aliases, papers=papers)
    add_node(graph, "2601.1", "Paper", title=name, date=None)
    graph.add_edge("2601.1", "method:m", key="USES", type="USES",
                   evidence=[{"field": "metadata", "source": name, "rule": "r"}])
    reader = read_jsonl if fmt == "jsonl" else read_graphml
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / ("g.graphml" if fmt == "graphml" else "out")
        export_graph(graph, fmt, out)
        restored = reader(out)
    # JSONL keeps null; GraphML has none, so a None property reads back absent.
    absent = (None,) if fmt == "graphml" else ()
    assert _snapshot(restored) == _snapshot(graph, absent=absent)


def test_export_every_format_carries_the_usage_of_uses_model(graph, tmp_path):
    """USES_MODEL's ``usage`` (interface.md) is in every export."""
    (usage,) = [d["usage"] for _, _, k, d in graph.edges(keys=True, data=True)
                if k == "USES_MODEL"]
    assert usage == "evaluated"  # the record's default: nothing says more
    export_graph(graph, "jsonl", tmp_path / "j")
    rels = [json.loads(line) for line in
            (tmp_path / "j" / "relationships.jsonl").read_text("utf-8").splitlines()]
    assert [r["usage"] for r in rels if r["type"] == "USES_MODEL"] == [usage]
    export_graph(graph, "csv", tmp_path / "c")
    with (tmp_path / "c" / "relationships.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["type"] == "USES_MODEL"]
    assert [json.loads(r["usage"]) if r["usage"].startswith('"') else r["usage"]
            for r in rows] == [usage]
    export_graph(graph, "neo4j-admin", tmp_path / "n")
    fields, rows = _neo4j_file(tmp_path / "n" / "USES_MODEL.csv")
    names = [name for name, _ in fields]
    assert "usage" in names and rows[0][names.index("usage")] == usage
    export_graph(graph, "graphml", tmp_path / "g.graphml")
    assert "evaluated" in (tmp_path / "g.graphml").read_text("utf-8")
