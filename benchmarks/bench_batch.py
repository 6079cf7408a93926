"""Batch throughput of ``tstd check`` against the bare YAML parse of the same files, in the same run.

    python benchmarks/bench_batch.py                      # 10,000 and 100,000 files, --jobs 2
    python benchmarks/bench_batch.py --sizes 1000 10000  # memory at 1k vs 10k files
    python benchmarks/bench_batch.py --sizes 2000 --scaling 0 1 2 4
    python benchmarks/bench_batch.py --sizes 10000 --against ../main/src --rounds 2   # before/after a change

For each size the benchmark generates that many synthetic declarations (benchmarks/generate.py: varied,
2 % broken), then measures in one run:

* the baseline: read every file and ``yaml.load(..., Loader=yaml.CSafeLoader)`` it, in one process (best of
  two passes, the second with a warm page cache, as the checks get);
* ``tstd check DIR --jobs N --format json --output FILE --quiet --no-cache`` as a real subprocess (start-up,
  discovery, workers, ordered output and the report all included) for every N in ``--jobs`` and ``--scaling``.
  ``--no-cache`` turns the result cache off; the packs' start-up cache is used as in any run (``--cold``: every
  cache off, ``TSTD_NO_CACHE=1``).

It prints declarations per second, the ratio of each check's time to the baseline's (target: at most 2 with
--jobs 2), the speed-up from 1 to N jobs (target: near N on N free cores) and the pool's CPU overhead against
``--jobs 0`` (checking in one process). Peak RSS of the check processes (from ``os.wait4``, per run) shows
whether memory stays flat as the batch grows; the JSON of every job count must be byte-identical. Timings
are machine-dependent: only the ratios, taken in the same run, are meant to be compared.

``--against SRC`` measures another checkout too (its ``src`` folder: the code before a change), alternating
with this one ``--rounds`` times at ``--jobs`` on every size, each round against a fresh bare parse, and
checks that both write the same JSON: before/after figures on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO_SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402  (a sibling script, not a package)
from measure import Measured, load_average, run_tstd, tstd_env  # noqa: E402


def bare_parse(files: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds to read and CSafeLoader-parse every file once (unreadable ones count as parsed)."""
    started, cpu = time.perf_counter(), time.process_time()
    for path in files:
        try:  # noqa: SIM105 — contextlib.suppress would slow the baseline itself
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, ValueError):
            pass
    return time.perf_counter() - started, time.process_time() - cpu


COLD = False  # --cold: every cache off (TSTD_NO_CACHE=1), in both checkouts


def check(directory: Path, jobs: int, out: Path) -> Measured:
    """A full ``tstd check`` of ``directory`` (wall, CPU and peak RSS, its workers included)."""
    return run_tstd("check", str(directory), "--jobs", str(jobs), "--quiet", "--no-cache", "--format", "json",
                    "--output", str(out), cold=COLD)


def corpus(root: Path, size: int, seed: int) -> list[Path]:
    """The generated declarations of one size (made once per work dir, then reused)."""
    marker = root / ".complete"
    if not marker.exists():
        manifest = generate(root, size, seed=seed)
        marker.write_text(f"{len(manifest.files)} files, {len(manifest.broken)} broken\n", encoding="utf-8")
    return sorted(p for p in (root / "decls").rglob("*") if p.is_file())


