"""Open the server store a command line names: Neo4j or FalkorDB.

The CLI reads ``--neo4j-uri`` / ``--falkordb-uri`` (click ``envvar``) and calls
:func:`open_server_store`; explicit values win, the environment fills the rest, so a
script calling the library behaves like the CLI.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from kg.errors import StoreError
from kg.stores.base import GraphStore

ENV_NEO4J_URI = "NEO4J_URI"
ENV_NEO4J_USER = "NEO4J_USER"
ENV_NEO4J_PASSWORD = "NEO4J_PASSWORD"
ENV_NEO4J_DATABASE = "NEO4J_DATABASE"
ENV_FALKORDB_URI = "FALKORDB_URI"


def open_server_store(neo4j_uri: str | None = None, falkordb_uri: str | None = None,
                      *, neo4j_user: str | None = None,
                      neo4j_password: str | None = None,
                      neo4j_database: str | None = None,
                      env: Mapping[str, str] | None = None,
                      **options: Any) -> GraphStore:
    """Return a connected :class:`Neo4jStore` or :class:`FalkorDBStore`.

    With neither URI given, ``$NEO4J_URI`` then ``$FALKORDB_URI`` are used; Neo4j
    credentials and database default to ``$NEO4J_USER`` / ``$NEO4J_PASSWORD`` /
    ``$NEO4J_DATABASE`` (no user: no authentication).  ``options`` go to the store
    (``batch_size``, timeouts).  Raises :class:`StoreError` when no server, or two,
    are named, and :class:`StoreUnavailableError` when it cannot be reached.
    """
    env = os.environ if env is None else env
    if neo4j_uri and falkordb_uri:
        raise StoreError("give either a Neo4j URI or a FalkorDB URI, not both")
    if not neo4j_uri and not falkordb_uri:
        neo4j_uri = env.get(ENV_NEO4J_URI) or None
        falkordb_uri = None if neo4j_uri else env.get(ENV_FALKORDB_URI) or None
    if neo4j_uri:
        from kg.stores.neo4j_store import Neo4jStore

        return Neo4jStore(neo4j_uri,
                          user=neo4j_user or env.get(ENV_NEO4J_USER) or None,
                          password=neo4j_password or env.get(ENV_NEO4J_PASSWORD),
                          database=neo4j_database or env.get(ENV_NEO4J_DATABASE),
                          **options)
    if falkordb_uri:
        from kg.stores.falkordb_store import FalkorDBStore

        return FalkorDBStore(falkordb_uri, **options)
    raise StoreError("no server store named: pass --neo4j-uri or --falkordb-uri "
                     f"(or set ${ENV_NEO4J_URI} / ${ENV_FALKORDB_URI})")
