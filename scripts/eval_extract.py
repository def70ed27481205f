"""Score the extractor on the seed page and the dev papers with the reference scorer.

Extracts ``../shared/data/seed/000_7516dfdabfa2a16b.txt`` and
``../shared/data/gold/hf_dev_papers.json`` (read with ``kg.sources``), writes the
predictions as JSONL, and scores them with ``../shared/tools/score.py`` itself
(imported, so the figures are the ones ``python ../shared/tools/score.py GOLD PRED
[--role]`` prints by hand).

Usage: python scripts/eval_extract.py [--shared ../shared] [--out DIR]
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
}
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="the shared directory (data/ and tools/score.py)")
    ap.add_argument("--out", type=Path, default=REPO / "build" / "eval",
                    help="where the prediction JSONL files are written")
    args = ap.parse_args()
    data = args.shared / "data"
    scorer = load_scorer(args.shared)
    args.out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor()
    for name, (source, gold) in SETS.items():
        pred = args.out / f"{name}_pred.jsonl"
        n = write_predictions(extractor, data / source, pred)
        plain, missing = scorer.score(str(data / gold), str(pred))
        roles, _ = scorer.score(str(data / gold), str(pred), role=True)
        print(f"== {name}: {n} papers, predictions in {pred}"
              + (f", {len(missing)} gold records unmatched" if missing else ""))
        print_table("  per type", plain, ROWS)
        print_table("  role-aware (--role)", roles, ROLE_ROWS)
        print(f"  role-aware micro-F1 {role_micro(roles):.3f} (tp/gold/pred summed "
              "over the six role rows, organization and metric)")


if __name__ == "__main__":
    main()
