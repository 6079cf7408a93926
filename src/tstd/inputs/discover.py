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
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from tstd.inputs.formats import ARCHIVE_SUFFIXES, CHECKABLE_SUFFIXES, DECLARATION_SUFFIXES, TEXT_SUFFIXES, skip_reason

# The standard's text found in a scan (TEXT_SUFFIXES) is checked on its own unless a declaration checks it (same
# stem, or named in standard.full_text.file). Binary .doc files are picked up only when named (old unrelated files abound).
_MAX_NAMING_BYTES = 4 * 1024 * 1024  # a declaration is a few KB; a bigger file is not read for its full_text
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
    skip: str = ""  # found but not checkable (a Word file in a scanned folder): the reason, in the run's language
    root: str | None = None  # the submission root other files it names must stay in (tstd.safety); None:
    #                          the file's own directory (a file named on its own)

    def report_name(self, path: str) -> str:
        """Report name for another file (an organisation file, a PDF) located at ``path`` while checking."""
        if self.archive is not None and path.startswith(self.archive[0] + os.sep):
            rel = PurePosixPath(*Path(path[len(self.archive[0]) + 1:]).parts)
            return f"{self.archive[1]}{MEMBER_SEP}{rel}"
        return path


def named_documents(declarations: Iterable[str]) -> set[str]:
    """Absolute paths of the texts that declarations name in ``standard.full_text.file`` (checked with their
    declaration, so a scan must not check them again as lone files). Only files mentioning ``full_text``
    are parsed; an unreadable one names nothing here (the loader reports it)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    named: set[str] = set()
    for name in declarations:
        try:
            if os.path.getsize(name) > _MAX_NAMING_BYTES:
                continue  # not parsed here; the loader applies its own size limit and reports the file
            raw = Path(name).read_bytes()
            if b"full_text" not in raw:
                continue
            data = yaml.load(raw.decode("utf-8-sig", "replace"), Loader=loader)  # JSON is YAML too
        except (OSError, yaml.YAMLError):
            continue
        standard = data.get("standard") if isinstance(data, dict) else None
        full_text = standard.get("full_text") if isinstance(standard, dict) else None
        target = full_text.get("file") if isinstance(full_text, dict) else None
        if isinstance(target, str) and target.strip():
            named.add(os.path.abspath(Path(name).parent / target.strip()))
    return named


def _named_nearby(path: Path, root: Path, cache: dict[str, set[str]]) -> bool:
    """Whether a declaration in ``path``'s directory or one above it (up to the scanned ``root``) names
    ``path`` in ``standard.full_text.file``."""
    target = os.path.abspath(path)
    directory, top = os.path.abspath(path.parent), os.path.abspath(root)
    while True:
        if directory not in cache:
            try:
                with os.scandir(directory) as entries:
                    decls = sorted(e.path for e in entries if e.is_file() and not e.name.startswith(".")
                                   and os.path.splitext(e.name)[1].lower() in DECLARATION_SUFFIXES)
            except OSError:  # an unreadable directory names nothing; the walk reports what it can
                decls = []
            cache[directory] = named_documents(decls)
        if target in cache[directory]:
            return True
        if directory == top or os.path.dirname(directory) == directory:
            return False
        directory = os.path.dirname(directory)


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
        named_must_be_declarations: bool = True, lang: str = "zh",
    ) -> None:
        self._lang = lang
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
        named: dict[str, set[str]] = {}  # directory → texts its declarations name (read once per directory)
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
                path = Path(dirpath, name)
                # A text (PDF, DOCX) a declaration of its own or a parent directory names in full_text.file
                # is checked with that declaration: not a second time on its own (issue 13).
                if path.suffix.lower() in TEXT_SUFFIXES and _named_nearby(path, top, named):
                    continue
                yield from self._file(path, explicit=False, root=root)
        for error in unreadable:  # the last directory listed failed after the loop's final step
            where = shown_name(str(error.filename or top))
            yield Input(where, None, Problem(UNREADABLE_DIRECTORY, f"{where}: {error.strerror or error}"))

    def _file(self, path: Path, explicit: bool, root: Path | None = None) -> Iterator[Input]:
        suffix = path.suffix.lower()
        if not explicit and suffix not in CHECKABLE_SUFFIXES:
            # Not checkable: listed as skipped with the reason (never dropped silently).
            yield Input(str(path), None, skip=skip_reason(path).get(self._lang))
            return
        # A scanned PDF/DOCX is checked on its own only when no declaration of the same stem sits beside it (that
        # declaration is checked together with it).
        if not explicit and suffix in TEXT_SUFFIXES and any(path.with_suffix(s).is_file() for s in DECLARATION_SUFFIXES):
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
            zf = zipfile.ZipFile(path)
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
                elif PurePosixPath(member).suffix.lower() not in CHECKABLE_SUFFIXES:
                    yield Input(display, None, skip=skip_reason(Path(member)).get(self._lang))

    def _extract(self, zf: zipfile.ZipFile, root: Path, name: str) -> list[tuple[str, Problem | None]]:
        """Copy every safe member under ``root``; returns (member, problem) in sorted member order.

        All members are copied before any is checked because a declaration may name an organisation file or
        a PDF elsewhere in the archive.
        """
        limits = self._limits
        for info in zf.infolist():
            info.filename = member_name(info)
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


def member_name(info: zipfile.ZipInfo) -> str:
    """A member's real name. Without the UTF-8 flag (bit 11) the zip format says cp437, which is how Python
    decodes it; archives made on Chinese Windows store GBK there, so re-decode: UTF-8 first (tools that omit
    the flag), then GBK. ``orig_filename`` is left alone so the member header still matches."""
    name = info.filename
    if info.flag_bits & 0x800 or name.isascii():
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


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
