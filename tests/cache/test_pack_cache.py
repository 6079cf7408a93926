"""The start-up cache: packs and the catalogue read from it give the same rules and findings as a fresh
parse; an edited pack is validated again; corrupt entries are ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import EXAMPLES, LOCAL_PACK
from tstd.cache import store
from tstd.engine.pack import PackError, load_pack_set
from tstd.run import CheckOptions, build_engine, check_paths


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TSTD_NO_CACHE", raising=False)
    yield tmp_path / "cache"
    store.activate(None)


def _rules(packs: list) -> list:  # type: ignore[type-arg]
    return [(r.info, r.message, r.when, r.options) for p in packs for r in p.rules]


def test_cached_packs_equal_fresh_ones(cache_dir: Path) -> None:
    store.activate(None)
    fresh = load_pack_set()
    store.activate(cache_dir)
    load_pack_set()  # fills the cache
    assert any((cache_dir / "packs").rglob("*"))
    cached = load_pack_set()
    assert [r[0] for r in _rules(cached.packs)] == [r[0] for r in _rules(fresh.packs)]
    assert [(r[1], r[2]) for r in _rules(cached.packs)] == [(r[1], r[2]) for r in _rules(fresh.packs)]
    assert [type(r[3]) for r in _rules(cached.packs)] == [type(r[3]) for r in _rules(fresh.packs)]


def test_cached_engine_gives_the_same_findings(cache_dir: Path) -> None:
    files = [EXAMPLES / "incomplete-disclosure.yaml", EXAMPLES / "mandatory", EXAMPLES / "fees"]
    fresh = check_paths(files, build_engine(CheckOptions()))
    build_engine(CheckOptions(cache_dir=str(cache_dir)))  # fills the start-up cache
    cached = check_paths(files, build_engine(CheckOptions(cache_dir=str(cache_dir))))
    assert cached.results == fresh.results
    assert any((cache_dir / "catalogue").rglob("*"))


def test_an_edited_pack_is_validated_again(cache_dir: Path, tmp_path: Path) -> None:
    store.activate(cache_dir)
    pack = tmp_path / "local.yaml"
    pack.write_text(LOCAL_PACK, encoding="utf-8")
    assert "TSTD-LOCAL-001" in {r.id for p in load_pack_set([pack]).packs for r in p.rules}
    pack.write_text(LOCAL_PACK.replace("severity: warning", "severity: fatal"), encoding="utf-8")
    with pytest.raises(PackError):
        load_pack_set([pack])


def test_corrupt_pack_entries_are_rebuilt(cache_dir: Path) -> None:
    store.activate(cache_dir)
    load_pack_set()
    for entry in (cache_dir / "packs").rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"TSTDC1\n" + b"\x00" * 5)
    again = load_pack_set()
    assert len(again.packs) >= 5
    assert all(store.Store(cache_dir).get("packs", p.parent.name + p.name) is not None
               for p in (cache_dir / "packs").rglob("*") if p.is_file())


def test_builtin_options_are_prepared_on_first_use_and_all_prepare(cache_dir: Path) -> None:
    from tstd.engine.pack import _Deferred

    store.activate(cache_dir)
    for packs in (load_pack_set().packs, load_pack_set().packs):  # validated and stored; then from the cache
        rules = [r for p in packs for r in p.rules]
        assert rules and all(isinstance(r._options, _Deferred) for r in rules)
        # The pack cache trusts the built-in packs' options: this is where a broken one is caught (PackError).
        prepared = [rule.options for rule in rules]
        assert len(prepared) == len(rules)
