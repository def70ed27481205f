"""Keep the embedded store's state after a full build, and add papers to it.

:func:`write_state` stores what :func:`kg.resolve.resolve_full` computed.
:func:`add_records` resolves new papers against that state
(:mod:`kg.resolve.incremental`), recomputes lineage over all entities (it compares
names across entities; about 0.7 s for 75k papers), diffs only the entity nodes the
addition can change (:func:`_changed_nodes`), updates the state in the caller's
transaction and returns the :class:`~kg.graph.patch.GraphPatch` that turns the
stored database into the database of all the papers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kg.graph.builder import (
    entity_node,
    paper_elements,
    paper_repositories,
    repository_node,
)
from kg.graph.model import Relationship
from kg.graph.patch import GraphPatch
from kg.records import ExtractionRecord
from kg.resolve.incremental import Addition, add_papers, resolution_after
from kg.resolve.lineage import add_lineage_from, variant_index
from kg.resolve.resolver import (
    FullResolution,
    Lineage,
    Resolution,
    ResolvedEntity,
    clear_name_caches,
)
from kg.stores.state_db import NodeRow, StateDB, VariantRow, node_row


def _variant_rows(records: list[ExtractionRecord],
                  primaries: dict[tuple[str, int], str]) -> Iterator[VariantRow]:
    for record in records:
        for seq, link in enumerate(record.variant_of):
            index = variant_index(record, link.canonical)
            if index is not None:
                yield (record.id, seq, primaries[(record.id, index)],
                       record.entities[index].type, link.variant_of)


def write_state(state: StateDB, records: list[ExtractionRecord],
                full: FullResolution) -> None:
    """Fill a new state database from a full build of ``records`` (sorted by id)."""
    grouping, resolution = full.grouping, full.resolution
    assert grouping is not None, "resolve_full keeps the grouping"
    state.begin()
    state.put_records(records, grouping.mentions)
    # Rows go in in key order: SQLite appends to its B-trees instead of splitting
    # pages all over them (several times faster for 100k+ keys).
    find = grouping.sets.find
    roots = {key: find(key) for key in sorted(grouping.sets.parent)}
    state.put_keys(roots.items())
    state.put_stats(sorted(grouping.stats.items()))
    state.put_definitions(sorted(grouping.definitions.items()))
    keys = full.keys_before_lineage
    state.put_groups((root, full.before_lineage[keys[root]])
                     for root in sorted(set(roots.values())))
    # A curated graph keeps the keys after curation (merged, split and dropped
    # names): never added to in place (kg.pipeline), it is read, not extended.
    state.put_entity_keys(sorted((resolution.keys if full.curated else keys).items()))
    state.put_variant_links(_variant_rows(records, grouping.mentions))
    state.put_nodes((e.id, node_row(e)) for e in sorted(
        resolution.entities.values(), key=lambda e: e.id))
    state.put_lineage(resolution.lineage)
    state.put_repositories(_count_repositories(records).items())
    state.commit()
    # Keying variant links and repositories refilled the name caches; a few
    # thousand cached strings left scattered over the heap would keep hundreds
    # of megabytes of freed records from going back to the system.
    clear_name_caches()


def _count_repositories(records: list[ExtractionRecord]
                        ) -> dict[str, tuple[str, int, str]]:
    """Repository id -> (URL, papers, first paper) over ``records`` (sorted by id):
    the URL is the one the first paper wrote, as a full build has it."""
    out: dict[str, tuple[str, int, str]] = {}
    for record in records:
        for repo, url in paper_repositories(record).items():
            first_url, papers, first = out.get(repo, (url, 0, record.id))
            out[repo] = (first_url, papers + 1, first)
    return out


def add_records(state: StateDB, records: list[ExtractionRecord]) -> GraphPatch:
    """Add ``records`` (papers ``state`` does not hold, sorted by id) to the state,
    inside the caller's transaction; returns the patch for the database."""
    try:
        addition = add_papers(state, records)
        stored_keys = state.entity_keys()
        entities = state.entities()
        stored_ids = set(entities)
        resolution = resolution_after(addition, entities, dict(stored_keys))
        keys_changed = {key: entity_id for key, entity_id
                        in resolution.keys.items() if stored_keys.get(key) != entity_id}
        named = set(resolution.entities)  # the entities papers name, before lineage
        groups = [(c.root, _copy(c.entity)) for c in addition.groups]
        relinked = state.records_of(addition.relinked)
        _resolve_mentions(resolution, addition.grouping.mentions)
        before_addition = Resolution(keys=stored_keys)
        for paper_id, keys in state.primaries(addition.relinked).items():
            primaries = {(paper_id, index): key for index, key in enumerate(keys)}
            _resolve_mentions(resolution, primaries)
            _resolve_mentions(before_addition, primaries)
        new_links = list(_variant_rows(records, addition.grouping.mentions))
        links = sorted([*state.variant_links(), *new_links])
        add_lineage_from(resolution, ((resolution.keys[key], etype, base)
                                      for _, _, key, etype, base in links))
    finally:
        clear_name_caches()
    changed = _changed_nodes(addition, stored_ids, named, state.node_ids(),
                             resolution)
    old_nodes = state.nodes(changed)
    diff = _diff(resolution, changed, old_nodes, state.lineage())
    repositories = _repositories(state, records)
    patch = _patch(resolution, records, diff, old_nodes, repositories)
    _relink(patch, relinked, before_addition, resolution, old_nodes)
    _write_addition(state, addition, records, groups, keys_changed, new_links)
    _write_graph(state, diff, repositories)
    return patch


