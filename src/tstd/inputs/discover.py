"""Input discovery: turn what the user named on the command line into an ordered list of files to check.

Accepted arguments, in the order given:

* a file — checked whatever its suffix;
* a directory — walked recursively (sorted, hidden entries and symlinked directories skipped) for
  declarations (``.yaml``, ``.yml``, ``.json``) and ``.zip`` archives;
* a glob pattern (``decls/**/*.yaml``) — expanded, sorted; ``**`` crosses directories;
* ``-`` — a list of paths read from a text stream (one per line, or NUL-separated as ``find -print0`` writes);
* a ``.zip`` archive — its declarations are checked in place: members are copied, under limits, into a private
  temporary directory that :class:`Discovery` removes when closed, and reported as ``archive.zip!/member``.

The order is deterministic (the same arguments always give the same list) and every file appears once.
Nothing is dropped silently: a missing path is passed on as an explicit file (the loader reports it as
unreadable), and an unsafe, oversized or corrupt archive member is an :class:`Input` carrying a
:class:`Problem`, which the batch turns into an ``input`` finding of the ``batch`` pack.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import stat
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from tstd.inputs.declaration import DECLARATION_SUFFIXES

ARCHIVE_SUFFIXES = frozenset({".zip"})
MEMBER_SEP = "!/"  # archive.zip!/dir/member.yaml, as jar: URLs spell it
_GLOB_CHARS = frozenset("*?[")

# Rules of the built-in `batch` pack (rules/batch.yaml) that discovery raises.
UNSAFE_MEMBER = "TSTD-BATCH-001"
ARCHIVE_LIMIT = "TSTD-BATCH-002"
ARCHIVE_CORRUPT = "TSTD-BATCH-003"
UNREADABLE_DIRECTORY = "TSTD-BATCH-007"


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile archive from exhausting disk, memory or time (zip-bomb guard).

    ``max_ratio`` is uncompressed / compressed size per member; real YAML compresses about 5–10×, a bomb
    thousands of times. Sizes are checked against what is actually read, not only what the header claims.
    """

    max_members: int = 200_000
    max_member_bytes: int = 50 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_ratio: float = 200.0


@dataclass(frozen=True)
class Problem:
    """Why an input could not be handed to the checker; becomes an ``input`` finding of ``rule``."""

    rule: str
    detail: str


@dataclass(frozen=True)
class Input:
    """One file to check. ``name`` is how reports call it; ``path`` is where to read it (a temporary copy
    for archive members); ``explicit`` when the user named the file itself (it must then be a declaration,
    while a directory scan skips other YAML such as shared organisation files); ``archive`` maps the
    temporary root back to ``archive.zip`` for other files a declaration refers to."""

    name: str
    path: Path | None
    problem: Problem | None = None
    explicit: bool = False
    archive: tuple[str, str] | None = None  # (temporary root, archive display name)
    root: str | None = None  # the submission root other files it names must stay in (tstd.safety); None:
    #                          the file's own directory (a file named on its own)

    def report_name(self, path: str) -> str:
        """Report name for another file (an organisation file, a PDF) located at ``path`` while checking."""
        if self.archive is not None and path.startswith(self.archive[0] + os.sep):
            rel = PurePosixPath(*Path(path[len(self.archive[0]) + 1:]).parts)
            return f"{self.archive[1]}{MEMBER_SEP}{rel}"
        return path


def missing_arguments(args: Iterable[str]) -> list[str]:
    """Arguments that name nothing: not ``-``, not an existing path, not a glob with matches."""
    return [a for a in args if a != "-" and not os.path.exists(a)
            and not (_GLOB_CHARS & set(a) and glob.glob(a, recursive=True))]


def read_path_list(stream: IO[str]) -> list[str]:
    """Paths from a stream: NUL-separated when the text contains NUL, else one per line; blanks skipped."""
    text = stream.read()
    parts = text.split("\0") if "\0" in text else text.splitlines()
    return [p.rstrip("\r") for p in parts if p.strip()]


