"""Normalisation keeps offsets into the original text; sentences and clauses split Chinese punctuation."""

from __future__ import annotations

import pytest

from tstd.fees.text import normalise_term, prepare


def test_full_width_and_spaces_between_chinese_are_normalised_with_offsets() -> None:
    original = "参 编 费：２０ ０００元"
    pt = prepare(original)
    assert pt.text == "参编费:20000元"
    start = pt.text.index("20000")
    o_start, o_end = pt.original_span(start, start + 5)
    assert original[o_start:o_end] == "２０ ０００"


def test_latin_words_keep_their_space_and_dashes_unify() -> None:
    assert prepare("依据 ISO 9001 — 2015 认证").text == "依据ISO 9001-2015认证"


def test_nfkc_expansion_maps_every_output_character_to_its_source() -> None:
    original = "费用…参编"  # … becomes three dots
    pt = prepare(original)
    assert pt.text == "费用...参编"
    assert [pt.origin[i] for i in range(len(pt.text))] == [0, 1, 2, 2, 2, 3, 4]


def test_sentences_end_at_full_stops_semicolons_and_lines_clauses_also_at_commas() -> None:
    pt = prepare("一、主编单位５万元；副主编单位３万元。\n二、参编单位，每家1万元")
    sentences = [pt.text[s.start:s.end] for s in pt.sentences]
    assert sentences == ["一、主编单位5万元;", "副主编单位3万元。", "\n", "二、参编单位,每家1万元"]
    assert pt.text[pt.clause_at(pt.text.index("每家")).start:].startswith("每家")
    assert pt.sentence_at(pt.text.index("副"))[0] == 1


def test_enumeration_comma_and_colon_do_not_end_a_clause() -> None:
    pt = prepare("不收取参编费、署名费：免收")
    clause = pt.clause_at(pt.text.index("署名费"))
    assert (clause.start, clause.end) == (0, len(pt.text))


def test_terms_are_normalised_like_texts() -> None:
    assert normalise_term(" 参编费（主编） ") == "参编费(主编)"
    assert normalise_term("参编单位…费用") == "参编单位...费用"


def test_a_money_column_lends_its_unit_to_the_bare_amounts_below_it() -> None:
    raw = "档次 | 费用（万元/家） | 权益\n主编单位 | 8.0 | 前言排名第1位\n参编单位 | 2 | 前言列名"
    ready = prepare(raw)
    assert ready.text == "档次|费用(万元/家)|权益\n主编单位|8.0万元|前言排名第1位\n参编单位|2万元|前言列名"
    assert len(ready.origin) == len(ready.text)
    # the added unit points at the number it follows, so a quote of the row stays inside the row
    at = ready.text.index("8.0万元")
    assert {ready.origin[i] for i in range(at + 3, at + 5)} == {raw.index("8.0") + 2}
    start, end = ready.original_span(ready.text.index("主编单位"), ready.text.index("第1位") + 3)
    assert raw[start:end] == "主编单位 | 8.0 | 前言排名第1位"


@pytest.mark.parametrize(("raw", "prepared"), [
    ("年份 | 数量（件） | 备注\n2023 | 12 | 无", "年份|数量(件)|备注\n2023|12|无"),  # not a money column
    ("收费项目 | 收费标准\n立项评审 | 3000", "收费项目|收费标准\n立项评审|3000"),  # no unit in the header
    ("档次 | 费用（万元/家）\n主编单位 | 面议", "档次|费用(万元/家)\n主编单位|面议"),  # no bare number
    ("费用（万元）\n8.0", "费用(万元)\n8.0"),  # no table
])
def test_no_unit_is_added_where_the_header_names_none_or_the_cell_is_no_bare_number(raw: str, prepared: str) -> None:
    assert prepare(raw).text == prepared


def test_a_table_row_is_one_sentence_but_a_question_in_it_ends() -> None:
    pt = prepare("会费 | 会员1500元/年；理事3000元/年 | 常务理事会决议\n说明：按年缴纳；逾期催缴。\n想退会？ | 请联系秘书处。")
    sentences = [pt.text[s.start:s.end] for s in pt.sentences]
    assert sentences[0] == "会费|会员1500元/年;理事3000元/年|常务理事会决议\n"
    assert "说明:按年缴纳;" in sentences  # prose still ends at ；
    assert "想退会?" in sentences


def test_the_two_spellings_of_zhang_are_one() -> None:
    # 帐户/账户, 专帐/专账 (Traditional 帳 folds to 帐): matched as one word, offsets unchanged
    pt = prepare("汇入本会帐户")
    assert pt.text == "汇入本会账户" and len(pt.origin) == len(pt.text)
