"""The batch runner: check many files on a pool of worker processes, streaming results in input order.

Each worker builds its checker once (``factory(config)``: packs, schemas, catalogue) and then checks files
one after another. The parent hands out small chunks, keeps at most a bounded window of results waiting for
an earlier slow file (memory stays flat however long the batch), and yields results in exactly the order
of the inputs, so the output is the same for any number of jobs.

Faults stay with their file: an exception, a worker that dies (segfault, out of memory) or a file that
takes longer than the per-file timeout (the worker is killed and replaced) becomes an ``input`` finding on
that file, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from tstd.inputs.discover import DISCOVERY_RULES, Input, input_rule
from tstd.model import FileResult, Finding, RuleInfo

Check = Callable[[Path], FileResult]
CheckerFactory = Callable[[Any], Check]

CRASH = input_rule(
    "TSTD-BATCH-005", "检查该文件时出错", "Checking this file failed",
    "检查程序在处理该文件时抛出异常或进程异常退出；其他文件不受影响。请报告此问题并附上该文件。",
    "The checker raised an exception or its process died on this file; other files are not affected. "
    "Please report it with the file.")
TIMEOUT = input_rule(
    "TSTD-BATCH-006", "检查超时", "Check timed out",
    "该文件的检查超过了单个文件的时限（--timeout），检查进程已被终止并替换。",
    "Checking this file took longer than the per-file limit (--timeout); the worker was stopped and "
    "replaced.")
TOO_LARGE = input_rule(
    "TSTD-BATCH-007", "文件过大，未检查", "File too large, not checked",
    "文件超过单个文件的大小上限（--max-file-size），未读取。",
    "The file exceeds the per-file size limit (--max-file-size) and was not read.")
BATCH_RULES: tuple[RuleInfo, ...] = (*DISCOVERY_RULES, CRASH, TIMEOUT, TOO_LARGE)


class BatchError(RuntimeError):
    """The batch cannot run at all (the checker fails to initialise); not a per-file problem."""


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch. ``jobs=0`` checks in this process (no timeout or crash isolation: for
    debugging and profiling)."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float = 60.0  # seconds one file may take
    max_file_bytes: int = 20 * 1024 * 1024
    chunk: int = 8  # files handed to a worker at once
    lang: str = "zh"
    start_method: str = "spawn"  # fork is unsafe once the progress thread runs


def problem_result(name: str, rule: RuleInfo, detail: str, lang: str) -> FileResult:
    """The result for a file that could not be checked: one ``input`` finding."""
    title = rule.title.get(lang)
    message = f"{title}{': ' if lang == 'en' else '：'}{detail}" if detail else title
    finding = Finding(rule.id, rule.category, rule.severity, message, rule.basis)
    return FileResult(name, findings=(finding,))


def run(
    items: Iterable[Input], factory: CheckerFactory, config: Any, options: BatchOptions
) -> Iterator[FileResult]:
    """Check every item; yield one FileResult per item, in item order.

    ``factory`` and ``config`` must be picklable (a module-level function and plain data): each worker calls
    ``factory(config)`` once and reuses the checker for every file. Raises :class:`BatchError` when a
    worker cannot even start.
    """
    if options.jobs <= 0:
        check = factory(config)
        for item in items:
            yield _check_item(check, item, options)
        return
    pool = _Pool(factory, config, options)
    try:
        yield from pool.run(iter(items))
    finally:
        pool.close()


# ---------------------------------------------------------------------- one file


def _check_item(check: Check, item: Input, options: BatchOptions) -> FileResult:
    """Run the checker on one item, turning every failure into a located ``input`` finding."""
    if item.problem is not None:
        return problem_result(item.name, item.problem.rule, item.problem.detail, options.lang)
    assert item.path is not None
    try:
        size = item.path.stat().st_size
    except OSError as exc:
        return problem_result(item.name, CRASH, f"{type(exc).__name__}: {exc}", options.lang)
    if size > options.max_file_bytes:
        return problem_result(item.name, TOO_LARGE, f"{size} > {options.max_file_bytes} bytes", options.lang)
    try:
        result = check(item.path)
    except Exception as exc:  # any bug in a check must stay with its file
        return problem_result(item.name, CRASH, f"{type(exc).__name__}: {exc}", options.lang)
    if item.archive is not None:
        result = replace(result, findings=tuple(
            replace(f, source=item.report_name(f.source)) if f.source else f for f in result.findings))
    return replace(result, file=item.name)


def _worker(conn: Connection, factory: CheckerFactory, config: Any, options: BatchOptions) -> None:
    """Worker process: build the checker once, then check chunks until told to stop (``None``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        check = factory(config)
    except Exception as exc:  # reported to the parent, which stops the batch
        conn.send(("init-failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for index, item in chunk:
            conn.send((index, _check_item(check, item, options)))


# ---------------------------------------------------------------------- the pool


@dataclass
class _Slot:
    """One worker process and the files it has been given but not answered yet (oldest first)."""

    process: Any
    conn: Connection
    pending: deque[tuple[int, Input]] = field(default_factory=deque)
    ready: bool = False
    since: float = 0.0  # when the worker last made progress (answered, or got work while idle)


class _Pool:
    def __init__(self, factory: CheckerFactory, config: Any, options: BatchOptions) -> None:
        self._factory = factory
        self._config = config
        self._options = options
        self._ctx: Any = multiprocessing.get_context(options.start_method)
        self._slots: list[_Slot] = []
        # How far results may run ahead of the oldest unanswered file: bounds the reorder buffer.
        self._window = max(64, options.jobs * options.chunk * 8)

    def _spawn(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        process = self._ctx.Process(target=_worker, args=(child, self._factory, self._config, self._options),
                                    daemon=True, name="tstd-worker")
        process.start()
        child.close()  # so that the worker's death reads as EOF here
        slot = _Slot(process, parent, since=time.monotonic())
        self._slots.append(slot)
        return slot

    def _retire(self, slot: _Slot, kill: bool) -> None:
        self._slots.remove(slot)
        if kill and slot.process.is_alive():
            slot.process.kill()
        slot.process.join(5)
        slot.conn.close()

    def close(self) -> None:
        """Stop every worker: politely first, then by force."""
        for slot in self._slots:
            with contextlib.suppress(OSError):
                slot.conn.send(None)
        deadline = time.monotonic() + 5
        for slot in list(self._slots):
            slot.process.join(max(0.0, deadline - time.monotonic()))
            self._retire(slot, kill=True)

    def run(self, items: Iterator[Input]) -> Iterator[FileResult]:
        opts = self._options
        queue: deque[tuple[int, Input]] = deque()  # fetched, not yet handed out (oldest first)
        done: dict[int, FileResult] = {}  # answered, waiting for an earlier file
        next_out = next_in = 0
        exhausted = False

        while True:
            # 1. Fetch new items, no further than the window ahead of the oldest unanswered file.
            while not exhausted and next_in < next_out + self._window:
                item = next(items, None)
                if item is None:
                    exhausted = True
                    break
                queue.append((next_in, item))
                next_in += 1
            # 2. Start workers while there is more queued work than the starting ones will take, then top
            #    every ready worker up to two chunks so that it never waits for the parent.
            while len(self._slots) < opts.jobs and len(queue) > opts.chunk * sum(
                    not s.ready for s in self._slots):
                self._spawn()
            for slot in self._slots:
                if slot.ready and len(slot.pending) <= opts.chunk and queue:
                    self._dispatch(slot, [queue.popleft() for _ in range(min(opts.chunk, len(queue)))])
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if next_out == next_in:
                if exhausted:
                    return
                continue
            # 3. Wait for an answer, a death, or the earliest per-file deadline.
            now = time.monotonic()
            wake = min((s.since + opts.timeout for s in self._slots if s.pending), default=now + 1.0)
            ready = wait([s.conn for s in self._slots], timeout=max(0.0, wake - now))
            for slot in [s for s in self._slots if s.conn in ready]:
                self._receive(slot, done, queue)
            now = time.monotonic()
            for slot in [s for s in self._slots if s.pending and now - s.since > opts.timeout]:
                index, item = slot.pending.popleft()
                done[index] = problem_result(item.name, TIMEOUT, f"> {opts.timeout:g} s", opts.lang)
                queue.extendleft(reversed(slot.pending))
                self._retire(slot, kill=True)

    def _dispatch(self, slot: _Slot, chunk: list[tuple[int, Input]]) -> None:
        if not chunk:
            return
        if not slot.pending:
            slot.since = time.monotonic()
        slot.pending.extend(chunk)
        slot.conn.send(chunk)

    def _receive(self, slot: _Slot, done: dict[int, FileResult], retry: deque[tuple[int, Input]]) -> None:
        """Read every message the worker has sent; on EOF the worker died on its oldest pending file."""
        try:
            while slot.conn.poll():
                tag, payload = slot.conn.recv()
                if tag == "ready":
                    slot.ready = True
                elif tag == "init-failed":
                    raise BatchError(f"checker failed to start: {payload}")
                else:
                    index, item = slot.pending.popleft()
                    assert index == tag, "worker answered out of order"
                    done[index] = payload
                slot.since = time.monotonic()
        except (EOFError, OSError):
            slot.process.join(1)
            code = slot.process.exitcode
            if not slot.ready:
                self._retire(slot, kill=True)
                raise BatchError(f"worker exited while starting (exit code {code})") from None
            if slot.pending:
                index, item = slot.pending.popleft()
                done[index] = problem_result(item.name, CRASH, _death(code), self._options.lang)
                retry.extendleft(reversed(slot.pending))
            self._retire(slot, kill=True)


def _death(code: int | None) -> str:
    """'worker killed by SIGSEGV' from a process exit code."""
    if code is not None and code < 0:
        try:
            return f"worker killed by {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"worker exited (exit code {code})"