class Discovery:
    """Expands arguments into :class:`Input` items; a context manager owning the archives' temporary dir.

    ``stdin`` is read when an argument is ``-``. Items are produced lazily by :meth:`__iter__`, so a huge
    directory tree is never held twice; iterate once. With ``named_must_be_declarations`` False, files named
    on the command line are treated like files found in a directory: other YAML is skipped (pre-commit
    passes every changed YAML file).
    """

    def __init__(
        self, args: Iterable[str], stdin: IO[str] | None = None, limits: Limits | None = None,
        named_must_be_declarations: bool = True,
    ) -> None:
        self._named_explicit = named_must_be_declarations  # False: named files are treated like scanned ones
        self._args = list(args)
        self._stdin = stdin
        self._limits = limits or Limits()
        self._tmp: Path | None = None
        self._seen: set[str] = set()
        # One file or directory cannot name a file twice (symlinked directories are not followed), so then
        # nothing needs remembering: a 100,000-file tree stays cheap. Several arguments, a path list or a
        # glob (``decls/**`` matches a directory and the files in it) may overlap.
        self._overlap_possible = len(self._args) > 1 or any(a == "-" or _GLOB_CHARS & set(a) for a in self._args)

    def __enter__(self) -> Discovery:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Remove every archive member copied so far."""
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def __iter__(self) -> Iterator[Input]:
        for arg in self._args:
            if arg == "-" and self._stdin is not None:
                for listed in read_path_list(self._stdin):
                    yield from self._expand(listed)
            else:
                yield from self._expand(arg)

    # ------------------------------------------------------------------ expansion

    def _expand(self, arg: str) -> Iterator[Input]:
        path = Path(arg)
        if path.is_dir():
            yield from self._walk(path, path)
        elif path.is_file():
            yield from self._file(path, explicit=True)
        elif _GLOB_CHARS & set(arg) and (matches := sorted(glob.glob(arg, recursive=True))):
            fixed = _glob_root(arg)  # the part before the first wildcard bounds what the files may name
            for match in matches:
                m = Path(match)
                if m.is_dir():
                    yield from self._walk(m, fixed)
                elif m.is_file():
                    yield from self._file(m, explicit=False, root=fixed)
        else:
            # Missing: the loader reports it as unreadable (TSTD-INPUT-001), located on this very name.
            yield Input(arg, path, explicit=True)

    def _walk(self, top: Path, root: Path) -> Iterator[Input]:
        # os.walk with sorted names: deterministic across file systems; symlinked directories are not
        # followed (no cycles, no escaping the tree), hidden entries (.git, .venv) are skipped.
        unreadable: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(top, onerror=unreadable.append):
            while unreadable:  # a directory that cannot be listed is reported, not skipped without a word
                error = unreadable.pop()
                where = shown_name(str(error.filename or dirpath))
                yield Input(where, None, Problem(UNREADABLE_DIRECTORY, f"{where}: {error.strerror or error}"))
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                yield from self._file(Path(dirpath, name), explicit=False, root=root)
        for error in unreadable:  # the last directory listed failed after the loop's final step
            where = shown_name(str(error.filename or top))
            yield Input(where, None, Problem(UNREADABLE_DIRECTORY, f"{where}: {error.strerror or error}"))

    def _file(self, path: Path, explicit: bool, root: Path | None = None) -> Iterator[Input]:
        suffix = path.suffix.lower()
        # A scanned PDF is checked on its own only when no declaration of the same stem sits beside it (that
        # declaration is checked together with it).
        if not explicit and suffix not in DECLARATION_SUFFIXES and suffix not in ARCHIVE_SUFFIXES and (
                suffix != ".pdf" or any(path.with_suffix(s).is_file() for s in DECLARATION_SUFFIXES)):
            return
        if self._overlap_possible:
            key = os.path.abspath(path)  # a string operation: no system call per file on big trees
            if key in self._seen:
                return
            self._seen.add(key)
        if suffix in ARCHIVE_SUFFIXES:
            yield from self._archive(path)
        else:
            yield Input(shown_name(str(path)), path, explicit=explicit and self._named_explicit,
                        root=None if root is None else str(root))

    # ------------------------------------------------------------------ archives

    def _tempdir(self) -> Path:
        if self._tmp is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="tstd-zip-"))
        return self._tmp

    def _archive(self, path: Path) -> Iterator[Input]:
        name = str(path)
        try:
            zf = _open_zip(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            yield Input(name, None, Problem(ARCHIVE_CORRUPT, str(exc)))
            return
        with zf:
            root = Path(tempfile.mkdtemp(prefix="a", dir=self._tempdir()))
            extracted = self._extract(zf, root, name)
            for member, problem in extracted:
                display = f"{name}{MEMBER_SEP}{member}" if member else name
                if problem is not None:
                    yield Input(display, None, problem)
                elif PurePosixPath(member).suffix.lower() in DECLARATION_SUFFIXES:
                    path = root.joinpath(*PurePosixPath(member).parts)
                    yield Input(display, path, archive=(str(root), name), root=str(root))

    def _extract(self, zf: zipfile.ZipFile, root: Path, name: str) -> list[tuple[str, Problem | None]]:
        """Copy every safe member under ``root``; returns (member, problem) in sorted member order.

        All members are copied before any is checked because a declaration may name an organisation file or
        a PDF elsewhere in the archive.
        """
        limits = self._limits
        infos = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
        out: list[tuple[str, Problem | None]] = []
        if len(infos) > limits.max_members:
            out.append(("", Problem(ARCHIVE_LIMIT, f"{len(infos)} members > {limits.max_members}")))
            infos = infos[: limits.max_members]
        total = 0
        seen: set[str] = set()
        for n, info in enumerate(infos):
            member = info.filename
            if total >= limits.max_total_bytes:
                detail = f"total size limit {limits.max_total_bytes} bytes reached; {len(infos) - n} not read"
                out.append(("", Problem(ARCHIVE_LIMIT, detail)))
                break
            unsafe = _unsafe_member(info) or ("duplicate member name" if member in seen else "")
            seen.add(member)
            if unsafe:
                out.append((member, Problem(UNSAFE_MEMBER, unsafe)))
                continue
            if info.file_size > limits.max_member_bytes:
                detail = f"{info.file_size} bytes > {limits.max_member_bytes}"
                out.append((member, Problem(ARCHIVE_LIMIT, detail)))
                continue
            remaining = limits.max_total_bytes - total
            by_ratio = int(max(info.compress_size, 1024) * limits.max_ratio)
            budget = min(limits.max_member_bytes, remaining, by_ratio)
            target = root.joinpath(*PurePosixPath(member).parts)
            try:
                written = _copy_member(zf, info, target, budget)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error,
                    RuntimeError) as exc:  # a corrupt member (bad deflate data, CRC) is its own finding
                _discard(target)
                out.append((member, Problem(ARCHIVE_CORRUPT, str(exc))))
                continue
            if written is None:
                # The header lied about the size or the ratio is that of a bomb: drop what was written.
                _discard(target)
                out.append((member, Problem(ARCHIVE_LIMIT, f"more than {budget} bytes when decompressed")))
                total += budget if budget == remaining else 0
                continue
            total += written
            out.append((member, None))
        return out


def _open_zip(path: Path) -> zipfile.ZipFile:
    """Open an archive; member names without the UTF-8 flag are read as GB18030 (what Chinese Windows tools
    write) where they decode, else as the standard's CP437."""
    if sys.version_info >= (3, 11):
        try:
            return zipfile.ZipFile(path, metadata_encoding="gb18030")
        except UnicodeDecodeError:
            pass
    return zipfile.ZipFile(path)


