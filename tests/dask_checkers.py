"""Checkers for tests/test_dask.py that kill their Dask worker process on purpose (importable by name on
the workers, which a test module under --import-mode=importlib is not)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tstd.model import FileResult
from tstd.run import CheckOptions, EngineChecker, engine_checker


@dataclass
class Killer:
    """Checks like production, but a file named ``boom*`` kills the worker every time and ``flaky*`` only
    the first time (a marker file, on the shared filesystem, remembers)."""

    inner: EngineChecker
    markers: Path

    def check(self, path: Path, explicit: bool) -> FileResult | None:
        if path.name.startswith("boom"):
            os._exit(13)
        if path.name.startswith("flaky"):
            marker = self.markers / path.name
            if not marker.exists():
                marker.write_text("killed once")
                os._exit(13)
        return self.inner.check(path, explicit)

    def problem(self, name: str, rule: str, detail: str) -> FileResult:
        return self.inner.problem(name, rule, detail)


def killer(config: tuple[CheckOptions, str]) -> Any:
    options, markers = config
    return Killer(engine_checker(options), Path(markers))


@dataclass
class Slow:
    """The production checker, taking ``delay`` seconds more per file: a run long enough to lose a worker in."""

    inner: EngineChecker
    delay: float

    def check(self, path: Path, explicit: bool) -> FileResult | None:
        import time

        time.sleep(self.delay)
        return self.inner.check(path, explicit)

    def problem(self, name: str, rule: str, detail: str) -> FileResult:
        return self.inner.problem(name, rule, detail)


def slow(config: tuple[CheckOptions, float]) -> Any:
    options, delay = config
    return Slow(engine_checker(options), delay)


def refuse(config: object) -> Any:
    """A factory that fails wherever it runs: a run that uses it completes only if no file reaches a worker."""
    raise RuntimeError("this run was meant to be answered from the cache alone")
