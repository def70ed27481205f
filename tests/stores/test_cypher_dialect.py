"""Neo4j idioms on the embedded store (kg.stores.cypher_dialect): each one gives the
same rows as FalkorDB on one real graph (the HF dev papers and the north-star papers),
or the embedded store refuses it with a message naming the equivalent.  The list is
docs/queries.md's idiom table."""

from __future__ import annotations

import json
from typing import Any

import pytest
from live.storekit import (
    HF_DEV_GOLD,
    FalkorDBServer,
    hf_dev_records,
    north_star_records,
)

from kg.errors import QueryError
from kg.graph import build_graph
from kg.queries import NORTH_STAR
from kg.stores.cypher_dialect import translate
from kg.stores.embedded import EmbeddedStore

#: (idiom, query, ordered): the query gives the same rows on both stores.
SAME = [
    ("count by label", "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n", False),
    ("labels(n)", "MATCH (n:Benchmark) RETURN labels(n) AS l, n.name AS name", False),
    ("type(r)", "MATCH (:Paper)-[r]->() RETURN type(r) AS t, count(*) AS n", False),
    ("unnamed columns", "MATCH (p:Paper) RETURN labels(p)[0], count(p)", False),
    ("date parts", "MATCH (p:Paper) WHERE p.date IS NOT NULL RETURN p.date.year AS y, "
     "p.date.month AS m, p.date.day AS d, count(*) AS n", False),
    ("date literal part", "RETURN date('2025-03-04').year AS y, "
     "date('2025-03-04').month AS m", False),
    ("date() comparison", "MATCH (p:Paper) WHERE p.date >= date('2025-01-01') "
     "RETURN count(p) AS n", False),
    ("min/max date", "MATCH (p:Paper) RETURN min(p.date) AS first, "
     "max(p.date) AS last", False),
    ("STARTS WITH", "MATCH (m:Model) WHERE m.name STARTS WITH 'Qwen' "
     "RETURN m.name AS name", False),
    ("CONTAINS", "MATCH (b:Benchmark) WHERE b.name CONTAINS 'MATH' "
     "RETURN b.name AS name", False),
    ("IN list", "MATCH (b:Benchmark) WHERE b.name IN ['GSM8K', 'MATH'] "
     "RETURN b.name AS name", False),
    ("toLower", "MATCH (m:Model) WHERE toLower(m.name) STARTS WITH 'qwen' "
     "RETURN toUpper(m.name) AS name", False),
    ("collect/size", "MATCH (p:Paper)-[:USES_MODEL]->(m:Model) "
     "RETURN p.id AS paper, size(collect(m.name)) AS models", False),
    ("OPTIONAL MATCH", "MATCH (p:Paper) OPTIONAL MATCH (p)-[:HAS_CODE]->(r:Repository) "
     "RETURN p.id AS paper, r.url AS code", False),
    ("ORDER BY/LIMIT", "MATCH (b:Benchmark) RETURN b.name AS name, b.papers AS papers "
     "ORDER BY papers DESC, name LIMIT 5", True),
    ("SKIP", "MATCH (m:Method) RETURN m.name AS name ORDER BY name SKIP 3 LIMIT 3",
     True),
    ("DISTINCT", "MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark) "
     "RETURN DISTINCT b.name AS name", False),
    ("variable-length path", "MATCH (a:Method {name: 'GRPO'})-[*1..2]-(b) "
     "RETURN count(DISTINCT b) AS n, count(*) AS paths", False),
    ("typed variable-length", "MATCH (v:Method)-[:VARIANT_OF*1..3]->"
     "(g:Method {name: 'GRPO'}) RETURN v.name AS variant", False),
    ("CALL db.labels()", "CALL db.labels()", False),
    ("CALL db.relationshipTypes()", "CALL db.relationshipTypes()", False),
    ("CALL ... YIELD", "CALL db.labels() YIELD label RETURN label ORDER BY label",
     True),
    ("UNWIND", "UNWIND ['GSM8K', 'MATH'] AS name MATCH (b:Benchmark {name: name}) "
     "RETURN name, b.papers AS papers", False),
    ("WITH aggregation", "MATCH (p:Paper)-[:PROPOSES]->(m:Method) WITH p, count(m) "
     "AS k WHERE k > 2 RETURN p.id AS paper, k", False),
    ("list comprehension", "MATCH (p:Paper) WHERE size(p.authors) > 1 "
     "RETURN p.id AS paper, [a IN p.authors WHERE a CONTAINS 'a' | toLower(a)] AS xs",
     False),
    ("list index from 0", "MATCH (p:Paper) WHERE size(p.authors) > 1 RETURN p.id AS "
     "paper, p.authors[0] AS first, p.authors[1] AS second, p.authors[-1] AS last",
     False),
    ("head/last", "MATCH (p:Paper) WHERE size(p.authors) > 0 "
     "RETURN head(p.authors) AS first, last(p.authors) AS final", False),
    ("substring from 0", "MATCH (p:Paper) RETURN substring(p.id, 0, 4) AS prefix, "
     "substring(p.id, 5) AS rest", False),
    ("split", "MATCH (p:Paper) RETURN split(p.id, '.')[0] AS head, count(*) AS n",
     False),
    ("toString/toInteger", "MATCH (p:Paper) WHERE p.date IS NOT NULL RETURN "
     "toString(p.date) AS d, toInteger(substring(toString(p.date), 0, 4)) AS y", False),
    ("coalesce", "MATCH (p:Paper) RETURN coalesce(toString(p.date), 'undated') AS d, "
     "count(*) AS n", False),
    ("CASE", "MATCH (p:Paper) RETURN CASE WHEN p.date IS NULL THEN 'undated' "
     "ELSE 'dated' END AS kind, count(*) AS n", False),
    ("label predicate", "MATCH (n) WHERE n:Benchmark OR n:Metric RETURN count(n) AS n",
     False),
    ("pattern predicate", "MATCH (p:Paper) WHERE (p)-[:HAS_CODE]->() "
     "AND NOT (p)-[:AFFILIATED_WITH]->() RETURN count(p) AS n", False),
    ("properties(n)", "MATCH (b:Benchmark {name: 'GSM8K'}) RETURN properties(b) AS p",
     False),
    ("keys(n)", "MATCH (b:Benchmark {name: 'GSM8K'}) RETURN keys(b) AS k", False),
    ("string in a literal untouched", "MATCH (b:Benchmark {name: 'GSM8K'}) "
     "RETURN 'type(r) labels(n)[0] x[0]' AS s, b.name", False),
    ("north star", NORTH_STAR, False),
]

