"""Score the extractor on the four gold sets with the reference scorer.

Extracts the seed page, ``hf_dev``, ``hf_dev2`` and ``arxiv_dev`` papers of
``../shared/data/gold`` (read with ``kg.sources``), writes the predictions as JSONL,
and scores them with ``../shared/tools/score.py`` itself (imported, so the figures
are the ones ``python ../shared/tools/score.py GOLD PRED [--role] [--usage]`` prints
by hand). Ends with a one-line-per-set summary: micro-F1, role-aware and usage-aware
micro-F1 (the scorer's USAGE row) and per-type F1.

Usage: python scripts/eval_extract.py [--shared ../shared] [--out DIR] [--sets a,b]
       [--brief]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from types import ModuleType

from kg.extract import Extractor
from kg.sources import read_papers

REPO = Path(__file__).resolve().parents[1]
SETS = {  # name -> (input relative to shared/data, gold relative to shared/data)
    "seed": ("seed/000_7516dfdabfa2a16b.txt", "gold/seed_gold.jsonl"),
    "dev": ("gold/hf_dev_papers.json", "gold/hf_dev_gold.jsonl"),
    "hf_dev2": ("gold/hf_dev2_papers.json", "gold/hf_dev2_gold.jsonl"),
    "arxiv_dev": ("gold/arxiv_dev_papers.jsonl", "gold/arxiv_dev_gold.jsonl"),
}
TYPES = ("method", "benchmark", "model", "organization", "metric")
USAGE_ROWS = ("method@proposed", "method@used", "method@mentioned",
              "benchmark@proposed", "benchmark@evaluated", "benchmark@mentioned",
              "model@proposed", "model@base", "model@tool", "model@evaluated",
              "model@mentioned", "USAGE")
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


def write_predictions(extractor: Extractor, source: Path, out: Path) -> int:
    """Extract every paper of ``source`` and write one record per line."""
    papers = read_papers([source])
    with out.open("w", encoding="utf-8") as fh:
        for record in extractor.extract_many(papers):
            fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    return len(papers)


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
        n = write_predictions(extractor, data / source, pred)
        plain, missing = scorer.score(str(data / gold), str(pred))
        roles, _ = scorer.score(str(data / gold), str(pred), role=True)
        usages, _ = scorer.score(str(data / gold), str(pred), usage=True)
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
