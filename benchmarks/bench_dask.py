"""``--executor dask`` on a LocalCluster of 1 and 2 worker processes against ``--jobs 2``, on the same files.

    python benchmarks/bench_dask.py            # 1,000 files
    python benchmarks/bench_dask.py -n 5000

Needs ``pip install "tstd[dask]"``. Every run is a ``tstd check DIR --no-cache --format json --output FILE``
subprocess (start-up, the cluster's start and stop, discovery and the report included), measured in one run;
the JSON of every run must be byte-identical to the ``--jobs 2`` run (checked here). On one machine Dask adds
scheduling and serialisation to what ``--jobs`` does; it pays off when the workers are on other machines.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402  (a sibling script, not a package)

REPO = HERE.parent


def check(directory: Path, out: Path, *extra: str) -> float:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-m", "tstd", "check", str(directory), "--quiet", "--no-cache", "--format", "json",
               "--output", str(out), *extra]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"tstd check {' '.join(extra)} failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000)
    args = parser.parse_args(argv)
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise SystemExit('dask is not installed: pip install "tstd[dask]"') from None

    with tempfile.TemporaryDirectory(prefix="tstd-dask-bench-") as tmp:
        work = Path(tmp)
        generate(work / "corpus", args.n)
        runs = {"--jobs 2 (processes)": ("--jobs", "2"),
                "dask LocalCluster, 1 worker": ("--executor", "dask", "--jobs", "1"),
                "dask LocalCluster, 2 workers": ("--executor", "dask", "--jobs", "2")}
        times, same = {}, {}
        reference = work / "jobs2.json"
        for i, (name, extra) in enumerate(runs.items()):
            out = reference if i == 0 else work / f"run{i}.json"
            times[name] = check(work / "corpus", out, *extra)
            same[name] = out.read_bytes() == reference.read_bytes()

    base = times["--jobs 2 (processes)"]
    print(f"{args.n} files, load average {os.getloadavg()[0]:.2f}; wall seconds, cluster start included")
    for name, seconds in times.items():
        print(f"  {name:30s} {seconds:7.2f} s  {seconds / base:5.2f}× --jobs 2   {args.n / seconds:6.0f} files/s"
              f"   JSON identical: {same[name]}")
    one, two = times["dask LocalCluster, 1 worker"], times["dask LocalCluster, 2 workers"]
    print(f"  dask speed-up 1 → 2 workers: {one / two:.2f}×")
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
