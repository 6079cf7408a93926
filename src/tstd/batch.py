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
import gc
import os
import pickle
import re
import signal
import stat
import tempfile
import time
from array import array
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, Protocol, overload

from tstd import budget, limits
from tstd.inputs.discover import Input
from tstd.model import FileResult, Severity, Tally
from tstd.safety import leaves_root, submission_root

if TYPE_CHECKING:  # multiprocessing is imported when a pool starts: a cached or one-file run never needs it
    from multiprocessing.connection import Connection

# Rules of the built-in `batch` pack (rules/batch.yaml) that the runner raises.
CRASH = "TSTD-BATCH-004"
TIMEOUT = "TSTD-BATCH-005"
OUTSIDE_ROOT = "TSTD-BATCH-006"
UNREADABLE_PATH = "TSTD-BATCH-007"
OUT_OF_MEMORY = "TSTD-BATCH-008"


class Checker(Protocol):
    """What a worker needs: check one file, and describe a file that could not be checked."""

    def check(self, path: Path, explicit: bool) -> FileResult | None:
        """The file's result; None when a directory scan met a YAML file that is not a declaration."""

    def problem(self, name: str, rule: str, detail: str) -> FileResult:
        """A result holding one ``input`` finding of ``rule`` (a ``batch`` pack rule) about ``name``."""


CheckerFactory = Callable[[Any], Checker]
# A checked result as one output format writes it (the JSON report's line of ``results``), UTF-8 with lone
# surrogates passed through (``surrogatepass``: a file name that is not UTF-8): made once, by the worker that
# checked the file (a module-level function, so that it can be sent to workers).
Encoder = Callable[[FileResult], bytes]


class ResultStore(Protocol):
    """A result cache the runner consults before checking (:class:`tstd.cache.results.ResultCache`).

    A checker may offer ``dependencies(path)``: the files (with digests) the last check of ``path`` read; only
    results that come with them are stored.
    """

    def lookup(self, item: Input) -> tuple[bool, FileResult | None]:
        """(True, result) for a still-valid stored result, else (False, None)."""

    def store_result(self, item: Input, result: FileResult | None, deps: Sequence[Any] | None,
                     fragment: tuple[str, bytes, Any] | None = None) -> None:
        """Remember a freshly checked item's result (with its output fragment: encoding, bytes, counts)."""

    def fragment(self, item: Input, encoding: str) -> tuple[bytes, Any] | None:
        """(fragment, counts) of a still-valid stored result made with ``encoding``, else None."""


class BatchError(RuntimeError):
    """The batch cannot run at all (the checker fails to initialise); not a per-file problem."""


