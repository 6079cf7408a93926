"""``--executor dask`` on a LocalCluster of 1 and 2 worker processes against ``--jobs 2``, on the same files.

    python benchmarks/bench_dask.py            # 1,000 files
    python benchmarks/bench_dask.py -n 5000

Needs ``pip install "tstd[dask]"``. Every run is a ``tstd check DIR --no-cache --format json --output FILE``
subprocess (start-up, the cluster's start and stop, discovery and the report included), measured in one run;
the JSON of every run must be byte-identical to the ``--jobs 2`` run (checked here). On one machine Dask adds
scheduling and serialisation to what ``--jobs`` does; it pays off when the workers are on other machines.
``benchmarks/bench_cache.py`` prints the same figures after its cache figures.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402  (a sibling script, not a package)
from measure import Measured, load_average, run_tstd  # noqa: E402

RUNS = {"--jobs 2 (processes)": ("--jobs", "2"),
        "dask LocalCluster, 1 worker": ("--executor", "dask", "--jobs", "1"),
        "dask LocalCluster, 2 workers": ("--executor", "dask", "--jobs", "2")}


def have_dask() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


def compare(corpus: Path, work: Path) -> tuple[dict[str, Measured], dict[str, bool]]:
    """Every run of :data:`RUNS` on ``corpus``; whether its JSON is the ``--jobs 2`` run's, byte for byte."""
    times: dict[str, Measured] = {}
    same: dict[str, bool] = {}
    reference = work / "dask-jobs2.json"
    for i, (name, extra) in enumerate(RUNS.items()):
        out = reference if i == 0 else work / f"dask-run{i}.json"
        times[name] = run_tstd("check", str(corpus), "--quiet", "--no-cache", "--format", "json", "--output",
                               str(out), *extra)
        same[name] = out.read_bytes() == reference.read_bytes()
    return times, same


def report(files: int, times: dict[str, Measured], same: dict[str, bool]) -> None:
    base = times["--jobs 2 (processes)"].wall
    print(f"  {files} files, load average {load_average()}; wall seconds, the cluster's start and stop included")
    for name, m in times.items():
        print(f"  {name:30s} {m.wall:7.2f} s  {m.wall / base:5.2f}× --jobs 2   {files / m.wall:6.0f} files/s   "
              f"CPU {m.cpu / times['--jobs 2 (processes)'].cpu:5.2f}× --jobs 2   JSON identical: {same[name]}")
    one, two = times["dask LocalCluster, 1 worker"].wall, times["dask LocalCluster, 2 workers"].wall
    print(f"  dask speed-up 1 → 2 workers: {one / two:.2f}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args(argv)
    if not have_dask():
        raise SystemExit('dask is not installed: pip install "tstd[dask]"')
    with tempfile.TemporaryDirectory(prefix="tstd-dask-bench-") as tmp:
        work = Path(tmp)
        generate(work / "corpus", args.n)
        times, same = compare(work / "corpus", work)
    report(args.n, times, same)
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
