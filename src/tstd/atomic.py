"""Atomic file writes: a report is either complete or not there, never half-written."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, text: str | Iterable[str], encoding: str = "utf-8") -> None:
    """Write ``text`` (or its chunks, as a streaming formatter yields them) to a temporary file beside
    ``path``, then rename it over ``path``.

    Only a regular file (or a new one) is replaced by renaming. A symbolic link is followed and its target
    written (the link stays a link); a device, FIFO or socket (``/dev/null``, ``/dev/stdout``, a named
    pipe) is written in place — renaming over it would replace ``/dev/null`` itself when run as root.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = 0  # new file (or unreadable: the write below reports it)
    if mode and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        with open(path, "w", encoding=encoding, errors="backslashreplace", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is meant to be shared like any file
        # backslashreplace: a file name that is not valid UTF-8 (a GBK name, kept as surrogates) is written
        # as \udcXX escapes instead of failing the whole report.
        with os.fdopen(fd, "w", encoding=encoding, errors="backslashreplace", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
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