def default_jobs() -> int:
    """The cores this process may use (CPU affinity and container limits respected where the OS says)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


@dataclass(frozen=True)
class BatchOptions:
    """How to run a batch. ``jobs=0`` checks in this process (no crash isolation; the time and memory
    budgets still hold, see tstd.budget)."""

    jobs: int = field(default_factory=default_jobs)
    timeout: float = 60.0  # seconds one file may take
    memory: int = limits.MAX_WORKER_MEMORY  # bytes of address space one check may add (0: unlimited)
    chunk: int = 8  # files handed to a worker at once
    start_method: str = "spawn"  # fork is unsafe once the progress thread runs
    # Up to this many files are checked in this process before any worker starts, as long as at most
    # INLINE_BACKLOG wait (a re-audit that finds most results cached, a pre-commit run on a handful of files):
    # a worker's start-up (interpreter, imports, packs, catalogue: ~0.5–1 s of CPU) costs more than checking
    # them here. Files that lead into native PDF code always go to a worker. 0: never (all in workers).
    inline: int = 0
    # Yield each result a worker checked as it arrived (:class:`Packed`: pickled, with its counts and, given
    # ``encode``, its output fragment) instead of unpickling it here: for a consumer that only stores results
    # (:class:`ResultSpool`), so that the parent process, competing with the workers for the cores, does no
    # per-file work it does not need. Results made here (cache hits, timeouts, crashes) stay FileResults.
    packed: bool = False
    encode: Encoder | None = None  # with ``packed``: the output fragment of a checked result, made by the worker
    # With ``packed`` and ``encode``: False when the fragments are all the run will read of a checked result
    # (a run writing only that format): workers then send no pickled result, only its counts and fragment.
    keep: bool = True
    # Start workers by forking this process where that is safe (Linux, no other thread running; else
    # ``start_method``), each worker using ``local`` as its checker: for a ``local`` that checks exactly as
    # ``factory(config)`` would. Before the first fork the oldest file is checked here (unless it leads into
    # PDF code), so the workers inherit a checker with its kinds loaded and options prepared instead of each
    # paying an interpreter, the imports, the packs and that preparation (~0.5 s of CPU per worker).
    fork: bool = False


# How long the parent lets workers' answers gather while every worker is busy (see _Pool.run).
GATHER_SECONDS = 0.005
INLINE_FILES = 256  # the ``inline`` the CLI uses: about the files one core checks in two workers' start-up
# More files than this waiting at once: the batch is not a trickle the parent keeps up with; start workers.
INLINE_BACKLOG = 64


def run(
    items: Iterable[Input], factory: CheckerFactory, config: Any, options: BatchOptions,
    local: Checker | None = None, cache: ResultStore | None = None,
) -> Iterator[FileResult]:
    """Check every item; yield its FileResult in item order (none for a scanned YAML that is no declaration).

    ``factory`` and ``config`` must be picklable (a module-level function and plain data): each worker calls
    ``factory(config)`` once and reuses the checker for every file. ``local`` is the same checker built in
    this process (built here when not given); it checks when ``jobs`` is 0 and describes timeouts and
    crashes. With a ``cache``, an item whose stored result is still valid is not checked again (and, when
    every item is, no worker is started). Raises :class:`BatchError` when a worker cannot even start.
    """
    # closed at once when this generator is (a consumer stopping early): the pool's workers are stopped then
    with contextlib.closing(run_packed(items, factory, config, replace(options, packed=False), local, cache)) as stream:
        for result in stream:
            assert not isinstance(result, Packed)
            yield result


def run_packed(
    items: Iterable[Input], factory: CheckerFactory, config: Any, options: BatchOptions,
    local: Checker | None = None, cache: ResultStore | None = None,
) -> Generator[FileResult | Packed, None, None]:
    """Like :func:`run`; with :attr:`BatchOptions.packed`, each result a worker checked comes as it was sent
    (a :class:`Packed`, for :class:`ResultSpool`), the others as FileResults."""
    local = local if local is not None else factory(config)
    if options.jobs <= 0:
        for item in items:
            if cache is not None:
                hit, result = cache.lookup(item)
                if not hit:
                    result, deps = _check_in_process(local, item, options, record=True)
                    cache.store_result(item, result, deps)
            else:
                result, _ = _check_in_process(local, item, options)
            if result is not None:
                yield result
        return
    pool = _Pool(factory, config, options, local, cache)
    try:
        yield from pool.run(iter(items))
    finally:
        pool.close()


# What the report's totals need of one result, as plain data: (skipped, organisation, (rule, category value,
# severity value) of every finding that counts, findings suppressed). Far cheaper to send and to count than the
# result itself; :func:`add_counts` adds it to a Tally exactly as ``Tally.add(result)`` would (tested).
Counts = tuple[bool, str, tuple[tuple[str, str, str], ...], int]


def counts(result: FileResult) -> Counts:
    """The :data:`Counts` of ``result``."""
    if result.skipped:
        return True, "", (), 0
    found = tuple((f.rule, f.category.value, f.severity.value) for f in result.findings if f.suppressed is None)
    return False, result.organization or "", found, len(result.findings) - len(found)


_SEVERITY = {s.value: s for s in Severity}
_PLURAL = {"error": "errors", "warning": "warnings", "info": "infos"}


def add_counts(tally: Tally, counted: Counts) -> None:
    """Count one result given as its :data:`Counts` (the same totals as ``tally.add(result)``)."""
    skipped, organization, found, suppressed = counted
    if skipped:
        tally.skipped += 1
        return
    tally.files += 1
    org = tally.by_org.setdefault(organization, {"files": 0, "failing": 0, "errors": 0, "warnings": 0, "infos": 0})
    org["files"] += 1
    tally.suppressed += suppressed
    by_rule, by_category, totals = tally.by_rule, tally.by_category, tally.totals
    failing = False
    for rule, category, severity in found:
        by_rule[rule] = by_rule.get(rule, 0) + 1
        by_category[category] = by_category.get(category, 0) + 1
        totals[_SEVERITY[severity]] += 1
        org[_PLURAL[severity]] += 1
        failing = failing or severity == "error"
    for rule in {rule for rule, _, _ in found}:
        tally.files_by_rule[rule] = tally.files_by_rule.get(rule, 0) + 1
    if failing:
        tally.failing += 1
        org["failing"] += 1


class Packed(NamedTuple):
    """A result as the worker that checked it sent it (:attr:`BatchOptions.packed`), never unpickled on the way
    to the spool: the pickled FileResult, its output fragment (None: not made) and its :data:`Counts`."""

    data: bytes
    fragment: bytes | None
    counts: Counts

    def result(self) -> FileResult:
        """The FileResult itself."""
        result: FileResult = pickle.loads(self.data)
        return result


def encoding(encode: Encoder) -> str:
    """The name a result cache files ``encode``'s fragments under (the tool's version keys the code)."""
    return f"{encode.__module__}.{encode.__qualname__}"


def pack(result: FileResult, encode: Encoder | None, keep: bool = True) -> Packed:
    """``result`` as a :class:`Packed` (with its fragment when ``encode`` is given and the file was checked;
    without the pickled result when ``keep`` is False and the fragment stands for it)."""
    fragment = encode(result) if encode is not None and not result.skipped else None
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL) if keep or fragment is None else b""
    return Packed(data, fragment, counts(result))


class ResultSpool(Sequence[FileResult]):
    """FileResults kept in a temporary file as they stream in, so a batch's memory stays flat however many
    files it has. Every output format reads it again, one result at a time; indexing works too."""

    def __init__(self, results: Iterable[FileResult | Packed] = (), encode: Encoder | None = None,
                 keep: bool = True) -> None:
        self._file = tempfile.TemporaryFile(prefix="tstd-results-")  # noqa: SIM115 — lives as long as the spool
        self._offsets = array("q", [0])
        # Counted while written: the report's totals and its list of skipped files need no pass over the disk
        # (each pass unpickles every result; RunReport.summary and skipped_files use these).
        self.tally = Tally()
        self.skipped_positions = array("q")
        # With ``encode``: every checked result's output fragment as well, in order and joined as that format
        # joins them (:meth:`fragments`), so that format's report is copied from here, not encoded again.
        self._encode = encode
        self._fragments = tempfile.TemporaryFile(prefix="tstd-fragments-") if encode is not None else None  # noqa: SIM115
        self._fragment_count = 0
        self._fragment_end = 0
        # keep=False (only with ``encode``): a checked result is stored as its fragment alone; reading it back
        # as a FileResult is an error (skipped results, listed by the report, are always kept).
        self._keep = keep or encode is None
        # Whether a read has moved a file's position since the last append: seeking flushes the write buffer,
        # so appends in a row (a whole batch) must not seek each time.
        self._moved = False
        for result in results:
            self.append(result)

    def append(self, result: FileResult | Packed) -> None:
        """Store one result: a FileResult, or a :class:`Packed` one as a worker sent it (stored unopened)."""
        if isinstance(result, Packed):
            data, fragment, counted = result
            skipped = counted[0]
            if not data and (self._keep or fragment is None):
                raise ValueError("a packed result without its pickled result, for a spool that keeps results")
            if fragment is None and self._encode is not None and not skipped:
                fragment = self._encode(result.result())
            if not self._keep and not skipped:
                data = b""
            add_counts(self.tally, counted)
        else:
            skipped = bool(result.skipped)
            fragment = self._encode(result) if self._encode is not None and not skipped else None
            keep = self._keep or skipped
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL) if keep else b""
            self.tally.add(result)
        if self._moved:  # reads moved the positions
            self._file.seek(self._offsets[-1])
            if self._fragments is not None:
                self._fragments.seek(self._fragment_end)
            self._moved = False
        self._file.write(data)
        if skipped:
            self.skipped_positions.append(len(self))
        self._offsets.append(self._offsets[-1] + len(data))
        if self._fragments is not None and fragment is not None:
            if self._fragment_count:
                fragment = _FRAGMENT_SEPARATOR + fragment
            self._fragments.write(fragment)
            self._fragment_end += len(fragment)
            self._fragment_count += 1

    def fragments(self, encode: Encoder) -> Iterator[str] | None:
        """The output fragments of every checked result, in order, joined by ``",\n    "`` (the JSON report's
        ``results`` lines) and read back in large pieces; None unless this spool was made with ``encode``
        and holding at least one fragment."""
        if self._fragments is None or encode is not self._encode or not self._fragment_count:
            return None
        return self._read_fragments(self._fragments)

    def _read_fragments(self, handle: IO[bytes]) -> Iterator[str]:
        import codecs

        # a piece may end inside a character; a file name that is not UTF-8 is kept as surrogates (see Encoder)
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        offset, left = 0, self._fragment_end
        while left > 0:
            self._moved = True
            handle.seek(offset)  # every read seeks first: readers may interleave
            piece = handle.read(min(left, _PIECE))
            if not piece:
                break
            left -= len(piece)
            offset += len(piece)
            text = decoder.decode(piece, final=left <= 0)
            if text:
                yield text

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> FileResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[FileResult]: ...

    def __getitem__(self, index: int | slice) -> FileResult | list[FileResult]:
        if isinstance(index, slice):
            return [self._read(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._read(index)

    def __iter__(self) -> Iterator[FileResult]:
        # Every read seeks first, so iterations (one per output format) may interleave safely.
        i = 0
        while i < len(self):  # like a list: sees results appended meanwhile
            yield self._read(i)
            i += 1

    def _read(self, i: int) -> FileResult:
        start, end = self._offsets[i], self._offsets[i + 1]
        if start == end:
            raise LookupError(f"result {i} was kept only as its output fragment (ResultSpool keep=False)")
        self._moved = True
        self._file.seek(start)
        result: FileResult = pickle.loads(self._file.read(end - start))
        return result

    def close(self) -> None:
        self._file.close()
        if self._fragments is not None:
            self._fragments.close()


_FRAGMENT_SEPARATOR = b",\n    "
_PIECE = 1 << 20  # bytes of fragments read back at once


# ---------------------------------------------------------------------- one file


Checked = tuple["FileResult | None", Any]  # a result and the files it depended on (None: not cacheable)


def skipped(item: Input) -> FileResult:
    """The result of an item found but not checkable (``item.skip`` says why)."""
    return FileResult(item.name, skipped=item.skip)


def check_item(checker: Checker, item: Input, record: bool = False) -> Checked:
    """Run the checker on one item, turning every failure into a located ``input`` finding.

    With ``record`` (a result cache is in use) and a checker that offers ``dependencies(path)``, a normally
    checked item also returns the files its check read; a crash or a problem found before checking returns
    None there, so it is never cached."""
    if item.skip:  # found but not checkable: listed with the reason, never dropped silently
        return skipped(item), None
    if item.problem is not None:
        return checker.problem(item.name, item.problem.rule, item.problem.detail), None
    assert item.path is not None
    if item.root is not None and (escape := _leaves_root(item.path, item.root)):
        return checker.problem(item.name, OUTSIDE_ROOT, escape), None
    try:
        with submission_root(item.root):  # what the file names must stay inside (tstd.safety)
            result = checker.check(item.path, item.explicit)
    except MemoryError:
        raise  # the caller knows the budget it set and reports it
    except Exception as exc:  # any bug in a check must stay with its file
        return checker.problem(item.name, CRASH, f"{type(exc).__name__}: {exc}"), None
    recorder = getattr(checker, "dependencies", None) if record else None
    deps = recorder(item.path) if recorder is not None else None
    if result is None:
        return None, deps
    if item.archive is not None:
        result = replace(result, findings=tuple(
            replace(f, source=item.report_name(f.source)) if f.source else f for f in result.findings))
    return replace(result, file=item.name), deps


def _leaves_root(path: Path, root: str) -> str:
    """:func:`tstd.safety.leaves_root`, asking the file system less for the usual file found by a walk: when
    ``path`` is ``root`` plus plain names none of which is a symbolic link, it cannot leave ``root`` (whatever
    ``root`` itself resolves to), which takes one ``lstat`` per name below ``root`` instead of resolving both
    paths from ``/`` for every file. Anything else (a link on the way, ``..``, a path that does not start
    with ``root``, a failing ``lstat``) is decided by ``leaves_root`` itself."""
    text = str(path)
    base = root.rstrip(os.sep)
    if os.altsep is None and base and text.startswith(base + os.sep):
        names = text[len(base) + 1:].split(os.sep)
        if "" not in names and "." not in names and ".." not in names:
            current = base
            try:
                for name in names:
                    current += os.sep + name
                    if stat.S_ISLNK(os.lstat(current).st_mode):
                        break
                else:
                    return ""
            except OSError:
                pass
    return leaves_root(path, root)


# A ``file:`` key (YAML block or flow style, JSON): how a declaration names its full text. Declarations that
# only give the full text's URL (most of them) never reach PDF code.
_NAMES_A_FILE = re.compile(rb"""(?:^|[\s{,])["']?file["']?\s*:""", re.MULTILINE)


def needs_isolation(item: Input) -> bool:
    """Whether checking ``item`` may run native PDF code (a PDF, a declaration with a same-stem PDF, or one
    that names a file as its full text), which only a worker process can stop at the time limit."""
    path = item.path
    if path is None:
        return False
    if path.suffix.lower() == ".pdf" or path.with_suffix(".pdf").is_file():
        return True
    try:
        with open(path, "rb") as handle:
            data = handle.read(4 * 1024 * 1024)
    except OSError:
        return False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:  # UTF-16: compare as UTF-8
        for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                data = data.decode(encoding).encode("utf-8")
                break
            except UnicodeDecodeError:
                continue
        else:
            return True  # cannot tell: a worker is the safe place
    return b"full_text" in data and _NAMES_A_FILE.search(data) is not None


def _check_in_process(checker: Checker, item: Input, options: BatchOptions, record: bool = False) -> Checked:
    """One item checked in this process under the same time and memory budgets a worker has."""
    try:
        with budget.memory_ceiling(options.memory), budget.deadline(options.timeout):
            return check_item(checker, item, record)
    except budget.CheckTimeout:
        return checker.problem(item.name, TIMEOUT, f"{options.timeout:g}"), None
    except MemoryError:
        return checker.problem(item.name, OUT_OF_MEMORY, _megabytes(options.memory)), None


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MiB"


def _worker(conn: Connection, factory: CheckerFactory, config: Any, memory: int = 0, record: bool = False,
            packed: bool = False, encode: Encoder | None = None, keep: bool = True) -> None:
    """Worker process: build the checker once, then check chunks until told to stop (``None``). With ``packed``
    every result is sent as a :class:`Packed` (``encode``: with its output fragment; ``keep`` False: without
    the pickled result)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent stops workers; no handler of its own
    try:
        checker = factory(config)
    except Exception as exc:  # reported to the parent, which stops the batch
        conn.send(("init-failed", f"{type(exc).__name__}: {exc}"))
        return
    # The checker (packs, compiled lexicons, the catalogue) lives as long as the worker: out of the cyclic
    # collector's sight, each collection walks only what the files create (a few % of a check's CPU).
    gc.freeze()
    conn.send(("ready", None))
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for index, item in chunk:
            try:
                with budget.memory_ceiling(memory):  # one file cannot take the machine; see tstd.budget
                    checked = check_item(checker, item, record)
            except MemoryError:
                checked = checker.problem(item.name, OUT_OF_MEMORY, _megabytes(memory)), None
            # the parent caches results only when recording: then it needs the files each one depended on
            result: Any = checked[0]
            if packed and result is not None:
                result = pack(result, encode, keep)
            conn.send((index, (result, checked[1]) if record else result))


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
    def __init__(self, factory: CheckerFactory, config: Any, options: BatchOptions, local: Checker,
                 cache: ResultStore | None = None) -> None:
        self._local = local
        self._cache = cache
        self._factory = factory
        self._config = config
        self._options = options
        import multiprocessing

        self._ctx: Any = multiprocessing.get_context(options.start_method)
        self._slots: list[_Slot] = []
        # How far results may run ahead of the oldest unanswered file: bounds the reorder buffer.
        self._window = max(64, options.jobs * options.chunk * 8)
        # Files this process may still check itself; none once a worker has started or without a timer that
        # can stop a check here (see BatchOptions.inline).
        self._inline = options.inline if budget.interruptible() else 0
        self._warm = not options.fork  # whether ``local`` has checked a file (or need not have: no fork)
        # The fragments' encoding when they are all the run reads of a result (packed, encode, not keep).
        self._encoding = encoding(options.encode) if options.packed and options.encode and not options.keep else ""

    def _spawn(self) -> _Slot:
        self._inline = 0  # workers from now on: the parent only hands out work and orders results
        opts = self._options
        forked = opts.fork and _fork_safe()
        ctx = self._ctx
        factory, config = self._factory, self._config
        if forked:
            import multiprocessing

            ctx = multiprocessing.get_context("fork")
            factory, config = _given, self._local  # nothing is pickled: the child has the checker already
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_worker, args=(child, factory, config, opts.memory, self._cache is not None,
                                                    opts.packed, opts.encode if opts.packed else None,
                                                    opts.keep or self._cache is not None),
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

    def run(self, items: Iterator[Input]) -> Iterator[FileResult | Packed]:
        from multiprocessing import connection

        opts = self._options
        queue: deque[tuple[int, Input]] = deque()  # fetched, not yet handed out (oldest first)
        done: dict[int, FileResult | Packed | None] = {}  # answered, waiting for an earlier file
        next_out = next_in = 0
        exhausted = False
        gather = True  # whether to let answers gather before reading them (step 3)

        while True:
            # 1. Fetch new items, no further than the window ahead of the oldest unanswered file.
            while not exhausted and next_in < next_out + self._window:
                item = next(items, None)
                if item is None:
                    exhausted = True
                    break
                if item.skip:  # listed with its reason: nothing for a worker to do
                    done[next_in] = skipped(item)
                    next_in += 1
                    continue
                if self._cache is not None:
                    # a run writing only one format takes a stored fragment as it is: nothing to decode
                    got = self._cache.fragment(item, self._encoding) if self._encoding else None
                    if got is not None:
                        done[next_in] = Packed(b"", got[0], got[1])
                        next_in += 1
                        continue
                    hit, result = self._cache.lookup(item)
                    if hit:  # answered from the cache: no worker needed
                        done[next_in] = result
                        next_in += 1
                        continue
                queue.append((next_in, item))
                next_in += 1
            # 2. Few files waiting and no worker yet: check the oldest here (see BatchOptions.inline). Else
            #    start workers while there is more queued work than the starting ones will take, then top
            #    every ready worker up to two chunks so that it never waits for the parent.
            here = self._check_here(queue, done)
            if not here and not self._warm and not self._slots and len(queue) > opts.chunk:
                here = self._warm_up(queue, done)
            while not here and len(self._slots) < opts.jobs and len(queue) > opts.chunk * sum(
                    not s.ready for s in self._slots):
                self._spawn()
            for slot in self._slots:
                if slot.ready and len(slot.pending) <= opts.chunk and queue:
                    self._dispatch(slot, [queue.popleft() for _ in range(min(opts.chunk, len(queue)))])
            while next_out in done:
                answer = done.pop(next_out)
                next_out += 1
                if answer is not None:
                    yield answer
            if next_out == next_in:
                if exhausted:
                    return
                continue
            if here:
                continue  # no worker to wait for
            # 3. Wait for an answer, a death, or the earliest per-file deadline.
            now = time.monotonic()
            wake = min((s.since + opts.timeout for s in self._slots if s.pending), default=now + 1.0)
            if gather and all(s.ready and s.pending for s in self._slots):
                # Every worker is busy: let answers gather for a moment and read them in one go. Woken for
                # each file, the parent costs a context switch and cold caches per file on cores the workers
                # need (the pipes hold several answers; each worker still has work queued meanwhile).
                time.sleep(min(GATHER_SECONDS, max(0.0, wake - now)))
                now = time.monotonic()
            ready = connection.wait([s.conn for s in self._slots], timeout=max(0.0, wake - now))
            answered = sum(self._receive(slot, done, queue) for slot in [s for s in self._slots if s.conn in ready])
            # Files so quick that the workers could have run out of queued work while the parent waited:
            # read every answer at once again until they slow down.
            gather = answered < opts.chunk * len(self._slots)
            now = time.monotonic()
            for slot in [s for s in self._slots if s.pending and now - s.since > opts.timeout]:
                index, item = slot.pending.popleft()
                done[index] = self._local.problem(item.name, TIMEOUT, f"{opts.timeout:g}")
                queue.extendleft(reversed(slot.pending))
                self._retire(slot, kill=True)

    def _check_here(self, queue: deque[tuple[int, Input]], done: dict[int, FileResult | Packed | None]) -> bool:
        """Check the oldest queued file in this process when the batch is still small enough for that."""
        if not (self._inline > 0 and queue and len(queue) <= min(self._inline, INLINE_BACKLOG)):
            return False
        index, item = queue[0]
        if needs_isolation(item):  # native PDF code: only a worker can be stopped at the time limit
            self._inline = 0
            return False
        queue.popleft()
        self._inline -= 1
        result, deps = _check_in_process(self._local, item, self._options, record=self._cache is not None)
        if self._cache is not None:
            self._cache.store_result(item, result, deps)
        done[index] = result
        return True

    def _warm_up(self, queue: deque[tuple[int, Input]], done: dict[int, FileResult | Packed | None]) -> bool:
        """Before the first worker is forked: check the oldest queued file here, so that every worker inherits
        a checker that has done so (see :attr:`BatchOptions.fork`)."""
        self._warm = True
        index, item = queue[0]
        if not (_fork_safe() and budget.interruptible()) or needs_isolation(item):
            return False
        queue.popleft()
        result, deps = _check_in_process(self._local, item, self._options, record=self._cache is not None)
        if self._cache is not None:
            self._cache.store_result(item, result, deps)
        done[index] = result
        return False  # the workers start at once

    def _dispatch(self, slot: _Slot, chunk: list[tuple[int, Input]]) -> None:
        if not chunk:
            return
        if not slot.pending:
            slot.since = time.monotonic()
        slot.pending.extend(chunk)
        slot.conn.send(chunk)

    def _receive(self, slot: _Slot, done: dict[int, FileResult | Packed | None],
                 retry: deque[tuple[int, Input]]) -> int:
        """Read every message the worker has sent; on EOF the worker died on its oldest pending file. Returns
        how many files were answered."""
        answered = 0
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
                    if self._cache is not None:
                        payload, deps = payload
                        fragment = None
                        if isinstance(payload, Packed) and payload.fragment is not None and self._options.encode:
                            fragment = (encoding(self._options.encode), payload.fragment, payload.counts)
                        self._cache.store_result(item, payload.result() if isinstance(payload, Packed) else payload,
                                                 deps, fragment)
                    done[index] = payload
                    answered += 1
                slot.since = time.monotonic()
        except (EOFError, OSError):
            slot.process.join(1)
            code = slot.process.exitcode
            if not slot.ready:
                self._retire(slot, kill=True)
                raise BatchError(f"worker exited while starting (exit code {code})") from None
            if slot.pending:
                index, item = slot.pending.popleft()
                done[index] = self._local.problem(item.name, CRASH, _death(code))
                retry.extendleft(reversed(slot.pending))
            self._retire(slot, kill=True)
        return answered


def _fork_safe() -> bool:
    """Whether a worker may be forked from this process now: Linux (fork is unsafe with macOS's system
    libraries, absent on Windows) and no other thread running (the progress bar's would leave its locks held
    in the child)."""
    import sys
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


def _given(checker: Checker) -> Checker:
    """The factory of a forked worker: the checker this process built, inherited by the child."""
    return checker


def _death(code: int | None) -> str:
    """'worker killed by SIGSEGV' from a process exit code."""
    if code is not None and code < 0:
        try:
            return f"worker killed by {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"worker exited (exit code {code})"
