"""Every figure of the re-audit and cluster benchmarks, in one run: the result cache (first run, unchanged
re-run, re-run after touching 1 % of the files) and Dask's LocalCluster with 1 and 2 workers against
``--jobs 2``, on the same files.

    python benchmarks/bench_cache.py                 # 10,000 files, --jobs 2
    python benchmarks/bench_cache.py -n 2000 --no-dask

Generates ``-n`` declarations (benchmarks/generate.py; shared organisation files, 2 % broken) and runs
``tstd check DIR --jobs J --format json --output FILE --quiet`` as a subprocess, in one run:

1. ``--no-cache`` (the reference: what every run cost before the cache);
2. with an empty cache folder (the first run, which also writes the entries);
3. again, unchanged (target: at least 10× faster than 1);
4. after appending a comment to 1 % of the declarations (those are checked again, the rest served);
5. (with dask installed, unless ``--no-dask``) ``--no-cache`` runs on the same files: ``--jobs 2``, and
   ``--executor dask`` on a LocalCluster of 1 and of 2 worker processes (benchmarks/bench_dask.py).

The JSON of runs 1–4 must be byte-identical (checked here: a comment moves nothing), and so must the JSON of
the Dask runs and ``--jobs 2``. Only the ratios are meant to be compared.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_dask import compare, have_dask, report  # noqa: E402
from generate import generate  # noqa: E402  (a sibling script, not a package)
from measure import Measured, load_average, run_tstd  # noqa: E402


def check(directory: Path, jobs: int, out: Path, cache: Path | None) -> Measured:
    """One ``tstd check`` subprocess, measured."""
    command = ["check", str(directory), "--jobs", str(jobs), "--quiet", "--format", "json", "--output", str(out)]
    command += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    return run_tstd(*command)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--touch", type=float, default=0.01, help="fraction of files edited before run 4")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask LocalCluster runs")
    args = parser.parse_args(argv)
    dask = not args.no_dask and have_dask()

    with tempfile.TemporaryDirectory(prefix="tstd-cache-bench-") as tmp:
        work = Path(tmp)
        manifest = generate(work / "corpus", args.n)
        corpus, cache = work / "corpus", work / "cache"
        outs = [work / f"run{i}.json" for i in range(1, 5)]
        uncached = check(corpus, args.jobs, outs[0], None)
        first = check(corpus, args.jobs, outs[1], cache)
        cached = check(corpus, args.jobs, outs[2], cache)
        rng = random.Random(16)
        touched = rng.sample(list(manifest.files), max(1, round(len(manifest.files) * args.touch)))
        for path in touched:  # a comment (YAML) or trailing whitespace (JSON) changes the bytes, not the findings
            path.write_bytes(path.read_bytes() + (b"\n" if path.suffix == ".json" else b"\n# re-audit note\n"))
        after_touch = check(corpus, args.jobs, outs[3], cache)
        same = [outs[0].read_bytes() == o.read_bytes() for o in outs[1:]]
        entries = sum(1 for p in (cache / "results").rglob("*") if p.is_file())
        cluster = compare(corpus, work) if dask else None

    ref = uncached.wall
    print(f"{args.n} files, --jobs {args.jobs}, load average {load_average()}; wall seconds of a tstd check "
          "subprocess, start-up and report included")
    print(f"  1. --no-cache               {ref:7.2f} s   (reference; {uncached.cpu:.1f} CPU s)")
    print(f"  2. first run, empty cache   {first.wall:7.2f} s   {first.wall / ref:5.2f}× the reference; "
          f"{first.cpu / uncached.cpu:.2f}× its CPU")
    print(f"  3. unchanged re-run         {cached.wall:7.2f} s   {ref / cached.wall:5.1f}× faster (target ≥ 10×); "
          f"{uncached.cpu / cached.cpu:.1f}× less CPU")
    print(f"  4. after touching {len(touched)} files  {after_touch.wall:7.2f} s   {ref / after_touch.wall:5.1f}× faster; "
          f"{uncached.cpu / after_touch.cpu:.1f}× less CPU; {after_touch.wall / cached.wall:.2f}× the unchanged re-run")
    print(f"  result entries: {entries}; JSON byte-identical to the reference: runs 2, 3, 4 = {same}")
    ok = all(same)
    if cluster is not None:
        print("Dask LocalCluster against --jobs 2 on the same files (--no-cache):")
        report(args.n, *cluster)
        ok = ok and all(cluster[1].values())
    elif not args.no_dask:
        print('Dask runs left out: dask is not installed (pip install "tstd[dask]")')
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
