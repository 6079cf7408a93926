"""The cache directory: where it is, how entries are read and written.

Entries are :mod:`marshal` dumps of plain values (dict, list, tuple, str, int, float, bool, None, bytes):
marshal cannot build objects or call code when it reads, unlike pickle. Each entry is written to a temporary
file in the same folder and renamed over the final name, so concurrent runs sharing a cache directory never
see a half-written entry; a corrupt, truncated or foreign entry reads as a miss and is rebuilt. A cache
directory that cannot be written (read-only disk, no permission) turns the cache off for the run, with a note.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

from tstd import __version__

try:  # hashlib's own BLAKE2, without hashlib's import (which loads OpenSSL): every run computes digests
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

ENV_DIR = "TSTD_CACHE_DIR"  # overrides the user cache folder (CI caches, tests)
ENV_OFF = "TSTD_NO_CACHE"  # any non-empty value except "0" turns every cache off
_MAGIC = b"TSTDC1\n"  # format marker: anything else in an entry file is ignored
# marshal's format may change between Python versions: entries of another Python are misses.
_PY = f"{marshal.version}"


def default_dir() -> Path:
    """The user cache folder (``~/.cache/tstd`` on Linux, via platformdirs), or ``$TSTD_CACHE_DIR``."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir  # imported only when the cache is used

    return Path(user_cache_dir("tstd", appauthor=False))


def disabled_by_env() -> bool:
    """True when ``$TSTD_NO_CACHE`` asks for no cache at all."""
    value = os.environ.get(ENV_OFF, "")
    return bool(value) and value != "0"


def digest(data: bytes) -> str:
    """A content digest (BLAKE2b, 128 bits): fast, and collisions are not a practical concern here."""
    return blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of a file's bytes; None when it does not exist or cannot be read."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


@cache
def tool_stamp() -> str:
    """The tool version plus a stamp of its own code (names, sizes and modification times of its modules).

    A development checkout keeps one version number while its code changes; a result cached by other code
    must never be served, so the code itself is part of every key.
    """
    root = str(Path(__file__).resolve().parent.parent)
    parts = [__version__, _PY]
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json", ".j2", ".html")):
                path = os.path.join(folder, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                # the path below the package (os.walk yields folders under ``root``): relpath costs more
                parts.append(f"{path[len(root) + 1:]}:{st.st_size}:{st.st_mtime_ns}")
    return digest("\n".join(parts).encode())


class Store:
    """One cache folder with named sections (``packs``, ``catalogue``, ``results``)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.writable = True  # set False after the first failed write: the run goes on uncached
        self.problem: str | None = None  # why the cache was turned off, for the run's notes
        self._made: set[Path] = set()  # folders known to exist (one mkdir per folder and run)
        self._count = 0

    def path(self, section: str, key: str) -> Path:
        # Two-character fan-out keeps folders small for 100,000+ entries.
        return self.root / section / key[:2] / key[2:]

    def get(self, section: str, key: str) -> Any:
        """The stored value, or None for a miss (absent, corrupt, truncated, written by another format)."""
        try:
            raw = self.path(section, key).read_bytes()
        except OSError:
            return None
        if not raw.startswith(_MAGIC):
            return None
        try:
            return marshal.loads(raw[len(_MAGIC):])
        except (EOFError, ValueError, TypeError):
            return None

    def put(self, section: str, key: str, value: Any) -> bool:
        """Store ``value`` atomically; False (and the cache turned off) when the folder cannot be written."""
        if not self.writable:
            return False
        try:
            data = _MAGIC + marshal.dumps(value)
        except ValueError:  # not plain data: not cacheable, never an error
            return False
        target = self.path(section, key)
        self._count += 1
        # Unique per process, thread and write: O_EXCL below never meets another writer's file.
        tmp = target.parent / f".tmp-{os.getpid()}-{threading.get_ident()}-{self._count}"
        try:
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, target)  # atomic: readers see the old entry or the new one, never half
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError as exc:
            self.writable = False
            self.problem = f"{self.root}: {exc.strerror or exc}"
            return False
        return True

    def clean(self) -> int:
        """Remove every entry tstd wrote here; the number of files removed."""
        removed = 0
        # Files other parts of tstd keep at the top of the same folder (a parsed-catalogue cache).
        for stray in sorted(self.root.glob("catalogue-*")) if self.root.is_dir() else []:
            with contextlib.suppress(OSError):
                stray.unlink()
                removed += 1
        for section in ("packs", "catalogue", "results", "frames"):
            folder = self.root / section
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*"), reverse=True):  # files before their folders
                try:
                    if path.is_dir():
                        path.rmdir()
                    else:
                        path.unlink()
                        removed += 1
                except OSError:
                    continue
            with contextlib.suppress(OSError):
                folder.rmdir()
        return removed


# The store the run uses, set once per process by tstd.run.build_engine (workers rebuild it from the options):
# the pack and catalogue loaders consult it without every caller passing it down.
_ACTIVE: Store | None = None


def activate(root: str | Path | None) -> Store | None:
    """Use the cache at ``root`` in this process (None: no cache); returns the store."""
    global _ACTIVE
    if root is None or disabled_by_env():
        _ACTIVE = None
    elif _ACTIVE is None or _ACTIVE.root != Path(root):
        _ACTIVE = Store(Path(root))
    return _ACTIVE


def active() -> Store | None:
    """The store of this process's run, if any."""
    return _ACTIVE
