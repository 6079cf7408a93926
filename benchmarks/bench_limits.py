"""Precision and recall of the limit check (requirement looser than a mandatory limit) on a fixed corpus, and the
start-up cost of the catalogue.

The corpus (``benchmarks/data/limits_corpus.yaml``) was written before the matcher was tuned: requirement rows as
group standards state them, each labelled looser / ok / unrelated against the mandatory limit that covers it. The
rows are split in two halves with a fixed seed; the matcher was tuned on ``dev`` only, ``held`` is the honest figure.
A row counts as flagged when the check reports a looser or contradicting requirement; ``looser`` rows are the
positives, ``ok`` and ``unrelated`` rows the negatives.

Start-up: loading and indexing the built-in catalogue (every file in ``rules/catalogue/``), parsed (``TSTD_NO_CACHE``)
and from the start-up cache, against parsing only the original single file ``rules/catalogue/mandatory.yaml``, as
ratios measured in the same run.

    PYTHONPATH=src python benchmarks/bench_limits.py [--show-errors]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best

from tstd.catalog import Catalogue, load_catalogue
from tstd.catalog.limits import Verdict, check_requirement, parse_requirement
from tstd.catalog.load import data_path

CORPUS = Path(__file__).resolve().parent / "data" / "limits_corpus.yaml"
SEED = 17  # fixed: the dev/held split must never change once tuning has started


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def split(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """dev / held halves, stratified by expected label so both halves hold every kind of row."""
    rng = random.Random(SEED)
    halves: dict[str, list[dict[str, Any]]] = {"dev": [], "held": []}
    for label in ("looser", "ok", "unrelated"):
        group = [r for r in rows if r["expected"] == label]
        rng.shuffle(group)
        cut = len(group) // 2
        halves["dev"].extend(group[:cut])
        halves["held"].extend(group[cut:])
    return halves


def flagged(cat: Catalogue, row: dict[str, Any]) -> tuple[bool, str]:
    item = {k: row.get(k) for k in ("indicator", "op", "value", "unit", "applies_to")}
    req = parse_requirement(item)
    if not hasattr(req, "op"):
        return False, f"unreadable: {req}"
    conflicts = [c for c in check_requirement(cat, req, title=str(row["product"]))  # type: ignore[arg-type]
                 if c.verdict in (Verdict.LOOSER, Verdict.CONTRADICTS)]
    why = "; ".join(f"{c.entry.key} {c.limit.label} {c.limit_shown} ({c.limit.applies.text})" for c in conflicts)
    return bool(conflicts), why


def score(cat: Catalogue, rows: list[dict[str, Any]], show: bool) -> Score:
    out = Score()
    for row in rows:
        hit, why = flagged(cat, row)
        positive = row["expected"] == "looser"
        if hit and positive:
            out.tp += 1
        elif hit:
            out.fp += 1
            if show:
                print(f"  FP  {row['product']} {row['indicator']} {row['op']} {row['value']} {row['unit']} → {why}")
        elif positive:
            out.fn += 1
            if show:
                print(f"  FN  {row['product']} {row['indicator']} {row['op']} {row['value']} {row['unit']}"
                      f" (expected against {row['mandatory']}: {row['limit']})")
        else:
            out.tn += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-errors", action="store_true", help="list false positives and negatives (dev only)")
    parser.add_argument("--held-errors", action="store_true", help="also list the held half's errors")
    args = parser.parse_args()
    rows = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["rows"]
    cat = load_catalogue()
    print(f"corpus: {len(rows)} rows; catalogue: {len(cat)} editions, {len(cat.limits)} limits in "
          f"{len({lim.standard for lim in cat.limits})} standards")
    for name, part in split(rows).items():
        show = args.show_errors and (name == "dev" or args.held_errors)
        s = score(cat, part, show)
        print(f"{name:5} rows={len(part):3}  precision={s.precision:.3f}  recall={s.recall:.3f}  "
              f"(tp={s.tp} fp={s.fp} fn={s.fn} tn={s.tn})")
    old = data_path("rules", "catalogue", "mandatory.yaml")
    t_old = best(lambda: load_catalogue([old], replace=True), repeat=3)
    os.environ["TSTD_NO_CACHE"] = "1"
    t_cold = best(load_catalogue, repeat=3)
    del os.environ["TSTD_NO_CACHE"]
    load_catalogue()  # fills the start-up cache
    t_new = best(load_catalogue, repeat=3)
    reqs = [parse_requirement({k: r.get(k) for k in ("indicator", "op", "value", "unit", "applies_to")})
            for r in rows]
    pairs = [(q, str(r["product"])) for q, r in zip(reqs, rows, strict=True) if hasattr(q, "op")]
    t_match = best(lambda: [check_requirement(cat, q, title=t) for q, t in pairs], repeat=3)  # type: ignore[arg-type]
    print(f"start-up: full catalogue / original single file (parsed) = {t_cold / t_old:.2f}x without the cache, "
          f"{t_new / t_old:.2f}x from the cache; matching {len(pairs)} rows = {t_match / t_old:.3f}x one original load")


if __name__ == "__main__":
    main()
