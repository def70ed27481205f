"""Lineage between resolved entities: VARIANT_OF and DEVELOPED_BY.

Sources, in order: the records' own ``variant_of`` links; what method, benchmark
and model names say (:mod:`kg.resolve.names`), creating a base no paper mentions
(papers = 0) for models but linking methods, benchmark versions and point releases
only to bases some paper names; developers from the Epoch
table (:mod:`kg.resolve.developers`), matched on the model or, failing that, on the
family its name reduces to.  Last, a model whose ancestor is more than two hops away
gets a direct edge, so every ancestor is reachable in <= 2 hops.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator

from kg.records import ExtractionRecord
from kg.resolve.developers import (
    Developer,
    Listing,
    load_developers,
    same_developer_ancestors,
)
from kg.resolve.keys import typed_key
from kg.resolve.names import (
    MENTIONED_PARENT_RULES,
    benchmark_base,
    method_bases,
    model_parents,
)
from kg.resolve.resolver import Lineage, Resolution

VARIANT = "VARIANT_OF"
DEVELOPED = "DEVELOPED_BY"
_MAX_HOPS = 2
_RULE_RANK = {"variant_of": 0, "variant_of.transitive": 2}


#: a record's variant link resolved to its source: (source entity id, its type,
#: the name it is a variant of)
VariantSource = tuple[str, str, str]


def add_lineage(resolution: Resolution, records: Iterable[ExtractionRecord]) -> None:
    """Fill ``resolution.lineage`` (sorted, without duplicates or self-loops)."""
    add_lineage_from(resolution, variant_sources(resolution, records))


def add_lineage_from(resolution: Resolution, sources: Iterable[VariantSource]
                     ) -> None:
    """:func:`add_lineage` from the records' variant links already resolved
    (in record order: the first spelling of a base no paper names becomes its
    name)."""
    edges: set[Lineage] = set()
    edges |= record_links(resolution, sources)
    edges |= method_name_links(resolution)
    edges |= benchmark_name_links(resolution)
    edges |= model_name_links(resolution)
    edges |= shortcut_links(edges)
    edges |= developer_links(resolution)
    resolution.lineage = first_rule_only(e for e in edges if e.source != e.target)


def first_rule_only(edges: Iterable[Lineage]) -> list[Lineage]:
    """One edge per (type, source, target): the graph keys edges by type, and the
    extractor's own link says more than a name rule, a name rule more than closure."""
    ordered = sorted(edges, key=lambda e: (e.type, e.source, e.target,
                                           _RULE_RANK.get(e.rule, 1), e.rule))
    out: list[Lineage] = []
    for edge in ordered:
        if out and (out[-1].type, out[-1].source, out[-1].target) == (
                edge.type, edge.source, edge.target):
            continue
        out.append(edge)
    return out


def record_links(resolution: Resolution,
                 sources: Iterable[VariantSource]) -> set[Lineage]:
    """The extractor's ``variant_of`` links; a base it only names is created."""
    out = set()
    for source, etype, base in sources:
        target = resolution.ensure(etype, base)
        out.add(Lineage(source, target, VARIANT, "variant_of"))
    return out


def variant_sources(resolution: Resolution, records: Iterable[ExtractionRecord]
                    ) -> Iterator[VariantSource]:
    """Each ``variant_of`` link of ``records`` whose variant the record names."""
    for record in records:
        for link in record.variant_of:
            index = variant_index(record, link.canonical)
            if index is not None:
                yield (resolution.mentions[(record.id, index)],
                       record.entities[index].type, link.variant_of)


def variant_index(record: ExtractionRecord, name: str) -> int | None:
    """The index of the method/model of ``record`` called ``name`` (by key)."""
    for index, entity in enumerate(record.entities):
        if entity.type not in ("method", "model"):
            continue
        if typed_key(entity.type, entity.canonical) == typed_key(entity.type, name):
            return index
    return None


def method_name_links(resolution: Resolution) -> set[Lineage]:
    """Step-GRPO -> GRPO when some paper names GRPO as a method."""
    out = set()
    for entity in _of_label(resolution, "Method"):
        for base in method_bases(entity.name):
            target = resolution.lookup("method", base)
            if target and target != entity.id:
                out.add(Lineage(entity.id, target, VARIANT, "method.name_base"))
    return out


