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
