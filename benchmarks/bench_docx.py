"""Benchmark of the Word-draft path: tstd's .docx reading (all paragraphs, tables and text boxes, cover and
front-matter parse, citations) against python-docx's bare paragraph read of the same files
(``[p.text for p in Document(f).paragraphs]``), plus a full ``check`` with 2 worker processes.

Figures are reported as ratios to the baseline measured in the same run, and batch throughput also from CPU
time (independent of the machine's load). Usage::

    PYTHONPATH=src python benchmarks/bench_docx.py [DOCX_OR_DIR ...] [--repeat 5] [--batch 200] [--json]

Without arguments it generates a template-styled and a plain draft (tests/pdf/wordgen.py) in a temporary
directory.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from timing import best

REPO = Path(__file__).resolve().parent.parent


def generated(directory: Path) -> list[Path]:
    """A template-styled and a plain draft of the test standard, with a requirement citing standards."""
    sys.path.insert(0, str(REPO / "tests"))
    from pdf.pdfgen import standard
    from pdf.wordgen import write_docx

    spec = standard(requirements=[f"4.{i} 应符合GB 4943.1—2022第{i}章的规定。" for i in range(1, 40)])
    return [write_docx(directory / "styled.docx", spec, styled=True),
            write_docx(directory / "plain.docx", spec, styled=False)]


def tool(path: Path) -> Any:
    from tstd.docx.reader import extract

    return extract(path)


def bare(path: Path) -> int:
    import docx

    return sum(len(p.text) for p in docx.Document(str(path)).paragraphs)


_ENGINE: Any = None


def _init_worker() -> None:
    global _ENGINE
    from tstd.run import CheckOptions, build_engine

    _ENGINE = build_engine(CheckOptions())


def _check_one(path: str) -> float:
    start = time.process_time()
    _ENGINE.check_path(Path(path))
    return time.process_time() - start


def throughput(files: list[Path], count: int, jobs: int = 2) -> tuple[float, float]:
    """(DOCX/s wall, DOCX/s from CPU time) over ``count`` checks with ``jobs`` worker processes."""
    names = [str(files[i % len(files)]) for i in range(count)]
    with ProcessPoolExecutor(jobs, initializer=_init_worker) as pool:
        list(pool.map(_check_one, names[:jobs]))  # warm the workers (imports, engine)
        start = time.perf_counter()
        cpu = sum(pool.map(_check_one, names))
        wall = time.perf_counter() - start
    return count / wall, jobs * count / cpu if cpu else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files: list[Path] = []
        for arg in args.paths:
            p = Path(arg)
            files += sorted(p.rglob("*.docx")) if p.is_dir() else [p]
        files = files or generated(Path(tmp))
        bare(files[0])
        tool(files[0])  # imports paid once, outside the timings
        rows = []
        for f in files:
            t = best(lambda f=f: tool(f), args.repeat)
            b = best(lambda f=f: bare(f), args.repeat)
            rows.append({"file": f.name, "tstd_ms": t * 1000, "python_docx_ms": b * 1000, "ratio": t / b})
        wall, cpu = throughput(files, args.batch)
        total_t = sum(r["tstd_ms"] for r in rows)
        total_b = sum(r["python_docx_ms"] for r in rows)
        load = os.getloadavg()[0]
        if args.json:
            print(json.dumps({"files": rows, "ratio": total_t / total_b, "batch_wall_per_s": wall,
                              "batch_cpu_per_s": cpu, "load": load}, indent=2))
            return
        print(f"{'file':<20} {'tstd ms':>9} {'python-docx paragraphs ms':>26} {'tstd / bare':>12}")
        for r in rows:
            print(f"{r['file']:<20} {r['tstd_ms']:9.1f} {r['python_docx_ms']:26.1f} {r['ratio']:12.2f}")
        print(f"total: tstd / python-docx bare paragraph read = ×{total_t / total_b:.2f}")
        print(f"batch, 2 worker processes (full check; load average {load:.1f}): {wall:.0f} DOCX/s wall, "
              f"{cpu:.0f} DOCX/s from CPU time")


if __name__ == "__main__":
    main()