def shown_name(name: str) -> str:
    """A file name fit for every report: a name whose bytes are not UTF-8 (kept by Python as surrogates) is
    decoded as GB18030 when it is that, else its bad bytes are shown as escapes. Never raises."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="backslashreplace")


def _glob_root(pattern: str) -> Path:
    """``decls/**/T-*.yaml`` → ``decls``: the directory part before the first wildcard."""
    parts = Path(pattern).parts
    fixed = [p for p in itertools.takewhile(lambda p: not (_GLOB_CHARS & set(p)), parts)]
    return Path(*fixed) if fixed else Path(".")


def _unsafe_member(info: zipfile.ZipInfo) -> str:
    """Why a member must not be written to disk ('' when it is safe): zip-slip, links, encryption."""
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return f"absolute path {name!r}"
    if ".." in parts or not parts:
        return f"path escapes the archive {name!r}"
    if "\0" in name:
        return "NUL in member name"
    if stat.S_ISLNK(info.external_attr >> 16):
        return f"symbolic link {name!r}"
    if info.flag_bits & 0x1:
        return f"encrypted member {name!r}"
    return ""


def _discard(path: Path) -> None:
    """Remove a partly written member; a path that cannot exist (below a file) or is gone already is fine."""
    with contextlib.suppress(OSError):
        path.unlink()


def _copy_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, budget: int) -> int | None:
    """Stream one member to ``target``; None as soon as more than ``budget`` bytes come out (a bomb)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with zf.open(info) as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 16):
            written += len(chunk)
            if written > budget:
                return None
            dst.write(chunk)
    return written
