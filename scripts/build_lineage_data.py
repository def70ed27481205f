"""Build ``kg/resolve/data/model_developers.tsv`` from Epoch AI's model database.

Usage: ``python scripts/build_lineage_data.py [EPOCH_CSV] [-o OUT]``; by default it
reads ``../shared/data/gazetteers/epoch_all_ai_models.csv`` beside the repository.
The output keeps Epoch's attribution (CC-BY 4.0) in its header.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.resolve.developers import (
    DATA_FILE,
    developer_rows,
    read_epoch_csv,
    write_table,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CSV = REPO.parent / "shared" / "data" / "gazetteers" / "epoch_all_ai_models.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV,
                        help="Epoch AI epoch_all_ai_models.csv")
    parser.add_argument("-o", "--output", type=Path, default=DATA_FILE,
                        help="where to write the TSV")
    args = parser.parse_args(argv)
    rows = developer_rows(read_epoch_csv(args.csv))
    write_table(rows, args.output)
    kinds = sum(kind == "family" for _, kind, _ in rows)
    print(f"{args.output}: {len(rows)} rows ({kinds} family rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
