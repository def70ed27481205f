"""Gold usage against predicted usage, over the entities the extractor matched.

Usage-aware F1 (``eval_extract.py``'s USAGE row) mixes two things: finding the
entity, and giving it the right usage. This script shows the second alone: for
each method, benchmark and model entity that matches a gold entity (the reference
scorer's alias-aware greedy match, per type), one count in the cell (gold usage,
predicted usage), per set, plus the share of matched entities whose usage is right.

``--half 0|1`` as in ``eval_extract.py``; ``--errors`` lists the wrong ones with the
sentences of their evidence (look only at half 0's; check on half 1).

Usage: python scripts/usage_confusion.py [--sets a,b] [--half 0|1] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_extract import REPO, SETS, gold_subset, load_scorer, write_predictions  # noqa: E402

from kg.extract import Extractor  # noqa: E402
from kg.records import USAGES  # noqa: E402


def confusion(scorer, gold: Path, pred: Path, errors: bool
              ) -> Counter[tuple[str, str, str]]:
    """(type, gold usage, predicted usage) -> matched entities; prints the wrong
    ones when ``errors``."""
    golds = scorer.load(str(gold), by_title=True)
    preds = scorer.load(str(pred), by_title=True)
    counts: Counter[tuple[str, str, str]] = Counter()
    for key, g in golds.items():
        p_ents = preds.get(key, {}).get("entities", [])
        for t in USAGES:
            pe = [e for e in p_ents if e.get("type") == t]
            used: set[int] = set()
            for e in (e for e in g["entities"] if e["type"] == t):
                hit = next((i for i, q in enumerate(pe) if i not in used
                            and scorer.names(e) & scorer.names(q)), None)
                if hit is None:
                    continue
                used.add(hit)
                gu, pu = e.get("usage"), pe[hit].get("usage")
                if not gu or e.get("usage_optional") or e.get("optional"):
                    continue
                counts[(t, gu, pu)] += 1
                if errors and gu != pu:
                    print(f"[{g['id']}] {t} {e['canonical']!r} gold={gu} pred={pu}")
                    for ev in pe[hit].get("evidence", [])[:4]:
                        print(f"      | {ev.get('sentence', '')[:300]}")
    return counts


def print_confusion(name: str, counts: Counter[tuple[str, str, str]]) -> None:
    right = sum(n for (_, g, p), n in counts.items() if g == p)
    total = sum(counts.values())
    print(f"== {name}: usage right on {right}/{total} matched entities "
          f"({right / total if total else 0:.3f})")
    for t, values in USAGES.items():
        print(f"  {t:9s} gold\\pred " + " ".join(f"{v[:5]:>5s}" for v in values))
        for g in values:
            row = [counts.get((t, g, p), 0) for p in values]
            if any(row):
                print(f"  {'':9s} {g:9s} " + " ".join(f"{n:5d}" for n in row))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "build" / "usage")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--half", type=int, choices=(0, 1))
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    scorer = load_scorer(args.shared)
    data = args.shared / "data"
    args.out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor()
    total: Counter[tuple[str, str, str]] = Counter()
    for name in [s.strip() for s in args.sets.split(",") if s.strip()]:
        source, gold = SETS[name]
        pred = args.out / f"{name}_pred.jsonl"
        write_predictions(extractor, data / source, pred, args.half)
        gold_path = data / gold if args.half is None else gold_subset(
            scorer, data / gold, pred, args.out / f"{name}_gold_half{args.half}.jsonl")
        counts = confusion(scorer, gold_path, pred, args.errors)
        print_confusion(name, counts)
        total.update(counts)
    print_confusion("all sets", total)
    print(json.dumps({"right": sum(n for (_, g, p), n in total.items() if g == p),
                      "matched": sum(total.values())}))


if __name__ == "__main__":
    main()
