"""Batch throughput of ``tstd check`` against the bare YAML parse of the same files, in the same run.

    python benchmarks/bench_batch.py                      # 10,000 and 100,000 files, --jobs 2
    python benchmarks/bench_batch.py --sizes 2000 --scaling 1 2 4

For each size the benchmark generates that many synthetic declarations (benchmarks/generate.py: varied,
2 % broken), then measures in one run:

* the baseline: read every file and ``yaml.load(..., Loader=yaml.CSafeLoader)`` it, in one process (best of
  two passes, the second with a warm page cache, as the checks get);
* ``tstd check DIR --jobs N --format json --output FILE --quiet`` as a real subprocess (start-up, discovery,
  workers, ordered output and the report all included) for every N in ``--jobs`` and ``--scaling``.

It prints declarations per second, the ratio of each check's time to the baseline's (target: at most 2 with
--jobs 2) and the speed-up from 1 to N jobs (target: near N on N free cores). Peak RSS of the check processes
shows whether memory stays flat as the batch grows. Timings are machine-dependent: only the ratios, taken in
the same run, are meant to be compared.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402  (a sibling script, not a package)

REPO = HERE.parent


def bare_parse(files: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds to read and CSafeLoader-parse every file once (unreadable ones count as parsed)."""
    started, cpu = time.perf_counter(), time.process_time()
    for path in files:
        try:  # noqa: SIM105 — contextlib.suppress would slow the baseline itself
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, ValueError):
            pass
    return time.perf_counter() - started, time.process_time() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check(directory: Path, jobs: int, out: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of a full ``tstd check`` of ``directory``, its workers' CPU included."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "tstd", "check", str(directory), "--jobs", str(jobs), "--quiet", "--no-cache",
               "--format", "json", "--output", str(out)]
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: findings, as the generated batch is meant to have
        raise SystemExit(f"tstd check failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed, _children_cpu() - cpu


def peak_rss_mb() -> float:
    """Largest resident set of any finished child process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scaling", type=int, nargs="*", default=[1],
                        help="other job counts to run on the smallest size, for the scaling figure")
    parser.add_argument("--workdir", type=Path, default=None, help="keep generated files here (reused)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tstd-bench-"))
    load = f", load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"# tstd batch benchmark — {os.cpu_count()} CPUs{load}, work dir {workdir}")
    print(f"{'files':>8} {'jobs':>4} {'parse/s':>9} {'check/s':>9} {'wall÷parse':>10} {'cpu÷parse':>9} "
          f"{'speed-up':>8} {'peak MB':>8}")
    smallest = min(args.sizes)
    for size in sorted(args.sizes):
        root = workdir / f"n{size}"
        marker = root / ".complete"
        if not marker.exists():
            manifest = generate(root, size, seed=args.seed)
            marker.write_text(f"{len(manifest.files)} files, {len(manifest.broken)} broken\n", encoding="utf-8")
        files = sorted(p for p in (root / "decls").rglob("*") if p.is_file())
        bare_parse(files)  # warm the page cache as the checks below will find it
        parse, parse_cpu = bare_parse(files)
        job_counts = sorted({args.jobs, *(args.scaling if size == smallest else [])})
        times: dict[int, float] = {}
        for jobs in job_counts:
            times[jobs], cpu = check(root / "decls", jobs, workdir / f"report-{size}-{jobs}.json")
            rss = peak_rss_mb()
            speedup = f"{times[1] / times[jobs]:.2f}×" if 1 in times else "—"
            print(f"{len(files):>8} {jobs:>4} {len(files) / parse:>9.0f} {len(files) / times[jobs]:>9.0f} "
                  f"{times[jobs] / parse:>9.2f}× {cpu / parse_cpu:>8.2f}× {speedup:>8} {rss:>8.0f}", flush=True)
    print("wall÷parse: elapsed seconds of the full check per elapsed second of the bare CSafeLoader parse "
          f"(target ≤ 2 at --jobs {args.jobs}); cpu÷parse: the same in CPU seconds (all processes), which "
          "other load on the machine disturbs less; speed-up: 1-job time ÷ N-job time.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
