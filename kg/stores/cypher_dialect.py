"""Neo4j Cypher idioms rewritten into the embedded engine's dialect (LadybugDB/Kuzu).

The contract (interface.md) is that one query gives the same rows on every store.
LadybugDB's Cypher differs from Neo4j's and FalkorDB's in a fixed set of places, some
of them *silently* (``labels(n)[0]`` is an empty string there, list indexes and
``substring`` count from 1, variable-length paths may walk a relationship twice).
:func:`translate` rewrites that set before the query reaches the engine, and refuses
with a message naming the equivalent where no rewrite is safe.  docs/queries.md has
the table of idioms; tests/stores/test_cypher_dialect.py runs each one on the embedded
store and on FalkorDB.

The rewrite works on the query text with its string literals masked out (so a name
such as ``'type(r)'`` is never touched); it is not a parser, and each rule matches
only the written form it documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from kg.errors import QueryError

#: Parameters :func:`translate` may add; the caller fills them (labels in use ...).
LABELS_PARAM = "kg_labels"
TYPES_PARAM = "kg_types"

_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
_MASK = re.compile(r"\x00(\d+)\x00")
_DATE_PARTS = {"year", "month", "day", "quarter"}


@dataclass(slots=True)
class Translation:
    """The engine's query, the column names as written in the original RETURN
    (``None`` where they cannot be read, e.g. ``RETURN *``), and the parameters
    the caller must add (``LABELS_PARAM`` / ``TYPES_PARAM``)."""

    cypher: str
    columns: list[str] | None
    needs: set[str] = field(default_factory=set)


# -- masking -------------------------------------------------------------------


def _mask(cypher: str) -> tuple[str, list[str]]:
    literals: list[str] = []

    def keep(match: re.Match[str]) -> str:
        literals.append(match.group(0))
        return f"\x00{len(literals) - 1}\x00"

    return _STRING.sub(keep, cypher), literals


def _unmask(text: str, literals: list[str]) -> str:
    return _MASK.sub(lambda m: literals[int(m.group(1))], text)


# -- small scanning helpers ----------------------------------------------------


def _close(text: str, start: int) -> int:
    """Index of the bracket closing the one at ``start`` (strings are masked)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = [pairs[text[start]]]
    for i in range(start + 1, len(text)):
        ch = text[i]
        if ch in pairs:
            stack.append(pairs[ch])
        elif ch in ")]}":
            if not stack or ch != stack[-1]:
                break
            stack.pop()
            if not stack:
                return i
    raise QueryError("query rejected: unbalanced brackets")


def _split_top(text: str, sep: str = ",") -> list[str]:
    """``text`` split at ``sep`` outside brackets."""
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return parts


def _rewrite_calls(text: str, name: str,
                   render: Callable[[list[str]], str]) -> str:
    """Replace every call ``name(args)`` (any case, not a property or method) by
    ``render(args)``; calls inside the arguments are rewritten first."""
    pattern = re.compile(rf"(?<![\w.$]){name}\s*\(", re.IGNORECASE)
    match = pattern.search(text)
    if not match:
        return text
    open_at = match.end() - 1
    close_at = _close(text, open_at)
    inner = _rewrite_calls(text[open_at + 1:close_at], name, render)
    args = [a.strip() for a in _split_top(inner)] if inner.strip() else []
    rest = _rewrite_calls(text[close_at + 1:], name, render)
    return text[:match.start()] + render(args) + rest


# -- refusals ------------------------------------------------------------------

