"""Atomic file writes: a report is either complete or not there, never half-written."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any


def write_atomic(path: Path, text: str | bytes | Iterable[str], encoding: str = "utf-8") -> None:
    """Write ``text`` (or its chunks, as a streaming formatter yields them; or ``bytes``, e.g. a PDF) to a
    temporary file beside ``path``, then rename it over ``path``.

    Only a regular file (or a new one) is replaced by renaming. A symbolic link is followed and its target
    written (the link stays a link); a device, FIFO or socket (``/dev/null``, ``/dev/stdout``, a named
    pipe) is written in place — renaming over it would replace ``/dev/null`` itself when run as root.
    """
    path = Path(path)
    binary = isinstance(text, bytes)

    def dump(handle: IO[Any]) -> None:
        if isinstance(text, (str, bytes)):
            handle.write(text)
        else:
            handle.writelines(text)

    def open_text(target: int | Path) -> IO[Any]:
        # backslashreplace: a file name that is not valid UTF-8 (a GBK name, kept as surrogates) is written
        # as \udcXX escapes instead of failing the whole report.
        if binary:
            return open(target, "wb")
        return open(target, "w", encoding=encoding, errors="backslashreplace", newline="")

    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = 0  # new file (or unreadable: the write below reports it)
    if mode and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        with open_text(path) as handle:
            dump(handle)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is meant to be shared like any file
        with open_text(fd) as handle:
            dump(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
