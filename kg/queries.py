"""Named Cypher queries the project relies on (the same text runs on every store)."""

#: The question of interface.md, verbatim.
NORTH_STAR = """\
MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark)
MATCH (p)-[:USES_MODEL]->(m:Model)
MATCH (p)-[:PROPOSES]->(x:Method)
WHERE b.name = 'GSM8K' AND m.name STARTS WITH 'Qwen2.5-7B' AND p.date >= date('2025-01-01')
OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(o:Organization)
RETURN x.name AS method, p.id AS paper, collect(DISTINCT o.name) AS organizations
"""  # noqa: E501 - kept verbatim

#: The exact form of the question, "with a Qwen2.5-7B *base* model" (interface.md):
#: the same query with the model's usage as a relationship property.
NORTH_STAR_BASE = """\
MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark)
MATCH (p)-[:USES_MODEL {usage: 'base'}]->(m:Model)
MATCH (p)-[:PROPOSES]->(x:Method)
WHERE b.name = 'GSM8K' AND m.name STARTS WITH 'Qwen2.5-7B' AND p.date >= date('2025-01-01')
OPTIONAL MATCH (p)-[:AFFILIATED_WITH]->(o:Organization)
RETURN x.name AS method, p.id AS paper, collect(DISTINCT o.name) AS organizations
"""  # noqa: E501 - kept verbatim

#: ``kg stats`` details: USES_MODEL per usage, and MENTIONS per target label (a
#: query per label: ``label(n)`` / ``labels(n)`` differ between the stores).
USES_MODEL_BY_USAGE = """\
MATCH (:Paper)-[r:USES_MODEL]->(:Model)
RETURN r.usage AS usage, count(*) AS n ORDER BY usage
"""
MENTIONS_TARGETS = ("Method", "Benchmark", "Model", "Organization", "Concept")


def mentions_of(label: str) -> str:
    """Count the MENTIONS relationships to nodes of ``label`` (one of
    :data:`MENTIONS_TARGETS`, the schema's own names: labels cannot be parameters)."""
    if label not in MENTIONS_TARGETS:
        raise ValueError(f"MENTIONS has no target label {label!r}")
    return f"MATCH (:Paper)-[:MENTIONS]->(:{label}) RETURN count(*) AS n"