def check_with(src: Path, directory: Path, jobs: int, out: Path) -> Measured:
    """:func:`check` with the ``tstd`` package of another checkout's ``src`` folder (``--against``)."""
    env = {**tstd_env(COLD), "PYTHONPATH": str(src.resolve())}
    command = [sys.executable, "-m", "tstd", "check", str(directory), "--jobs", str(jobs), "--quiet", "--no-cache",
               "--format", "json", "--output", str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=tempfile.gettempdir(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"tstd from {src} failed ({code})")
    return Measured(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, "")


def against(src: Path, sizes: list[int], jobs: int, rounds: int, workdir: Path, seed: int) -> int:
    """This checkout and ``src`` alternately, each round against a fresh bare parse (``--against``)."""
    print(f"{'files':>8} {'round':>5} {'code':>6} {'wall÷parse':>10} {'cpu÷parse':>9} {'ms cpu/file':>11} "
          f"{'peak MB':>7}")
    for size in sizes:
        decls = workdir / f"n{size}" / "decls"
        files = corpus(workdir / f"n{size}", size, seed)
        bare_parse(files)
        for r in range(rounds):
            parse, parse_cpu = bare_parse(files)
            for name in ("this", "other"):
                out = workdir / f"against-{size}-{name}.json"
                m = check(decls, jobs, out) if name == "this" else check_with(src, decls, jobs, out)
                print(f"{len(files):>8} {r:>5} {name:>6} {m.wall / parse:>9.2f}× {m.cpu / parse_cpu:>8.2f}× "
                      f"{m.cpu / len(files) * 1000:>11.2f} {m.peak_mb:>7.0f}", flush=True)
        if (workdir / f"against-{size}-this.json").read_bytes() != \
                (workdir / f"against-{size}-other.json").read_bytes():
            print(f"!! the JSON reports of {size} files differ between this checkout and {src}")
            return 1
    print(f"this: {REPO_SRC}; other: {src}. Both wrote the same JSON. Ratios are to the bare CSafeLoader parse "
          f"of the same round, --jobs {jobs}; ms cpu/file: CPU of all processes (start-up included) per file.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scaling", type=int, nargs="*", default=[0, 1],
                        help="other job counts to run on the smallest size (0: in this process, no workers)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep generated files here (reused)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--against", type=Path, default=None,
                        help="another checkout's src folder, measured alternately with this one (before/after)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of --against")
    parser.add_argument("--cold", action="store_true",
                        help="every cache off (TSTD_NO_CACHE=1): each process parses and validates the packs")
    args = parser.parse_args(argv)
    global COLD
    COLD = args.cold

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tstd-bench-"))
    print(f"# tstd batch benchmark — {os.cpu_count()} CPUs, load {load_average()}, work dir {workdir}")
    if args.against is not None:
        return against(args.against, sorted(args.sizes), args.jobs, args.rounds, workdir, args.seed)
    print(f"{'files':>8} {'jobs':>4} {'parse/s':>8} {'check/s':>8} {'wall÷parse':>10} {'cpu÷parse':>9} "
          f"{'cores':>5} {'speed-up':>8} {'cpu÷jobs0':>9} {'peak MB':>7}")
    smallest = min(args.sizes)
    peaks: dict[int, float] = {}
    for size in sorted(args.sizes):
        root = workdir / f"n{size}"
        files = corpus(root, size, args.seed)
        bare_parse(files)  # warm the page cache as the checks below will find it
        parse, parse_cpu = bare_parse(files)
        job_counts = sorted({args.jobs, *(args.scaling if size == smallest else [])})
        runs: dict[int, Measured] = {}
        for jobs in job_counts:
            m = runs[jobs] = check(root / "decls", jobs, workdir / f"report-{size}-{jobs}.json")
            speedup = f"{runs[1].wall / m.wall:.2f}×" if 1 in runs else "—"
            overhead = f"{m.cpu / runs[0].cpu:.2f}×" if 0 in runs else "—"
            print(f"{len(files):>8} {jobs:>4} {len(files) / parse:>8.0f} {len(files) / m.wall:>8.0f} "
                  f"{m.wall / parse:>9.2f}× {m.cpu / parse_cpu:>8.2f}× {m.cpu / m.wall:>5.2f} {speedup:>8} "
                  f"{overhead:>9} {m.peak_mb:>7.0f}", flush=True)
        peaks[size] = runs[args.jobs].peak_mb
        outputs = {(workdir / f"report-{size}-{j}.json").read_bytes() for j in job_counts}
        if len(outputs) != 1:
            print(f"!! the JSON reports of {size} files differ between job counts {job_counts}")
            return 1
    print(f"wall÷parse: elapsed seconds of the full check per elapsed second of the bare CSafeLoader parse (target "
          f"≤ 2 at --jobs {args.jobs}); cpu÷parse: the same in CPU seconds of all processes (other load on the "
          "machine disturbs it less); cores: CPU seconds per wall second (below the job count: waiting for the "
          "cores, for the parent, or start-up); speed-up: 1-job ÷ N-job wall time; cpu÷jobs0: the pool's CPU "
          "cost against checking in one process (start-up, IPC, ordering); peak MB: largest resident set of the "
          "tstd process or any one worker. The JSON of every job count is byte-identical (checked).")
    if len(peaks) > 1:
        sizes = sorted(peaks)
        print(f"memory: peak RSS at {sizes[-1]} files ÷ at {sizes[0]} files = {peaks[sizes[-1]] / peaks[sizes[0]]:.2f}× "
              f"(flat: ≈ 1) for {sizes[-1] // sizes[0]}× the files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
