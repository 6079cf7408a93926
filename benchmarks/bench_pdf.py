"""Benchmark of the PDF path: tstd's page-limited PDFium extraction against pdfplumber reading every page
and ``pdftotext -f 1 -l 5`` (poppler-utils) on the same files, plus batch throughput with 2 worker processes
(the extraction alone, and a real ``tstd check DIR --jobs 2 --no-cache`` of ``--batch`` PDFs against
``--jobs 0`` on the same folder) and the wall time of a one-file ``tstd check x.pdf`` run.

Every figure is reported next to a baseline measured in the same run (ratios), so results from different
machines compare. Wall-clock figures suffer when other processes share the cores, so the batch and one-file
figures are also given in CPU time (what the work costs, independent of the machine's load). Usage::

    PYTHONPATH=src python benchmarks/bench_pdf.py [PDF_OR_DIR ...] [--repeat 5] [--batch 200] [--json]

Without arguments it uses the sample PDFs in tests/fixtures/pdf (one 30-page standard, five text layers).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from measure import Measured, run_tstd
from timing import best

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "fixtures" / "pdf"
EXAMPLE = REPO / "examples" / "compliant-rice-cooker.yaml"


def tool(path: Path) -> Any:
    from tstd.pdf import extract

    return extract(path)


def plumber_pages(path: Path, last: int | None = None) -> int:
    """pdfplumber's text of every page, or of the first ``last`` pages."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages[:last])


