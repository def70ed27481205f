"""What only a real Neo4j shows: its uniqueness constraints and how every statement
the writer sends uses them, how its errors reach the user, and ``neo4j-admin``'s
import of the export, served by scripts/neo4j-server.sh (``$NEO4J_URI``; CI starts
one with that script)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError, StoreUnavailableError
from kg.graph import count_by_label
from kg.graph.schema import load_schema
from kg.queries import NORTH_STAR
from kg.stores.cypher import constraint_name, node_statement, relationship_statement
from kg.stores.cypher_sync import (
    delete_nodes_statement,
    delete_relationships_statement,
    unlink_statement,
)
from kg.stores.server import open_server_store
from kg.views.export import export_graph
from live.storekit import (
    NORTH_STAR_EXPECTED,
    Target,
    dump,
    neo4j_options,
    normalise_rows,
    north_star_rows,
)

pytestmark = pytest.mark.neo4j

REPO = Path(__file__).resolve().parents[3]
CONSTRAINTS_FILE = REPO / "schema" / "neo4j_constraints.cypher"


def plan_operators(store: Any, cypher: str) -> list[str]:
    """The operators of Neo4j's plan for ``cypher`` (``EXPLAIN``: nothing runs)."""
    with store._driver.session(database=store.database) as session:
        plan = session.run(f"EXPLAIN {cypher}", rows=[]).consume().plan
    operators: list[str] = []

    def walk(operator: dict[str, Any]) -> None:
        operators.append(operator["operatorType"].split("@")[0])
        for child in operator.get("children", []):
            walk(child)

    walk(plan)
    return operators


def writer_statements() -> list[str]:
    """Every node, relationship and delete statement the writer can send."""
    schema = load_schema()
    statements = [unlink_statement()]
    for label in schema.labels:
        statements += [node_statement(label), node_statement(label, replace=True),
                       delete_nodes_statement(label)]
    for rel in schema.relationships.values():
        for source in rel.sources:
            for target in rel.targets:
                statements += [
                    relationship_statement(rel.name, source, target),
                    relationship_statement(rel.name, source, target, replace=True),
                    delete_relationships_statement(rel.name, source, target)]
    return statements


