"""Typed records passed between pipeline stages.

``Paper`` leaves ``kg.sources``; ``ExtractionRecord`` leaves ``kg.extract`` and is what
``kg extract`` prints (the record of interface.md, plus the paper's listing metadata
under keys interface.md does not use).  ``Problem`` is a bad record, reported
and skipped rather than raised.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from kg.jsontext import dumps_bytes

EntityType = Literal[
    "method", "benchmark", "model", "organization", "metric", "concept"
]
Role = Literal["proposed", "used"]
Usage = Literal["proposed", "used", "evaluated", "base", "tool", "mentioned"]
ENTITY_TYPES: tuple[str, ...] = (
    "method", "benchmark", "model", "organization", "metric", "concept",
)
ROLE_TYPES: tuple[str, ...] = ("method", "benchmark", "model")
#: The usage values of each role type, strongest first (the annotation guidelines'
#: order: when several apply, the first one does).
USAGES: dict[str, tuple[str, ...]] = {
    "method": ("proposed", "used", "mentioned"),
    "benchmark": ("proposed", "evaluated", "mentioned"),
    "model": ("proposed", "base", "tool", "evaluated", "mentioned"),
}


def default_usage(entity_type: str, role: str | None) -> str | None:
    """The usage an entity has when nothing says more: ``proposed`` for a proposed
    one, else ``used`` (method) or ``evaluated`` (benchmark, model); None for the
    types without usage. Records written before usage existed load with it."""
    if entity_type not in USAGES:
        return None
    if role == "proposed":
        return "proposed"
    return "used" if entity_type == "method" else "evaluated"


@dataclass(slots=True)
class Paper:
    """One paper as a listing gives it; fields the listing lacks are None / empty."""

    id: str
    title: str
    abstract: str = ""
    date: str | None = None  # ISO yyyy-mm-dd, publication date
    authors: list[str] = field(default_factory=list)
    author_count: int | None = None
    organization: str | None = None  # HF `fullname` / the page's organization line
    organization_handle: str | None = None  # HF `name` / first word of the line
    upvotes: int | None = None
    code: list[str] = field(default_factory=list)  # repository URLs from metadata
    categories: list[str] = field(default_factory=list)
    arxiv_id: str | None = None
    url: str | None = None
    source: str = ""  # the input file(s) it came from, ";"-joined after a merge

    def content_hash(self) -> str:
        """Hash of what extraction reads, so unchanged papers are not re-extracted.

        Both sides of that comparison are hashed by the running version, so the
        encoding may change between versions; it is orjson's, the fastest here.
        """
        return hashlib.sha1(dumps_bytes([self.title, self.abstract, self.organization,
                                         self.organization_handle, self.code])
                            ).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """Every field (lists copied); written out, not ``dataclasses.asdict``,
        which deep-copies field by field at several times the cost."""
        return {"id": self.id, "title": self.title, "abstract": self.abstract,
                "date": self.date, "authors": list(self.authors),
                "author_count": self.author_count, "organization": self.organization,
                "organization_handle": self.organization_handle,
                "upvotes": self.upvotes, "code": list(self.code),
                "categories": list(self.categories), "arxiv_id": self.arxiv_id,
                "url": self.url, "source": self.source}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paper:
        return cls(**data)


@dataclass(slots=True)
class Evidence:
    """Where a mention is: ``paper[field][start:end]`` inside ``sentence``.

    Metadata evidence has ``field == "metadata"``, a ``source`` and no offsets.
    """

    field: Literal["title", "abstract", "metadata"]
    rule: str
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.field == "metadata":
            return {"field": "metadata", "source": self.source, "rule": self.rule}
        return {"field": self.field, "start": self.start, "end": self.end,
                "sentence": self.sentence, "rule": self.rule}

    @classmethod
    def from_dict(cls, data: dict[str, Any], sentences: dict[str, str] | None = None
                  ) -> Evidence:
        """From :meth:`to_dict`; ``sentences`` (text -> itself) makes the evidence
        items of one paper share each sentence string, as extraction made them,
        instead of one copy per mention."""
        get = data.get
        sentence = get("sentence")
        if sentences is not None and sentence is not None:
            sentence = sentences.setdefault(sentence, sentence)
        return cls(data["field"], get("rule", ""), get("start"), get("end"), sentence,
                   get("source"))


@dataclass(slots=True)
class Entity:
    """One entity of one paper, however often the paper mentions it."""

    type: EntityType
    text: str  # surface form as first written
    canonical: str
    aliases: list[str] = field(default_factory=list)
    role: Role | None = None  # method, benchmark, model only
    evidence: list[Evidence] = field(default_factory=list)
    expansion: str | None = None  # long form when the paper defines an acronym
    usage: Usage | None = None  # method, benchmark, model only (see USAGES)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "text": self.text,
                               "canonical": self.canonical,
                               "aliases": list(self.aliases)}
        if self.type in ROLE_TYPES:
            out["role"] = self.role or "used"
            out["usage"] = self.usage or default_usage(self.type, self.role)
        if self.expansion:
            out["expansion"] = self.expansion
        out["evidence"] = [e.to_dict() for e in self.evidence]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], sentences: dict[str, str] | None = None
                  ) -> Entity:
        """From :meth:`to_dict` (``sentences`` as in :meth:`Evidence.from_dict`)."""
        get = data.get
        evidence = [Evidence.from_dict(e, sentences) for e in get("evidence") or ()]
        kind, role = data["type"], get("role")
        return cls(kind, data["text"], data["canonical"], list(get("aliases") or ()),
                   role, evidence, get("expansion"),
                   get("usage") or default_usage(kind, role))


@dataclass(slots=True)
class VariantLink:
    canonical: str
    variant_of: str

    def to_dict(self) -> dict[str, str]:
        return {"canonical": self.canonical, "variant_of": self.variant_of}


@dataclass(slots=True)
class ExtractionRecord:
    """What extraction found in one paper, with the paper it was found in."""

    paper: Paper
    entities: list[Entity] = field(default_factory=list)
    variant_of: list[VariantLink] = field(default_factory=list)
    code: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.paper.id

    def to_dict(self) -> dict[str, Any]:
        """The ``kg extract`` record of interface.md, then the listing metadata."""
        p = self.paper
        return {
            "id": p.id, "title": p.title, "date": p.date,
            "entities": [e.to_dict() for e in self.entities],
            "variant_of": [v.to_dict() for v in self.variant_of],
            "code": list(self.code),
            "abstract": p.abstract, "authors": p.authors,
            "author_count": p.author_count, "organization": p.organization,
            "organization_handle": p.organization_handle, "upvotes": p.upvotes,
            "categories": p.categories, "arxiv_id": p.arxiv_id, "url": p.url,
            "source": p.source, "metadata_code": p.code,
        }

    def extraction_dict(self) -> dict[str, Any]:
        """What extraction found, without the paper's listing data (the embedded
        store keeps that once, in its papers file)."""
        return {"id": self.paper.id,
                "entities": [e.to_dict() for e in self.entities],
                "variant_of": [v.to_dict() for v in self.variant_of],
                "code": list(self.code)}

    @classmethod
    def from_extraction(cls, paper: Paper, data: dict[str, Any]) -> ExtractionRecord:
        """The record of ``paper`` from its :meth:`extraction_dict`."""
        sentences: dict[str, str] = {}  # shared within the paper, as extracted
        entities = [Entity.from_dict(e, sentences) for e in data.get("entities") or ()]
        return cls(
            paper=paper,
            entities=entities,
            variant_of=[VariantLink(**v) for v in data.get("variant_of") or []],
            code=list(data.get("code") or []),
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractionRecord:
        paper = Paper(
            id=data["id"], title=data["title"], abstract=data.get("abstract") or "",
            date=data.get("date"), authors=list(data.get("authors") or []),
            author_count=data.get("author_count"),
            organization=data.get("organization"),
            organization_handle=data.get("organization_handle"),
            upvotes=data.get("upvotes"), code=list(data.get("metadata_code") or []),
            categories=list(data.get("categories") or []),
            arxiv_id=data.get("arxiv_id"), url=data.get("url"),
            source=data.get("source") or "",
        )
        return cls.from_extraction(paper, data)


@dataclass(slots=True, frozen=True)
class Problem:
    """A bad record or file, reported to the user and skipped (or raised if strict)."""

    path: str
    location: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.location}" if self.location else self.path
        return f"{where}: {self.message}"


def server_safe_text(text: str) -> str:
    """``text`` as both servers can carry it, otherwise unchanged.

    U+0000 is removed: FalkorDB's client sends parameters inside the command string,
    where a NUL ends the query.  Lone surrogates (from ``\\ud800`` escapes in JSON)
    become U+FFFD because no driver can encode them as UTF-8.
    """
    text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char
                       for char in text)
    return text


def clean_id(node_id: str) -> str:
    """A node id as every server stores it: :func:`server_safe_text`, control characters
    removed, surrounding whitespace stripped.

    FalkorDB's range index cannot find an id that holds U+0001 or starts or ends with
    whitespace (a MERGE would then duplicate the node), so ids never do, on any
    server.  Ids the pipeline makes (arXiv ids, slugs, title hashes) are unchanged.
    """
    text = server_safe_text(node_id)
    if text.isprintable() and text == text.strip():
        return text
    return "".join(char for char in text
                   if unicodedata.category(char) != "Cc").strip()
