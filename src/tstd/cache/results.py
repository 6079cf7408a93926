"""The result cache: a file checked before, by the same tool with the same packs, catalogue, settings and
date, whose bytes and whose linked files' bytes are unchanged, is not checked again.

An entry is found by the run's fingerprint plus the input's path and name, and records the digests of every
file the result depended on: the declaration, its organisation file, its PDF (named in
``standard.full_text.file`` or the same-stem sibling), and the absence of same-stem siblings that would change
the result if they appeared (a ``.pdf`` or ``.docx`` dropped next to a declaration). The entry is served only
when every one of those digests still matches.

**Dates.** Some findings depend on the day of the run (复审 due after five years, expired waivers). The run's
date is part of the fingerprint: an entry made on another day is a miss, so no date-dependent finding is ever
served stale; the price is that the first run of each day checks everything again.

Looking results up imports nothing of the checking side (no YAML, no schemas): a run whose every file is
answered here never loads them. The loader that records what a check read is :mod:`tstd.cache.recording`.

Results are stored as plain values (:func:`encode` / :func:`decode`, an allow-list of the result classes), never
pickled.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tstd.cache.store import Store, digest, file_digest, tool_stamp
from tstd.inputs.discover import Input
from tstd.model import Basis, Category, FileResult, Finding, Severity, Suppression

RESULTS = "results"
Dependency = tuple[str, "str | None"]  # (path, digest of its bytes; None: absent or unreadable)

# ---------------------------------------------------------------------------------------------- plain values

# A result is stored as nested tuples of its dataclass fields, in declaration order (the order is part of
# the tool stamp in every key, so a changed model never reads an old entry). Only these classes are built
# when reading: nothing in an entry can name a class, a function or a module.
_FINDING = tuple(f.name for f in dataclasses.fields(Finding))
_RESULT = tuple(f.name for f in dataclasses.fields(FileResult))
_BASIS = tuple(f.name for f in dataclasses.fields(Basis))
_SUPPRESSION = tuple(f.name for f in dataclasses.fields(Suppression))
_NONE = "\0none"  # a scanned YAML file that is not a declaration (the checker returned None)


def _finding_out(f: Finding) -> tuple[Any, ...]:
    out: list[Any] = []
    for name in _FINDING:
        value = getattr(f, name)
        if name in ("category", "severity"):
            value = value.value
        elif name == "basis":
            value = tuple(tuple(getattr(b, n) for n in _BASIS) for b in value)
        elif name == "suppressed" and value is not None:
            value = tuple(getattr(value, n) for n in _SUPPRESSION)
        out.append(value)
    return tuple(out)


def _finding_in(values: tuple[Any, ...]) -> Finding:
    if len(values) != len(_FINDING):
        raise ValueError("finding of another shape")
    kw = dict(zip(_FINDING, values, strict=True))
    kw["category"] = Category(kw["category"])
    kw["severity"] = Severity(kw["severity"])
    kw["basis"] = tuple(Basis(**dict(zip(_BASIS, b, strict=True))) for b in kw["basis"])
    if kw["suppressed"] is not None:
        kw["suppressed"] = Suppression(**dict(zip(_SUPPRESSION, kw["suppressed"], strict=True)))
    return Finding(**kw)


def encode(result: FileResult | None) -> Any:
    """A result as plain values marshal can store (TypeError when it holds anything unexpected)."""
    if result is None:
        return _NONE
    if not isinstance(result, FileResult):
        raise TypeError(f"cannot cache {type(result).__name__}")
    out = [getattr(result, n) for n in _RESULT]
    out[_RESULT.index("findings")] = tuple(_finding_out(f) for f in result.findings)
    return tuple(out)


def decode(value: Any) -> FileResult | None:
    """The inverse of :func:`encode`; ValueError/TypeError/KeyError for an entry of any other shape."""
    if value == _NONE:
        return None
    if not isinstance(value, tuple) or len(value) != len(_RESULT):
        raise ValueError("not a cached result")
    kw = dict(zip(_RESULT, value, strict=True))
    kw["findings"] = tuple(_finding_in(f) for f in kw["findings"])
    return FileResult(**kw)


# ---------------------------------------------------------------------------------------------- the cache


def fingerprint(options_repr: str, files: Iterable[Path], today: dt.date) -> str:
    """What every cached result of a run depends on: the tool, the run's options (config, policy, waivers,
    language…), the bytes of the packs, catalogue and schemas, and the date."""
    parts = [tool_stamp(), options_repr, today.isoformat()]
    for path in sorted(set(files), key=str):
        parts.append(f"{path}={file_digest(path)}")
    return digest("\n".join(parts).encode())


class ResultCache:
    """Per-file results under one run fingerprint. Thread-compatible, not shared between processes: workers
    only compute dependencies; the parent reads and writes entries."""

    def __init__(self, store: Store, run_fingerprint: str) -> None:
        self.store = store
        self.fingerprint = run_fingerprint
        self.hits = 0
        self.misses = 0
        # Digests of shared dependencies (organisation files) taken once per run: a run sees one snapshot.
        self._seen: dict[str, str | None] = {}
        self._checked: tuple[str, tuple[Any, ...] | None] | None = None  # (key, entry): see _valid

    def _current(self, path: str) -> str | None:
        """The digest of ``path`` now (None when absent); shared files are hashed once per run."""
        if path in self._seen:
            return self._seen[path]
        # Most dependencies are siblings that do not exist: a stat, no open.
        found = file_digest(Path(path)) if os.path.exists(path) else None
        if len(self._seen) < 100_000:
            self._seen[path] = found
        return found

    def _key(self, item: Input) -> str | None:
        if item.path is None or item.archive is not None or item.skip or item.problem is not None:
            return None  # archive members live in temporary folders; the rest costs nothing to redo
        return digest(f"{self.fingerprint}\0{item.path}\0{item.name}\0{item.explicit}".encode())

    def _valid(self, key: str) -> tuple[Any, ...] | None:
        """The stored entry under ``key`` when it is still valid (every dependency unchanged), else None. The
        verdict :meth:`fragment` reached is kept for the :meth:`lookup` of the same item that may follow it,
        so the entry is read and its dependencies checked once."""
        if self._checked is not None and self._checked[0] == key:
            entry = self._checked[1]
            self._checked = None
            return entry
        entry = self.store.get(RESULTS, key)
        if not (isinstance(entry, tuple) and len(entry) in (3, 4) and entry[0] == key and isinstance(entry[1], tuple)):
            return None
        for dep in entry[1]:
            if not (isinstance(dep, tuple) and len(dep) == 2 and self._current(dep[0]) == dep[1]):
                return None
        return entry

    def fragment(self, item: Input, encoding: str) -> tuple[bytes, Any] | None:
        """(output fragment, counts) of the item's still-valid result when the run that stored it made the same
        ``encoding``'s fragment (a run writing only that format then needs no decoding), else None."""
        key = self._key(item)
        if key is None:
            return None
        entry = self._valid(key)
        extra = entry[3] if entry is not None and len(entry) == 4 else None
        if not (isinstance(extra, tuple) and len(extra) == 3 and extra[0] == encoding and isinstance(extra[1], bytes)):
            self._checked = (key, entry)  # for the lookup that decodes it instead
            return None
        self.hits += 1
        return extra[1], extra[2]

    def lookup(self, item: Input) -> tuple[bool, FileResult | None]:
        """(True, result) when the item's stored result is still valid — result None for a scanned YAML file
        that is not a declaration — else (False, None)."""
        key = self._key(item)
        if key is None:
            return False, None
        entry = self._valid(key)
        if entry is None:
            self.misses += 1
            return False, None
        try:
            result = decode(entry[2])
        except (ValueError, TypeError, KeyError, IndexError):
            self.misses += 1
            return False, None
        self.hits += 1
        return True, result

    def store_result(self, item: Input, result: FileResult | None, deps: Sequence[Dependency] | None,
                     fragment: tuple[str, bytes, Any] | None = None) -> None:
        """Remember ``result`` for ``item`` (nothing without the dependencies a worker computed), with its
        output ``fragment`` — (encoding, bytes, counts) — when the run made one."""
        key = self._key(item)
        if key is None or deps is None:
            return
        try:
            plain = encode(result)
        except TypeError:
            return
        self.store.put(RESULTS, key, (key, tuple(deps), plain) if fragment is None else (key, tuple(deps), plain, fragment))
