"""The example queries of docs/queries.md and issue 5's acceptance checks, on real
builds of the shared data."""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict

import pytest

from datapaths import REPO
from kg.queries import NORTH_STAR
from kg.resolve.keys import name_key

GSM8K_TEXT = re.compile(r"gsm[\s-]?8k", re.IGNORECASE)
DOC_QUERIES = re.findall(r"```cypher\n(.*?)```",
                         (REPO / "docs" / "queries.md").read_text(encoding="utf-8"),
                         re.DOTALL)


def test_queries_corpus_has_every_distinct_paper_once(corpus_store):
    # 9,768 hf_daily papers + the 56 seed papers not in hf_daily (dev is in hf_daily)
    assert corpus_store.stats()["nodes"]["Paper"] == 9824


def test_queries_doc_has_at_least_ten_examples():
    assert len(DOC_QUERIES) >= 10
    assert NORTH_STAR.strip() in [q.strip() for q in DOC_QUERIES]


@pytest.mark.parametrize("cypher", DOC_QUERIES,
                         ids=[f"q{i}" for i in range(len(DOC_QUERIES))])
def test_queries_doc_example_runs_on_the_corpus(corpus_store, cypher):
    result = corpus_store.query(cypher)
    assert result.columns
    assert result.rows, "an example query that returns nothing teaches nothing"


def test_queries_gsm8k_papers_precision_and_recall(corpus_store):
    found = {row[0] for row in corpus_store.query(
        "MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark {name: 'GSM8K'}) "
        "RETURN DISTINCT p.id").rows}
    texts = corpus_store.query("MATCH (p:Paper) RETURN p.id, p.title, p.abstract").rows
    truth = {pid for pid, title, abstract in texts
             if GSM8K_TEXT.search(title or "") or GSM8K_TEXT.search(abstract or "")}
    hits = len(found & truth)
    assert hits / len(found) >= 0.98
    assert hits / len(truth) >= 0.8


def test_queries_north_star_rows_are_backed_by_the_text(corpus_store):
    rows = corpus_store.query(NORTH_STAR).as_dicts()
    assert rows
    for row in rows:
        (paper,) = corpus_store.query(
            "MATCH (p:Paper {id: $id}) RETURN p.title, p.abstract",
            {"id": row["paper"]}).rows
        text = " ".join(t or "" for t in paper)
        assert GSM8K_TEXT.search(text)
        assert re.search(r"qwen[\s-]?2\.5[\s-]?7b", text, re.IGNORECASE)
        affiliated = corpus_store.query(
            "MATCH (p:Paper {id: $id})-[:AFFILIATED_WITH]->(o:Organization) "
            "RETURN o.name", {"id": row["paper"]}).rows
        assert sorted(row["organizations"]) == sorted(o for (o,) in affiliated)


@pytest.mark.parametrize("label", ["Method", "Benchmark", "Model", "Organization",
                                   "Metric"])
def test_queries_no_two_nodes_of_a_label_share_a_normalised_name(corpus_store,
                                                                 label):
    rows = corpus_store.query(f"MATCH (n:{label}) RETURN n.id, n.name").rows
    by_key = defaultdict(list)
    for node_id, name in rows:
        by_key[name_key(name)].append(node_id)
    # acronym homonyms (two expansions of one acronym) are keyed by expansion
    clashes = {k: ids for k, ids in by_key.items()
               if len(ids) > 1 and not all("~" in i or "|" in i for i in ids)}
    assert not clashes


def test_queries_evidence_is_valid_on_sampled_relationships(corpus_store):
    rows = corpus_store.query(
        "MATCH (p:Paper)-[r]->(n) WHERE r.evidence_json IS NOT NULL "
        "RETURN p.title, p.abstract, r.evidence_json").rows
    for title, abstract, evidence_json in random.Random(7).sample(rows, 500):
        for ev in json.loads(evidence_json):
            if ev["field"] == "metadata":
                assert ev["source"] and ev["rule"]
                continue
            text = title if ev["field"] == "title" else abstract
            mention = text[ev["start"]:ev["end"]]
            assert mention and mention in ev["sentence"], ev
