"""Traditional Chinese is folded to Simplified for matching; offsets still point at what the user wrote."""

from __future__ import annotations

from tstd.fees.fold import to_simplified
from tstd.fees.text import prepare


def test_traditional_characters_fold_one_for_one() -> None:
    original = "參編單位須繳納經費支持，方可在前言署名"
    folded = to_simplified(original)
    assert folded == "参编单位须缴纳经费支持，方可在前言署名"
    assert len(folded) == len(original)


def test_simplified_and_ascii_text_is_unchanged() -> None:
    for text in ("参编单位须缴纳参编费", "ISO 9001", ""):
        assert to_simplified(text) == text


def test_prepared_text_is_folded_but_quotes_the_original() -> None:
    original = "參編費：２萬元"
    pt = prepare(original)
    assert pt.text == "参编费:2万元"
    start, end = pt.original_span(0, 3)
    assert original[start:end] == "參編費"


def test_odd_spaces_are_dropped_inside_chinese() -> None:
    assert prepare("参\u00a0编\u3000费").text == "参编费"
