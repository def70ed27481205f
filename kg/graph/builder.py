"""Build the networkx graph of ``schema/schema.json`` from extraction records.

Which relationship an entity becomes depends on its type and usage (interface.md):
a proposed method/model/benchmark is PROPOSES; a used method USES, an evaluated
benchmark EVALUATED_ON, a base/tool/evaluated model USES_MODEL with the property
``usage``; a method/benchmark/model named only as background (usage ``mentioned``)
is MENTIONS. An organization the listing names is AFFILIATED_WITH, one only
written in the text is MENTIONS.

A paper has one relationship to each method/benchmark/model node: when several of
its entities resolve to one node, the strongest usage among them (the guidelines'
order, :data:`kg.records.USAGES`) decides the relationship, and its evidence keeps
every entity's sentences.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

import networkx as nx

from kg.graph.model import Node, Relationship, add_node, add_relationship, new_graph
from kg.records import USAGES, Entity, ExtractionRecord, Paper, default_usage
from kg.resolve import Resolution, resolve
from kg.resolve.keys import slug
from kg.resolve.resolver import ResolvedEntity

_USED_REL = {"method": "USES", "benchmark": "EVALUATED_ON", "model": "USES_MODEL",
             "metric": "REPORTS", "concept": "MENTIONS"}
#: node label -> the entity type whose relationships it takes
_TYPE_OF = {"Method": "method", "Benchmark": "benchmark", "Model": "model",
            "Organization": "organization", "Metric": "metric", "Concept": "concept"}
#: The relationship of each usage; a model's usage is also a property of USES_MODEL.
_USAGE_REL = {"proposed": "PROPOSES", "used": "USES", "evaluated": "EVALUATED_ON",
              "mentioned": "MENTIONS"}
#: The relationship types that carry a ``usage`` property.
USAGE_PROPERTY_TYPES = frozenset({"USES_MODEL"})


def entity_usage(entity: Entity) -> str | None:
    """The entity's usage (its default when the record has none, or has one its
    type does not take: a curation file retyped its node); None for the types
    without usage."""
    allowed = USAGES.get(entity.type)
    if allowed is None:
        return None
    if entity.usage in allowed:
        return entity.usage
    return default_usage(entity.type, entity.role)


def as_label(entity: Entity, label: str | None) -> Entity:
    """``entity`` typed as the node it resolved to: ``label`` wins over the
    extracted type (a curation file can retype a node)."""
    if label is None or _TYPE_OF.get(label, entity.type) == entity.type:
        return entity
    return dataclasses.replace(entity, type=_TYPE_OF[label])


def usage_relationship(kind: str, usage: str) -> str:
    """The Paper -> entity relationship type of a method/benchmark/model usage."""
    if kind == "model" and usage not in ("proposed", "mentioned"):
        return "USES_MODEL"
    return _USAGE_REL[usage]


def relationship_type(entity: Entity, label: str | None = None) -> str:
    """The Paper -> entity relationship type for one extracted entity; ``label``,
    the label of the node it resolved to, wins over the extracted type (a
    curation file can retype a node)."""
    entity = as_label(entity, label)
    if entity.type == "organization":
        from_listing = any(e.field == "metadata" for e in entity.evidence)
        return "AFFILIATED_WITH" if from_listing else "MENTIONS"
    usage = entity_usage(entity)
    if usage is not None:
        return usage_relationship(entity.type, usage)
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


def paper_repositories(record: ExtractionRecord) -> dict[str, str]:
    """The paper's repositories: id -> the first URL written for it (two spellings
    of one repository, with and without ".git", are one repository)."""
    repos: dict[str, str] = {}
    for url in [*record.paper.code, *record.code]:
        repos.setdefault(repository_id(url), url)
    return repos


def repository_counts(repositories: Sequence[dict[str, str]]
                       ) -> dict[str, tuple[str, int]]:
    """Repository id -> (first URL seen, number of papers linking it), from each
    paper's :func:`paper_repositories`."""
    repos: dict[str, tuple[str, int]] = {}
    for paper_repos in repositories:
        for repo, url in paper_repos.items():
            first, papers = repos.get(repo, (url, 0))
            repos[repo] = (first, papers + 1)
    return repos


def paper_elements(record: ExtractionRecord, resolution: Resolution,
                    repositories: dict[str, str]) -> Iterator[Node | Relationship]:
    """A paper's node, then its relationships (one per target and type, with the
    evidence of every entity of the paper that resolved to that target)."""
    paper_id = record.id
    yield Node(paper_id, "Paper", paper_properties(record.paper))
    mentions = resolution.mentions
    rels: dict[tuple[str, str], list[dict]] = {}
    entities = resolution.entities
    usages: dict[str, tuple[str, str]] = {}  # target -> (type, strongest usage)
    for index, entity in enumerate(record.entities):
        target = mentions.get((paper_id, index))
        if target is None:
            continue  # a name the curation file drops (kg.resolve.curation)
        entity = as_label(entity, entities[target].label if target in entities
                          else None)
        usage = entity_usage(entity)
        if usage is None:
            key = (target, relationship_type(entity))
        else:  # one relationship per target: its usage is decided below
            key = (target, "")
            held = usages.get(target)
            if held is None or USAGES[entity.type].index(usage) < \
                    USAGES[held[0]].index(held[1]):
                usages[target] = (entity.type, usage)
        evidence = rels.get(key)
        if evidence is None:
            evidence = rels[key] = []
        evidence.extend([e.to_dict() for e in entity.evidence])
    for (target, rel), evidence in rels.items():
        props: dict = {"evidence": evidence}
        if not rel:
            kind, usage = usages[target]
            rel = usage_relationship(kind, usage)
            if rel in USAGE_PROPERTY_TYPES:
                props["usage"] = usage
        yield Relationship(paper_id, target, rel, props)
    for repo, url in repositories.items():
        yield Relationship(paper_id, repo, "HAS_CODE",
                           {"evidence": [_code_evidence(record.paper, url)]})


def entity_node(entity: ResolvedEntity) -> Node:
    return Node(entity.id, entity.label, {"name": entity.name,
                                          "aliases": entity.aliases,
                                          "papers": entity.papers})


def repository_node(repo: str, url: str, papers: int) -> Node:
    return Node(repo, "Repository", {"url": url, "name": url, "papers": papers})


def graph_elements(records: Sequence[ExtractionRecord], resolution: Resolution
                   ) -> Iterator[Node | Relationship]:
    """The graph as a stream of typed nodes and relationships.

    Every relationship comes after both of its nodes, so a consumer can learn the
    labels as it goes. Stores stage this stream straight into their tables: the
    74,671-abstract graph never has to exist as a networkx graph (half a gigabyte)
    on its way to disk.
    """
    for ent in resolution.entities.values():
        yield entity_node(ent)
    repositories = [paper_repositories(record) for record in records]  # counted first
    for repo, (url, papers) in repository_counts(repositories).items():
        yield repository_node(repo, url, papers)
    for record, paper_repos in zip(records, repositories, strict=True):
        yield from paper_elements(record, resolution, paper_repos)
    for link in resolution.lineage:
        yield Relationship(link.source, link.target, link.type, {"rule": link.rule})


def build_graph(records: Sequence[ExtractionRecord],
                resolution: Resolution | None = None) -> nx.MultiDiGraph:
    """Return the knowledge graph of ``records`` (resolved here unless given)."""
    graph = new_graph()
    for element in graph_elements(records, resolution or resolve(records)):
        if isinstance(element, Node):
            add_node(graph, element.id, element.label, **element.props)
        else:
            add_relationship(graph, element.source, element.target, element.type,
                             **element.props)
    return graph
