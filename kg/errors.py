"""One exception hierarchy for the library; the CLI turns each into one clear line.

Messages are written for the user: they name the file (and record) and say what to do.
"""

from __future__ import annotations


class KGError(Exception):
    """Root of every error paper-kg raises on purpose."""


class InputError(KGError):
    """An input file or record cannot be used (missing, unreadable, wrong shape)."""

    def __init__(self, message: str, *, path: str | None = None,
                 location: str | None = None) -> None:
        self.path = path
        self.location = location
        where = path or ""
        if location:
            where = f"{where}:{location}" if where else location
        super().__init__(f"{where}: {message}" if where else message)


class NothingReadError(InputError):
    """A run read no usable paper at all."""


class ExtractionError(KGError):
    """The extraction pipeline could not be built or run."""


class GraphError(KGError):
    """A graph violates the schema (unknown label, dangling relationship)."""


class StoreError(KGError):
    """A store cannot be opened, written or queried."""


class QueryError(StoreError):
    """A Cypher query was rejected (syntax error, unknown label)."""


class StoreUnavailableError(StoreError):
    """A server store cannot be reached."""
