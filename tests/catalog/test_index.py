"""Resolving normative references against the catalogue, and searching it."""

from __future__ import annotations

import pytest

from tstd.catalog import State
from tstd.identifiers import parse_standard_number as parse_number
from tstd.identifiers import split_reference


def resolve(catalogue, text: str):
    number = parse_number(text)
    assert number is not None, text
    return catalogue.resolve(number)


@pytest.mark.parametrize(
    "spelling", ["GB 18401-2003", "GB18401—2003", "ＧＢ　１８４０１－２００３", "GB 18401 ─ 2003"]
)
def test_withdrawn_edition_in_any_spelling_names_its_replacement(catalogue, spelling: str) -> None:
    res = resolve(catalogue, spelling)
    assert res.state is State.WITHDRAWN
    assert res.entry.key == "GB 18401-2003"
    assert [e.key for e in res.current] == ["GB 18401-2010"]


def test_two_digit_year_is_read_as_19xx(catalogue) -> None:
    res = resolve(catalogue, "GB 3838-88")
    assert res.state is State.WITHDRAWN and [e.key for e in res.current] == ["GB 3838-2002"]


def test_replacement_chain_is_followed_to_the_edition_in_force(catalogue) -> None:
    res = resolve(catalogue, "GB 6675-2003")
    assert [e.key for e in res.chain] == ["GB 6675.1-2014", "GB 6675.1-2025"]
    assert [e.key for e in res.current] == ["GB 6675.1-2025"]


def test_undated_reference_resolves_to_the_current_edition(catalogue) -> None:
    res = resolve(catalogue, "GB 18401")
    assert res.state is State.CURRENT and res.entry.key == "GB 18401-2010"


def test_undated_series_number_means_every_part_in_force(catalogue) -> None:
    res = resolve(catalogue, "GB 6675")
    assert res.state is State.CURRENT
    assert {e.key for e in res.current} >= {"GB 6675.1-2025", "GB 6675.2-2025", "GB 6675.4-2025"}


def test_undated_reference_to_a_number_that_lives_on_under_another_number(catalogue) -> None:
    res = resolve(catalogue, "GB 8898")
    assert res.state is State.WITHDRAWN and [e.key for e in res.current] == ["GB 4943.1-2022"]


def test_subject_moved_to_a_recommended_standard(catalogue) -> None:
    # GB 4706.1-2005 was replaced by GB/T 4706.1-2024: the dated edition is withdrawn, the undated number now
    # means the recommended edition, which is not a mandatory reference at all.
    res = resolve(catalogue, "GB 4706.1-2005")
    assert res.state is State.WITHDRAWN and res.current == ()
    assert catalogue.resolve(parse_number("GB 4706.1")) is None


def test_older_edition_unknown_to_the_catalogue_is_outdated(catalogue) -> None:
    res = resolve(catalogue, "GB 17761-2010")
    assert res.state is State.OUTDATED and [e.key for e in res.current] == ["GB 17761-2024"]


def test_current_edition_with_a_published_successor(catalogue) -> None:
    res = resolve(catalogue, "GB 7718-2011")
    assert res.state is State.SUCCESSOR_PUBLISHED and [e.key for e in res.current] == ["GB 7718-2025"]


def test_current_edition_is_current(catalogue) -> None:
    assert resolve(catalogue, "GB 17761—2024").state is State.CURRENT
    assert resolve(catalogue, "GB 7718-2025").state is State.UPCOMING


def test_unknown_and_recommended_standards(catalogue) -> None:
    assert resolve(catalogue, "GB 99999-2020").state is State.UNKNOWN
    assert resolve(catalogue, "GB/T 191-2008") is None


def test_split_reference_keeps_the_title() -> None:
    number, title = split_reference("GB 4706.1—2005 家用和类似用途电器的安全 第1部分：通用要求")
    assert number is not None and number.canonical == "GB 4706.1-2005"
    assert title.startswith("家用和类似用途电器的安全")
    number, title = split_reference("GB 3838-88地面水环境质量标准")
    assert number is not None and number.canonical == "GB 3838-1988" and title == "地面水环境质量标准"
    assert split_reference("本文件没有规范性引用文件。")[0] is None


def test_search_by_number_digits_and_words(catalogue) -> None:
    assert [e.key for e in catalogue.search("GB17761—2024")] == ["GB 17761-2024"]
    assert [e.key for e in catalogue.search("GB 17761")] == ["GB 17761-2024", "GB 17761-2018", "GB 17761-1999"]
    assert [e.key for e in catalogue.search("17761")] == ["GB 17761-2024", "GB 17761-2018", "GB 17761-1999"]
    hits = [e.key for e in catalogue.search("电动自行车 头盔")]
    assert hits == ["GB 811-2022"]
    assert catalogue.search("量子计算机") == []
    # title matches first, and within them current editions before withdrawn ones
    keys = [e.key for e in catalogue.search("纺织")]
    assert keys.index("GB 18401-2010") < keys.index("GB 18401-2003")
    assert {"GB 18401-2010", "GB 31701-2015", "GB 4287-2012"} <= set(keys[:3])  # the current title matches
    assert "GB 6675.3-2025" in keys  # 纺织玩具 is only a keyword there
