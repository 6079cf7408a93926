"""The fallback rule (TSTD-FEE-025, kind fee_demand): a demanded payment in standardisation or membership
work that no specific rule explained is a warning; lawful look-alikes stay silent. Texts written for these
tests."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from helpers import notice_declaration, notice_fee_findings
from tstd.engine.runner import Engine
from tstd.fees.demand import demands, fired, mark
from tstd.model import Severity


@pytest.mark.parametrize("text", [
    "为做好年度团体标准复审工作，请各理事单位按惯例认缴复审工作经费。",
    "起草组赴外地调研，调研费每人人民币捌仟元整，各起草单位应派员参加。",
    "各會員單位：請於8月31日前繳納標準化工作協作經費，匯入本會賬戶。",
    "团体标准编制期间的专家会议经费由各参编单位共同承担。",
    "标准研讨会会务费1,500元/人，请各参编单位积极派员参会。",
    # the fee stays demanded when only board and lodging are self-borne
    "各参编单位须派员参加宣贯培训，培训费：2,000元/人，食宿自理。",
    # dues are a lawful kind, but not as the price of a drafting role
    "非会员单位须先缴纳入会费1000元及当年会费，方具备参编资格。",
    "研修班费用每人新台币8,000元，凡拟担任起草人者必须参加，方可列入起草人名单。",
])
def test_demanded_payments_are_found(text: str) -> None:
    assert demands(text)


@pytest.mark.parametrize("text", [
    # no standardisation or membership work
    "年度员工体检费用每人600元，由单位统一支付。",
    # free, self-borne, negated
    "团体标准宣贯会不收取任何费用，差旅费用自理。",
    "参编单位无需缴纳任何费用。",
    "团体标准编制期间的专家会议经费由本会承担。",
    # an allowed kind named and nothing tied
    "团体标准培训费800元/人，执行市场调节价，企业自愿报名。",
    "本会会费标准经第二届会员代表大会审议通过，请各会员单位按时缴纳会费。",
    # a warning against impostors, a regulator's case
    "近日有人冒用本会名义要求企业缴纳团体标准参编费每家2万元，请勿相信。",
    "经查，某协会向参编单位收取标准编制费，已被责令退还。",
    # dues at the organisation's own rate
    "专业委员会不另设会费，委员单位只需按本会统一标准缴纳会费。",
])
def test_lawful_look_alikes_are_silent(text: str) -> None:
    assert not demands(text)


def test_marks_are_per_document() -> None:
    class Doc:  # any object a rule reads: marks live as long as it does
        pass

    a, b = Doc(), Doc()
    mark(a, "organization.notices[0].text")
    assert fired(a, "organization.notices[0].text")
    assert not fired(a, "organization.notices[1].text")
    assert not fired(b, "organization.notices[0].text")


def _findings(engine: Engine, tmp_path: Path, text: str) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in notice_fee_findings(engine, text, tmp_path)]


def test_the_fallback_is_a_warning_when_nothing_else_speaks(engine: Engine, tmp_path: Path) -> None:
    found = _findings(engine, tmp_path, "为保障团体标准工作顺利开展，请各会员单位按往年惯例认缴标准工作经费。")
    assert found == [("TSTD-FEE-025", Severity.WARNING)]


def test_the_fallback_is_silent_where_a_specific_rule_spoke(engine: Engine, tmp_path: Path) -> None:
    found = _findings(engine, tmp_path, "各参编单位须缴纳参编费2万元，未缴纳的不列为起草单位。")
    rules = {r for r, _ in found}
    assert rules and "TSTD-FEE-025" not in rules
    assert any(s is Severity.ERROR for _, s in found)


def test_a_title_is_not_read_when_its_body_reports_others_fees(engine: Engine, tmp_path: Path) -> None:
    doc = notice_declaration("来信反映某商会称参编须缴参编费。经调查，情况如下：该商会已撤回通知，不收取任何费用。",
                             "关于某商会收取团体标准参编费问题的答复")
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = engine.check_path(path)
    assert result is not None
    assert [f.rule for f in result.findings if f.rule.startswith("TSTD-FEE")] == []
