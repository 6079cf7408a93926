"""Notices cut into statements, clauses and sub-clauses; tables read row by row; linear on long text."""

from __future__ import annotations

from tstd.fees.clauses import list_heads, list_items, split
from tstd.fees.text import prepare


def pieces(text: str) -> list[str]:
    pt = prepare(text)
    return [pt.text[c.start:c.end].strip() for c in split(pt.text).clauses if pt.text[c.start:c.end].strip()]


def test_semicolons_end_clauses_but_not_statements() -> None:
    pt = prepare("本会不收取参编费；凡以本会名义收取的，均属违规。主编单位须出资。")
    layout = split(pt.text)
    texts = [pt.text[c.start:c.end] for c in layout.clauses]
    assert texts == ["本会不收取参编费;", "凡以本会名义收取的,均属违规。", "主编单位须出资。"]
    assert [c.statement for c in layout.clauses] == [0, 0, 1]


def test_list_markers_start_new_statements() -> None:
    assert pieces("费用如下：一、主编单位5万元二、参编单位1万元(三)支持单位5000元") == [
        "费用如下:", "一、主编单位5万元", "二、参编单位1万元", "(三)支持单位5000元"]


def test_commas_bound_sub_clauses() -> None:
    pt = prepare("不收取参编费，但主编单位须出资5万元。")
    clause = split(pt.text).clauses[0]
    assert clause.subclause_of(pt.text.index("参编费")) == 0
    assert clause.subclause_of(pt.text.index("主编")) == 1


def test_flattened_tables_are_rows_with_their_header() -> None:
    for table in ("单位类别 | 费用 | 权益\n主编单位 | 5万元 | 前言排名第一",
                  "单位类别\t费用\t权益\n主编单位\t5万元\t前言排名第一",
                  "单位类别    费用      权益\n主编单位    5万元     前言排名第一"):
        pt = prepare(table)
        rows = split(pt.text).clauses
        assert [r.row for r in rows] == [True, True], table
        assert pt.text[rows[1].start:rows[1].end] == "主编单位|5万元|前言排名第一"
        assert rows[1].header == (rows[0].start, rows[0].end)
        assert len(rows[1].commas) == 2  # one sub-clause per cell


def test_a_form_option_line_is_a_row_of_its_own() -> None:
    pt = prepare("参与方式（请在□内打√）：\n□ 牵头单位（署名位次第1位，共建经费8万元）\n□ 参编单位（无需经费）\n")
    rows = [c for c in split(pt.text).clauses if c.row]
    assert [pt.text[r.start:r.end].strip() for r in rows] == ["□牵头单位(署名位次第1位,共建经费8万元)", "□参编单位(无需经费)"]
    assert all(r.header is None for r in rows)  # an option has no header row: each stands alone
    assert len(rows[0].commas) == 1  # its commas separate its cells


def test_a_line_wrapped_inside_a_sentence_stays_one_statement() -> None:
    pt = prepare("经查，该协会按“主编单位5万元”的标准\n向27家企业收取参编费用。\n二、其他事项")
    layout = split(pt.text)
    assert layout.statement_of(pt.text.index("经查")) == layout.statement_of(pt.text.index("收取"))
    assert layout.statement_of(pt.text.index("其他")) != layout.statement_of(pt.text.index("收取"))


def test_a_megabyte_without_punctuation_is_one_clause_and_read_whole() -> None:
    # correctness only: the time is measured in benchmarks/fees.py (it must stay linear)
    from tstd.engine.pack import load_pack
    from tstd.resources import rules_dir

    filler = "本会欢迎各有关单位积极参与团体标准研制工作并提出意见建议"
    abuse = "主编单位须缴纳5万元方可在前言署名"
    text = filler * ((1_000_000 - len(abuse)) // len(filler)) + abuse
    assert len(text) > 999_000
    layout = split(prepare(text).text)
    assert len(layout.clauses) == 1
    assert (layout.clauses[0].start, layout.clauses[0].end) == (0, len(text))
    rule = {r.id: r for r in load_pack(rules_dir() / "fees.yaml").rules}["TSTD-FEE-015"]
    [hit] = rule.options.frame.hits(text)
    assert hit.linked and text[hit.start:hit.end] == hit.matched and hit.start >= len(text) - len(abuse)
    assert hit.quote.endswith(abuse) and len(hit.quote) < 200


def test_a_statement_ending_in_a_colon_introduces_the_items_that_follow_it() -> None:
    pt = prepare("会议以举手表决方式通过下列事项：\n一、工作报告；\n二、调整会费标准；\n三、增补理事。\n联系人：张某")
    layout = split(pt.text)
    head = next(k for k, start in enumerate(layout.statements) if pt.text.startswith("会议", start))
    items = list_items(pt.text, layout, head)
    lines = [pt.text[layout.statements[j]:].split("\n")[0] for j in items]
    assert lines == ["一、工作报告;", "二、调整会费标准;", "三、增补理事。"]
    assert list(list_heads(pt.text, layout, items[-1])) == [head, *items[:-1]]
    assert list_items(pt.text, layout, items[0]) == range(0)  # an item is no head
