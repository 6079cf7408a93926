"""Start-up of a one-file ``tstd check`` against yamllint and a bare ``python -c pass``, in the same run.

    python benchmarks/bench_startup.py [--repeat 7]

Measures the fastest of ``--repeat`` wall times (the run least disturbed by other load) of:

* ``python -c pass`` (the interpreter alone) and ``yamllint FILE`` (``pip install yamllint``; skipped if absent);
* ``tstd check FILE --no-cache`` — every pack and the catalogue parsed and validated, as before the caches;
* ``tstd check FILE`` with a warm start-up cache but a file never seen (packs and catalogue from the cache,
  the file checked): a pre-commit hook on an edited file;
* ``tstd check FILE`` fully warm (the result cache answers): a hook re-run on an unchanged file.

The target is a one-file check within 0.2 s wall on a quiet 2-core machine; on a loaded machine compare the
ratios to yamllint and ``python -c pass`` printed here, never the seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "compliant-rice-cooker.yaml"


def wall(command: list[str], env: dict[str, str], repeat: int, before: object = None) -> float:
    """Fastest wall time of ``repeat`` runs; ``before`` (a callable) runs untimed before each one."""
    times = []
    for _ in range(repeat):
        if callable(before):
            before()
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tstd-startup-") as tmp:
        work = Path(tmp)
        target = work / "T-DEMO-001-2024.yaml"
        shutil.copy(EXAMPLE, target)
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TSTD_CACHE_DIR": str(work / "cache")}
        env.pop("TSTD_NO_CACHE", None)
        tstd = [sys.executable, "-m", "tstd", "check", str(target), "--format", "json"]
        counter = [0]

        def edit() -> None:  # a new comment line: same findings, new bytes → the result cache misses
            counter[0] += 1
            target.write_bytes(EXAMPLE.read_bytes() + f"\n# edit {counter[0]}\n".encode())

        python = wall([sys.executable, "-c", "pass"], env, args.repeat)
        yamllint_bin = shutil.which("yamllint") or str(Path(sys.executable).with_name("yamllint"))
        yamllint = wall([yamllint_bin, str(EXAMPLE)], env, args.repeat) if Path(yamllint_bin).exists() else None
        cold = wall([*tstd, "--no-cache"], env, args.repeat)
        subprocess.run(tstd, env=env, stdout=subprocess.DEVNULL, check=False)  # fill the start-up cache
        packs_warm = wall(tstd, env, args.repeat, before=edit)
        subprocess.run(tstd, env=env, stdout=subprocess.DEVNULL, check=False)
        all_warm = wall(tstd, env, args.repeat)

    print(f"load average {os.getloadavg()[0]:.2f}; fastest of {args.repeat} runs, wall seconds")
    rows = [("python -c pass", python), ("yamllint FILE", yamllint), ("tstd check --no-cache", cold),
            ("tstd check (packs cached, file new)", packs_warm), ("tstd check (result cached)", all_warm)]
    for name, seconds in rows:
        if seconds is None:
            print(f"  {name:38s}  (not installed)")
            continue
        vs_lint = f"{seconds / yamllint:5.2f}× yamllint" if yamllint else ""
        print(f"  {name:38s} {seconds:6.3f} s  {seconds / python:5.1f}× python -c pass  {vs_lint}")
    print(f"start-up cache speed-up: {cold / packs_warm:.2f}×; result cache: {cold / all_warm:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
