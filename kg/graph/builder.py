"""Build the networkx graph of ``schema/schema.json`` from extraction records.

Which relationship an entity becomes depends on its type and role (interface.md):
a proposed method/model/benchmark is PROPOSES; used ones are USES, USES_MODEL and
EVALUATED_ON; an organization the listing names is AFFILIATED_WITH, one only written
in the text is MENTIONS.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from kg.graph.model import add_node, add_relationship, new_graph
from kg.records import Entity, ExtractionRecord, Paper
from kg.resolve import Resolution, resolve
from kg.resolve.keys import slug

_USED_REL = {"method": "USES", "benchmark": "EVALUATED_ON", "model": "USES_MODEL",
             "metric": "REPORTS", "concept": "MENTIONS"}


def relationship_type(entity: Entity) -> str:
    """The Paper -> entity relationship type for one extracted entity."""
    if entity.type == "organization":
        from_listing = any(e.field == "metadata" for e in entity.evidence)
        return "AFFILIATED_WITH" if from_listing else "MENTIONS"
    if entity.role == "proposed" and entity.type in ("method", "model", "benchmark"):
        return "PROPOSES"
    return _USED_REL[entity.type]


def paper_properties(paper: Paper) -> dict:
    return {
        "title": paper.title, "abstract": paper.abstract, "date": paper.date,
        "upvotes": paper.upvotes, "source": paper.source,
        "url": paper.url or (f"https://arxiv.org/abs/{paper.arxiv_id}"
                             if paper.arxiv_id else None),
        "authors": list(paper.authors), "author_count": paper.author_count,
        "categories": list(paper.categories),
        "content_hash": paper.content_hash(),
    }


def repository_id(url: str) -> str:
    return "repo:" + slug(url.split("://", 1)[-1].rstrip("/").removesuffix(".git"))


def _code_evidence(paper: Paper, url: str) -> dict:
    if url in paper.code:
        return {"field": "metadata", "source": "githubRepo", "rule": "metadata.code"}
    start = paper.abstract.find(url)
    if start < 0:
        return {"field": "metadata", "source": "code", "rule": "extract.code"}
    return {"field": "abstract", "start": start, "end": start + len(url),
            "sentence": url, "rule": "extract.code_url"}


def _add_code(graph: nx.MultiDiGraph, record: ExtractionRecord) -> None:
    urls = dict.fromkeys([*record.paper.code, *record.code])
    for url in urls:
        repo = repository_id(url)
        if repo not in graph:
            add_node(graph, repo, "Repository", url=url, name=url, papers=0)
        graph.nodes[repo]["papers"] += 1
        add_relationship(graph, record.id, repo, "HAS_CODE",
                         evidence=[_code_evidence(record.paper, url)])


def build_graph(records: Sequence[ExtractionRecord],
                resolution: Resolution | None = None) -> nx.MultiDiGraph:
    """Return the knowledge graph of ``records`` (resolved here unless given)."""
    resolution = resolution or resolve(records)
    graph = new_graph()
    for ent in resolution.entities.values():
        add_node(graph, ent.id, ent.label, name=ent.name, aliases=ent.aliases,
                 papers=ent.papers)
    for record in records:
        add_node(graph, record.id, "Paper", **paper_properties(record.paper))
        for index, entity in enumerate(record.entities):
            target = resolution.mentions[(record.id, index)]
            rel = relationship_type(entity)
            evidence = [e.to_dict() for e in entity.evidence]
            if graph.has_edge(record.id, target, key=rel):
                graph.edges[record.id, target, rel]["evidence"].extend(evidence)
            else:
                add_relationship(graph, record.id, target, rel, evidence=evidence)
        _add_code(graph, record)
    for link in resolution.lineage:
        add_relationship(graph, link.source, link.target, link.type, rule=link.rule)
    return graph
