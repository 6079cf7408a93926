"""Start-up of a one-file ``tstd check`` against yamllint and a bare ``python -c pass``, in the same run.

    python benchmarks/bench_startup.py [--repeat 10] [--compare OTHER_CHECKOUT]

Measures the median of ``--repeat`` wall times (and the fastest, the run least disturbed by other load) of:

* ``python -c pass`` (the interpreter alone) and ``yamllint FILE`` (``pip install yamllint``; skipped with a
  note if absent);
* ``tstd --version`` (the interpreter and the quick path: no CLI framework);
* ``tstd check FILE --no-cache`` — every pack and the catalogue parsed and validated, nothing stored;
* ``tstd check FILE`` cold — the cache folder emptied before every run (the first run after installing);
* ``tstd check FILE`` with a warm start-up cache but a file never seen (packs and catalogue from the cache,
  the file checked): a pre-commit hook on an edited file;
* ``tstd check FILE`` warm (the result cache answers): a hook re-run on an unchanged file.

``--compare`` names another checkout (its ``src/`` is put on PYTHONPATH, e.g. ``git worktree add /tmp/main
main``): each of its rows is measured alternately with this checkout's, run for run, so both see the same load,
and the last column gives this checkout's time as a ratio to the other's.

The target (issue 16) is a one-file check within 0.2 s wall on a 2-core machine, for a file never seen as for
a re-check; on a loaded machine compare the ratios printed here, never the seconds. Byte code is compiled once
before timing (as an installed package has it) into a temporary folder, whatever PYTHONDONTWRITEBYTECODE says.
Every command runs in the temporary folder (no config file above it), wherever the benchmark is started.
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
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "compliant-rice-cooker.yaml"


@dataclass
class Case:
    """One command to time; ``before`` runs untimed before every run."""

    command: list[str]
    env: dict[str, str]
    before: Callable[[], None] | None = None
    times: list[float] = field(default_factory=list)
    cwd: Path | None = None  # where it runs: a folder without a config file above it, whoever starts the bench

    def run(self) -> None:
        if self.before is not None:
            self.before()
        start = time.perf_counter()
        subprocess.run(self.command, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       cwd=self.cwd)
        self.times.append(time.perf_counter() - start)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def measure(cases: list[Case], repeat: int) -> None:
    """Run the cases in turn, ``repeat`` rounds: cases measured side by side share the machine's load."""
    for _ in range(repeat):
        for case in cases:
            case.run()


