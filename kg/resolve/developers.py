"""Who developed a model: the Epoch AI gazetteer, compacted to ``model_developers.tsv``.

The data file has one row per (name, organization): ``name``, ``kind`` (``model`` as
Epoch lists it, or ``family`` when every Epoch model whose name reduces to it by the
size / instruct / domain rules of :mod:`kg.resolve.names` has the same developers:
"Qwen2.5" from Qwen2.5-72B, Qwen2.5-32B ... all by Alibaba), ``organization`` and its
``aliases`` ("|"-separated: "MIT" for "Massachusetts Institute of Technology (MIT)").
A family whose models disagree, or are co-developed by several organizations, gets
no row: conservative by construction.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.resolve.keys import clean_text, typed_key
from kg.resolve.names import SAME_DEVELOPER_RULES, model_parents

DATA_FILE = Path(__file__).resolve().parent / "data" / "model_developers.tsv"
HEADER = (
    "# Model developers, compacted from Epoch AI's 'Data on AI Models'\n"
    "# (https://epoch.ai/data/ai-models, file epoch_all_ai_models.csv), CC-BY 4.0,\n"
    "# (c) Epoch AI. Built by scripts/build_lineage_data.py; do not edit by hand.\n"
    "# columns: name, kind (model|family), organization, aliases (|-separated)\n"
)
_PAREN_SIZE = re.compile(r"\s*\((\d[\w.]*)\)")
_TRAILING_ALIAS = re.compile(r"^(?P<name>.+?)\s*\((?P<alias>[^()]{2,12})\)$")


@dataclass(frozen=True, slots=True)
class Developer:
    name: str
    aliases: tuple[str, ...] = ()


def parse_organizations(field: str) -> list[Developer]:
    """Epoch's organization cell: comma-separated, "X (ABBR)" or "X / ABBR" forms."""
    out = []
    for part in field.split(","):
        part = clean_text(part)
        if not part:
            continue
        if " / " in part:
            name, *aliases = (p.strip() for p in part.split(" / "))
            out.append(Developer(name, tuple(a for a in aliases if a)))
            continue
        match = _TRAILING_ALIAS.match(part)
        if match:
            out.append(Developer(match["name"], (match["alias"],)))
        else:
            out.append(Developer(part))
    return out


def epoch_name(name: str) -> str:
    """Epoch writes sizes in parentheses ("Qwen2.5-Coder (32B)"): make them suffixes."""
    return clean_text(_PAREN_SIZE.sub(r" \1", name))


def same_developer_ancestors(name: str) -> list[str]:
    """Names a model reduces to by rules that keep its developer, nearest first."""
    out: list[str] = []
    frontier = [name]
    while frontier:
        parents = [p for n in frontier for p, rule in model_parents(n)
                   if rule in SAME_DEVELOPER_RULES and p not in out]
        out.extend(dict.fromkeys(parents))
        frontier = list(dict.fromkeys(parents))
    return out


def developer_rows(rows: Iterable[dict[str, str]]) -> list[tuple[str, str, Developer]]:
    """``(name, kind, developer)`` rows from Epoch CSV rows, sorted, deduplicated."""
    models: dict[str, tuple[str, frozenset[Developer]]] = {}
    families: dict[str, dict[frozenset[Developer], set[str]]] = defaultdict(
        lambda: defaultdict(set))
    for row in rows:
        developers = frozenset(parse_organizations(row.get("Organization") or ""))
        name = epoch_name(row.get("Model") or "")
        if not developers or not name:
            continue
        key = typed_key("model", name)
        old = models.get(key)
        models[key] = (name, developers | (old[1] if old else frozenset()))
        for ancestor in same_developer_ancestors(name):
            families[typed_key("model", ancestor)][developers].add(ancestor)
    out = [(name, "model", dev) for name, devs in models.values() for dev in devs]
    for key, by_devs in families.items():
        if key in models or len(by_devs) != 1 or len(next(iter(by_devs))) != 1:
            continue  # listed itself, models disagree, or co-developed: no row
        (devs, names), = by_devs.items()
        out.extend((min(names), "family", dev) for dev in devs)
    return sorted(set(out), key=lambda r: (r[0].casefold(), r[0], r[1], r[2].name))


def read_epoch_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_table(rows: list[tuple[str, str, Developer]], path: Path) -> None:
    lines = [HEADER.rstrip("\n")]
    for name, kind, dev in rows:
        lines.append("\t".join([name, kind, dev.name, "|".join(dev.aliases)]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Listing:
    """What the table says about one model key."""

    name: str  # as listed (an Epoch spelling when ``kind`` is "model")
    kind: str  # "model" or "family"
    developers: tuple[Developer, ...]


@cache
def load_developers(path: Path = DATA_FILE) -> dict[str, Listing]:
    """Model key -> its listing; an exact model row wins over a family row."""
    table: dict[str, dict[str, list[Developer]]] = defaultdict(
        lambda: defaultdict(list))
    names: dict[tuple[str, str], str] = {}
    if not path.exists():
        return {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, kind, org, aliases = (line.split("\t") + ["", "", ""])[:4]
        key = typed_key("model", name)
        dev = Developer(org, tuple(a for a in aliases.split("|") if a))
        table[key][kind].append(dev)
        names.setdefault((key, kind), name)
    out = {}
    for key, kinds in table.items():
        kind = "model" if "model" in kinds else "family"
        out[key] = Listing(names[(key, kind)], kind, tuple(kinds[kind]))
    return out
