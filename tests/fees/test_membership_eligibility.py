"""FEE-01 written as eligibility rather than as 须先入会: the participant "should be" a member."""

from __future__ import annotations

import pytest

from tstd.engine.kinds.fees import TextRule
from tstd.engine.pack import load_pack
from tstd.resources import rules_dir

RULE = next(r for r in load_pack(rules_dir() / "fees.yaml").rules if r.id == "TSTD-FEE-001")


def found(text: str) -> list[bool]:
    options = RULE.options
    assert isinstance(options, TextRule)
    return [m.unambiguous for m in options.matcher.findings(text)]


@pytest.mark.parametrize("text", [
    "申报单位应为我会正式会员，且已缴清当年度会费。",
    "参与起草的企业应当是本协会会员，报名表附后。",
    "企业采用本标准须先成为本会会员。",
    "參與起草的企業應當是本協會會員。",
])
def test_membership_as_eligibility_is_stated(text: str) -> None:
    assert found(text) == [True]


def test_membership_as_a_rule_of_thumb_is_suggested() -> None:
    assert found("本项目参编单位原则上为本会会员单位。") == [False]


@pytest.mark.parametrize("text", [
    "参编单位不限于本会会员，非会员单位无需入会即可报名参与起草。",
    "申报单位应为独立法人，会员单位享受培训八折优惠。",
    "本会会员应为依法登记的企业。",
])
def test_lawful_membership_wording_is_not_reported(text: str) -> None:
    assert found(text) == []
