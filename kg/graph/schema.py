"""The graph schema, read once from ``schema/schema.json``.

Labels and relationship types cannot be Cypher parameters, so every store takes them
only from here: :func:`check_label` and :func:`check_rel_type` are the allowlist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import GraphError

#: ``kg/graph/schema.json`` is a link to ``schema/schema.json`` in a clone; a wheel
#: (``pip install .``) carries the file itself as package data, so an installed
#: ``kg`` reads its schema without the clone.
SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"

#: Entity type of an extraction record -> node label.
TYPE_TO_LABEL = {
    "method": "Method", "benchmark": "Benchmark", "model": "Model",
    "organization": "Organization", "metric": "Metric", "concept": "Concept",
}


@dataclass(frozen=True, slots=True)
class RelType:
    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    has_evidence: bool


@dataclass(frozen=True, slots=True)
class Schema:
    labels: dict[str, dict[str, str]]  # label -> property -> type
    relationships: dict[str, RelType]
    version: int = 1  # changes when a stored graph of the old one must be rebuilt

    def property_type(self, label: str, prop: str) -> str | None:
        return self.labels[label].get(prop)


@cache
def load_schema(path: Path = SCHEMA_PATH) -> Schema:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GraphError(f"{path}: schema file missing; reinstall paper-kg "
                         "from a clone with `pip install -e .`") from None
    labels = {name: dict(spec["properties"]) for name, spec in raw["nodes"].items()}
    rels = {
        name: RelType(name, tuple(spec["from"]), tuple(spec["to"]),
                      bool(spec.get("evidence")))
        for name, spec in raw["relationships"].items()
    }
    return Schema(labels=labels, relationships=rels, version=int(raw.get("version", 1)))


def check_label(label: str) -> str:
    """Return ``label`` if the schema has it, else raise (never format unknown text)."""
    if label not in load_schema().labels:
        raise GraphError(f"unknown node label {label!r}")
    return label


def check_rel_type(rel_type: str) -> str:
    if rel_type not in load_schema().relationships:
        raise GraphError(f"unknown relationship type {rel_type!r}")
    return rel_type
