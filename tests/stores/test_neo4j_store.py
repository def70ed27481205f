"""Neo4jStore against ``MagicMock(spec=neo4j.Driver)``: exact statements, parameters,
transaction functions and DDL (the way neo4j-graphrag tests its writer)."""

from __future__ import annotations

from typing import Any
from unittest.mock import MagicMock, call

import neo4j
import networkx as nx
import pytest
from live.storekit import free_port
from neo4j import exceptions as neo4j_errors

from kg.errors import QueryError, StoreError, StoreUnavailableError
from kg.stores.cypher import DIALECTS, node_statement, schema_statements, write_plan
from kg.stores.neo4j_store import Neo4jStore, read_rows, run_statement
from kg.stores.server import open_server_store


def mock_driver() -> MagicMock:
    return MagicMock(spec=neo4j.Driver)


def session_of(driver: MagicMock) -> MagicMock:
    return driver.session.return_value.__enter__.return_value


def make_store(driver: MagicMock, **options: Any) -> Neo4jStore:
    return Neo4jStore("bolt://example:7687", driver=driver, **options)


def test_neo4j_store_checks_connectivity_on_open() -> None:
    driver = mock_driver()
    make_store(driver)
    driver.verify_connectivity.assert_called_once_with()


def test_neo4j_write_runs_ddl_then_batches_in_write_transactions(
        north_star_graph: nx.MultiDiGraph) -> None:
    driver = mock_driver()
    store = make_store(driver, batch_size=3)
    summary = store.write_graph(north_star_graph)
    session = session_of(driver)
    plan = write_plan(north_star_graph, DIALECTS["neo4j"], batch_size=3)
    assert session.execute_write.call_args_list == [
        call(run_statement, s.cypher, s.parameters) for s in plan]
    assert session.execute_read.call_count == 0
    assert {c.kwargs["database"] for c in driver.session.call_args_list} == {"neo4j"}
    assert summary.nodes == north_star_graph.number_of_nodes()
    assert summary.relationships == north_star_graph.number_of_edges()


def test_neo4j_constraint_ddl_is_neo4j5_if_not_exists() -> None:
    driver = mock_driver()
    make_store(driver).ensure_schema()
    calls = session_of(driver).execute_write.call_args_list
    assert calls[0] == call(
        run_statement,
        "CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE",
        {})
    assert len(calls) == len(schema_statements(DIALECTS["neo4j"])) == 8


def test_neo4j_schema_created_once_per_store(north_star_graph: nx.MultiDiGraph
                                             ) -> None:
    driver = mock_driver()
    store = make_store(driver)
    store.write_graph(north_star_graph)
    store.write_graph(north_star_graph)
    ddl = [c for c in session_of(driver).execute_write.call_args_list
           if c.args[1].startswith("CREATE CONSTRAINT")]
    assert len(ddl) == 8


def test_neo4j_database_is_always_passed() -> None:
    driver = mock_driver()
    store = make_store(driver, database="papers")
    session_of(driver).execute_read.return_value = ([], [])
    store.query("RETURN 1")
    driver.session.assert_called_with(database="papers")


def test_neo4j_run_statement_sends_rows_as_parameters() -> None:
    tx = MagicMock(spec=neo4j.ManagedTransaction)
    rows = {"rows": [{"id": "x'}) MATCH (n) DETACH DELETE n //", "props": {}}]}
    run_statement(tx, node_statement("Paper"), rows)
    tx.run.assert_called_once_with(node_statement("Paper"), rows)
    tx.run.return_value.consume.assert_called_once_with()


def test_neo4j_query_reads_in_read_transaction_with_plain_values() -> None:
    driver = mock_driver()
    store = make_store(driver)
    session_of(driver).execute_read.return_value = (["d"], [["2025-01-02"]])
    result = store.query("MATCH (p:Paper) WHERE p.id = $id RETURN p.date AS d",
                         {"id": "a'b"})
    session_of(driver).execute_read.assert_called_once_with(
        read_rows, "MATCH (p:Paper) WHERE p.id = $id RETURN p.date AS d",
        {"id": "a'b"})
    assert result.as_dicts() == [{"d": "2025-01-02"}]


def test_neo4j_query_write_uses_write_transaction() -> None:
    driver = mock_driver()
    session_of(driver).execute_write.return_value = ([], [])
    make_store(driver).clear()
    session_of(driver).execute_write.assert_called_once_with(
        read_rows, "MATCH (n) DETACH DELETE n", {})


def test_neo4j_read_rows_converts_neo4j_dates() -> None:
    record = MagicMock()
    record.values.return_value = [neo4j.time.Date(2025, 1, 2), ["a"], None]
    result = MagicMock()
    result.keys.return_value = ["date", "tags", "none"]
    result.__iter__.return_value = iter([record])
    tx = MagicMock(spec=neo4j.ManagedTransaction)
    tx.run.return_value = result
    assert read_rows(tx, "RETURN 1", {}) == (["date", "tags", "none"],
                                             [["2025-01-02", ["a"], None]])


