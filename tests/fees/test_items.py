"""Fee items are read defensively and the condition language selects them."""

from __future__ import annotations

from typing import Any

from tstd.fees.items import compile_condition, fee_items

DUES = {"name": "会费", "amount": 2000, "unit": "元/年", "payer": "member", "purpose": "membership",
        "mandatory": True, "approved_by": "会员代表大会", "published": True}


def test_items_are_typed_and_tolerate_bad_values() -> None:
    raw: list[Any] = [DUES, "not a mapping", {"name": "参编费", "amount": "２０，０００", "mandatory": "是"},
                      {"name": "会费", "amount": "面议", "published": "maybe"}]
    items = fee_items(raw)
    assert [i.path for i in items] == ["organization.fees[0]", "organization.fees[2]", "organization.fees[3]"]
    assert items[1].amount == 20000.0 and items[1].mandatory is True
    assert items[2].amount is None and items[2].published is None
    assert fee_items(None) == [] and fee_items({"name": "x"}) == []


def test_quote_is_chinese_first_with_the_facts() -> None:
    item = fee_items([{**DUES, "published": False}])[0]
    assert item.quote() == ("会费 2000 元/年（payer=member；purpose=membership；approved_by=会员代表大会；"
                            "强制 mandatory；未公开 unpublished）")


def test_scalar_list_not_missing_and_matches() -> None:
    condition = compile_condition({
        "when_any": [{"purpose": "membership", "approved_by": {"not": ["会员大会", "会员代表大会"]}},
                     {"purpose": ["authorship", "ranking"]},
                     {"amount": {"missing": True}, "purpose": {"not": "membership"}},
                     {"unit": {"matches": "%|比例"}}],
        "lower_when": [{"purpose": "ranking"}],
    })
    chosen = [condition.selects(i) for i in fee_items([
        DUES,
        {**DUES, "approved_by": "理事会"},
        {**DUES, "approved_by": "会员 代表 大会"},   # spaces inside Chinese are layout
        {"name": "排名费", "amount": 1, "purpose": "ranking"},
        {"name": "服务费", "purpose": "other"},
        {"name": "推广费", "amount": 1, "purpose": "other", "unit": "营业收入的0.1%"},
        {"name": "培训费", "amount": 1, "purpose": "training"},
    ])]
    assert chosen == [False, True, False, True, True, True, False]
    ranking = fee_items([{"name": "排名费", "purpose": "ranking"}])[0]
    assert condition.lowered(ranking) and not condition.lowered(fee_items([DUES])[0])


def test_booleans_compare_as_booleans_and_missing_never_equals() -> None:
    condition = compile_condition({"when_any": [{"mandatory": True, "purpose": "training"}]})
    items = fee_items([{"purpose": "training", "mandatory": True}, {"purpose": "training"},
                       {"purpose": "training", "mandatory": False}])
    assert [condition.selects(i) for i in items] == [True, False, False]
