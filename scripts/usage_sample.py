"""Draw the sample of issue 20's check: EVALUATED_ON and USES_MODEL relationships of
a built graph, with their evidence sentences, for a person to judge.

Reads every relationship of the two types from the graph directory (the embedded
store) and keeps the ``--n`` of each whose (seed, paper, target) hash is smallest:
a random draw that does not depend on the database's row order, and that stays
the same for every relationship a later build leaves unchanged (a relationship
that appears or goes moves only its own place), so two builds can be compared.
Prints one Markdown section per type: a numbered row per relationship with the
paper, the entity, the usage (USES_MODEL) and the evidence sentences, and an empty
verdict column to fill in.

Usage: python scripts/usage_sample.py --graph /tmp/usage-hf [--n 50] [--seed 20]
       (after ``kg build ../shared/data/hf_daily --graph /tmp/usage-hf``)
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from kg.stores.embedded import EmbeddedStore

QUERIES = {
    "EVALUATED_ON": "MATCH (p:Paper)-[r:EVALUATED_ON]->(b:Benchmark) "
                    "RETURN p.id, b.name, '' , r.evidence_json",
    "USES_MODEL": "MATCH (p:Paper)-[r:USES_MODEL]->(m:Model) "
                  "RETURN p.id, m.name, r.usage, r.evidence_json",
}


def draw(store: EmbeddedStore, rel_type: str, n: int, seed: int) -> list[list]:
    """``n`` relationships of ``rel_type``: (paper, name, usage, evidence)."""
    def key(row: list) -> str:
        return hashlib.sha1(f"{seed}\t{row[0]}\t{row[1]}".encode()).hexdigest()

    return sorted(store.query(QUERIES[rel_type]).rows, key=key)[:n]


def sentences(evidence_json: str | None) -> list[str]:
    """The distinct evidence sentences (metadata evidence named as such)."""
    out: list[str] = []
    for item in json.loads(evidence_json or "[]"):
        text = item.get("sentence") or f"metadata:{item.get('source')}"
        if text not in out:
            out.append(text)
    return out


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, required=True)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20)
    args = ap.parse_args()
    store = EmbeddedStore(args.graph)
    for rel_type in QUERIES:
        print(f"## {rel_type} (n={args.n}, seed={args.seed})\n")
        print("| # | paper | entity | usage | evidence sentence(s) | verdict |")
        print("|---|---|---|---|---|---|")
        for i, (paper, name, usage, evidence) in enumerate(
                draw(store, rel_type, args.n, args.seed), 1):
            text = " // ".join(cell(s) for s in sentences(evidence))
            print(f"| {i} | {paper} | {cell(name)} | {usage or ''} | {text} | |")
        print()


if __name__ == "__main__":
    main()
