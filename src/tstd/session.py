"""A run that builds its engine only when a file has to be checked.

``tstd check`` on files checked before (a pre-commit hook on an unchanged file, a re-audit) is answered by
the result cache (:mod:`tstd.cache.results`), and the report's frame — packs, rules, notes — by
:mod:`tstd.cache.frame`, both under the run's fingerprint. Such a run imports neither the YAML parser nor the
schemas nor any check kind: its start-up is the interpreter, the config file and a few digests.

The errors of a run's settings (a broken pack, an unknown rule id) are never skipped: a frame exists only for
a fingerprint whose engine was built and validated, and without one the engine is built before any file is
looked at, exactly as :func:`tstd.run.build_engine` always did.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tstd import batch, run
from tstd.inputs.discover import Input
from tstd.model import FileResult, RunReport
from tstd.run import CheckOptions, EngineChecker, engine_checker, engine_frame, production_pool, run_fingerprint

if TYPE_CHECKING:
    from tstd.baseline import Baseline
    from tstd.cache.frame import RunFrame
    from tstd.cache.results import Dependency, ResultCache
    from tstd.engine.runner import Engine


class Session:
    """One run's engine (built on first need), result cache and report frame."""

    def __init__(self, options: CheckOptions) -> None:
        from tstd.cache.store import activate

        self.options = options
        self.cache: ResultCache | None = None
        self.frame: RunFrame | None = None
        self._engine: Engine | None = None
        self._fingerprint: str | None = None
        store = activate(options.cache_dir)
        if store is not None and options.cache_results:
            from tstd.cache.frame import load_frame
            from tstd.cache.results import ResultCache
            from tstd.engine.packfiles import PackError

            try:
                self._fingerprint = run_fingerprint(options, run.today())  # run.today: tests move the date
            except PackError:  # a --rules path that does not exist: build_engine below reports it
                pass
            else:
                self.cache = ResultCache(store, self._fingerprint)
                self.frame = load_frame(store, self._fingerprint)
        if self.frame is None:
            self.engine  # noqa: B018 — settings errors (packs, rule ids) surface now, before any file

    @property
    def engine(self) -> Engine:
        """The run's engine, built (packs loaded, rule ids validated) on first use."""
        if self._engine is None:
            self._engine = run.build_engine(self.options)
            if self.frame is None:
                self.frame = engine_frame(self._engine)
                self._remember_frame(self.frame)
        return self._engine

    def _remember_frame(self, frame: RunFrame) -> None:
        from tstd.cache.frame import save_frame
        from tstd.cache.store import active

        store = active()
        if store is not None and self._fingerprint is not None:
            save_frame(store, self._fingerprint, frame)

    def results(self, items: Iterable[Input], pool: batch.BatchOptions,
                baseline: Baseline | None = None) -> Iterator[FileResult]:
        """Every input's result in input order, like :func:`tstd.run.results`; the engine is built only for
        an item the result cache cannot answer."""
        stream = batch.run(items, engine_checker, self.options, _pool(pool), local=_LazyChecker(self),
                           cache=self.cache)
        return baseline.apply(stream, self.options.lang) if baseline is not None else stream

    def stored_results(self, items: Iterable[Input], pool: batch.BatchOptions,
                       baseline: Baseline | None = None) -> Iterator[FileResult | batch.Packed]:
        """:meth:`results` for a :class:`tstd.batch.ResultSpool`: each result a worker checked arrives as the
        worker sent it (:class:`tstd.batch.Packed`; with ``pool.encode``, with its output fragment), unless a
        baseline must see every result first."""
        if baseline is not None:
            return self.results(items, pool, baseline)
        return batch.run_packed(items, engine_checker, self.options, replace(_pool(pool), packed=True),
                                local=_LazyChecker(self), cache=self.cache)

    def report(self, results: Iterable[FileResult], baseline: Baseline | None = None) -> RunReport:
        """The run's report (like :func:`tstd.run.make_report`), from the cached frame when there is one."""
        frame = self.frame if self.frame is not None else engine_frame(self.engine)
        return frame.report(results, self.options.lang, baseline.file if baseline is not None else None)


def _pool(pool: batch.BatchOptions) -> batch.BatchOptions:
    """The production pool (:func:`tstd.run.production_pool`), its workers forked from this process where that
    is safe (:attr:`tstd.batch.BatchOptions.fork`): the session's engine is the one ``engine_checker(options)``
    builds in a worker. Only the command line forks: a library caller's process is not this tool's to copy."""
    return replace(production_pool(pool), fork=True)


class _LazyChecker:
    """The in-process checker of :func:`tstd.batch.run`, building the session's engine on its first call."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._checker: EngineChecker | None = None

    def _real(self) -> EngineChecker:
        if self._checker is None:
            self._checker = EngineChecker(self._session.engine)
        return self._checker

    def check(self, path: Path, explicit: bool) -> FileResult | None:
        return self._real().check(path, explicit)

    def problem(self, name: str, rule: str, detail: str) -> FileResult:
        return self._real().problem(name, rule, detail)

    def dependencies(self, path: Path) -> tuple[Dependency, ...]:
        """What the last check read (only asked for while results are cached: the loader records then)."""
        found: tuple[Dependency, ...] = self._real().dependencies(path)
        return found