def benchmark_name_links(resolution: Resolution) -> set[Lineage]:
    """LiveCodeBench v5 -> LiveCodeBench when some paper names LiveCodeBench."""
    out = set()
    for entity in _of_label(resolution, "Benchmark"):
        base = benchmark_base(entity.name)
        target = resolution.lookup("benchmark", base) if base else None
        if target and target != entity.id:
            out.add(Lineage(entity.id, target, VARIANT, "benchmark.version_to_base"))
    return out


def model_name_links(resolution: Resolution) -> set[Lineage]:
    """Instruct -> base -> family, distilled -> teacher and student, domain -> base."""
    out = set()
    queue = deque(e.id for e in _of_label(resolution, "Model"))
    seen = set(queue)
    while queue:
        entity = resolution.entities[queue.popleft()]
        for parent, rule in model_parents(entity.name):
            if rule in MENTIONED_PARENT_RULES:
                target = resolution.lookup("model", parent)
                if target is None:
                    continue
            else:
                target = resolution.ensure("model", parent)
            out.add(Lineage(entity.id, target, VARIANT, rule))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return out


def shortcut_links(edges: set[Lineage]) -> set[Lineage]:
    """A direct edge to every VARIANT_OF ancestor more than two hops away."""
    parents: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        if edge.type == VARIANT:
            parents[edge.source].add(edge.target)
    out = set()
    for source in sorted(parents):
        for ancestor, hops in _distances(source, parents).items():
            if hops > _MAX_HOPS:
                out.add(Lineage(source, ancestor, VARIANT, "variant_of.transitive"))
    return out


def _distances(source: str, parents: dict[str, set[str]]) -> dict[str, int]:
    """Breadth-first hop counts from ``source`` to each ancestor (cycles are safe)."""
    hops = {source: 0}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for parent in sorted(parents.get(node, ())):
            if parent not in hops:
                hops[parent] = hops[node] + 1
                queue.append(parent)
    del hops[source]
    return hops


def developer_links(resolution: Resolution) -> set[Lineage]:
    """DEVELOPED_BY from the Epoch table; an Epoch spelling becomes an alias."""
    table = load_developers()
    out = set()
    for entity in list(_of_label(resolution, "Model")):
        listing, rule = _listing(entity.name, entity.aliases, table)
        if listing is None:
            continue
        if (rule == "developer.epoch_model"
                and listing.name not in (entity.name, *entity.aliases)):
            # Only the model's own listing: an ancestor's ("Qwen2.5-72B" for
            # Qwen2.5-72B-Instruct) names another entity.
            entity.aliases = sorted([*entity.aliases, listing.name])
        for developer in listing.developers:
            target = _organization(resolution, developer)
            out.add(Lineage(entity.id, target, DEVELOPED, rule))
    return out


def _listing(name: str, aliases: list[str],
             table: dict[str, Listing]) -> tuple[Listing | None, str]:
    """The table row of the model itself (any of its names), else of its family."""
    for candidate in (name, *aliases):
        listing = table.get(typed_key("model", candidate))
        if listing:
            return listing, f"developer.epoch_{listing.kind}"
    for ancestor in same_developer_ancestors(name):
        listing = table.get(typed_key("model", ancestor))
        if listing and len(listing.developers) == 1:  # inherit only a sole developer
            return listing, "developer.epoch_family"
    return None, ""


def _organization(resolution: Resolution, developer: Developer) -> str:
    """The organization entity of a developer, by name or alias, created if new.

    Only an entity lineage created takes the developer's aliases: one that papers
    name (found under an id its key folds into) keeps what they wrote, so an
    addition can trust every such node it did not touch (kg.stores.increment).
    """
    for name in (developer.name, *developer.aliases):
        found = resolution.lookup("organization", name)
        if found:
            return found
    entity_id = resolution.ensure("organization", developer.name)
    entity = resolution.entities[entity_id]
    free = [a for a in developer.aliases
            if resolution.keys.setdefault(
                f"organization:{typed_key('organization', a)}", entity_id) == entity_id]
    if entity.papers == 0:  # an alias another organization holds is not its name
        entity.aliases = sorted(set(entity.aliases) | set(free))
    return entity_id


def _of_label(resolution: Resolution, label: str) -> list:
    """The entities with ``label``, in order of id (filtered before sorting)."""
    entities = resolution.entities
    return [entities[entity_id] for entity_id in
            sorted(i for i, e in entities.items() if e.label == label)]