_REFUSED = [
    (re.compile(r"(?<![\w.])size\s*\(\s*\(", re.I),
     "size(pattern) is not Cypher 5; count with COUNT { MATCH pattern } "
     "(embedded, Neo4j) or OPTIONAL MATCH pattern ... count(x) (every store)"),
    (re.compile(r"(?<![\w.])exists\s*\(\s*\(", re.I),
     "exists(pattern) is not Cypher 5; write the pattern as the predicate, "
     "WHERE (p)-[:HAS_CODE]->() (every store), or EXISTS { MATCH pattern }"),
    (re.compile(r"(?<![\w.])(?:id|elementId)\s*\(", re.I),
     "id(n) / elementId(n) are engine-internal and differ between stores; "
     "use the graph's own key n.id"),
    (re.compile(r"\[\s*\(", re.I),
     "pattern comprehensions [(a)-->(b) | ...] are not supported by the embedded "
     "store; use OPTIONAL MATCH ... collect(...)"),
    (re.compile(r"(?<![\w.])(?:rand|timestamp|datetime|localdatetime|duration)\s*\(",
                re.I),
     "this function is not among the ones the embedded store supports "
     "(docs/queries.md, Cheat-sheet)"),
    (re.compile(r"(?<![\w.])date\s*\(\s*\)", re.I),
     "date() without an argument (today) is not supported by the embedded store; "
     "pass the date as a parameter or literal, date('2025-01-01')"),
]

_CALL = re.compile(r"\bCALL\s+db\.(\w+)\s*\(\s*\)", re.I)
_CALLS = {"labels": ("label", LABELS_PARAM),
          "relationshiptypes": ("relationshipType", TYPES_PARAM)}


def _refuse(text: str) -> None:
    for pattern, why in _REFUSED:
        if pattern.search(text):
            raise QueryError(f"query rejected: {why}")
    for match in _CALL.finditer(text):
        if match.group(1).lower() not in _CALLS:
            raise QueryError(
                f"query rejected: CALL db.{match.group(1)}() is not available on "
                "the embedded store; CALL db.labels() and "
                "CALL db.relationshipTypes() are, and `kg stats` counts both")


# -- rewrites ------------------------------------------------------------------


def _procedures(text: str, needs: set[str]) -> str:
    """``CALL db.labels() [YIELD label] ...`` -> ``UNWIND $kg_labels AS label ...``."""
    match = _CALL.search(text)
    if not match:
        return text
    column, param = _CALLS[match.group(1).lower()]
    needs.add(param)
    rest = text[match.end():]
    yielded = re.match(rf"\s*YIELD\s+{column}\b", rest, re.I)
    if yielded:
        rest = rest[yielded.end():]
    head = f"UNWIND ${param} AS {column}"
    if not rest.strip() or rest.strip() == ";":
        return text[:match.start()] + head + f" RETURN {column}"
    if re.match(r"\s*WHERE\b", rest, re.I):
        head += f" WITH {column}"
    return text[:match.start()] + head + rest


def _labels(text: str) -> str:
    text = re.sub(r"(?<![\w.])labels\s*\(\s*(\w+)\s*\)\s*\[\s*0\s*\]",
                  r"label(\1)", text, flags=re.I)
    text = re.sub(r"(?<![\w.])labels\s*\(\s*(\w+)\s*\)", r"[label(\1)]", text,
                  flags=re.I)
    return re.sub(r"(?<![\w.])type\s*\(\s*(\w+)\s*\)", r"label(\1)", text, flags=re.I)


def _label_predicates(text: str) -> str:
    """``WHERE n:Label`` (also after AND / OR / NOT) -> ``label(n) = 'Label'``."""
    return re.sub(r"\b(WHERE|AND|OR|NOT|XOR)(\s+)(\w+):(\w+)\b",
                  r"\1\2label(\3) = '\4'", text, flags=re.I)


def _date_parts(text: str) -> str:
    """``p.date.year`` and ``date('...').month`` -> ``date_part('year', ...)``."""
    parts = "|".join(sorted(_DATE_PARTS))
    text = re.sub(rf"(?<![\w.])(\w+\.\w+)\.({parts})\b",
                  lambda m: f"date_part('{m.group(2).lower()}', {m.group(1)})",
                  text, flags=re.I)
    return re.sub(rf"(?<![\w.])(date\s*\(\s*\x00\d+\x00\s*\))\.({parts})\b",
                  lambda m: f"date_part('{m.group(2).lower()}', {m.group(1)})",
                  text, flags=re.I)


