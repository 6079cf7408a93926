"""The start-up cache: rule packs and catalogue files as already parsed (and, for packs, validated) plain data.

A pack's entry is keyed by the digest of its bytes, the rule-pack schema and the tool (:func:`tool_stamp`), so
an edited pack, schema or tool version is a miss and is parsed and validated again. YAML dates, the only
non-plain values a safe YAML load yields, are stored as tagged tuples (YAML itself never yields a tuple).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from tstd.cache.store import active, digest, tool_stamp

T = TypeVar("T")
_DATE = "\0date"
_DATETIME = "\0datetime"


def to_plain(value: Any) -> Any:
    """A YAML value with its dates as tagged tuples (marshal stores no dates)."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return (_DATETIME, value.isoformat())
    if isinstance(value, dt.date):
        return (_DATE, value.isoformat())
    return value


def from_plain(value: Any) -> Any:
    """The inverse of :func:`to_plain`."""
    if isinstance(value, dict):
        return {k: from_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [from_plain(v) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and value[0] in (_DATE, _DATETIME):
        return dt.datetime.fromisoformat(value[1]) if value[0] == _DATETIME else dt.date.fromisoformat(value[1])
    return value


def cached_parse(section: str, raw: bytes, extra: str, parse: Callable[[], T],
                 encode: Callable[[T], Any] = to_plain, decode: Callable[[Any], T] = from_plain) -> tuple[T, bool]:
    """(value, True) from the cache when ``raw`` (a file's bytes) was parsed before under the same ``extra``
    key (a schema digest…) and tool; else (``parse()``, False), storing it.

    ``parse`` runs only on a miss; its exceptions propagate and nothing is stored, so a broken file is
    reported every time.
    """
    store = active()
    if store is None:
        return parse(), False
    key = digest(b"\0".join((tool_stamp().encode(), extra.encode(), raw)))
    hit = store.get(section, key)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == key:
        try:
            return decode(hit[1]), True
        except (TypeError, ValueError, KeyError, IndexError):  # a foreign or damaged entry: rebuild it
            pass
    value = parse()
    try:
        plain = encode(value)
    except (TypeError, ValueError):
        return value, False
    store.put(section, key, (key, plain))
    return value, False


def read_bytes(path: Path) -> bytes | None:
    """A file's bytes, or None (the caller's own reader then reports the problem)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


# ---------------------------------------------------------------------------------------------- rule packs

PACKS = "packs"


def _pack_key(raw: bytes) -> str:
    from tstd.resources import schema_path

    schema = read_bytes(schema_path("rulepack.schema.json")) or b""
    return digest(b"\0".join((tool_stamp().encode(), digest(schema).encode(), raw)))


def validated_pack(raw: bytes) -> tuple[Any, Any] | None:
    """(data, built) cached for these bytes — the pack data, parsed and validated by this tool and schema, and
    what building it taught (:func:`remember_pack`) — or None."""
    store = active()
    if store is None:
        return None
    key = _pack_key(raw)
    hit = store.get(PACKS, key)
    if isinstance(hit, tuple) and len(hit) == 4 and hit[0] == key and isinstance(hit[1], dict):
        try:
            return _with_dates(hit[1], hit[2]), hit[3]
        except (TypeError, ValueError, KeyError, IndexError):
            return None
    return None


def _date_paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where (keys and indexes) the tagged dates of a :func:`to_plain` value are."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _date_paths(v, (*at, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _date_paths(v, (*at, i))]
    if isinstance(value, tuple) and len(value) == 2 and value[0] in (_DATE, _DATETIME):
        return [at]
    return []


def _with_dates(plain: Any, paths: Any) -> Any:
    """``plain`` with the tagged dates at ``paths`` turned back into dates, in place: the marshal value is fresh,
    so only those few places are touched instead of walking (and copying) every rule of the pack."""
    if not isinstance(paths, tuple):
        raise TypeError("not a list of date paths")
    for path in paths:
        holder = plain
        for step in path[:-1]:
            holder = holder[step]
        value = holder[path[-1]]
        if not (isinstance(value, tuple) and len(value) == 2 and value[0] in (_DATE, _DATETIME)):
            raise ValueError("no date there")
        holder[path[-1]] = from_plain(value)
    return plain


def remember_pack(raw: bytes, plain: Any, built: Any = None) -> None:
    """Record ``plain`` (:func:`to_plain` of the data, taken before the pack was built) as valid for ``raw``,
    with ``built``: plain values the pack's builder learnt and wants back on a hit (which module registers
    each kind, what each rule reads: :mod:`tstd.engine.pack`).

    The entry lists where ``plain`` holds tagged dates (most packs hold none or a few), so that a hit restores
    those and uses the rest as marshal reads it, without walking every rule again."""
    store = active()
    if store is not None:
        key = _pack_key(raw)
        store.put(PACKS, key, (key, plain, tuple(_date_paths(plain)), built))


# ---------------------------------------------------------------------------------------------- catalogue

CATALOGUE = "catalogue"


def catalogue_file(path: Path, parse: Callable[[Path], tuple[dict[str, Any], str]]) -> tuple[dict[str, Any], str]:
    """``parse(path)`` — a catalogue file's (data, text) — served from the start-up cache when the file's bytes
    were parsed before by this tool. Unreadable files go straight to ``parse``, which reports them."""
    raw = read_bytes(path) if active() is not None else None
    if raw is None:
        return parse(path)

    def check(value: Any) -> tuple[dict[str, Any], str]:
        data, text = value
        if not isinstance(data, dict) or not isinstance(text, str):
            raise TypeError("not a catalogue entry")
        return data, text

    value: tuple[dict[str, Any], str]
    value, _ = cached_parse(CATALOGUE, raw, "catalogue", lambda: parse(path), encode=lambda v: v, decode=check)
    return value


BUILT = "\0built-catalogue"  # key marker: a combined, checked catalogue (one entry per set of files)


def built_catalogue(files: list[Path], build: Callable[[], T], encode: Callable[[T], Any],
                    decode: Callable[[Any], T]) -> T:
    """``build()`` — the catalogue combined from ``files`` — served from the start-up cache while every file's
    path and bytes, and the tool, are unchanged. A file that cannot be read goes straight to ``build``, which
    reports it; a damaged or foreign entry (``decode`` raises) is rebuilt and overwritten."""
    store = active()
    if store is None:
        return build()
    parts = [tool_stamp().encode(), BUILT.encode()]
    for path in files:
        raw = read_bytes(path)
        if raw is None:
            return build()
        parts += [str(path).encode(), digest(raw).encode()]
    key = digest(b"\0".join(parts))
    hit = store.get(CATALOGUE, key)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == key:
        try:
            return decode(hit[1])
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            pass  # rebuilt below
    value = build()  # raises on a broken catalogue: nothing is stored, so it is reported every run
    try:
        plain = encode(value)
    except (TypeError, ValueError):
        return value
    store.put(CATALOGUE, key, (key, plain))
    return value
