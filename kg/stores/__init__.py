"""Stores: the embedded on-disk default, Neo4j and FalkorDB, behind one protocol."""
