"""Batch helpers for ``tstd check``: where each output format goes, how inputs reach the pool (streamed, or
listed when a progress bar needs the count), and the progress bar.

Several formats in one run: give ``--format`` once per format. Each plain ``--format F`` pairs with the
``--output`` at the same position (``--format json --output a.json --format sarif --output b.sarif``); a
format may also carry its own path as ``F:PATH`` (``--format sarif:b.sarif``; ``F:-`` is standard output).
A single plain ``--format`` without any ``--output`` goes to standard output; at most one format may.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tstd.inputs.discover import Input

T = TypeVar("T")
PROGRESS_MIN_FILES = 20  # shorter runs finish before a bar helps


@dataclass(frozen=True)
class Target:
    """One output: a format name and the file it goes to (None: standard output)."""

    format: str
    path: Path | None


class TargetError(ValueError):
    """The --format/--output combination cannot be understood; the message says how to fix it."""


def output_targets(formats: Sequence[str], outputs: Sequence[Path], known: Iterable[str]) -> list[Target]:
    """Pair ``--format`` values with ``--output`` values (see the module docstring); raises TargetError."""
    names = set(known)
    specs: list[tuple[str, bool, str]] = []  # (format, carries its own path, that path)
    for spec in formats or ["text"]:
        name, sep, where = spec.partition(":")
        if name not in names:
            raise TargetError(f"unknown format {name!r}; choose one of: {', '.join(sorted(names))}")
        specs.append((name, bool(sep), where))
    plain = sum(1 for _, inline, _ in specs if not inline)
    if outputs and len(outputs) != plain:
        raise TargetError(f"{plain} --format without a path but {len(outputs)} --output; give each "
                          "--format its own --output in the same order, or write FORMAT:PATH")
    pending = iter(outputs)
    targets = [Target(name, (None if where in ("", "-") else Path(where)) if inline else next(pending, None))
               for name, inline, where in specs]
    to_stdout = [t.format for t in targets if t.path is None]
    if len(to_stdout) > 1:
        raise TargetError(f"formats {', '.join(to_stdout)} would all go to standard output; give all but "
                          "one an --output, or write FORMAT:PATH")
    paths = [str(t.path) for t in targets if t.path is not None]
    if len(set(paths)) != len(paths):
        raise TargetError("two formats would write the same file")
    return targets


@dataclass(frozen=True)
class Planned:
    """The inputs of a run: ``total`` is known only when a progress bar needs it; ``single`` when there is
    one file at most (checked in-process: a worker would cost more than the check)."""

    items: Iterable[Input]
    total: int | None
    single: bool
    empty: bool = False  # nothing at all was found: the run must not pass silently


def plan(found: Iterable[Input], quiet: bool) -> Planned:
    """Stream the inputs from discovery (memory stays flat) unless a progress bar will be drawn, which needs
    the count: then they are listed first. Only the first two are looked at to tell a single file."""
    stream = iter(found)
    head = list(itertools.islice(stream, 2))
    items: Iterable[Input] = itertools.chain(head, stream)
    if quiet or not sys.stderr.isatty():
        return Planned(items, None, len(head) < 2, not head)
    listed = list(items)
    return Planned(listed, len(listed), len(listed) < 2, not listed)


def with_progress(results: Iterable[T], total: int | None, label: str) -> Iterator[T]:
    """Yield ``results`` unchanged, drawing a progress bar (count, rate, ETA) on stderr.

    Only with a known ``total`` (see :func:`plan`: a terminal and no ``--quiet``) of a run long enough to
    need it. The rich console is created once per run, never per file.
    """
    if total is None or total < PROGRESS_MIN_FILES:
        yield from results
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("[cyan]{task.fields[rate]}"),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total, rate="")
        for done, item in enumerate(results, 1):
            yield item
            speed = progress.tasks[0].speed
            progress.update(task, completed=done, rate=f"{speed:,.0f} 份/s" if speed else "")
