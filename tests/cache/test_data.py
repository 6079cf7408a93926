"""tstd.cache.data: pack data read back from the start-up cache equals the data stored, dates included, and an
entry of another layout is a miss."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tstd.cache import data, store

PLAIN = {"pack": {"id": "x", "version": "1"}, "rules": [{"id": "X-1", "options": {"terms": ["参编费", "署名费"]}}]}
DATED = {"pack": {"id": "y", "since": dt.date(2024, 3, 1)},
         "rules": [{"id": "Y-1", "at": dt.datetime(2024, 3, 1, 8, 30)}]}


@pytest.mark.parametrize("value", [PLAIN, DATED], ids=["no-dates", "dates"])
def test_pack_round_trip(cache_dir: Path, value: dict[str, object]) -> None:
    raw = repr(value).encode()
    assert data.validated_pack(raw) is None
    data.remember_pack(raw, data.to_plain(value), (("kinds",), ("reads",)))
    assert data.validated_pack(raw) == (value, (("kinds",), ("reads",)))  # the data and what its build learnt
    assert data.validated_pack(raw + b" ") is None  # other bytes: a miss


def test_entry_of_old_layout_is_a_miss(cache_dir: Path) -> None:
    raw = b"pack: {id: z}"
    key = data._pack_key(raw)
    store.active().put(data.PACKS, key, (key, {"pack": {"id": "z"}}))  # type: ignore[union-attr]
    assert data.validated_pack(raw) is None
    store.active().put(data.PACKS, key, (key, {"pack": {"id": "z"}}, ()))  # type: ignore[union-attr]
    assert data.validated_pack(raw) is None  # the layout before the build's notes (kinds, reads)


def test_date_paths() -> None:
    assert data._date_paths(data.to_plain(PLAIN)) == []
    assert data._date_paths(data.to_plain(DATED)) == [("pack", "since"), ("rules", 0, "at")]


def test_damaged_date_paths_are_a_miss(cache_dir: Path) -> None:
    raw = b"pack: {id: d}"
    key = data._pack_key(raw)
    paths = (("pack", "nowhere"),)
    store.active().put(data.PACKS, key, (key, {"pack": {"id": "d"}}, paths, None))  # type: ignore[union-attr]
    assert data.validated_pack(raw) is None
    store.active().put(data.PACKS, key, (key, {"pack": {"id": "d"}}, (("pack", "id"),), None))  # type: ignore[union-attr]
    assert data.validated_pack(raw) is None  # a path that holds no date
