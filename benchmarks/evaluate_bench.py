"""How much `tstd evaluate` costs on top of checking the same declarations (ratios, same run).

Builds an organisation directory of N declarations (copies of the ZJSHA example with their own numbers),
then times, in one process with one engine: checking every declaration (the baseline), loading the
directory for evaluation (the same check, keeping the data), scoring, and rendering JSON, Markdown and HTML.

    PYTHONPATH=src python benchmarks/evaluate_bench.py [N]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from timing import best

from tstd.evaluate import evaluate, load_model, render_html, render_json, render_markdown
from tstd.evaluate.orgdir import load_organization_dir
from tstd.run import CheckOptions, build_engine, check_paths

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "org-zjsha"


def build(target: Path, n: int) -> None:
    shutil.copy(EXAMPLE / "organization.yaml", target / "organization.yaml")
    shutil.copytree(EXAMPLE / "evidence", target / "evidence")
    sources = sorted(EXAMPLE.glob("T-*.yaml"))
    for i in range(n):
        text = sources[i % len(sources)].read_text("utf-8")
        seq = f"{100 + i:03d}"
        for old in ("003", "007", "010", "012"):
            text = text.replace(f"T/ZJSHA {old}—", f"T/ZJSHA {seq}—")
        (target / f"T-ZJSHA-{seq}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    engine = build_engine(CheckOptions())
    model = load_model()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, n)
        check = best(lambda: check_paths([root], engine))
        load = best(lambda: load_organization_dir(root, engine))
        org = load_organization_dir(root, engine)
        score = best(lambda: evaluate(model, org.organization, org.standards, org.answers))
        ev = evaluate(model, org.organization, org.standards, org.answers)
        renders = {name: best(lambda fn=fn: fn(ev)) for name, fn in
                   (("json", render_json), ("markdown", render_markdown), ("html", render_html))}
    print(f"{n} declarations; baseline = checking them all ({check * 1000:.0f} ms in this run)")
    print(f"load directory / check: {load / check:.2f}")
    print(f"score          / check: {score / check:.3f}")
    for name, seconds in renders.items():
        print(f"render {name:8}/ check: {seconds / check:.3f}")


if __name__ == "__main__":
    main()