_VAR_LENGTH = re.compile(r"(?<=-)\[([^\[\]]*?)\*(?!\s*(?:TRAIL|SHORTEST|ALL|ACYCLIC)\b)"
                         r"\s*(\d*)\s*(\.\.)?\s*(\d*)\s*\]")


def _range(low: str, dots: str | None, high: str) -> str:
    if not dots:
        return f" {low}..{low}" if low else ""
    return f" {low or 1}..{high}" if high else f" {low or 1}..30"


def _star(match: re.Match[str], kind: str) -> str:
    return (f"[{match.group(1)}* {kind}"
            f"{_range(match.group(2), match.group(3), match.group(4))}]")


def _shortest(text: str) -> str:
    """``shortestPath((a)-[*..6]-(b))`` -> ``(a)-[* SHORTEST 1..6]-(b)``."""
    pattern = re.compile(r"(?<![\w.])(all)?shortestPaths?\s*\(", re.I)
    while match := pattern.search(text):
        close_at = _close(text, match.end() - 1)
        inner = text[match.end():close_at]
        kind = "ALL SHORTEST" if match.group(1) else "SHORTEST"
        inner = _VAR_LENGTH.sub(partial(_star, kind=kind), inner, count=1)
        text = text[:match.start()] + inner.strip() + text[close_at + 1:]
    return text


def _trails(text: str) -> str:
    """Variable-length relationships match trails (no relationship twice), as on
    Neo4j and FalkorDB; the engine's default walks may go back and forth."""
    return _VAR_LENGTH.sub(partial(_star, kind="TRAIL"), text)


def _subqueries(text: str) -> str:
    """``COUNT { (p)-->() }`` / ``EXISTS { (p)-->() }`` -> ``... { MATCH ... }``."""
    return re.sub(r"\b(COUNT|EXISTS)(\s*)\{(?!\s*MATCH\b)", r"\1\2{ MATCH ", text,
                  flags=re.I)


def _functions(text: str) -> str:
    renames = {"toString": "to_string", "toInteger": "to_int64",
               "toFloat": "to_double", "split": "string_split"}
    for old, new in renames.items():
        text = _rewrite_calls(text, old, partial(_renamed, new))
    text = _rewrite_calls(text, "head", lambda a: f"list_extract({a[0]}, 1)")
    text = _rewrite_calls(text, "last", lambda a: f"list_extract({a[0]}, -1)")
    return _rewrite_calls(text, "substring", _substring)


def _renamed(name: str, args: list[str]) -> str:
    return f"{name}({', '.join(args)})"


def _substring(args: list[str]) -> str:
    """Neo4j counts from 0 and the length is optional; the engine counts from 1."""
    if len(args) == 2:
        args = [*args, f"size({args[0]})"]
    if len(args) != 3:
        raise QueryError("query rejected: substring(text, start[, length])")
    return f"substring({args[0]}, ({args[1]}) + 1, {args[2]})"


