"""The fee scan's share of the per-file cost: this checkout against another, measured in one run.

    python benchmarks/fee_cost.py --against /tmp/before/src            # this checkout vs. an older one
    python benchmarks/fee_cost.py --against /tmp/before/src --rounds 5 --files 400

Issue 11 asks that the fee scan stay within +15 % of the per-file cost it had when the issue was filed. For each
checkout (its ``src`` folder, imported in a child process of its own) and two sets of files, the child checks
every file with all built-in packs and with all packs but ``fees`` (the baseline of the same engine), and reports
CPU milliseconds per file, best of ``--rounds``. The two checkouts alternate, so machine load hits both:

* **generated** — the synthetic declarations of ``benchmarks/bench_batch.py`` (``benchmarks/generate.py``): what a
  batch of submissions costs, most without any notice text;
* **fee notices** — every text of the eval4 and eval12 corpora wrapped as a notice: the worst case, a batch in
  which every file is a fee notice with tables.

Per-text caches of the fee kinds are emptied before each file (a batch meets each text once). Only ratios taken
in the same run are meant to be compared; absolute milliseconds depend on the machine.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPORA = ("eval4", "eval12")
ORGANISATION = {"name": "中国某某行业协会", "code": "CXXA"}
STANDARD = {"number": "T/CXXA 1—2025", "title": "某某产品技术要求"}


def _write_files(folder: Path, count: int) -> tuple[list[Path], list[Path]]:
    """The generated declarations and the wrapped fee notices, written once for both checkouts."""
    import yaml

    sys.path.insert(0, str(REPO / "benchmarks"))
    import generate  # the batch benchmark's generator, from this checkout

    generated = folder / "generated"
    generate.generate(generated, count)
    notices = folder / "notices"
    notices.mkdir()
    texts: list[dict[str, Any]] = []
    for corpus in CORPORA:
        for half in ("dev", "held"):
            path = REPO / "tests" / "fees" / corpus / f"{half}.yaml"
            texts += yaml.safe_load(path.read_text(encoding="utf-8"))
    paths = []
    for i, item in enumerate(texts):
        notice = {"title": item.get("title") or "通知", "text": item["text"]}
        doc = {"standard": STANDARD, "organization": dict(ORGANISATION, notices=[notice])}
        path = notices / f"{i:04d}.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return sorted(generated.glob("**/*.yaml")), paths


def _child(listing: Path, rounds: int) -> None:
    """In a child process importing one checkout: CPU ms per file with and without ``fees``, per file set."""
    from tstd.engine.context import Context
    from tstd.engine.runner import Engine
    from tstd.inputs.declaration import DeclarationLoader
    from tstd.run import CheckOptions, build_engine

    full = build_engine(CheckOptions())
    without = Engine([p for p in full.packs if p.id != "fees"], Context(), DeclarationLoader())
    caches = []
    for name in ("tstd.fees.text", "tstd.fees.items"):
        try:
            module = importlib.import_module(name)
        except ImportError:  # an older checkout without the module
            continue
        caches += [getattr(module, f) for f in ("prepare", "_normalised") if hasattr(getattr(module, f, None), "cache_clear")]

    def run(engine: Engine, paths: list[Path]) -> float:
        start = time.process_time()
        for path in paths:
            for cache in caches:
                cache.cache_clear()
            engine.check_path(path)
        return (time.process_time() - start) / len(paths) * 1000

    sets = json.loads(listing.read_text(encoding="utf-8"))
    out = {}
    for label, names in sets.items():
        paths = [Path(n) for n in names]
        run(full, paths)  # warm the loader's caches
        out[label] = [min(run(full, paths) for _ in range(rounds)), min(run(without, paths) for _ in range(rounds))]
    print(json.dumps(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, help="the other checkout's src folder (required)")
    parser.add_argument("--rounds", type=int, default=3, help="passes per child; the best is kept")
    parser.add_argument("--alternations", type=int, default=2, help="times each checkout is measured")
    parser.add_argument("--files", type=int, default=400, help="generated declarations")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.rounds)
        return
    if args.against is None:
        parser.error("--against SRC is required: the checkout to compare with")
    with tempfile.TemporaryDirectory() as tmp:
        generated, notices = _write_files(Path(tmp), args.files)
        listing = Path(tmp) / "files.json"
        listing.write_text(json.dumps({"generated": [str(p) for p in generated],
                                       "fee notices": [str(p) for p in notices]}), encoding="utf-8")
        sources = {"before": args.against.resolve(), "this checkout": REPO / "src"}
        best: dict[str, dict[str, list[float]]] = {}
        for _ in range(args.alternations):
            for name, src in sources.items():
                env = dict(os.environ, PYTHONPATH=str(src), PYTHONDONTWRITEBYTECODE="1")
                result = subprocess.run([sys.executable, __file__, "--child", str(listing), "--rounds", str(args.rounds)],
                                        env=env, capture_output=True, text=True, check=True)
                figures = json.loads(result.stdout.strip().splitlines()[-1])
                mine = best.setdefault(name, {})
                for label, (full, without) in figures.items():
                    old = mine.get(label)
                    mine[label] = [min(full, old[0]), min(without, old[1])] if old else [full, without]
    print(f"{len(generated)} generated declarations, {len(notices)} fee notices; CPU ms per file, best of "
          f"{args.rounds} × {args.alternations}")
    for label in ("generated", "fee notices"):
        before, after = best["before"][label], best["this checkout"][label]
        share_before, share_after = before[0] - before[1], after[0] - after[1]
        print(f"{label}: all packs {before[0]:.2f} → {after[0]:.2f} ms ({after[0] / before[0]:.2f}×); "
              f"fee scan (all − without fees) {share_before:.2f} → {share_after:.2f} ms "
              f"({share_after / share_before if share_before > 0 else float('nan'):.2f}×)")


if __name__ == "__main__":
    main()
