"""Build the extractor's gazetteers (kg/extract/data/*.jsonl) from the shared data.

Sources (each output file's first line names them and their licence):
- Epoch AI "All AI Models" (CC-BY 4.0): model names and organizations;
- EleutherAI lm-evaluation-harness task families (MIT): benchmark names;
- Papers with Code results and task names (CC-BY-SA 4.0) and sota-extractor tasks
  (Apache-2.0): dataset/benchmark names, metric names, task names (concepts);
- paper-kg's curated lists in kg/extract/data/curated (MIT).

Names that are ordinary English words would fire everywhere ("Tower", "Helix",
"Lost and Found"), so a name is dropped when its words occur in lower case in many
arXiv abstracts (``--corpus``): a data-driven stop list, not a hand-made one.

Usage: python scripts/build_gazetteers.py [--shared ../shared/data] [--sample 30000]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.extract.models import is_architecture  # noqa: E402
from kg.extract.names import NOT_NAMES, is_size_token  # noqa: E402

OUT = REPO / "kg" / "extract" / "data"
CURATED = OUT / "curated"
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
SPLIT_SUFFIX = re.compile(
    r"[\s,(-]+(?:test|val|valid|validation|dev|train|test-dev|test-std|testA|testB|"
    r"full|small|val2017|test2017)\b.*$", re.I)

ATTRIBUTION = {
    "epoch": "Epoch AI, All AI Models database, CC-BY 4.0 (https://epoch.ai/data)",
    "lm-eval": "EleutherAI lm-evaluation-harness task families, MIT",
    "pwc": "Papers with Code (paperswithcode.com) results and task names, CC-BY-SA 4.0",
    "sota-extractor": "paperswithcode/sota-extractor task tables, Apache-2.0",
    "curated": "paper-kg curated list (kg/extract/data/curated), MIT",
}


def common_words(corpus: Path, sample: int, min_docs: int = 3) -> set[str]:
    """Lower-case words found in at least ``min_docs`` of ``sample`` arXiv abstracts."""
    counts: Counter[str] = Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= sample:
                break
            rec = json.loads(line)
            text = f"{rec.get('title', '')} {rec.get('summary', '')}"
            counts.update({w for w in WORD.findall(text) if w.islower()})
    return {w for w, n in counts.items() if n >= min_docs}


def is_specific(name: str, common: set[str]) -> bool:
    """A name that will not fire on ordinary prose: it has a digit or an inner
    capital, or some word of it is not a common lower-case word."""
    if len(name) < 2 or len(name) > 60 or not re.search(r"[A-Za-z]", name):
        return False
    if re.search(r"\d", name) and re.search(r"[A-Za-z]{2}", name):
        return True
    words = WORD.findall(name)
    if not words:
        return False
    if any(re.search(r".[A-Z]", w) for w in words):  # CamelCase / acronyms
        return not all(w.lower() in common for w in words) or any(
            w.isupper() and len(w) >= 3 for w in words)
    return not all(w.lower() in common for w in words)


def write_jsonl(path: Path, sources: Iterable[str], rows: list[dict]) -> None:
    """Write rows with an attribution header object; sorted for stable diffs."""
    unique = {(r["label"], r["pattern"], r.get("attr", "ORTH")): r for r in rows}
    with path.open("w", encoding="utf-8") as fh:
        header = {"_attribution": "; ".join(ATTRIBUTION[s] for s in sources),
                  "_generated_by": "scripts/build_gazetteers.py"}
        fh.write(json.dumps(header, ensure_ascii=False) + "\n")
        for key in sorted(unique):
            fh.write(json.dumps(unique[key], ensure_ascii=False) + "\n")
    print(f"{path.relative_to(REPO)}: {len(unique)} patterns")


def curated(name: str) -> list[tuple[str, str]]:
    rows = []
    for line in (CURATED / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            rows.append((cols[0], cols[1] if len(cols) > 1 else cols[0]))
    return rows


def clean_model_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    return re.sub(r"\s*\([^)]*\)$", "", name).strip()


def epoch_rows(path: Path, common: set[str]) -> tuple[list[dict], list[dict]]:
    """Model patterns (with organization) and organization patterns from Epoch.

    Epoch also lists architectures and algorithms ("ResNet-152", "LSTM", "DQN",
    "SimCLR"); the guidelines type those as methods or concepts, so a name that is
    a (sized) architecture or a curated concept, method or metric is no model.
    """
    refused = {s.lower() for f in ("concepts.tsv", "methods.tsv", "metrics.tsv")
               for s, _ in curated(f)}
    models, orgs = [], []
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            name = clean_model_name(rec["Model"])
            org = rec["Organization"].split(",")[0].strip()
            if is_specific(name, common) and len(name.split()) <= 5 and \
                    name.lower() not in refused and not is_architecture(name):
                models.append({"label": "model", "pattern": name, "org": org})
            for o in rec["Organization"].split(","):
                o = re.sub(r"\s*\(([^)]*)\)", "", o).split(" / ")[0].strip()
                if o and is_specific(o, common) and len(o.split()) <= 6:
                    orgs.append({"label": "organization", "pattern": o})
    return models, orgs


def pwc_rows(pwc: Path, common: set[str]) -> tuple[list[dict], list[dict]]:
    """Benchmark and metric patterns from PwC result tables and sota-extractor."""
    datasets: set[str] = set()
    metrics: set[str] = set()
    for csv_path in (pwc / "results").rglob("*_detailed.csv"):
        with csv_path.open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                for col in ("Common Datasets (Top 10)", "Benchmarks"):
                    datasets.update(x.strip() for x in (rec.get(col) or "").split(";"))
                metrics.update(x.strip() for x in (rec.get("SOTA Metrics") or "")
                               .split(";"))
    for js in (pwc / "sota_extractor_tasks").glob("*.json"):
        _walk_sota(json.loads(js.read_text(encoding="utf-8")), datasets, metrics)
    bench = []
    for d in datasets:
        d = SPLIT_SUFFIX.sub("", d).strip(" ,")
        if d and len(d.split()) <= 4 and re.search(r"[A-Z0-9]", d) and \
                is_specific(d, common):
            bench.append({"label": "benchmark", "pattern": d})
    met = []
    for m in metrics:
        m = re.sub(r"\s*\([^)]*\)", "", m).strip()
        words = WORD.findall(m)
        if 4 <= len(m) <= 30 and len(m.split()) <= 3 and words and \
                not all(w.lower() in common for w in words) and \
                not re.search(r"params|flops|time|speed|fps|size|memory", m, re.I):
            met.append({"label": "metric", "pattern": m, "attr": "ORTH",
                        "canonical": m})
    return bench, met


def _walk_sota(node: object, datasets: set[str], metrics: set[str]) -> None:
    if isinstance(node, list):
        for x in node:
            _walk_sota(x, datasets, metrics)
    elif isinstance(node, dict):
        if "dataset" in node and isinstance(node["dataset"], str):
            datasets.add(node["dataset"])
            metrics.update((node.get("sota") or {}).get("metrics") or [])
        for key in ("datasets", "subtasks"):
            _walk_sota(node.get(key) or [], datasets, metrics)


def not_benchmark_names(*groups: Iterable[str]) -> set[str]:
    """Lower-cased names a benchmark row must not take: the curated concepts,
    metrics and methods, known organizations, and the words that are never names
    (a PwC dataset called "SOTA", "CPU", "PSNR" or "MIT" is a homonym that would
    type every mention of the word as a benchmark)."""
    out = {n.lower() for n in NOT_NAMES}
    for group in groups:
        out.update(n.lower() for n in group)
    return out


def keep_benchmark(name: str, refused: set[str]) -> bool:
    """A benchmark pattern worth matching: not a refused name, not a size or
    dimension token ("7B", "3D"), and more than two letters or digits ("SD",
    "LM" are abbreviations of many things)."""
    return (name.lower() not in refused and not is_size_token(name)
            and len(re.sub(r"[^A-Za-z0-9]", "", name)) > 2)


def lm_eval_rows(path: Path, common: set[str]) -> list[dict]:
    """lm-eval family ids as case-insensitive benchmark patterns ("gsm8k" ~ GSM8K)."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            fam = rec["task_family"].split("/")[-1].replace("_", " ").strip()
            if fam and " " not in fam and fam.lower() not in common and len(fam) > 2:
                rows.append({"label": "benchmark", "pattern": fam, "attr": "LOWER"})
    return rows


