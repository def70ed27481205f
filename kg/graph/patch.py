"""A change to a stored graph: what adding papers does to it.

Adding papers to a graph of many more touches few nodes: the new papers, the entities
their mentions name (new, or with new names and counts), entities merged away when a
new name joins two groups, and the lineage edges that follow from names.  A
:class:`GraphPatch` lists exactly those, so a store applies it in time proportional to
the change, and the result equals loading the whole graph of all the papers.

Stores apply the parts in this order: ``delete``, ``unlink``, ``remove``, ``upsert``,
``add``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.graph.model import Node, Relationship


@dataclass(slots=True)
class GraphPatch:
    """Changes to a stored graph, applied in field order (see the module)."""

    #: node id -> label, for every node any part below names
    labels: dict[str, str] = field(default_factory=dict)
    #: node ids to delete with all their relationships (entities merged away)
    delete: list[str] = field(default_factory=list)
    #: paper ids whose outgoing relationships are all dropped (``add`` re-creates them)
    unlink: list[str] = field(default_factory=list)
    #: relationships to drop, named by (source, target, type); props are ignored
    remove: list[Relationship] = field(default_factory=list)
    #: nodes to create, or whose properties are all replaced by these
    upsert: list[Node] = field(default_factory=list)
    #: relationships to create (their nodes exist once ``upsert`` is applied)
    add: list[Relationship] = field(default_factory=list)

    def nodes_to_write(self) -> list[Node]:
        """``upsert`` with one node per id, the last listed: a store's MERGE given
        one id twice in a batch would apply only the first row."""
        return list({node.id: node for node in self.upsert}.values())

    def relationships_to_write(self) -> list[Relationship]:
        """``add`` with one relationship per (source, target, type), the last
        listed, as :meth:`nodes_to_write`."""
        return list({(rel.source, rel.target, rel.type): rel
                     for rel in self.add}.values())

    def is_empty(self) -> bool:
        return not (self.delete or self.unlink or self.remove or self.upsert
                    or self.add)
