"""paper-kg: machine-learning paper listings -> a knowledge graph.

The pipeline, one sub-package per stage:
``sources`` (read listings into :class:`kg.records.Paper`) ->
``extract`` (spaCy rule components -> :class:`kg.records.ExtractionRecord`) ->
``resolve`` (one canonical entity per real-world thing across papers) ->
``graph`` (a networkx MultiDiGraph following ``schema/schema.json``) ->
``stores`` (embedded on disk, Neo4j, FalkorDB) / ``views`` (HTML, exports).
"""

__version__ = "0.1.0"
