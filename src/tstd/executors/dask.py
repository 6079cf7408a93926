"""Check files on a Dask cluster (``tstd check --executor dask [--scheduler tcp://host:8786]``).

Install with ``pip install "tstd[dask]"`` (dask.distributed). Without ``--scheduler`` a
:class:`distributed.LocalCluster` with one single-threaded worker process per core is started for the run.

* **Shared filesystem.** Tasks carry paths, not bytes: every worker must see the files under the same paths
  as this machine (NFS, a cluster volume, the same container image with the corpus mounted). Each worker
  builds the checker once (packs, catalogue) and reuses it for every chunk.
* **Chunks.** Files are sent in chunks (``chunk`` files per task); at most a bounded number of chunks is in
  flight, so memory stays flat, and results are yielded in input order, so the output is byte-identical to
  a local run.
* **Lost workers.** The scheduler re-runs the tasks of a worker that dies (up to its ``allowed-failures``).
  A chunk that still fails is split and every file retried alone, one at a time; a file that keeps killing
  workers on its own becomes a TSTD-BATCH-004 finding on that file instead of failing the run.
* **Cache.** The parent consults the result cache before sending a file and stores what workers return.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from tstd.batch import CRASH, BatchError, Checker, CheckerFactory, ResultStore, check_item, default_jobs
from tstd.inputs.discover import Input
from tstd.model import FileResult

INSTALL_HINT = 'Dask 未安装：pip install "tstd[dask]" / dask is not installed: pip install "tstd[dask]"'
# Checkers built in this worker process, by (factory, options): built once, reused for every chunk.
_CHECKERS: dict[str, Checker] = {}


def _checker(factory: CheckerFactory, config: Any) -> Checker:
    key = f"{factory.__module__}.{factory.__qualname__}:{config!r}"
    if key not in _CHECKERS:
        _CHECKERS[key] = factory(config)
    return _CHECKERS[key]


def check_chunk(factory: CheckerFactory, config: Any, chunk: list[tuple[int, Input]],
                record: bool) -> list[tuple[int, FileResult | None, Any]]:
    """The task run on a worker: (index, result, dependencies or None) for every item of ``chunk``."""
    checker = _checker(factory, config)
    out: list[tuple[int, FileResult | None, Any]] = []
    for index, item in chunk:
        result, deps = check_item(checker, item, record)
        out.append((index, result, deps))
    return out


def _distributed() -> Any:
    """The dask.distributed module (typed Any: it ships no annotations mypy --strict accepts)."""
    import importlib

    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise BatchError(INSTALL_HINT) from None


def connect(scheduler: str | None, workers: int | None = None) -> tuple[Any, Any]:
    """(client, cluster or None): a client of ``scheduler``, or of a LocalCluster started for this run."""
    distributed = _distributed()
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as exc:
            raise BatchError(f"无法连接 Dask 调度器 / cannot reach the Dask scheduler {scheduler}: {exc}") from None
    cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def run(items: Iterable[Input], factory: CheckerFactory, config: Any, *, local: Checker, chunk: int = 8,
        scheduler: str | None = None, cache: ResultStore | None = None, client: Any = None,
        workers: int | None = None, in_flight: int | None = None) -> Iterator[FileResult]:
    """Every item's result in item order (none for a scanned YAML that is not a declaration), checked on Dask.

    ``client`` (a connected :class:`distributed.Client`) is used as it is; otherwise one is made from
    ``scheduler`` (or a LocalCluster of ``workers`` processes) and closed at the end. ``local`` describes
    the files that keep killing workers.
    """
    own = client is None
    cluster = None
    if own:
        client, cluster = connect(scheduler, workers)
    try:
        yield from _Run(client, factory, config, local, max(1, chunk), cache, in_flight).results(iter(items))
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


class _Run:
    def __init__(self, client: Any, factory: CheckerFactory, config: Any, local: Checker, chunk: int,
                 cache: ResultStore | None, in_flight: int | None) -> None:
        self.client = client
        self.factory = factory
        self.config = config
        self.local = local
        self.chunk = chunk
        self.cache = cache
        self.record = cache is not None
        workers = max(1, len(client.scheduler_info().get("workers", {})) or os.cpu_count() or 1)
        self.limit = in_flight or workers * 4  # chunks in flight: bounds memory, keeps every worker busy
        self.window = self.limit * chunk * 4 + 256
        self.done: dict[int, FileResult | None] = {}
        self.running: dict[Any, list[tuple[int, Input]]] = {}
        # Files of a chunk that killed its workers, retried alone and one at a time: a file running beside a
        # killer must not be blamed for the deaths it only witnessed.
        self.suspects: deque[list[tuple[int, Input]]] = deque()
        self.suspect_running = False
        self.suspect_futures: set[Any] = set()
        self.lost: dict[int, int] = {}  # first index of a chunk → times its result was lost with a worker
        self.completed: Any = _distributed().as_completed()

    def submit(self, chunk: list[tuple[int, Input]]) -> None:
        future = self.client.submit(check_chunk, self.factory, self.config, chunk, self.record, pure=False)
        self.running[future] = chunk
        self.completed.add(future)

    def collect(self, future: Any) -> None:
        """Take in a finished task: its results, a retry, or the verdict on a file that kills workers."""
        chunk = self.running.pop(future)
        suspect = future in self.suspect_futures
        self.suspect_futures.discard(future)
        if future.status == "finished":
            items = dict(chunk)
            for index, result, deps in future.result():
                if self.cache is not None:
                    self.cache.store_result(items[index], result, deps)
                self.done[index] = result
            if suspect:
                self.suspect_running = False
            return
        if future.status == "lost":  # finished, but its worker died before the result was fetched: again
            attempts = self.lost.get(chunk[0][0], 0) + 1
            if attempts <= 3:
                self.lost[chunk[0][0]] = attempts
                self.submit(chunk)
                if suspect:
                    self.suspect_futures.add(next(reversed(self.running)))
                return
        if future.status != "error":  # cancelled, or lost again and again: the cluster cannot finish the run
            raise BatchError(f"Dask task {future.status}: the scheduler or the connection to it was lost")
        error = future.exception()
        if type(error).__name__ != "KilledWorker":  # a bug outside the per-file guard: the run cannot go on
            raise BatchError(f"Dask task failed: {type(error).__name__}: {error}")
        if not suspect:  # which file kills the workers? each one alone, one at a time
            self.suspects.extend([one] for one in chunk)
            return
        self.suspect_running = False  # it killed workers while running alone: this file is the cause
        index, item = chunk[0]
        self.done[index] = self.local.problem(item.name, CRASH, f"Dask worker died repeatedly: {error}")

    def results(self, items: Iterator[Input]) -> Iterator[FileResult]:
        next_in = next_out = 0
        batch: list[tuple[int, Input]] = []
        exhausted = False
        while True:
            # Fetch while chunks may be sent, no further than a window ahead of the oldest unanswered file.
            while not exhausted and len(self.running) < self.limit and next_in - next_out < self.window:
                item = next(items, None)
                if item is None:
                    exhausted = True
                    if batch:
                        self.submit(batch)
                        batch = []
                    break
                if self.cache is not None:
                    hit, result = self.cache.lookup(item)
                    if hit:
                        self.done[next_in] = result
                        next_in += 1
                        continue
                batch.append((next_in, item))
                next_in += 1
                if len(batch) >= self.chunk:
                    self.submit(batch)
                    batch = []
            while next_out in self.done:
                result = self.done.pop(next_out)
                next_out += 1
                if result is not None:
                    yield result
            if exhausted and next_out == next_in and not self.suspects:
                return
            if batch and (exhausted or not self.running or next_in - next_out >= self.window):
                self.submit(batch)  # a partial chunk that nothing else would send
                batch = []
            if self.suspects and not self.suspect_running:
                self.suspect_running = True
                self.submit(self.suspects.popleft())
                self.suspect_futures.add(next(reversed(self.running)))
            if self.running:
                self.collect(next(self.completed))
            elif exhausted and not batch and not self.suspects:  # nothing left that could answer: never spin
                raise BatchError(f"Dask run ended with {next_in - next_out} files unanswered")
