"""Every rule of the built-in `fees` pack, through the real engine: it fires on a realistic abusive fee
item or notice sentence, quotes the evidence and cites its basis, and stays quiet on a realistic lawful or
negated variant. Every practice FEE-01…24 of the research note has at least one rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from helpers import REPO
from tstd.engine.pack import load_pack
from tstd.model import Finding, Severity
from tstd.resources import rules_dir

NOTICE_TITLE = "关于征集《家用智能电饭煲能效与安全要求》团体标准参编单位的通知"


def notice(text: str) -> dict[str, Any]:
    return {"notices": [{"title": NOTICE_TITLE, "date": dt.date(2024, 2, 1), "text": text}]}


def fee(name: str, amount: float | None, unit: str = "元", **item: Any) -> dict[str, Any]:
    """A fee list with one item; unless said otherwise it is voluntary, published and payable by anyone."""
    base = {"name": name, "amount": amount, "unit": unit, "payer": "any", "purpose": "other",
            "mandatory": False, "published": True}
    base.update(item)
    return {"fees": [base]}


VOTED_DUES = {"name": "会费", "amount": 2000, "unit": "元/年", "payer": "member", "purpose": "membership",
              "mandatory": True, "approved_by": "会员代表大会", "published": True}

# rule id → (organisation fragment that must fire it, a realistic one that must not)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "TSTD-FEE-001": (notice("参编单位须为本会会员，非会员单位须先办理入会手续并缴纳当年会费。"),
                     notice("参编单位不限于本会会员，非会员单位无需入会即可报名参与起草。")),
    "TSTD-FEE-101": (fee("会费", 5000, "元/年", payer="drafting_unit", purpose="membership",
                         mandatory=True, approved_by="会员大会"),
                     fee(**VOTED_DUES)),
    "TSTD-FEE-002": (notice("会员退会须经理事会批准，并缴清当年及下一年度会费后方可退会。"),
                     notice("会员入会自愿、退会自由，退会只需书面告知秘书处。")),
    "TSTD-FEE-003": (notice("非会员单位参与本项目的，按项目会员费标准每年缴纳5000元。"),
                     notice("非会员单位参与起草无需缴纳会费，也无需入会。")),
    "TSTD-FEE-103": (fee("项目会员费", 5000, "元/年", payer="non_member", purpose="membership",
                         mandatory=True, approved_by="会员大会"),
                     fee(**VOTED_DUES)),
    "TSTD-FEE-004": (fee("会费", 3000, "元/年", payer="member", purpose="membership",
                         mandatory=True, approved_by="会员大会",
                         description="会费标准经第二届理事会第五次会议审议通过。"),
                     fee("会费", 3000, "元/年", payer="member", purpose="membership",
                         mandatory=True, approved_by="会员大会",
                         description="会费标准由秘书处提出方案、理事会审议后，提交会员代表大会无记名投票表决通过。")),
    "TSTD-FEE-104": (fee("会费", 3000, "元/年", payer="member", purpose="membership",
                         mandatory=True, approved_by="理事会"),
                     fee(**VOTED_DUES)),
    "TSTD-FEE-005": (notice("会员单位会费按上年度主营业务销售额的0.05%收取，上不封顶。"),
                     notice("会费标准为：会员单位2000元/年，理事单位5000元/年，常务理事单位10000元/年。")),
    "TSTD-FEE-105": (fee(name="会费", payer="member", purpose="membership", mandatory=True, amount=None,
                         approved_by="会员大会", unit="按销售额比例"),
                     fee(**VOTED_DUES)),
    "TSTD-FEE-006": (fee(**{**VOTED_DUES, "published": False}), fee(**VOTED_DUES)),
    "TSTD-FEE-007": (notice("标准化工作委员会委员单位年费为每年8000元，由专委会单独收取。"),
                     notice("标准化工作委员会委员单位不另行收取任何费用。")),
    "TSTD-FEE-008": (notice("会员单位亦须缴纳标准信息推送服务费每年1200元。"),
                     notice("标准信息推送属于会费包含的基本服务，会员单位不另行收费。")),
    "TSTD-FEE-009": (notice("推荐企业参编的合作机构，按参编费的20%返点。"),
                     notice("本会从未委托任何中介机构代办团体标准，凡以本会名义收取代办费用的均属假冒。")),
    "TSTD-FEE-010": (notice("根据市工信局要求，申报单位须缴纳评审服务费3000元，作为项目申报的前置条件。"),
                     notice("项目申报由企业自愿向主管部门提出，本会不收取任何费用。")),
    "TSTD-FEE-011": (notice("参编单位须派员参加标准宣贯培训，培训费2800元/人，未参加视为放弃参编资格。"),
                     notice("本会将于5月举办标准宣贯培训班，培训费1800元/人，各单位自愿报名参加。")),
    "TSTD-FEE-111": (fee("宣贯培训费", 2800, "元/人", payer="drafting_unit", purpose="training",
                         mandatory=True),
                     fee("宣贯培训费", 1800, "元/人", purpose="training")),
    "TSTD-FEE-012": (notice("每家参编单位须购买标准文本不少于50册，每册120元。"),
                     notice("如需购买标准文本，请与秘书处联系，定价每册120元。")),
    "TSTD-FEE-112": (fee("标准文本征订费", 6000, "元/家", payer="drafting_unit", purpose="text_sale",
                         mandatory=True),
                     fee("标准文本", 120, "元/册", purpose="text_sale")),
    "TSTD-FEE-013": (notice("副会长单位赞助标准研制经费10万元，常务理事单位费用3万元。"),
                     notice("副会长单位会费为每年20000元，由会员代表大会无记名投票表决通过。")),
    "TSTD-FEE-014": (notice("设立标准化工作站的单位，须缴纳工作站授牌费2万元。"),
                     notice("标准化工作站由所在单位自愿设立，本会不收取任何授牌费用。")),
    "TSTD-FEE-015": (notice("主编单位5万元，副主编单位3万元，参编单位1万元。"),
                     notice("本项目不收取参编费，参编单位的差旅费用自理。")),
    "TSTD-FEE-115": (fee("参编费", 10000, "元/家", payer="drafting_unit", purpose="drafting",
                         mandatory=True),
                     fee("标准立项专家评审费", 3000, "元/项", payer="applicant",
                         mandatory=False, description="按专家评审实际发生成本收取。")),
    "TSTD-FEE-016": (notice("起草单位在前言中的排序按出资金额从高到低排列。"),
                     notice("起草单位的排序依据实际贡献由起草组协商确定，与是否出资无关。")),
    "TSTD-FEE-116": (fee("起草单位排名费", 20000, "元", payer="drafting_unit", purpose="ranking"),
                     fee("标准文本", 120, "元/册", purpose="text_sale")),
    "TSTD-FEE-017": (notice("获评“智能家电标准领跑者示范企业”的单位须缴纳授牌费8000元。"),
                     notice("“标准领跑者”评估不向参评企业收取任何费用。")),
    "TSTD-FEE-117": (fee("团体标准符合性评价费", 15000, "元/次", payer="applicant",
                         purpose="evaluation"),
                     fee("标准文本", 120, "元/册", purpose="text_sale")),
    "TSTD-FEE-018": (notice("团标编写员证书培训费3800元/人，考试合格后颁发证书，起草人须持证参与。"),
                     notice("本会举办团体标准编写公益讲座，欢迎各单位标准化人员报名。")),
    "TSTD-FEE-019": (fee("技术服务费", None, payer="applicant", published=False),
                     fee("技术服务费", 5000, "元/项", payer="applicant",
                         published=True)),
    "TSTD-FEE-119": (notice("参编单位需承担部分编制费用，具体收费标准另行通知。"),
                     notice("本项目不收取任何费用，具体会议安排另行通知。")),
    "TSTD-FEE-020": (notice("申报团体标准立项须缴纳立项费8000元、发布费5000元。"),
                     notice("立项技术审查的专家咨询费按实际发生的成本收取，标准发布不收取费用。")),
    "TSTD-FEE-021": (notice("本会提供团体标准全程服务，包通过，15个工作日出标。"),
                     notice("团体标准按《团体标准管理办法》规定的程序制定，周期一般为12个月。")),
    "TSTD-FEE-121": (fee("标准推广服务费", None, "营业收入的0.1%", payer="adopter"),
                     fee("标准推广服务费", 3000, "元/次", payer="adopter")),
    "TSTD-FEE-022": (notice("本标准仅限会员单位采用，非会员单位采用须缴纳标准使用费每年5000元。"),
                     notice("本标准供社会自愿采用，标准文本可在全国团体标准信息平台免费查阅。")),
    "TSTD-FEE-122": (fee("标准使用授权费", 5000, "元/年", payer="adopter", purpose="adoption",
                         mandatory=True),
                     fee("标准文本复制许可费", 2000, "元/次", purpose="licence",
                         mandatory=False)),
    "TSTD-FEE-023": (notice("会费请汇至北京华标咨询有限公司账户，开具技术服务费发票。"),
                     notice("会费请汇至本会账户，本会开具社会团体会费统一收据。")),
    "TSTD-FEE-024": (fee("标准编制费", 10000, "元/家", mandatory=True),
                     fee("标准编制费", 10000, "元/家")),
    "TSTD-FEE-124": (notice("标准编制经费由各参编单位按比例分摊，逾期未缴纳的取消参编资格。"),
                     notice("标准编制经费由本会承担，不向参编单位摊派任何费用。")),
}


def practices_of(pack_file: str = "fees.yaml") -> dict[str, str]:
    """rule id → practice id (FEE-NN) as the pack states it (text rules) or as its id encodes it."""
    pack = load_pack(rules_dir() / pack_file)
    return {r.id: f"FEE-{r.id[-2:]}" for r in pack.rules}


def with_org(compliant: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    compliant["organization"].update(fragment)
    return compliant


def test_every_rule_has_cases_and_every_practice_a_rule() -> None:
    rules = practices_of()
    assert set(rules) == set(CASES)
    assert {p for p in rules.values()} == {f"FEE-{n:02d}" for n in range(1, 25)}


def test_text_rules_name_their_practice_and_never_raise_severity() -> None:
    pack = load_pack(rules_dir() / "fees.yaml")
    for rule in pack.rules:
        if rule.info.kind == "fee_text":
            assert rule.options.practice == f"FEE-{rule.id[-2:]}", rule.id
            # a suggestive match is reported as a warning: that must never raise an info rule
            assert rule.info.severity is not Severity.INFO, rule.id


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_with_evidence_and_basis(rule_id: str, check_data: Callable[..., list[Finding]],
                                             compliant: dict[str, Any]) -> None:
    findings = [f for f in check_data(with_org(compliant, CASES[rule_id][0])) if f.rule == rule_id]
    assert findings, f"{rule_id} did not fire"
    finding = findings[0]
    assert finding.evidence
    if finding.path.endswith(".text") or finding.path.endswith(".description"):
        assert dict(finding.data)["matched"] in finding.evidence
        assert f"“{dict(finding.data)['matched']}”" in finding.message
    else:
        assert f"「{dict(finding.data)['fee']}」" in finding.message
        assert finding.evidence.startswith(dict(finding.data)["fee"])  # the item with its facts
    assert finding.basis and all(b.document for b in finding.basis)
    assert finding.path.startswith(("organization.notices[0]", "organization.fees[0]"))
    assert finding.line is not None
    assert "{" not in finding.message


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_quiet_on_lawful_or_negated_variant(rule_id: str, check_data: Callable[..., list[Finding]],
                                                 compliant: dict[str, Any]) -> None:
    findings = check_data(with_org(compliant, CASES[rule_id][1]))
    assert not [f for f in findings if f.category.value == "fee"], [f.message for f in findings]


def test_text_finding_carries_offset_into_the_original_text(check_data: Callable[..., list[Finding]],
                                                           compliant: dict[str, Any]) -> None:
    text = "各参编单位：\n　　经研究，本项目参编单位须缴纳参编费２万元，请于3月1日前汇至本会账户。"
    findings = [f for f in check_data(with_org(compliant, notice(text))) if f.rule == "TSTD-FEE-015"]
    assert len(findings) == 1
    data = dict(findings[0].data)
    start, end = int(data["offset"]), int(data["end"])
    assert text[start:end] == data["matched"]
    assert findings[0].evidence == "经研究，本项目参编单位须缴纳参编费２万元，请于3月1日前汇至本会账户。"
    assert f"第{start + 1}字" in findings[0].message
    assert "通知「" + NOTICE_TITLE + "」正文" in findings[0].message


def test_suggestive_wording_is_a_warning_unambiguous_an_error(check_data: Callable[..., list[Finding]],
                                                              compliant: dict[str, Any]) -> None:
    text = "参编单位需分担标准编制费用。\n参编单位须缴纳参编费2万元。"
    found = [f for f in check_data(with_org(compliant, notice(text))) if f.rule == "TSTD-FEE-015"]
    found.sort(key=lambda f: int(dict(f.data)["offset"]))
    assert [(f.severity, dict(f.data)["matched"]) for f in found] == [
        (Severity.WARNING, "参编单位"), (Severity.ERROR, "参编费")]


def test_certification_fee_is_only_a_warning(check_data: Callable[..., list[Finding]],
                                             compliant: dict[str, Any]) -> None:
    item = fee("产品认证费", 20000, "元/次", payer="applicant", purpose="certification")
    found = [f for f in check_data(with_org(compliant, item)) if f.rule == "TSTD-FEE-117"]
    assert [f.severity for f in found] == [Severity.WARNING]


def test_english_messages(engine: Any, compliant: dict[str, Any], tmp_path: Any) -> None:
    from dataclasses import replace

    import yaml

    from tstd.engine.runner import Engine

    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(with_org(compliant, CASES["TSTD-FEE-015"][0]), allow_unicode=True),
                    encoding="utf-8")
    en = Engine(engine.packs, replace(engine.ctx, lang="en"), engine.loader)
    result = en.check_path(path)
    assert result is not None
    messages = [f.message for f in result.findings if f.rule == "TSTD-FEE-015"]
    assert messages and messages[0].startswith("notice “")
    assert "drafter roles priced" in messages[0]


FEE_EXAMPLES = REPO / "examples" / "fees"
# example → the fee rules its abuses must fire (and no others)
EXPECTED = {
    "compliant-association.yaml": set(),
    "abusive-drafting-call.yaml": {f"TSTD-FEE-{n:03d}" for n in (1, 11, 12, 15, 16, 19, 20, 24, 111, 112, 115,
                                                                   116, 119, 124)},
    "abusive-dues.yaml": {f"TSTD-FEE-{n:03d}" for n in (2, 3, 4, 5, 6, 7, 8, 13, 23, 24, 103, 104, 105)},
    "abusive-evaluation.yaml": {f"TSTD-FEE-{n:03d}" for n in (1, 9, 10, 17, 18, 19, 21, 22, 117, 121, 122)},
}


def test_examples_cover_the_directory() -> None:
    assert {p.name for p in FEE_EXAMPLES.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fee_examples_fire_exactly_their_abuses(name: str, engine: Any) -> None:
    result = engine.check_path(FEE_EXAMPLES / name)
    assert result is not None
    assert [f for f in result.findings if f.category.value != "fee"] == []  # otherwise compliant declarations
    assert {f.rule for f in result.findings} == EXPECTED[name]


def test_disclaimer_in_an_abusive_notice_is_not_reported(engine: Any) -> None:
    result = engine.check_path(FEE_EXAMPLES / "abusive-drafting-call.yaml")
    assert result is not None
    assert not [f for f in result.findings if f.evidence and "严禁任何单位和个人" in f.evidence]


def test_fees_in_a_shared_organisation_file_are_located_there(engine: Any, compliant: dict[str, Any],
                                                               tmp_path: Any) -> None:
    import yaml

    org = with_org(compliant, notice("参编单位须缴纳参编费2万元。"))["organization"]
    org["fees"] = fee("排名费", 20000, payer="drafting_unit", purpose="ranking")["fees"]
    (tmp_path / "organization.yaml").write_text(yaml.safe_dump(org, allow_unicode=True), encoding="utf-8")
    compliant["organization"] = "organization.yaml"
    (tmp_path / "decl.yaml").write_text(yaml.safe_dump(compliant, allow_unicode=True), encoding="utf-8")
    result = engine.check_path(tmp_path / "decl.yaml")
    assert result is not None
    found = {f.rule: f for f in result.findings if f.category.value == "fee"}
    assert set(found) == {"TSTD-FEE-015", "TSTD-FEE-116"}
    for finding in found.values():
        assert finding.source is not None and finding.source.endswith("organization.yaml")
        assert finding.line is not None
