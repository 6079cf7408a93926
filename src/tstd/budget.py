"""Per-file time and memory budgets that hold in every mode — in a worker process and in this process.

A worker that overruns its time is killed by the batch's parent; but a single file and ``--jobs 0`` are
checked in this process, which is exactly how pre-commit and most users run tstd. There the time limit is a
``SIGALRM`` timer that raises :class:`CheckTimeout` into the check (a ``BaseException``, so no ``except
Exception`` in a check can swallow it), and the memory limit is a soft ``RLIMIT_AS`` raised above what the
process already uses and restored afterwards (an allocation past it raises ``MemoryError``).

Both degrade to no limit where the platform has no such mechanism (Windows, a thread other than the main
one); the batch with workers does not depend on them for its timeout.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]


class CheckTimeout(BaseException):
    """The file's check took longer than its time budget."""


def interruptible() -> bool:
    """Whether :func:`deadline` can stop a check here (POSIX timers, and this is the main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`CheckTimeout` inside the block once ``seconds`` have passed (main thread, POSIX)."""
    usable = seconds > 0 and interruptible()
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise CheckTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # a caller's own timer was running: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))


def _address_space() -> int:
    """Bytes of address space this process uses now (Linux /proc; 0 where unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@contextlib.contextmanager
def memory_ceiling(extra: int) -> Iterator[None]:
    """Within the block, the process may grow by at most ``extra`` bytes of address space (0: no limit)."""
    if extra <= 0 or resource is None or not hasattr(resource, "RLIMIT_AS"):
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    wanted = used + extra if used else extra
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already tighter
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