#: (idiom, query, words the message must hold)
REFUSED = [
    ("size(pattern)", "MATCH (p:Paper) RETURN size((p)-[:MENTIONS]->()) AS c",
     "COUNT { MATCH"),
    ("exists(pattern)", "MATCH (p:Paper) WHERE exists((p)-[:HAS_CODE]->()) RETURN p",
     "WHERE (p)-[:HAS_CODE]->()"),
    ("id(n)", "MATCH (p:Paper) RETURN id(p)", "n.id"),
    ("other procedures", "CALL db.propertyKeys()", "CALL db.labels()"),
    ("pattern comprehension", "MATCH (p:Paper) RETURN [(p)-->(x) | x.name] AS xs",
     "OPTIONAL MATCH"),
    ("list slice", "MATCH (p:Paper) RETURN p.authors[0..2] AS xs", "list_slice"),
    ("date() today", "RETURN date() AS today", "date('2025-01-01')"),
    ("unknown property", "MATCH (p:Paper) RETURN p.venue", "null on Neo4j"),
    ("alias shadows a node", "MATCH (n:Method) RETURN n.name AS n ORDER BY n",
     "another name"),
]

#: (idiom, embedded query, the same question in FalkorDB's words): Cypher 5 forms
#: that FalkorDB itself rejects.
EQUIVALENT = [
    ("EXISTS {}", "MATCH (p:Paper) WHERE EXISTS { MATCH (p)-[:HAS_CODE]->() } "
     "RETURN count(p) AS n",
     "MATCH (p:Paper) WHERE (p)-[:HAS_CODE]->() RETURN count(p) AS n"),
    ("COUNT {}", "MATCH (p:Paper) RETURN p.id AS paper, "
     "COUNT { (p)-[:MENTIONS]->() } AS n",
     "MATCH (p:Paper) OPTIONAL MATCH (p)-[r:MENTIONS]->() "
     "RETURN p.id AS paper, count(r) AS n"),
    ("shortestPath", "MATCH (a:Paper)-[:PROPOSES]->(:Method)-[:VARIANT_OF]->"
     "(g:Method {name: 'GRPO'}) WITH DISTINCT a, g "
     "MATCH path = shortestPath((a)-[*..4]->(g)) RETURN a.id AS paper, "
     "length(path) AS hops",
     "MATCH (a:Paper)-[:PROPOSES]->(:Method)-[:VARIANT_OF]->"
     "(g:Method {name: 'GRPO'}) WITH DISTINCT a, g "
     "WITH a, shortestPath((a)-[*..4]->(g)) AS path RETURN a.id AS paper, "
     "length(path) AS hops"),
]


