"""Start-up of a one-file ``tstd check`` against yamllint and a bare ``python -c pass``, in the same run.

    python benchmarks/bench_startup.py [--repeat 10]

Measures the median of ``--repeat`` wall times (and the fastest, the run least disturbed by other load) of:

* ``python -c pass`` (the interpreter alone) and ``yamllint FILE`` (``pip install yamllint``; skipped with a
  note if absent);
* ``tstd --version`` (the CLI framework's start-up: typer builds the whole command tree);
* ``tstd check FILE --no-cache`` — every pack and the catalogue parsed and validated, nothing stored;
* ``tstd check FILE`` cold — the cache folder emptied before every run (the first run after installing);
* ``tstd check FILE`` with a warm start-up cache but a file never seen (packs and catalogue from the cache,
  the file checked): a pre-commit hook on an edited file;
* ``tstd check FILE`` warm (the result cache answers): a hook re-run on an unchanged file.

The target is a warm one-file check within 0.2 s wall on a quiet 2-core machine; on a loaded machine compare
the ratios to yamllint and ``python -c pass`` printed here, never the seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "compliant-rice-cooker.yaml"


def wall(command: list[str], env: dict[str, str], repeat: int,
         before: Callable[[], None] | None = None) -> tuple[float, float]:
    """(median, fastest) wall time of ``repeat`` runs; ``before`` runs untimed before each one."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tstd-startup-") as tmp:
        work = Path(tmp)
        target = work / "T-DEMO-001-2024.yaml"
        shutil.copy(EXAMPLE, target)
        cache = work / "cache"
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TSTD_CACHE_DIR": str(cache)}
        env.pop("TSTD_NO_CACHE", None)
        script = Path(sys.executable).with_name("tstd")  # the console script, as users run it
        base = [str(script)] if script.exists() else [sys.executable, "-m", "tstd"]
        tstd = [*base, "check", str(target), "--format", "json"]
        counter = [0]

        def edit() -> None:  # a new comment line: same findings, new bytes → the result cache misses
            counter[0] += 1
            target.write_bytes(EXAMPLE.read_bytes() + f"\n# edit {counter[0]}\n".encode())

        def empty_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        python = wall([sys.executable, "-c", "pass"], env, args.repeat)
        yamllint_bin = shutil.which("yamllint") or str(Path(sys.executable).with_name("yamllint"))
        yamllint = wall([yamllint_bin, str(EXAMPLE)], env, args.repeat) if Path(yamllint_bin).exists() else None
        version = wall([*base, "--version"], env, args.repeat)
        uncached = wall([*tstd, "--no-cache"], env, args.repeat)
        cold = wall(tstd, env, args.repeat, before=empty_cache)
        subprocess.run(tstd, env=env, stdout=subprocess.DEVNULL, check=False)  # fill the start-up cache
        packs_warm = wall(tstd, env, args.repeat, before=edit)
        subprocess.run(tstd, env=env, stdout=subprocess.DEVNULL, check=False)
        warm = wall(tstd, env, args.repeat)

    print(f"load average {os.getloadavg()[0]:.2f}; {args.repeat} runs each, wall seconds: median (fastest)")
    rows = [("python -c pass", python), ("yamllint FILE", yamllint), ("tstd --version", version),
            ("tstd check --no-cache", uncached), ("tstd check cold (cache emptied)", cold),
            ("tstd check (packs cached, file new)", packs_warm), ("tstd check warm (result cached)", warm)]
    for name, measured in rows:
        if measured is None:
            print(f"  {name:38s}  (skipped: yamllint not installed — pip install yamllint)")
            continue
        median, fastest = measured
        vs_lint = f"  {median / yamllint[0]:5.2f}× yamllint" if yamllint else ""
        print(f"  {name:38s} {median:6.3f} s ({fastest:.3f})  {median / python[0]:5.1f}× python -c pass{vs_lint}")
    print(f"cold → warm: {cold[0] / warm[0]:.1f}×; file new → warm: {packs_warm[0] / warm[0]:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