def _changed_nodes(addition: Addition, stored_ids: set[str], named: set[str],
                   node_ids: set[str], resolution: Resolution) -> set[str]:
    """The entity nodes an addition can change; every other node is the same
    before and after, so the database diff reads and compares only these.

    An entity that papers name changes only when its group does (new id, name,
    aliases or count): lineage never replaces one
    (:meth:`~kg.resolve.resolver.Resolution.ensure`) and gives it no aliases but
    the Epoch names of its own names, the same every time.  Entities lineage
    creates (no paper names them) can come and go with any change, so all of
    them are compared.
    """
    out = {change.entity.id for change in addition.groups}  # new or recounted
    out.update(old for change in addition.groups for old in change.stored.values())
    out.update(set(resolution.entities) - named)  # created by lineage now
    out.update(node_ids - stored_ids)  # created by lineage before
    return out


def _resolve_mentions(resolution: Resolution,
                      primaries: dict[tuple[str, int], str]) -> None:
    keys, mentions = resolution.keys, resolution.mentions
    for mention, key in primaries.items():
        mentions[mention] = keys[key]


def _copy(entity: ResolvedEntity) -> ResolvedEntity:
    """An entity as it was before lineage (lineage replaces ``aliases`` lists)."""
    return ResolvedEntity(entity.id, entity.label, entity.name, entity.aliases,
                          entity.papers, entity.expansion)


def _repositories(state: StateDB, records: list[ExtractionRecord]
                  ) -> dict[str, tuple[str, int, str]]:
    """The new papers' repositories after the addition: id -> (URL, papers, first
    paper); the URL is the one the paper first by id wrote, as a full build has it."""
    out = _count_repositories(records)
    for repo, (url, papers, first) in state.repositories(out).items():
        new_url, added, new_first = out[repo]
        out[repo] = ((new_url, papers + added, new_first) if new_first < first
                     else (url, papers + added, first))
    return out


@dataclass(slots=True)
class _EntityDiff:
    """How the entity nodes and lineage edges differ from what the database
    holds: the patch applies it, the state records it for the next addition."""

    rows: dict[str, NodeRow]  # changed or new nodes, in id order
    deleted: list[str]  # nodes no entity has any more, in id order
    added: list[Lineage]  # in edge order
    removed: list[Lineage]  # in edge order


def _diff(resolution: Resolution, changed: set[str], old_nodes: dict[str, NodeRow],
          old_lineage: set[Lineage]) -> _EntityDiff:
    """The difference for the ``changed`` nodes (``old_nodes``: the database's
    rows of those) and every lineage edge."""
    entities = resolution.entities
    rows = {}
    for entity_id in sorted(changed):
        entity = entities.get(entity_id)
        if entity is not None and old_nodes.get(entity_id) != (
                row := node_row(entity)):
            rows[entity_id] = row
    new_lineage = set(resolution.lineage)
    return _EntityDiff(rows, sorted(set(old_nodes) - set(entities)),
                       sorted(new_lineage - old_lineage, key=_edge_order),
                       sorted(old_lineage - new_lineage, key=_edge_order))


