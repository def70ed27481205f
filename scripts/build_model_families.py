"""Derive model family names from Epoch AI's model database for the model grammar.

A family is the capitalised name that several Epoch model names start with before a
version or size ("Baichuan 2 13B", "Baichuan-7B" -> Baichuan; "YOLOv8x", "YOLOv3" ->
YOLO). It is kept when at least ``--min-models`` distinct Epoch models carry it, it
is not a common lower-case word of the arXiv corpus ("Step 3", "Word2Vec" would fire
on prose), it is not a named architecture (the guidelines type ResNet, Mamba, LSTM
as methods: ``kg/extract/data/architecture_families.tsv`` and the methods gazetteer
list them) and the curated ``model_families.tsv`` does not already hold it.

Every derived family needs a version or size to be a model name (bare = 0): "Hermes"
alone is a word, "Hermes 3" a model. The output is sorted, so the same inputs give
a byte-identical file.

Usage: python scripts/build_model_families.py [--shared ../shared/data]
       [--min-models 2] [--sample 30000]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from build_gazetteers import common_words  # noqa: E402

from kg.extract.data_files import read_jsonl, read_tsv  # noqa: E402

OUT = REPO / "kg" / "extract" / "data" / "model_families_epoch.tsv"
# A capitalised family, one more capitalised word at most ("Stable Video"), then a
# version or size: a digit, "v3"/"V2", "-X1". A trailing "v" before a digit belongs
# to the version ("YOLOv8").
_FAMILY = re.compile(
    r"^([A-Z][A-Za-z]+(?:[- ][A-Z][A-Za-z]+)?)(?=[-_ ]?[vV]?\d|-[A-Z]?\d)")
HEADER = (
    "# Model families derived from Epoch AI's \"All AI Models\" database\n"
    "# (epoch_all_ai_models.csv, CC-BY 4.0, https://epoch.ai/data) by\n"
    "# scripts/build_model_families.py: names that at least {n} Epoch models start\n"
    "# with before a version or size, minus common words and named architectures.\n"
    "# columns: family<TAB>ignore_case(0/1)<TAB>bare(0/1)<TAB>organization"
    "<TAB>epoch_models\n")


def family_of(model: str) -> str | None:
    """The family an Epoch model name starts with, or None ("GPT-4o" -> GPT)."""
    m = _FAMILY.match(re.sub(r"\s+", " ", model).strip())
    if m is None:
        return None
    name = m.group(1)
    # "YOLOv8", "DeBERTaV3": the v of a version, not of the name ("RWKV-4").
    if len(name) > 3 and (name[-1] == "v" and name[-2].isupper()
                          or name[-1] == "V" and name[-2].islower()):
        return name[:-1]
    return name


def epoch_families(path: Path) -> dict[str, tuple[set[str], str]]:
    """family -> (its distinct Epoch model names, the organization most of them
    have, or "" when none has a majority)."""
    models: dict[str, set[str]] = defaultdict(set)
    orgs: dict[str, Counter[str]] = defaultdict(Counter)
    with path.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            fam = family_of(rec["Model"])
            if fam is None:
                continue
            models[fam].add(rec["Model"].strip())
            orgs[fam][rec["Organization"].split(",")[0].strip()] += 1
    out = {}
    for fam, names in models.items():
        org, n = orgs[fam].most_common(1)[0]
        out[fam] = (names, org if 2 * n > sum(orgs[fam].values()) else "")
    return out


def refused_families() -> set[str]:
    """Lower-cased names that must not become model families: named architectures,
    the methods gazetteer, and the curated families (already present)."""
    data = REPO / "kg" / "extract" / "data"
    out = {row[0].lower() for row in read_tsv("architecture_families.tsv")}
    out.update(row["pattern"].lower() for row in read_jsonl(data / "methods.jsonl"))
    out.update(row[0].lower() for row in read_tsv("model_families.tsv"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min-models", type=int, default=2)
    ap.add_argument("--sample", type=int, default=30000,
                    help="arXiv abstracts read to learn common lower-case words")
    args = ap.parse_args()
    shared = args.shared if args.shared.is_absolute() else REPO / args.shared
    common = common_words(shared / "arxiv_cs" / "arxiv_cs_2025_2026.jsonl.gz",
                          args.sample)
    refused = refused_families()
    rows = []
    for fam, (models, org) in epoch_families(
            shared / "gazetteers" / "epoch_all_ai_models.csv").items():
        words = fam.replace("-", " ").split()
        if len(models) < args.min_models or fam.lower() in refused or \
                len(fam) < 3 or any(w.lower() in common for w in words):
            continue
        rows.append(f"{fam}\t0\t0\t{org}\t{len(models)}")
    OUT.write_text(HEADER.format(n=args.min_models) + "\n".join(sorted(rows)) + "\n",
                   encoding="utf-8")
    print(f"{OUT.relative_to(REPO)}: {len(rows)} families")


if __name__ == "__main__":
    main()