def test_neo4j_every_label_has_its_uniqueness_constraint(
        neo4j_store: Any, north_star_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write_graph(north_star_graph)
    rows = neo4j_store.query("SHOW CONSTRAINTS YIELD name, type, entityType, "
                             "labelsOrTypes, properties").rows
    expected = [[constraint_name(label), "UNIQUENESS", "NODE", [label], ["id"]]
                for label in load_schema().labels]
    assert sorted(rows) == sorted(expected)
    # the file people run by hand names the same constraints
    in_file = re.findall(r"CREATE CONSTRAINT (\w+) IF NOT EXISTS",
                         CONSTRAINTS_FILE.read_text(encoding="utf-8"))
    assert sorted(in_file) == sorted(row[0] for row in expected)


def test_neo4j_constraints_are_created_once(neo4j_store: Any,
                                            north_star_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write_graph(north_star_graph)
    with Target("neo4j", neo4j_options()).open() as again:  # runs its DDL again
        again.write_graph(north_star_graph)
    assert len(neo4j_store.query("SHOW CONSTRAINTS").rows) == len(load_schema().labels)


def test_neo4j_constraint_refuses_a_second_node_with_an_id(
        neo4j_store: Any, north_star_graph: nx.MultiDiGraph) -> None:
    neo4j_store.write_graph(north_star_graph)
    with pytest.raises(QueryError) as info:
        neo4j_store.query("CREATE (:Paper {id: $id})", {"id": "2501.00001"},
                          write=True)
    message = str(info.value)
    assert "\n" not in message
    assert "already exists with label `Paper` and property `id` = '2501.00001'" \
        in message


def test_neo4j_every_writer_statement_seeks_the_unique_index(
        neo4j_store: Any, north_star_graph: nx.MultiDiGraph) -> None:
    """A MERGE or MATCH by id without the index would scan the label per row:
    a load of n rows would take O(n^2)."""
    neo4j_store.write_graph(north_star_graph)  # the constraints exist
    for cypher in writer_statements():
        operators = plan_operators(neo4j_store, cypher)
        seeks = [op for op in operators if op.startswith("NodeUniqueIndexSeek")]
        scans = [op for op in operators if "Scan" in op]
        assert seeks and not scans, (cypher, operators)
        if "MERGE (a)-" in cypher:  # both endpoints are found by their own seek
            assert len(seeks) == 2, (cypher, operators)


def test_neo4j_merge_seeks_with_a_lock(neo4j_store: Any,
                                       north_star_graph: nx.MultiDiGraph) -> None:
    """Concurrent MERGEs of one id cannot both create it: the seek takes a lock."""
    neo4j_store.write_graph(north_star_graph)
    assert "NodeUniqueIndexSeek(Locking)" in plan_operators(
        neo4j_store, node_statement("Paper"))


def kg_query(*args: str) -> Any:
    env = {"NEO4J_URI": neo4j_options()["neo4j_uri"], "FALKORDB_URI": "",
           "KG_GRAPH": ""}
    return CliRunner().invoke(main, ["query", *args], env=env)


@pytest.mark.parametrize(("cypher", "says"), [
    ("MATCH (n:Paper RETURN n", "Invalid input 'RETURN'"),
    ("RETURN 1 / 0 AS n", "/ by zero [Neo.ClientError.Statement.ArithmeticError]"),
    ("RETURN no_such_function(1)", "Unknown function 'no_such_function'"),
    ("MATCH (n) RETURN m", "Variable `m` not defined"),
])
def test_neo4j_cypher_error_is_one_clear_line(neo4j_store: Any, cypher: str,
                                             says: str) -> None:
    result = kg_query(cypher)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1, result.output
    assert result.output.startswith("Error: Neo4j at bolt://")
    assert says in result.output
    assert "Traceback" not in result.output
    # the server's message, not the driver's GQL wrapping of it
    assert "gql_status" not in result.output
    assert "See debug log" not in result.output


def test_neo4j_query_refuses_writes_in_one_line(neo4j_store: Any) -> None:
    """``kg query`` runs reads: Neo4j refuses a write in a read transaction."""
    result = kg_query("CREATE (n:Paper {id: 'written'}) RETURN n.id")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1, result.output
    assert "Writing in read access mode not allowed" in result.output
    assert neo4j_store.query("MATCH (n) RETURN count(n)").rows == [[0]]


def without_empty_lists(dumped: dict[str, list[str]]) -> dict[str, list[str]]:
    """A :func:`dump` without empty list properties, which Neo4j's CSV import
    cannot hold (an empty array field is no property)."""
    def strip(line: str) -> str:
        item = json.loads(line)
        props = item[-1]
        item[-1] = {k: v for k, v in props.items() if v != []}
        return json.dumps(item, sort_keys=True)

    return {kind: sorted(strip(line) for line in lines)
            for kind, lines in dumped.items()}


def neo4j_script(action: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(REPO / "scripts" / "neo4j-server.sh"), action,
                           str(home)], capture_output=True, text=True, timeout=300)


def test_neo4j_admin_import_of_the_export_holds_the_loaded_graph(
        neo4j_store: Any, real_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    """``neo4j-admin database import full`` (from the same Maven jars) of
    ``kg export --format neo4j-admin`` into a fresh database, served by a second
    server: the graph a driver load gives, apart from empty lists."""
    export, home = tmp_path / "export", tmp_path / "home"
    export_graph(real_graph, "neo4j-admin", export)
    imported = subprocess.run(
        [str(export / "import.sh")], capture_output=True, text=True, timeout=600,
        env={**os.environ, "NEO4J_HOME": str(home),
             "NEO4J_ADMIN": str(REPO / "scripts" / "neo4j-admin.sh")})
    assert imported.returncode == 0, imported.stdout[-3000:] + imported.stderr
    assert f"{real_graph.number_of_nodes()} nodes" in imported.stdout
    assert f"{real_graph.number_of_edges()} relationships" in imported.stdout
    neo4j_store.write_graph(real_graph)
    loaded = dump(neo4j_store)
    assert any('"aliases": []' in node for node in loaded["nodes"])

    # interface.md "Test servers": the script serves the imported directory
    started = neo4j_script("start", home)
    assert started.returncode == 0, started.stderr
    try:
        assert re.fullmatch(r"bolt://127\.0\.0\.1:\d+\n", started.stdout)
        uri = started.stdout.strip()
        assert uri != neo4j_options()["neo4j_uri"]
        assert neo4j_script("start", home).stdout == started.stdout  # running: same
        pid = int((home / "neo4j.pid").read_text())
        with open_server_store(neo4j_uri=uri) as store:
            assert store.stats() == count_by_label(real_graph)
            rows = store.query(NORTH_STAR).rows
            assert normalise_rows(rows) == north_star_rows(real_graph) == \
                NORTH_STAR_EXPECTED
            assert dump(store) == without_empty_lists(loaded)
            # the import makes no constraints; the ids it wrote are unique and are
            # the writer's: a load finds every node and adds only the empty lists
            store.write_graph(real_graph)
            assert len(store.query("SHOW CONSTRAINTS").rows) == \
                len(load_schema().labels)
            assert dump(store) == loaded
    finally:
        stopped = neo4j_script("stop", home)
    assert stopped.returncode == 0 and stopped.stdout == "", stopped.stderr
    assert not (home / "neo4j.pid").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(StoreUnavailableError) as info:
        open_server_store(neo4j_uri=uri, connection_timeout=2)
    assert str(info.value).startswith(f"cannot reach Neo4j at {uri}")
    assert "\n" not in str(info.value)