def pdftotext_first5(path: Path) -> None:
    subprocess.run(["pdftotext", "-f", "1", "-l", "5", "-enc", "UTF-8", str(path), "-"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


# ---------------------------------------------------------------- batch (2 worker processes)

def _init_worker() -> None:
    import tstd.pdf  # noqa: F401 — loaded once per worker, as in a real run


def _extract_one(path: str) -> float:
    start = time.process_time()
    tool(Path(path))
    return time.process_time() - start


def throughput(task: Callable[[str], float], files: list[Path], count: int, jobs: int = 2) -> tuple[float, float]:
    """PDFs per second over ``count`` tasks (cycling the files) with ``jobs`` worker processes: measured on
    the wall clock, and as the capacity of ``jobs`` otherwise idle cores (from the CPU time each task used)."""
    work = [str(files[i % len(files)]) for i in range(count)]
    with ProcessPoolExecutor(jobs, initializer=_init_worker) as pool:
        list(pool.map(task, work[: jobs * 2]))  # warm up every worker (imports, engine)
        start = time.perf_counter()
        cpu = sum(pool.map(task, work, chunksize=8))
        wall = time.perf_counter() - start
    return count / wall, count / (cpu / jobs)


def tool_batch(files: list[Path], count: int, workdir: Path) -> dict[int, Measured]:
    """``tstd check DIR --no-cache`` of ``count`` PDFs (copies of ``files``) with ``--jobs 0`` and ``--jobs 2``:
    the real pool (spawn, engine build per worker, ordered results, the JSON report) measured; the two JSON
    reports must be the same bytes."""
    folder = workdir / "pdfs"
    folder.mkdir()
    for i in range(count):
        source = files[i % len(files)]
        shutil.copy(source, folder / f"{source.stem}-{i:05d}.pdf")
    runs = {jobs: run_tstd("check", str(folder), "--jobs", str(jobs), "--quiet", "--no-cache", "--format", "json",
                           "--output", str(workdir / f"jobs{jobs}.json")) for jobs in (0, 2)}
    if (workdir / "jobs0.json").read_bytes() != (workdir / "jobs2.json").read_bytes():
        raise SystemExit("the --jobs 0 and --jobs 2 reports differ")
    return runs


# ---------------------------------------------------------------- one-file CLI run


def cli_seconds(args: list[str], repeat: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the fastest of ``repeat`` runs of ``python -m tstd ARGS``."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    cmd = [sys.executable, "-m", "tstd", *args]
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    roots = args.paths or [SAMPLES]
    files = sorted(p for root in roots for p in ([root] if root.is_file() else root.glob("*.pdf")))
    has_pdftotext = shutil.which("pdftotext") is not None
    tool(files[0])  # warm: the PDFium bindings are loaded once per process, as in a real run

    rows = []
    for path in files:
        row: dict[str, Any] = {"file": path.name, "tool_ms": best(lambda p=path: tool(p), args.repeat) * 1000}
        row["pdfplumber_ms"] = best(lambda p=path: plumber_pages(p), max(1, args.repeat // 3)) * 1000
        row["pdfplumber5_ms"] = best(lambda p=path: plumber_pages(p, 5), max(1, args.repeat // 2)) * 1000
        row["pdftotext_ms"] = (best(lambda p=path: pdftotext_first5(p), args.repeat) * 1000
                               if has_pdftotext else None)
        rows.append(row)

    readable = [p for p in files if tool(p).readable] or files
    batch_extract = throughput(_extract_one, readable, args.batch)
    with tempfile.TemporaryDirectory(prefix="tstd-pdf-bench-") as tmp:
        batch = tool_batch(readable, args.batch, Path(tmp))
    one, two = batch[0], batch[2]

    python_s = best(lambda: subprocess.run([sys.executable, "-c", "pass"], check=False), args.repeat)
    yaml_s = cli_seconds(["check", str(EXAMPLE)], args.repeat)
    pdf_s = cli_seconds(["check", str(readable[0])], args.repeat)

    report = {"files": rows, "load_average": os.getloadavg()[0],
              "batch_pdfs_per_s": {"extract_wall": batch_extract[0], "extract_cpu": batch_extract[1],
                                   "check_wall": args.batch / two.wall, "check_cpu": 2 * args.batch / two.cpu,
                                   "check_jobs0_wall": args.batch / one.wall, "jobs": 2},
              "batch_check_s": {"jobs0_wall": one.wall, "jobs0_cpu": one.cpu, "jobs2_wall": two.wall,
                                "jobs2_cpu": two.cpu, "jobs2_peak_mb": two.peak_mb, "files": args.batch},
              "one_file_check_s": {"pdf_wall": pdf_s[0], "pdf_cpu": pdf_s[1], "yaml_only_wall": yaml_s[0],
                                   "yaml_only_cpu": yaml_s[1], "python_startup": python_s}}
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{'file':24} {'tstd ms':>8} {'pdfplumber all pages':>22} {'pdfplumber 5 pages':>20} {'pdftotext -l 5':>16}")
    for row in rows:
        plumber = f"{row['pdfplumber_ms']:.0f} ms ×{row['pdfplumber_ms'] / row['tool_ms']:.0f}"
        plumber5 = f"{row['pdfplumber5_ms']:.0f} ms ×{row['pdfplumber5_ms'] / row['tool_ms']:.0f}"
        text = (f"{row['pdftotext_ms']:.0f} ms ×{row['pdftotext_ms'] / row['tool_ms']:.1f}"
                if row["pdftotext_ms"] is not None else "(not installed)")
        print(f"{row['file']:24} {row['tool_ms']:8.1f} {plumber:>22} {plumber5:>20} {text:>16}")
    tool_total = sum(r["tool_ms"] for r in rows)
    print(f"\ntotal: pdfplumber all pages/tstd = ×{sum(r['pdfplumber_ms'] for r in rows) / tool_total:.0f}, "
          f"pdfplumber 5 pages/tstd = ×{sum(r['pdfplumber5_ms'] for r in rows) / tool_total:.0f}", end="")
    if has_pdftotext:
        print(f", pdftotext/tstd = ×{sum(r['pdftotext_ms'] for r in rows) / tool_total:.1f}")
    else:
        print("  (pdftotext not installed: apt-get install poppler-utils)")
    print(f"batch, 2 worker processes (target ≥ 40 PDFs/s; load average {os.getloadavg()[0]:.1f}):")
    print(f"  extraction only (a process pool)  {batch_extract[0]:5.0f} PDFs/s wall, "
          f"{batch_extract[1]:5.0f} PDFs/s from CPU time")
    print(f"  tstd check DIR --jobs 2 ({args.batch} PDFs, start-up and report included)  {args.batch / two.wall:5.0f} "
          f"PDFs/s wall, {2 * args.batch / two.cpu:5.0f} PDFs/s from CPU time on 2 cores, "
          f"{two.cpu / two.wall:.2f} cores used, peak {two.peak_mb:.0f} MB")
    print(f"  tstd check DIR --jobs 0 (one process)  {args.batch / one.wall:5.0f} PDFs/s wall; --jobs 2 ÷ --jobs 0: "
          f"×{one.wall / two.wall:.2f} speed-up, ×{two.cpu / one.cpu:.2f} CPU (the pool's start-up and IPC)")
    print(f"one-file run (target ≤ 0.35 s): tstd check x.pdf {pdf_s[0]:.2f} s wall / {pdf_s[1]:.2f} s CPU = "
          f"×{pdf_s[1] / yaml_s[1]:.2f} of a YAML-only check ({yaml_s[0]:.2f} s wall / {yaml_s[1]:.2f} s CPU); "
          f"bare Python start {python_s:.2f} s")


if __name__ == "__main__":
    main()
