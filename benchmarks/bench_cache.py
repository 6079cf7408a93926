"""The result cache on a re-audit: first run, unchanged re-run, and re-run after touching 1 % of the files.

    python benchmarks/bench_cache.py                 # 2,000 files, --jobs 2
    python benchmarks/bench_cache.py -n 10000

Generates ``-n`` declarations (benchmarks/generate.py; shared organisation files, 2 % broken) and runs
``tstd check DIR --jobs J --format json --output FILE --quiet`` as a subprocess, in one run:

1. ``--no-cache`` (the reference: what every run cost before the cache);
2. with an empty cache folder (the first run, which also writes the entries);
3. again, unchanged (target: at least 10× faster than 1);
4. after appending a comment to 1 % of the declarations (those are checked again, the rest served).

The JSON of runs 1–3 must be byte-identical (checked here); run 4's differs only by the touched files' lines
(a comment moves nothing, so it must be identical too). Only the ratios are meant to be compared.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402  (a sibling script, not a package)

REPO = HERE.parent


def check(directory: Path, jobs: int, out: Path, cache: Path | None) -> float:
    """Wall seconds of one ``tstd check`` subprocess."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("TSTD_NO_CACHE", None)
    command = [sys.executable, "-m", "tstd", "check", str(directory), "--jobs", str(jobs), "--quiet",
               "--format", "json", "--output", str(out)]
    command += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"tstd check failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--touch", type=float, default=0.01, help="fraction of files edited before run 4")
    args = parser.parse_args(argv)

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
        for path in touched:
            if path.suffix != ".json":  # a YAML comment changes the bytes, not the findings
                path.write_bytes(path.read_bytes() + b"\n# re-audit note\n")
        after_touch = check(corpus, args.jobs, outs[3], cache)
        same = [outs[0].read_bytes() == o.read_bytes() for o in outs[1:]]
        entries = sum(1 for p in (cache / "results").rglob("*") if p.is_file())

    print(f"{args.n} files, --jobs {args.jobs}, load average {os.getloadavg()[0]:.2f}")
    print(f"  1. --no-cache               {uncached:7.2f} s   (reference)")
    print(f"  2. first run, empty cache   {first:7.2f} s   {first / uncached:5.2f}× the reference")
    print(f"  3. unchanged re-run         {cached:7.2f} s   {uncached / cached:5.1f}× faster (target ≥ 10×)")
    print(f"  4. after touching {len(touched)} files  {after_touch:7.2f} s   {uncached / after_touch:5.1f}× faster")
    print(f"  result entries: {entries}; JSON byte-identical to the reference: runs 2, 3, 4 = {same}")
    return 0 if all(same) else 1


if __name__ == "__main__":
    raise SystemExit(main())