def _subscripts(text: str) -> str:
    """``xs[i]`` -> ``xs[(i) + 1]``: Neo4j indexes lists from 0, the engine from 1
    (negative indexes count from the end on both)."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "[" and i and (text[i - 1].isalnum() or text[i - 1] in "_)]\x00"):
            close_at = _close(text, i)
            inner = _subscripts(text[i + 1:close_at])
            if ".." in inner:
                raise QueryError(
                    "query rejected: list slices xs[a..b] are not supported by the "
                    "embedded store; use list_slice(xs, a + 1, b)")
            if not re.fullmatch(r"\s*-\s*\d+\s*", inner):
                inner = f"({inner.strip()}) + 1"
            out.append(f"[{inner}]")
            i = close_at + 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _comprehensions(text: str) -> str:
    """``[x IN xs WHERE p | e]`` ->
    ``list_transform(list_filter(xs, x -> p), x -> e)``."""
    head = re.compile(r"\[\s*(\w+)\s+IN\s+", re.I)
    while True:
        found = None
        for match in head.finditer(text):
            found = match  # the last one cannot contain another
        if found is None:
            return text
        close_at = _close(text, found.start())
        var = found.group(1)
        body = text[found.end():close_at]
        mapped = None
        pipe = _split_top(body, "|")
        if len(pipe) == 2:
            body, mapped = pipe[0], pipe[1].strip()
        where = re.split(r"\s+WHERE\s+", body, maxsplit=1, flags=re.I)
        expr = where[0].strip()
        if len(where) == 2:
            expr = f"list_filter({expr}, {var} -> {where[1].strip()})"
        if mapped is not None:
            expr = f"list_transform({expr}, {var} -> {mapped})"
        text = text[:found.start()] + expr + text[close_at + 1:]


# -- the engine's errors, with what differs from Neo4j -------------------------

_HINTS = [
    (re.compile(r"Cannot find property (\w+) for (\w+)"),
     "the embedded store's tables are typed: a property the schema does not give "
     "that label is an error here, null on Neo4j and FalkorDB (schema/schema.json)"),
    (re.compile(r"Cannot order by (\w+)\. Order by NODE"),
     "a RETURN alias with the name of a node variable: ORDER BY reads the node "
     "here; give the column another name"),
    (re.compile(r"list_extract.*out of range"),
     "a list index past the end is an error here, null on Neo4j and FalkorDB; "
     "guard it with CASE WHEN size(xs) > i THEN xs[i] END"),
    (re.compile(r"Buffer manager exception"),
     "a variable-length pattern without an upper bound explores too many trails; "
     "bound it, -[*1..3]-"),
]


def explain(message: str) -> str:
    """The engine's error message, followed by what differs from Neo4j where known."""
    for pattern, hint in _HINTS:
        if pattern.search(message):
            return f"{message} ({hint})"
    return message


# -- column names --------------------------------------------------------------


def return_columns(masked: str, literals: list[str]) -> list[str] | None:
    """The column names of the query's last RETURN, as Neo4j names them: the alias,
    or the expression as written."""
    returns = list(re.finditer(r"\bRETURN\b", masked, re.I))
    if not returns or re.search(r"\bUNION\b", masked, re.I):
        return None
    clause = masked[returns[-1].end():]
    clause = re.sub(r"^\s*DISTINCT\b", "", clause, flags=re.I)
    end = re.search(r"\b(ORDER\s+BY|SKIP|LIMIT)\b|;", clause, re.I)
    if end:
        clause = clause[:end.start()]
    names = []
    for item in _split_top(clause):
        item = item.strip()
        if not item or item == "*":
            return None
        alias = re.search(r"\s+AS\s+(\S+)\s*$", item, re.I)
        name = alias.group(1) if alias else item
        name = _unmask(name, literals)
        if alias and name.startswith("`") and name.endswith("`"):
            name = name[1:-1]
        names.append(name)
    return names


# -- the whole rewrite ---------------------------------------------------------


def translate(cypher: str) -> Translation:
    """The embedded engine's form of a Neo4j-style read query (see the module)."""
    masked, literals = _mask(cypher)
    columns = return_columns(masked, literals)
    _refuse(masked)
    needs: set[str] = set()
    text = _procedures(masked, needs)
    text = _labels(text)
    text = _label_predicates(text)
    text = _date_parts(text)
    text = _shortest(text)
    text = _trails(text)
    text = _subqueries(text)
    text = _functions(text)
    text = _subscripts(text)
    text = _comprehensions(text)
    return Translation(_unmask(text, literals), columns, needs)