def test_neo4j_stats_shape() -> None:
    driver = mock_driver()
    session_of(driver).execute_read.side_effect = [
        (["label", "n"], [["Paper", 2], ["Method", 1]]),
        (["type", "n"], [["PROPOSES", 1]]),
    ]
    assert make_store(driver).stats() == {"nodes": {"Method": 1, "Paper": 2},
                                          "relationships": {"PROPOSES": 1}}


@pytest.mark.parametrize(("error", "kind", "message"), [
    (neo4j_errors.ServiceUnavailable("gone"), StoreUnavailableError,
     "cannot reach Neo4j at bolt://example:7687"),
    (neo4j_errors.SessionExpired("expired"), StoreUnavailableError, "docker compose"),
    (neo4j_errors.CypherSyntaxError("bad"), QueryError, "rejected the query"),
    (neo4j_errors.AuthError("no"), StoreUnavailableError, "NEO4J_PASSWORD"),
    (neo4j_errors.TransientError("busy"), QueryError, "rejected"),
])
def test_neo4j_query_errors_become_store_errors(error: Exception, kind: type,
                                                message: str) -> None:
    driver = mock_driver()
    store = make_store(driver)
    session_of(driver).execute_read.side_effect = error
    with pytest.raises(kind, match=message):
        store.query("RETURN 1")


def test_neo4j_write_errors_raise_never_return(north_star_graph: nx.MultiDiGraph
                                               ) -> None:
    driver = mock_driver()
    store = make_store(driver)
    session_of(driver).execute_write.side_effect = neo4j_errors.DatabaseError("disk")
    with pytest.raises(StoreError, match="disk"):
        store.write_graph(north_star_graph)


def test_neo4j_server_down_is_unavailable_in_one_line() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError) as info:
        Neo4jStore(uri, connection_timeout=2)
    assert str(info.value).startswith(f"cannot reach Neo4j at {uri}")
    assert "\n" not in str(info.value)


def test_neo4j_bad_uri_is_store_error() -> None:
    with pytest.raises(StoreError, match="not a Neo4j URI"):
        Neo4jStore("http://example:7474")


def test_neo4j_no_user_means_no_auth(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_driver(uri: str, **kwargs: Any) -> MagicMock:
        seen.update(kwargs)
        return mock_driver()

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", fake_driver)
    Neo4jStore("bolt://x:7687")
    assert seen["auth"] is None
    Neo4jStore("bolt://x:7687", user="neo4j", password="pw")
    assert seen["auth"] == ("neo4j", "pw")


def test_open_server_store_takes_neo4j_settings_from_env(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_driver(uri: str, **kwargs: Any) -> MagicMock:
        seen.update(kwargs, uri=uri)
        return mock_driver()

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", fake_driver)
    env = {"NEO4J_URI": "bolt://h:7687", "NEO4J_USER": "u", "NEO4J_PASSWORD": "p",
           "NEO4J_DATABASE": "db"}
    store = open_server_store(env=env)
    assert isinstance(store, Neo4jStore)
    assert (seen["uri"], seen["auth"], store.database) == ("bolt://h:7687",
                                                           ("u", "p"), "db")
    explicit = open_server_store("bolt://other:7687", neo4j_user="v", env=env)
    assert (seen["uri"], seen["auth"], explicit.database) == ("bolt://other:7687",
                                                              ("v", "p"), "db")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"neo4j_uri": "bolt://a", "falkordb_uri": "redis://b"}, "not both"),
    ({}, "no server store named"),
])
def test_open_server_store_needs_exactly_one(kwargs: dict, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_server_store(**kwargs, env={})


def test_neo4j_apply_patch_runs_ddl_then_the_patch_plan_in_write_transactions(
) -> None:
    from kg.graph.model import Node, Relationship
    from kg.graph.patch import GraphPatch
    from kg.stores.cypher_sync import patch_plan

    patch = GraphPatch(labels={"p1": "Paper", "method:a": "Method",
                               "method:b": "Method"},
                       delete=["method:a"],
                       upsert=[Node("p1", "Paper", {"title": "T"})],
                       add=[Relationship("p1", "method:b", "USES", {})])
    driver = mock_driver()
    summary = make_store(driver).apply_patch(patch)
    ddl = [s.cypher for s in schema_statements(DIALECTS["neo4j"])]
    calls = session_of(driver).execute_write.call_args_list
    assert [c.args[1] for c in calls[:len(ddl)]] == ddl
    assert calls[len(ddl):] == [call(run_statement, s.cypher, s.parameters)
                                for s in patch_plan(patch, batch_size=2000)]
    assert (summary.nodes, summary.relationships) == (1, 1)


def test_neo4j_target_names_the_database() -> None:
    store = Neo4jStore("bolt://example:7687", database="papers", driver=mock_driver())
    assert store.target == "bolt://example:7687 database papers"
