"""Resolution: one canonical entity per real-world thing across papers."""

from kg.resolve.resolver import Lineage, Resolution, ResolvedEntity, resolve

__all__ = ["Lineage", "Resolution", "ResolvedEntity", "resolve"]
