"""Confinement and bounded reads: a submission can only make tstd read regular files inside its own root.

A declaration may name other files (its organisation file, the standard's PDF, the release document, policy
files). Those names come from the submission, which may be hostile: an auditor checking an untrusted zip
must never find ``/etc/passwd`` or ``~/.ssh/id_rsa`` quoted in the report they publish. So every such name
is resolved (symlinks followed) and must stay inside the **submission root**:

* the temporary directory an archive was unpacked into, for a member of a ``.zip``;
* the directory named on the command line, for a file found by walking it (or the fixed part of a glob);
* the declaration's own directory, for a file named on its own.

Absolute names, ``..`` climbing out, symlinks leading out and anything that is not a regular file (devices
such as ``/dev/zero``, FIFOs, sockets, directories) are refused with a reason; the loader turns it into a
located ``TSTD-INPUT-014`` finding.

The root of the file being checked is carried in a context variable that :func:`submission_root` sets around
one check (the batch runner does it per file), so every layer that follows a reference sees the same root
without it being threaded through every signature.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path, PurePosixPath, PureWindowsPath

_ROOT: ContextVar[Path | None] = ContextVar("tstd_submission_root", default=None)


class ReadRefused(OSError):
    """A file was not read: not a regular file, or larger than allowed. ``reason`` says which."""

    def __init__(self, reason: str, size: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.size = size


class TooLarge(ReadRefused):
    """More bytes than the limit were read (``size`` is how many were seen before stopping)."""


@contextlib.contextmanager
def submission_root(root: Path | str | None) -> Iterator[None]:
    """Within the block, references are confined to ``root`` (None: the referring file's own directory)."""
    token = _ROOT.set(Path(os.path.realpath(root)) if root is not None else None)
    try:
        yield
    finally:
        _ROOT.reset(token)


def current_root(referrer: Path) -> Path:
    """The root references made by ``referrer`` must stay in: the run's root when one is set and contains
    the referrer, else the referrer's own directory."""
    own = Path(os.path.realpath(referrer.parent))
    root = _ROOT.get()
    if root is not None and _inside(own, root):
        return root
    return own


def confine(referrer: Path, ref: str) -> tuple[Path | None, str]:
    """Resolve ``ref`` (a name written in ``referrer``) inside the submission root.

    Returns ``(path, "")`` when the name may be followed — ``path`` may not exist yet, the reader reports
    that — or ``(None, reason)`` when it must not: the reason is short English text for the finding.
    """
    text = ref.strip()
    if not text:
        return None, "文件名为空 / empty file name"
    if "\0" in text:
        return None, "文件名含 NUL / NUL in file name"
    if PurePosixPath(text).is_absolute() or PureWindowsPath(text).is_absolute() or text.startswith(("\\", "~")) \
            or PureWindowsPath(text).drive:
        return None, "绝对路径，应写相对本声明的路径 / absolute path; name the file relative to the declaration"
    root = current_root(referrer)
    target = Path(os.path.realpath(referrer.parent / text))
    if not _inside(target, root):
        if ".." in PurePosixPath(text.replace("\\", "/")).parts:
            return None, "路径用 .. 越出了所提交的材料 / the path climbs out of the submission"
        return None, "符号链接指向所提交的材料之外 / a symbolic link leads out of the submission"
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return target, ""  # missing or unreadable: the reader says so, located on the field
    if not stat.S_ISREG(mode):
        return None, f"不是普通文件（{_kind(mode)}） / not a regular file ({_kind(mode)})"
    return target, ""


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, reading at most ``limit`` of them.

    Never trusts ``st_size`` (``/dev/zero`` and FIFOs report 0): the file is opened without blocking, must
    be a regular file by ``fstat`` of the open descriptor (so a swap after a check cannot sneak a device in),
    and reading stops one byte past ``limit`` (raises :class:`TooLarge`). Raises OSError when unreadable.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused(f"不是普通文件（{_kind(info.st_mode)}） / not a regular file ({_kind(info.st_mode)})")
        if info.st_size > limit:
            raise TooLarge("too large", info.st_size)
        chunks: list[bytes] = []
        seen = 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - seen)):
            chunks.append(chunk)
            seen += len(chunk)
            if seen > limit:  # the file grew after fstat
                raise TooLarge("too large", seen)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "directory"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return name
    return "special file"



def leaves_root(path: Path, root: Path | str) -> str:
    """Why ``path`` (found while walking ``root``) must not be read — a symbolic link somewhere on it leads
    outside ``root`` — or ''."""
    real_root = Path(os.path.realpath(root))
    if _inside(Path(os.path.realpath(path)), real_root):
        return ""
    return f"{path} 是指向检查范围之外的符号链接 / {path} is a symbolic link leading outside {root}"


_CHECKED_SUFFIXES = (".yaml", ".yml", ".json", ".pdf", ".zip")


def overwrites_input(output: Path, args: list[str]) -> str:
    """The argument whose input ``output`` would overwrite ('' when none): the same file as a file named,
    or an existing file of a checked kind inside a directory or glob named. Run before anything is written,
    so a report can never replace the declaration it describes."""
    if not output.exists():
        return ""
    real = Path(os.path.realpath(output))
    for arg in args:
        if arg == "-":
            continue
        candidates = [arg] if not (set("*?[") & set(arg)) else glob_matches(arg)
        for candidate in candidates:
            path = Path(candidate)
            try:
                if path.is_dir():
                    if real.suffix.lower() in _CHECKED_SUFFIXES and _inside(real, Path(os.path.realpath(path))) \
                            and not _is_tstd_report(real):  # rewriting last run's report.json is fine
                        return arg
                elif path.exists() and os.path.samefile(path, real):
                    return arg
            except OSError:
                continue
    return ""


def glob_matches(pattern: str) -> list[str]:
    import glob

    return glob.glob(pattern, recursive=True)


def _is_tstd_report(path: Path) -> bool:
    """A JSON report tstd wrote (it starts with the tool's name), which a directory scan skips anyway."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and b'"tool"' in head and b'"tstd"' in head