def _patch(resolution: Resolution, records: list[ExtractionRecord],
           diff: _EntityDiff, old_nodes: dict[str, NodeRow],
           repositories: dict[str, tuple[str, int, str]]) -> GraphPatch:
    """The database changes: ``diff`` (``old_nodes`` names the labels of what it
    deletes) and the new papers whole."""
    patch = GraphPatch()
    labels = patch.labels
    entities = resolution.entities
    for entity_id in diff.rows:
        patch.upsert.append(entity_node(entities[entity_id]))
        labels[entity_id] = entities[entity_id].label
    patch.delete = list(diff.deleted)
    for entity_id in patch.delete:
        labels[entity_id] = old_nodes[entity_id][0]
    patch.remove = [_lineage_rel(e) for e in diff.removed]
    for repo, (url, papers, _) in repositories.items():
        patch.upsert.append(repository_node(repo, url, papers))
        labels[repo] = "Repository"
    for record in records:
        repos = paper_repositories(record)
        labels[record.id] = "Paper"
        labels.update(dict.fromkeys(repos, "Repository"))
        for element in paper_elements(record, resolution, repos):
            if isinstance(element, Relationship):
                labels.setdefault(element.target, entities[element.target].label
                                  if element.target in entities else "Repository")
                patch.add.append(element)
            else:
                patch.upsert.append(element)
    for edge in diff.added:
        labels.setdefault(edge.source, entities[edge.source].label)
        labels.setdefault(edge.target, entities[edge.target].label)
        patch.add.append(_lineage_rel(edge))
    for edge in patch.remove:
        for end in (edge.source, edge.target):
            labels.setdefault(end, entities[end].label if end in entities
                              else old_nodes[end][0])
    return patch


def _relink(patch: GraphPatch, relinked: list[ExtractionRecord], before: Resolution,
            after: Resolution, old_nodes: dict[str, NodeRow]) -> None:
    """Stored papers some of whose mentions resolve elsewhere now: only their
    relationships that changed (target, or evidence merged from two entities)
    are dropped and added.  Every relationship written costs the database a
    rewrite of the regions holding both of its ends, so unchanged ones stay."""
    entities, labels = after.entities, patch.labels
    for record in relinked:
        old = _entity_links(record, before)
        new = _entity_links(record, after)
        labels[record.id] = "Paper"
        for key, rel in old.items():
            if key not in new:
                labels.setdefault(rel.target, entities[rel.target].label
                                  if rel.target in entities
                                  else old_nodes[rel.target][0])
                patch.remove.append(rel)
        for key, rel in new.items():
            if key not in old or old[key].props != rel.props:
                labels.setdefault(rel.target, entities[rel.target].label)
                patch.add.append(rel)


def _entity_links(record: ExtractionRecord, resolution: Resolution
                  ) -> dict[tuple[str, str], Relationship]:
    """A paper's relationships to its entities, by (target, type)."""
    return {(e.target, e.type): e for e in paper_elements(record, resolution, {})
            if isinstance(e, Relationship)}


def _edge_order(edge: Lineage) -> tuple[str, str, str]:
    return (edge.type, edge.source, edge.target)


def _lineage_rel(edge: Lineage) -> Relationship:
    return Relationship(edge.source, edge.target, edge.type, {"rule": edge.rule})


def _write_addition(state: StateDB, addition: Addition,
                    records: list[ExtractionRecord],
                    groups: list[tuple[str, ResolvedEntity]],
                    keys_changed: dict[str, str], new_links: list[VariantRow]
                    ) -> None:
    """The new papers and the grouping and pre-lineage resolution they changed."""
    grouping = addition.grouping
    state.put_records(records, grouping.mentions)
    for change in addition.groups:  # unloaded keys follow their stored root
        for old_root in change.stored:
            if old_root != change.root:
                state.move_keys(old_root, change.root)
    loaded = grouping.sets.parent
    for change in addition.groups:
        state.put_keys((key, change.root) for key in change.members if key in loaded)
    state.drop_groups(old for change in addition.groups for old in change.stored)
    state.put_groups(groups)
    state.put_stats(grouping.stats.items())
    state.put_definitions(grouping.definitions.items())
    state.put_entity_keys(keys_changed.items())
    state.put_variant_links(new_links)


def _write_graph(state: StateDB, diff: _EntityDiff,
                 repositories: dict[str, tuple[str, int, str]]) -> None:
    """What the database holds after the patch, for the next addition's diff."""
    state.drop_nodes(diff.deleted)
    state.put_nodes(diff.rows.items())
    state.drop_lineage(diff.removed)
    state.put_lineage(diff.added)
    state.put_repositories(repositories.items())