class Checkout:
    """One tstd source tree in its own temporary folder: its cache, its edited file, its commands."""

    def __init__(self, src: Path, work: Path, base_env: dict[str, str]) -> None:
        work.mkdir()
        self.target = work / "T-DEMO-001-2024.yaml"
        shutil.copy(EXAMPLE, self.target)
        self.cache = work / "cache"
        self.work = work
        self.env = {**base_env, "PYTHONPATH": str(src), "TSTD_CACHE_DIR": str(self.cache)}
        script = Path(sys.executable).with_name("tstd")  # the console script, as users run it
        self.base = [str(script)] if script.exists() else [sys.executable, "-m", "tstd"]
        self.check = [*self.base, "check", str(self.target), "--format", "json"]
        self._edits = 0

    def edit(self) -> None:  # a new comment line: same findings, new bytes → the result cache misses
        self._edits += 1
        self.target.write_bytes(EXAMPLE.read_bytes() + f"\n# edit {self._edits}\n".encode())

    def empty_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def fill(self) -> None:
        subprocess.run(self.check, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       cwd=self.work)

    def rows(self) -> list[tuple[str, Case, Callable[[], None] | None]]:
        """(name, case, preparation run once before the rounds of that row)."""
        w = self.work
        return [
            ("tstd --version", Case([*self.base, "--version"], self.env, cwd=w), None),
            ("tstd check --no-cache", Case([*self.check, "--no-cache"], self.env, cwd=w), None),
            ("tstd check cold (cache emptied)", Case(self.check, self.env, self.empty_cache, cwd=w), None),
            ("tstd check (packs cached, file new)", Case(self.check, self.env, self.edit, cwd=w), self.fill),
            ("tstd check warm (result cached)", Case(self.check, self.env, cwd=w), self.fill),
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--compare", type=Path, help="another checkout measured alternately with this one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="tstd-startup-") as tmp:
        work = Path(tmp)
        # Byte code compiled once, as an installed package has it (pip compiles on install), kept in the
        # temporary folder so that the checkouts stay clean; PYTHONDONTWRITEBYTECODE would compile every run.
        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(work / "pycache")}
        for name in ("TSTD_NO_CACHE", "PYTHONDONTWRITEBYTECODE", "TSTD_CACHE_DIR"):
            env.pop(name, None)
        this = Checkout(REPO / "src", work / "this", env)
        other = Checkout(args.compare.resolve() / "src", work / "other", env) if args.compare else None
        yamllint_bin = shutil.which("yamllint") or str(Path(sys.executable).with_name("yamllint"))
        yamllint = Case([yamllint_bin, str(EXAMPLE)], env) if Path(yamllint_bin).exists() else None
        python = Case([sys.executable, "-c", "pass"], env)

        for checkout in (this, other):
            if checkout is not None:  # untimed: compile the byte code
                subprocess.run([*checkout.check, "--no-cache"], env=checkout.env, capture_output=True, check=False)
                subprocess.run([*checkout.base, "--version"], env=checkout.env, capture_output=True, check=False)
        if yamllint is not None:
            subprocess.run(yamllint.command, env=env, capture_output=True, check=False)

        # python -c pass and yamllint run in every round of every row, beside the tstd commands: each row's
        # ratios compare runs that saw the same load (the machine is shared), not a quiet moment with a busy one.
        pairs = []
        theirs = other.rows() if other is not None else [None] * len(this.rows())
        for mine, their in zip(this.rows(), theirs, strict=True):
            for row in (mine, their):
                if row is not None and row[2] is not None:
                    row[2]()
            refs = (Case(python.command, env, cwd=work), Case(yamllint.command, env, cwd=work) if yamllint else None)
            measure([refs[0], mine[1]] + ([their[1]] if their is not None else []) + ([refs[1]] if refs[1] else []),
                    args.repeat)
            for ref, total in zip(refs, (python, yamllint), strict=True):
                if ref is not None and total is not None:
                    total.times.extend(ref.times)
            pairs.append((mine[0], mine[1], their[1] if their is not None else None, refs))

    print(f"load average {os.getloadavg()[0]:.2f}; {args.repeat} runs each, wall seconds: median (fastest); "
          "ratios to python -c pass and yamllint timed in the same rounds")

    def line(name: str, case: Case, compare: Case | None, base: Case, lint: Case | None) -> str:
        text = f"  {name:38s} {case.median:6.3f} s ({min(case.times):.3f})  {case.median / base.median:5.1f}× python -c pass"
        text += f"  {case.median / lint.median:5.2f}× yamllint" if lint is not None else ""
        if compare is not None:
            their = f", {compare.median / lint.median:4.2f}× yamllint" if lint is not None else ""
            text += f"  | --compare {compare.median:6.3f} s ({compare.median / base.median:4.1f}× python{their})"
            text += f" → {case.median / compare.median:4.2f}×"
        return text

    print(line("python -c pass (all rounds)", python, None, python, yamllint))
    print(line("yamllint FILE (all rounds)", yamllint, None, python, yamllint) if yamllint else
          "  yamllint FILE  (skipped: not installed — pip install yamllint)")
    for name, case, compare, (base, lint) in pairs:
        print(line(name, case, compare, base, lint))
    cold, new, warm = (dict((n, c) for n, c, _, _ in pairs)[k] for k in (
        "tstd check cold (cache emptied)", "tstd check (packs cached, file new)", "tstd check warm (result cached)"))
    print(f"cold → warm: {cold.median / warm.median:.1f}×; file new → warm: {new.median / warm.median:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
