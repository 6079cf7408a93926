"""The combined catalogue kept in the start-up cache: a hit equals a fresh build (entries, limits, indicators,
matcher terms and overlaps); an edited or added file is a miss; damaged entries are ignored and rebuilt."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from tstd.cache import store
from tstd.catalog import snapshot
from tstd.catalog.load import CatalogueError, load_catalogue
from tstd.catalog.matching import TERMS_KEY, OverlapMatcher

USER = """\
catalogue: {title: 用户目录}
standards:
  - number: GB 99999-2020
    title: 测试用电动滑板车安全技术规范
    status: 现行
    keywords: [电动滑板车]
    confidence: confirmed
"""


def _entries(cache_dir: Path) -> list[Path]:
    return [p for p in (cache_dir / "catalogue").rglob("*") if p.is_file()]


def _titles() -> list[str]:
    return ["电动自行车用充电器", "家用和类似用途电器 电饭锅", "婴幼儿配方奶粉", "儿童玩具 塑料积木", "木质门"]


def test_cached_catalogue_equals_a_fresh_build(cache_dir: Path) -> None:
    store.activate(None)
    fresh = load_catalogue()
    store.activate(cache_dir)
    load_catalogue()  # fills the cache
    cached = load_catalogue()
    assert cached == fresh  # entries, limits, indicators and every index
    assert cached.info == fresh.info
    assert TERMS_KEY in cached.precomputed  # the matcher's terms came from the cache
    quick, slow = OverlapMatcher(cached), OverlapMatcher(fresh)
    assert quick.terms == slow.terms
    assert [e.key for e in quick.entries] == [e.key for e in slow.entries]
    for title in _titles():
        assert quick.match(title) == slow.match(title)


def test_encode_decode_round_trip_is_plain_data(cache_dir: Path) -> None:
    catalogue = load_catalogue()
    OverlapMatcher(catalogue)
    plain = snapshot.encode(catalogue)
    again = snapshot.decode(marshal.loads(marshal.dumps(plain)))  # marshal: only plain values survive
    assert again == catalogue
    assert again.precomputed[TERMS_KEY] == catalogue.precomputed[TERMS_KEY]
    assert again.name_index == catalogue.name_index
    for name in ("甲醛释放量", "铅", "总砷"):
        assert again.indicators_named(name) == catalogue.indicators_named(name)


def test_edited_user_file_is_a_miss(cache_dir: Path, tmp_path: Path) -> None:
    user = tmp_path / "user.yaml"
    user.write_text(USER, encoding="utf-8")
    first = load_catalogue([user])
    assert first.get("GB 99999-2020") is not None
    user.write_text(USER.replace("GB 99999-2020", "GB 99998-2021"), encoding="utf-8")
    second = load_catalogue([user])
    assert second.get("GB 99999-2020") is None
    assert second.get("GB 99998-2021") is not None


def test_broken_user_file_is_reported_every_time(cache_dir: Path, tmp_path: Path) -> None:
    user = tmp_path / "user.yaml"
    user.write_text(USER.replace("status: 现行\n", "status: 现行\n    replaced_by: GB 12345-2030\n"),
                    encoding="utf-8")
    for _ in range(2):
        with pytest.raises(CatalogueError):
            load_catalogue([user])


@pytest.mark.parametrize("damage", [
    b"garbage",  # no magic: a foreign file
    b"TSTDC1\n\xff\x00",  # truncated marshal data
    "marshal-foreign",  # well-formed entry of the wrong shape
])
def test_damaged_entry_is_ignored_and_rebuilt(cache_dir: Path, damage: bytes | str) -> None:
    good = load_catalogue()
    built = [p for p in _entries(cache_dir) if p.read_bytes().startswith(b"TSTDC1\n")
             and marshal.loads(p.read_bytes()[7:])[1][0] == snapshot.FORMAT
             if isinstance(marshal.loads(p.read_bytes()[7:])[1], tuple)]
    assert len(built) == 1
    entry = built[0]
    if isinstance(damage, str):
        key = marshal.loads(entry.read_bytes()[7:])[0]
        entry.write_bytes(b"TSTDC1\n" + marshal.dumps((key, (snapshot.FORMAT, 1, 2))))
    else:
        entry.write_bytes(damage)
    again = load_catalogue()
    assert again == good
    # rebuilt and stored again
    assert marshal.loads(entry.read_bytes()[7:])[1][0] == snapshot.FORMAT
    assert load_catalogue() == good


def test_stale_matcher_terms_are_recomputed() -> None:
    store.activate(None)
    catalogue = load_catalogue()
    right = OverlapMatcher(catalogue).terms
    catalogue.precomputed[TERMS_KEY] = {"GB 0-1900": (("不存在", True, True),)}  # not an entry of this catalogue
    assert OverlapMatcher(catalogue).terms == right
