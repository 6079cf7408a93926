"""Run a command and measure it: wall seconds, CPU seconds and peak resident memory of the command and
every process it started and waited for (worker processes included), from ``os.wait4``.

Shared by the batch, PDF, cache and Dask benchmarks, so that every figure in one run is taken the same way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    cpu: float  # user + system seconds of the command and its reaped children
    peak_mb: float  # largest resident set of any one of those processes, MiB
    returncode: int
    stderr: str


def tstd_env(cold: bool = False) -> dict[str, str]:
    """The environment for ``python -m tstd`` from this checkout (no cache switch of the caller's own; with
    ``cold``, every cache off: ``TSTD_NO_CACHE=1``, the packs parsed and validated in every process)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    env.pop("TSTD_NO_CACHE", None)
    if cold:
        env["TSTD_NO_CACHE"] = "1"
    return env


def run_tstd(*args: str, ok: tuple[int, ...] = (0, 1), cold: bool = False) -> Measured:
    """``python -m tstd ARGS`` measured; SystemExit when it exits with a code outside ``ok``."""
    command = [sys.executable, "-m", "tstd", *args]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=tstd_env(cold), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    err = process.stderr.read()  # drained before waiting: a full pipe would block the command
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        raise SystemExit(f"tstd {' '.join(args)} failed ({process.returncode}): {err.decode(errors='replace')}")
    # Linux reports ru_maxrss in KiB (macOS in bytes); wait4 gives the largest of the child and its children.
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Measured(wall, usage.ru_utime + usage.ru_stime, peak, process.returncode, err.decode(errors="replace"))


def load_average() -> str:
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"
