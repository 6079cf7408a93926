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

Results are stored as plain values (:func:`encode` / :func:`decode`, an allow-list of the result classes), never
pickled.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from tstd.cache.store import Store, digest, file_digest, tool_stamp
from tstd.inputs.declaration import DeclarationLoader, Loaded
from tstd.inputs.discover import Input
from tstd.model import Basis, Category, FileResult, Finding, Severity, Suppression

RESULTS = "results"
# Files that sit next to a declaration with the same stem and change its result when they appear or change.
SIBLING_SUFFIXES = (".yaml", ".yml", ".json", ".pdf", ".docx")
Dependency = tuple[str, "str | None"]  # (path, digest of its bytes; None: absent or unreadable)

# ---------------------------------------------------------------------------------------------- plain values

_CLASSES: dict[str, type[Any]] = {c.__name__: c for c in (FileResult, Finding, Basis, Suppression)}
_ENUMS: dict[str, type[Enum]] = {c.__name__: c for c in (Severity, Category)}
_DC, _ENUM, _TUPLE = "\0dc", "\0enum", "\0tuple"


def encode(value: Any) -> Any:
    """A result as plain values marshal can store; TypeError for anything outside the allow-list."""
    if value is None or (isinstance(value, (bool, int, float, str)) and not isinstance(value, Enum)):
        return value
    if isinstance(value, Enum):
        name = type(value).__name__
        if name not in _ENUMS:
            raise TypeError(f"cannot cache {name}")
        return (_ENUM, name, value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise TypeError(f"cannot cache {name}")
        return (_DC, name, {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)})
    if isinstance(value, tuple):
        return (_TUPLE, [encode(v) for v in value])
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def decode(value: Any) -> Any:
    """The inverse of :func:`encode`; only the allow-listed classes are ever built (ValueError otherwise)."""
    if isinstance(value, tuple):
        tag = value[0] if value else None
        if tag == _DC:
            cls = _CLASSES.get(value[1])
            if cls is None or not isinstance(value[2], dict):
                raise ValueError("unknown class in cache entry")
            return cls(**{k: decode(v) for k, v in value[2].items()})
        if tag == _ENUM:
            enum = _ENUMS.get(value[1])
            if enum is None:
                raise ValueError("unknown enum in cache entry")
            return enum(value[2])
        if tag == _TUPLE:
            return tuple(decode(v) for v in value[1])
        raise ValueError("unknown tag in cache entry")
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        return {k: decode(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------------------------- dependencies


class RecordingLoader(DeclarationLoader):
    """The declaration loader, noting every file a check reads through it (the declaration, its organisation
    file, the PDF it names) so that the result cache knows what the result depends on."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(max_bytes=max_bytes)
        self.read: list[Path] = []

    def load(self, path: Path, *, require_declaration: bool = True) -> Loaded:
        loaded = super().load(path, require_declaration=require_declaration)
        self.read.append(path)
        doc = loaded.document
        if doc is not None:
            self.read.extend(doc.sources.values())
            named = doc.get("standard.full_text.file")
            if isinstance(named, str) and named.strip():
                self.read.append(doc.path.parent / named.strip())
        return loaded

    def dependencies(self, path: Path) -> tuple[Dependency, ...]:
        """What the last check of ``path`` depended on, with digests; resets the record."""
        files = {path, *self.read}
        for base in [path, *self.read]:
            files.update(base.with_suffix(s) for s in SIBLING_SUFFIXES)
        self.read = []
        return tuple((str(p), file_digest(p)) for p in sorted(files, key=str))


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

    def _key(self, item: Input) -> str | None:
        if item.path is None or item.archive is not None or item.skip or item.problem is not None:
            return None  # archive members live in temporary folders; the rest costs nothing to redo
        return digest(f"{self.fingerprint}\0{item.path}\0{item.name}\0{item.explicit}".encode())

    def lookup(self, item: Input) -> tuple[bool, FileResult | None]:
        """(True, result) when the item's stored result is still valid — result None for a scanned YAML file
        that is not a declaration — else (False, None)."""
        key = self._key(item)
        if key is None:
            return False, None
        entry = self.store.get(RESULTS, key)
        if not (isinstance(entry, tuple) and len(entry) == 3 and entry[0] == key and isinstance(entry[1], tuple)):
            self.misses += 1
            return False, None
        for dep in entry[1]:
            if not (isinstance(dep, tuple) and len(dep) == 2 and file_digest(Path(dep[0])) == dep[1]):
                self.misses += 1
                return False, None
        try:
            result = decode(entry[2])
        except (ValueError, TypeError, KeyError, IndexError):
            self.misses += 1
            return False, None
        if result is not None and not isinstance(result, FileResult):
            self.misses += 1
            return False, None
        self.hits += 1
        return True, result

    def store_result(self, item: Input, result: FileResult | None, deps: Sequence[Dependency] | None) -> None:
        """Remember ``result`` for ``item`` (nothing without the dependencies a worker computed)."""
        key = self._key(item)
        if key is None or deps is None:
            return
        try:
            plain = encode(result)
        except TypeError:
            return
        self.store.put(RESULTS, key, (key, tuple(deps), plain))