def task_rows(path: Path) -> list[dict]:
    """PwC task names are fields and problems: concepts (matched case-insensitively)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        name = line.strip().strip('"').strip()
        if 3 < len(name) <= 50 and len(name.split()) <= 5 and not re.search(
                r"\d|\(", name):
            rows.append({"label": "concept", "pattern": name.lower(), "attr": "LOWER",
                         "canonical": name.lower()})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"),
                    help="the shared data directory (relative to the repo)")
    ap.add_argument("--sample", type=int, default=30000,
                    help="arXiv abstracts read to learn common lower-case words")
    args = ap.parse_args()
    shared = args.shared if args.shared.is_absolute() else REPO / args.shared
    gaz = shared / "gazetteers"
    common = common_words(shared / "arxiv_cs" / "arxiv_cs_2025_2026.jsonl.gz",
                          args.sample)
    models, orgs = epoch_rows(gaz / "epoch_all_ai_models.csv", common)
    write_jsonl(OUT / "models.jsonl", ["epoch"], models)
    write_jsonl(OUT / "organizations.jsonl", ["epoch"], orgs)
    bench, met = pwc_rows(gaz / "pwc", common)
    refused = not_benchmark_names(
        [s for f in ("concepts.tsv", "metrics.tsv", "methods.tsv")
         for s, _ in curated(f)],
        [r["pattern"] for r in orgs])
    bench = [r for r in bench + lm_eval_rows(gaz / "lm_eval_task_families.tsv",
                                             common)
             if keep_benchmark(r["pattern"], refused)]
    write_jsonl(OUT / "benchmarks.jsonl", ["pwc", "sota-extractor", "lm-eval"],
                bench)
    # A curated surface written with capitals ("mAP", "IS") matches only as
    # written: in lower case it is an ordinary word ("map", "is").
    met += [{"label": "metric", "pattern": s,
             "attr": "LOWER" if s.islower() or not re.search(r"[A-Z]", s) else "ORTH",
             "canonical": c}
            for s, c in curated("metrics.tsv")]
    write_jsonl(OUT / "metrics.jsonl", ["pwc", "sota-extractor", "curated"], met)
    # A method's written-out name of several words is matched in any case:
    # papers write "group relative policy optimization" as often as the title
    # case; a one-word name keeps its case ("Adam", not "adam").
    write_jsonl(OUT / "methods.jsonl", ["curated"],
                [{"label": "method", "pattern": s, "canonical": c}
                 | ({"attr": "LOWER"} if " " in s.strip() else {})
                 for s, c in curated("methods.tsv")])
    bench_names = {r["pattern"].lower() for r in bench}
    concepts = [r for r in task_rows(gaz / "pwc_task_names.txt")
                if r["pattern"] not in bench_names] + [
        {"label": "concept", "pattern": s, "canonical": c} for s, c in
        curated("concepts.tsv")]
    write_jsonl(OUT / "concepts.jsonl", ["pwc", "curated"], concepts)


if __name__ == "__main__":
    main()