@pytest.fixture(scope="module")
def records() -> list[Any]:
    if not HF_DEV_GOLD.is_file():
        pytest.skip(f"{HF_DEV_GOLD} not found: the tests read ../shared/data")
    return hf_dev_records() + north_star_records()


@pytest.fixture(scope="module")
def embedded(records: list[Any], tmp_path_factory: pytest.TempPathFactory
             ) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path_factory.mktemp("dialect") / "g")
    store.write(list(records))
    return store


@pytest.fixture(scope="module")
def falkordb(records: list[Any], falkordb_server: FalkorDBServer) -> Any:
    from kg.stores.falkordb_store import FalkorDBStore

    store = FalkorDBStore(falkordb_server.uri("dialect"))
    store.clear()
    store.write_graph(build_graph(records))
    yield store
    store.close()


def _rows(rows: list[list[Any]], ordered: bool) -> list[str]:
    texts = [json.dumps(row, sort_keys=True) for row in rows]
    return texts if ordered else sorted(texts)


def test_dialect_idiom_list_is_long_enough() -> None:
    assert len(SAME) + len(EQUIVALENT) >= 20


@pytest.mark.falkordb
@pytest.mark.parametrize(("idiom", "cypher", "ordered"), SAME,
                         ids=[s[0] for s in SAME])
def test_dialect_idiom_gives_falkordbs_rows(embedded: EmbeddedStore, falkordb: Any,
                                            idiom: str, cypher: str,
                                            ordered: bool) -> None:
    expected = falkordb.query(cypher)
    got = embedded.query(cypher)
    assert expected.rows, f"{idiom}: an idiom that finds nothing proves nothing"
    assert got.columns == expected.columns
    assert _rows(got.rows, ordered) == _rows(expected.rows, ordered)


@pytest.mark.falkordb
@pytest.mark.parametrize(("idiom", "cypher", "theirs"), EQUIVALENT,
                         ids=[s[0] for s in EQUIVALENT])
def test_dialect_cypher5_form_equals_falkordbs_form(
        embedded: EmbeddedStore, falkordb: Any, idiom: str, cypher: str,
        theirs: str) -> None:
    expected = falkordb.query(theirs)
    assert expected.rows
    assert _rows(embedded.query(cypher).rows, False) == _rows(expected.rows, False)


@pytest.mark.parametrize(("idiom", "cypher", "words"), REFUSED,
                         ids=[s[0] for s in REFUSED])
def test_dialect_refusal_names_the_equivalent(embedded: EmbeddedStore, idiom: str,
                                              cypher: str, words: str) -> None:
    with pytest.raises(QueryError) as info:
        embedded.query(cypher)
    assert words in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("cypher", "columns"), [
    ("MATCH (p:Paper) RETURN count(p), labels(p)[0]", ["count(p)", "labels(p)[0]"]),
    ("MATCH (p) RETURN DISTINCT p.id AS `the id`, p.title ORDER BY p.id LIMIT 1",
     ["the id", "p.title"]),
    ("MATCH (p) WITH p RETURN toLower(p.name) AS n, 'a, b' SKIP 1",
     ["n", "'a, b'"]),
    ("MATCH (p) RETURN *", None),
])
def test_dialect_columns_are_named_as_written(cypher: str,
                                              columns: list[str] | None) -> None:
    assert translate(cypher).columns == columns


def test_dialect_rewrites_inside_strings_nothing() -> None:
    text = "RETURN 'labels(n)[0] type(r) p.date.year' AS s"
    assert translate(text).cypher == text


