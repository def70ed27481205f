"""issue 19, item 6: every evidence item from listing metadata says where it came
from (``source``: the listing field) and which rule made it (``rule``)."""

from __future__ import annotations

from collections import Counter

from kg.graph.builder import paper_elements
from kg.graph.model import Relationship
from kg.records import ExtractionRecord, Paper
from kg.resolve.resolver import Resolution


def metadata_evidence(graph) -> tuple[Counter, list]:
    """Metadata evidence items per relationship type, and those lacking a field."""
    seen, lacking = Counter(), []
    for source, target, data in graph.edges(data=True):
        for item in data.get("evidence") or []:
            if item.get("field") == "metadata":
                seen[data["type"]] += 1
                if not item.get("source") or not item.get("rule"):
                    lacking.append((source, target, data["type"], item))
    return seen, lacking


def test_every_metadata_evidence_item_of_the_corpus_has_source_and_rule(
        corpus_store):
    """The seed page, all of hf_daily and the HF dev papers: listing
    organizations (AFFILIATED_WITH) and repositories (HAS_CODE)."""
    seen, lacking = metadata_evidence(corpus_store.graph())
    assert seen["AFFILIATED_WITH"] > 2000 and seen["HAS_CODE"] > 3000
    assert lacking == []


def test_code_evidence_names_its_listing_field_or_extraction_rule():
    """A repository from the listing's githubRepo field, and one that only the
    extraction found outside the abstract text (``record.code``)."""
    paper = Paper(id="2501.00001", title="X", abstract="See https://github.com/a/b.",
                  code=["https://github.com/c/d"])
    record = ExtractionRecord(paper, [], code=["https://github.com/e/f"])
    repos = {"repo:github-com-c-d": "https://github.com/c/d",
             "repo:github-com-e-f": "https://github.com/e/f"}
    rels = [e for e in paper_elements(record, Resolution(), repos)
            if isinstance(e, Relationship)]
    evidence = [item for rel in rels for item in rel.props["evidence"]]
    assert evidence == [
        {"field": "metadata", "source": "githubRepo", "rule": "metadata.code"},
        {"field": "metadata", "source": "code", "rule": "extract.code"}]
