"""Score the extractor on the four gold sets with the reference scorer.

Extracts the seed page, ``hf_dev``, ``hf_dev2`` and ``arxiv_dev`` papers of
``../shared/data/gold`` (read with ``kg.sources``), writes the predictions as JSONL,
and scores them with ``../shared/tools/score.py`` itself (imported, so the figures
are the ones ``python ../shared/tools/score.py GOLD PRED [--role] [--usage]`` prints
by hand). Ends with a one-line-per-set summary: micro-F1, role-aware and usage-aware
micro-F1 (the scorer's USAGE row) and per-type F1.

``--half 0|1`` scores only the papers at even (0) or odd (1) positions of each
set, so rules can be written while looking at one half and checked on the other.
``--errors`` lists, per paper, the gold entities missed and the predictions that
match no gold entity (type, name; usage where it is wrong).

Usage: python scripts/eval_extract.py [--shared ../shared] [--out DIR] [--sets a,b]
       [--half 0|1] [--brief] [--errors]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from types import ModuleType

from kg.extract import Extractor
from kg.records import USAGES
from kg.sources import read_papers

REPO = Path(__file__).resolve().parents[1]
SETS = {  # name -> (input relative to shared/data, gold relative to shared/data)
    "seed": ("seed/000_7516dfdabfa2a16b.txt", "gold/seed_gold.jsonl"),
    "dev": ("gold/hf_dev_papers.json", "gold/hf_dev_gold.jsonl"),
    "hf_dev2": ("gold/hf_dev2_papers.json", "gold/hf_dev2_gold.jsonl"),
    "arxiv_dev": ("gold/arxiv_dev_papers.jsonl", "gold/arxiv_dev_gold.jsonl"),
}
TYPES = ("method", "benchmark", "model", "organization", "metric")
# The scorer's --usage rows: a row per type and usage value, then their micro average.
USAGE_ROWS = (*(f"{t}@{u}" for t, values in USAGES.items() for u in values), "USAGE")
ROWS = ("method", "benchmark", "model", "organization", "metric", "ALL")
ROLE_ROWS = ("method:proposed", "method:used", "benchmark:proposed",
             "benchmark:used", "model:proposed", "model:used", "ALL")


def load_scorer(shared: Path) -> ModuleType:
    """The reference scorer module, loaded from its file."""
    spec = importlib.util.spec_from_file_location("kg_ref_score",
                                                  shared / "tools" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_predictions(extractor: Extractor, source: Path, out: Path,
                      half: int | None = None) -> int:
    """Extract every paper of ``source`` (or of its ``half``) and write one record
    per line."""
    papers = read_papers([source])
    if half is not None:
        papers = papers[half::2]
    with out.open("w", encoding="utf-8") as fh:
        for record in extractor.extract_many(papers):
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    return len(papers)


def gold_subset(scorer: ModuleType, gold: Path, pred: Path, out: Path) -> Path:
    """The gold records of the papers in ``pred`` (matched by title, as the scorer
    matches), written to ``out``."""
    titles = set(scorer.load(str(pred), by_title=True))
    with gold.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            record = json.loads(line) if line.strip() else {}
            key = scorer.title_key(record.get("title")) if record else ""
            if key in titles:
                dst.write(line)
    return out


def print_errors(scorer: ModuleType, gold: Path, pred: Path) -> None:
    """Per paper: gold entities no prediction matches (MISS), predictions that match
    no gold entity (FP), and matched entities whose usage differs (USAGE)."""
    golds = scorer.load(str(gold), by_title=True)
    preds = scorer.load(str(pred), by_title=True)
    for key, g in golds.items():
        lines = []
        p_ents = preds.get(key, {}).get("entities", [])
        for t in TYPES:
            ge = [e for e in g["entities"] if e["type"] == t]
            pe = [e for e in p_ents if e.get("type") == t]
            used: set[int] = set()
            for e in ge:
                hit = next((i for i, q in enumerate(pe) if i not in used
                            and scorer.names(e) & scorer.names(q)), None)
                if hit is None:
                    if not e.get("optional"):
                        lines.append(f"    MISS {t:9s} {e['canonical']!r}"
                                     f" ({e.get('usage') or e.get('role') or ''})")
                    continue
                used.add(hit)
                if e.get("usage") and pe[hit].get("usage") not in (None, e["usage"]) \
                        and not e.get("usage_optional"):
                    lines.append(f"    USAGE {t:9s} {e['canonical']!r} gold="
                                 f"{e['usage']} pred={pe[hit].get('usage')}")
            for i, q in enumerate(pe):
                if i not in used:
                    lines.append(f"    FP   {t:9s} {q['canonical']!r}"
                                 f" ({q.get('usage') or q.get('role') or ''})")
        if lines:
            print(f"  [{g['id']}] {g['title'][:90]}")
            print("\n".join(lines))


def print_table(title: str, rows: dict, keys: tuple[str, ...]) -> None:
    print(title)
    for k in keys:
        if k in rows:
            r = rows[k]
            print(f"  {k:20s} P={r['P']:.3f} R={r['R']:.3f} F1={r['F1']:.3f}  "
                  f"(tp={r['tp']} gold={r['gold']} pred={r['pred']})")


def role_micro(rows: dict) -> float:
    """Micro-F1 where a method/benchmark/model counts only with the right role."""
    keys = [k for k in ROLE_ROWS if k != "ALL"] + ["organization", "metric"]
    tp, gold, pred = (sum(rows[k][f] for k in keys if k in rows)
                      for f in ("tp", "gold", "pred"))
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def summary_line(name: str, plain: dict, roles: dict, usages: dict) -> str:
    """One line a set: micro, role-aware, usage-aware, then each scored type."""
    types = " ".join(f"{t[:5]}={plain[t]['F1']:.3f}" for t in TYPES
                     if t in plain and plain[t]["gold"])
    usage = usages.get("USAGE", {}).get("F1", 0.0)
    return (f"  {name:10s} micro={plain['ALL']['F1']:.3f} "
            f"role={role_micro(roles):.3f} usage={usage:.3f}  {types}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared directory (data/ and tools/score.py)")
    ap.add_argument("--out", type=Path, default=REPO / "build" / "eval",
                    help="where the prediction JSONL files are written")
    ap.add_argument("--sets", default=",".join(SETS),
                    help="comma-separated gold sets to score (default: all four)")
    ap.add_argument("--half", type=int, choices=(0, 1),
                    help="score only the papers at even (0) or odd (1) positions")
    ap.add_argument("--errors", action="store_true",
                    help="list each paper's misses and false positives")
    ap.add_argument("--brief", action="store_true",
                    help="print only the summary lines")
    args = ap.parse_args()
    chosen = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SETS]
    if unknown:
        ap.error(f"unknown set(s) {', '.join(unknown)}; choose from {', '.join(SETS)}")
    data = args.shared / "data"
    scorer = load_scorer(args.shared)
    args.out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor()
    summary = []
    for name in chosen:
        source, gold = SETS[name]
        pred = args.out / f"{name}_pred.jsonl"
        n = write_predictions(extractor, data / source, pred, args.half)
        gold_path = data / gold if args.half is None else gold_subset(
            scorer, data / gold, pred, args.out / f"{name}_gold_half{args.half}.jsonl")
        plain, missing = scorer.score(str(gold_path), str(pred))
        roles, _ = scorer.score(str(gold_path), str(pred), role=True)
        usages, _ = scorer.score(str(gold_path), str(pred), usage=True)
        if args.errors:
            print(f"== {name}: errors")
            print_errors(scorer, gold_path, pred)
        if not args.brief:
            print(f"== {name}: {n} papers, predictions in {pred}"
                  + (f", {len(missing)} gold records unmatched" if missing else ""))
            print_table("  per type", plain, ROWS)
            print_table("  role-aware (--role)", roles, ROLE_ROWS)
            print(f"  role-aware micro-F1 {role_micro(roles):.3f} (tp/gold/pred "
                  "summed over the six role rows, organization and metric)")
            print_table("  usage-aware (--usage)", usages, USAGE_ROWS)
        summary.append(summary_line(name, plain, roles, usages))
    print("== summary (F1)")
    for line in summary:
        print(line)


if __name__ == "__main__":
    main()
