"""Every rule of the built-in `fees` pack, through the real engine: it fires on a realistic abusive fee
item or notice sentence, quotes the evidence and cites its basis, and stays quiet on a realistic lawful or
negated variant. Every practice FEE-01…24 of the research note has at least one rule."""

from __future__ import annotations

import copy
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


PACK = load_pack(rules_dir() / "fees.yaml")
# rule id → (organisation fragment that must fire it, a realistic one that must not): the rule's own examples,
# which `tstd explain` shows.
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    r.id: (r.examples["fail"]["organization"], r.examples["pass"]["organization"])
    for r in PACK.rules if {"fail", "pass"} <= set(r.examples)
}


def practices_of() -> dict[str, str]:
    """rule id → practice id (FEE-NN) as its id encodes it (text rules also state it, checked below)."""
    return {r.id: f"FEE-{r.id[-2:]}" for r in PACK.rules}


def with_org(compliant: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    compliant["organization"].update(copy.deepcopy(fragment))
    return compliant


def test_every_rule_has_examples_and_every_practice_a_rule() -> None:
    rules = practices_of()
    assert set(rules) == set(CASES)
    # TSTD-FEE-025 and 026 are fallbacks (a demanded fee no specific rule explained; the model), not practices
    assert {p for p in rules.values()} - {"FEE-25", "FEE-26"} == {f"FEE-{n:02d}" for n in range(1, 25)}


def test_text_rules_name_their_practice_and_never_raise_severity() -> None:
    for rule in PACK.rules:
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
    assert finding.path.endswith(("text", "]", "description", "approval"))
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
    # a payment beside a role without a word tying them is only suggested; tied by 须 it is stated
    text = "参编单位的编制工作收取2万元。\n参编单位须缴纳参编费2万元。"
    found = [f for f in check_data(with_org(compliant, notice(text))) if f.rule == "TSTD-FEE-015"]
    found.sort(key=lambda f: int(dict(f.data)["offset"]))
    assert [(f.severity, dict(f.data)["evidence"]) for f in found] == [
        (Severity.WARNING, "inferred"), (Severity.ERROR, "proven")]


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
    path.write_text(yaml.safe_dump(with_org(compliant, notice("主编单位5万元，副主编单位3万元。")), allow_unicode=True),
                    encoding="utf-8")
    en = Engine(engine.packs, replace(engine.ctx, lang="en"), engine.loader)
    result = en.check_path(path)
    assert result is not None
    messages = [f.message for f in result.findings if f.rule == "TSTD-FEE-015"]
    assert messages and messages[0].startswith("notice “")
    assert "paid participation or authorship" in messages[0]


FEE_EXAMPLES = REPO / "examples" / "fees"
# example → the fee rules its abuses must fire (and no others)
EXPECTED = {
    "compliant-association.yaml": set(),
    # a 促进会: the rules resting only on 合规指南 (FEE-019/119) do not bind it
    "abusive-drafting-call.yaml": {f"TSTD-FEE-{n:03d}" for n in (1, 11, 12, 15, 16, 20, 24, 111, 112, 115,
                                                                   116, 124)},
    "abusive-dues.yaml": {f"TSTD-FEE-{n:03d}" for n in (2, 3, 4, 5, 6, 7, 8, 13, 23, 24, 103, 104, 105, 202, 203, 213)},
    "abusive-evaluation.yaml": {f"TSTD-FEE-{n:03d}" for n in (1, 9, 10, 17, 18, 19, 21, 22, 117, 121, 122, 210, 222)},
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


def test_gbk_declaration_with_full_width_notice(engine: Any, compliant: dict[str, Any], tmp_path: Any) -> None:
    import yaml

    text = "一、主编单位：５０，０００元／家；\n二、参 编 单 位 须 缴 纳 参 编 费 ２ 万 元。"
    path = tmp_path / "gbk.yaml"
    path.write_bytes(yaml.safe_dump(with_org(compliant, notice(text)), allow_unicode=True).encode("gbk"))
    result = engine.check_path(path)
    assert result is not None
    found = sorted((f for f in result.findings if f.rule == "TSTD-FEE-015"), key=lambda f: f.line or 0)
    assert [dict(f.data)["matched"] for f in found] == ["主编单位：５０，０００元", "参 编 单 位 须 缴 纳"]
    for f in found:
        data = dict(f.data)
        assert text[int(data["offset"]):int(data["end"])] == data["matched"]
    assert "TSTD-INPUT-004" in {f.rule for f in result.findings}  # the GBK note, and nothing broke


def test_every_basis_is_cited_and_unverified_ones_say_why() -> None:
    for rule in PACK.rules:
        assert rule.info.basis, rule.id
        for basis in rule.info.basis:
            assert basis.document.strip()
            assert basis.verified or basis.note, f"{rule.id}: {basis.document} is unverified without a note"
    # the three confirmed group-standard texts back the paid-authorship and paid-ranking rules as verified
    for rule_id in ("TSTD-FEE-015", "TSTD-FEE-016", "TSTD-FEE-115", "TSTD-FEE-116"):
        cited = {b.document: b.verified for b in {r.id: r for r in PACK.rules}[rule_id].info.basis}
        assert any("国标委发〔2023〕16号" in d and v for d, v in cited.items()), rule_id


# ---------------------------------------------------------------- legal-review rows (November 2026)


def fee_findings(check_data: Callable[..., list[Finding]], compliant: dict[str, Any],
                 fragment: dict[str, Any]) -> dict[str, Severity]:
    return {f.rule: f.severity for f in check_data(with_org(compliant, fragment)) if f.category.value == "fee"}


def dues(**approval: Any) -> dict[str, Any]:
    record = {"date": "2025-06-10", "members_total": 150, "members_present": 100, "votes_for": 50,
              "secret_ballot": True, "published_date": "2025-07-10"}
    record.update(approval)
    return fee("会费", 2000, "元/年", payer="member", purpose="membership", mandatory=True,
               approved_by="会员（代表）大会", approval=record)


def test_dues_approved_at_exactly_two_thirds_and_one_half_within_30_days_pass(
        check_data: Callable[..., list[Finding]], compliant: dict[str, Any]) -> None:
    # "以上" includes the number: 100 of 150 present, 50 of 100 for, published on day 30
    assert fee_findings(check_data, compliant, dues()) == {}


@pytest.mark.parametrize("change, rule_id", [
    ({"members_present": 99}, "TSTD-FEE-204"),
    ({"votes_for": 49}, "TSTD-FEE-304"),
    ({"secret_ballot": False}, "TSTD-FEE-404"),
    ({"published_date": "2025-07-11"}, "TSTD-FEE-206"),
])
def test_each_breach_of_the_dues_procedure_is_an_error(change: dict[str, Any], rule_id: str,
                                                       check_data: Callable[..., list[Finding]],
                                                       compliant: dict[str, Any]) -> None:
    assert fee_findings(check_data, compliant, dues(**change)) == {rule_id: Severity.ERROR}


def test_a_free_compulsory_meeting_is_lawful(check_data: Callable[..., list[Finding]],
                                            compliant: dict[str, Any]) -> None:
    free = fee("标准发布会", 0, "元", payer="drafting_unit", purpose="conference", mandatory=True)
    paid = fee("标准发布会", 800, "元/人", payer="drafting_unit", purpose="conference", mandatory=True)
    assert "TSTD-FEE-111" not in fee_findings(check_data, compliant, free)
    assert fee_findings(check_data, compliant, paid)["TSTD-FEE-111"] is Severity.ERROR


def test_a_voluntary_paid_training_for_members_is_not_double_charging(check_data: Callable[..., list[Finding]],
                                                                      compliant: dict[str, Any]) -> None:
    text = "本会举办团体标准编写培训班，会员单位亦须缴纳培训费1200元/人，各单位自愿报名。"
    assert fee_findings(check_data, compliant, notice(text)) == {}


def test_a_voluntary_cost_based_expert_review_fee_is_not_an_error(check_data: Callable[..., list[Finding]],
                                                                  compliant: dict[str, Any]) -> None:
    item = fee("专家评审费", 3000, "元/项", payer="drafting_unit", purpose="drafting", mandatory=False,
               description="按专家评审实际发生成本收取。")
    assert "TSTD-FEE-115" not in fee_findings(check_data, compliant, item)
    charged = fee("参编费", 10000, "元/家", payer="drafting_unit", purpose="drafting", mandatory=False)
    assert fee_findings(check_data, compliant, charged)["TSTD-FEE-115"] is Severity.ERROR


def test_an_evaluation_fee_is_a_warning_unless_tied_to_an_award(check_data: Callable[..., list[Finding]],
                                                                 compliant: dict[str, Any]) -> None:
    plain = fee("团体标准符合性评价费", 15000, "元/次", payer="applicant", purpose="evaluation")
    award = fee("标准领跑者评价费", 15000, "元/次", payer="applicant", purpose="evaluation")
    assert fee_findings(check_data, compliant, plain)["TSTD-FEE-117"] is Severity.WARNING
    assert fee_findings(check_data, compliant, award)["TSTD-FEE-117"] is Severity.ERROR


def test_a_licence_fee_is_not_a_prohibited_fee(check_data: Callable[..., list[Finding]],
                                               compliant: dict[str, Any]) -> None:
    licence = fee("标准文本复制许可费", 2000, "元/次", purpose="licence", mandatory=True)
    assert not {r: s for r, s in fee_findings(check_data, compliant, licence).items() if s is Severity.ERROR}
    adoption = fee("标准使用授权费", 5000, "元/年", payer="adopter", purpose="adoption", mandatory=True)
    assert fee_findings(check_data, compliant, adoption) == {"TSTD-FEE-122": Severity.WARNING}


def test_members_only_adoption_is_lawful_when_the_standard_is_for_members(
        check_data: Callable[..., list[Finding]], compliant: dict[str, Any]) -> None:
    text = "本标准仅限会员单位采用。"
    assert "TSTD-FEE-222" in fee_findings(check_data, compliant, notice(text))
    compliant["standard"]["adoption_scope"] = "members"
    assert "TSTD-FEE-222" not in fee_findings(check_data, compliant, notice(text))


def scoped(compliant: dict[str, Any], **org: Any) -> dict[str, Any]:
    for key in ("type", "supervising_body"):
        compliant["organization"].pop(key, None)
    compliant["organization"].update(org)
    return compliant


@pytest.mark.parametrize("org, binds", [
    ({"type": "行业协会"}, True),
    ({"name": "中国某某商会"}, True),                                   # no type: the name decides
    ({"type": "促进会"}, False),
    ({"type": "学会", "supervising_body": "中国科学技术协会"}, True),      # 科协2024 binds it
    ({"type": "学会"}, False),                                           # a 学会 outside 中国科协
])
def test_rules_resting_only_on_kexie_or_the_compliance_guide_bind_only_their_organisations(
        org: dict[str, Any], binds: bool, check_data: Callable[..., list[Finding]],
        compliant: dict[str, Any]) -> None:
    text = "非会员单位参与本项目起草的，须按会员标准缴纳当年会费5000元。"
    found = fee_findings(check_data, scoped(compliant, **org), notice(text))
    assert ("TSTD-FEE-203" in found) is binds
    # FEE-015 rests on 意见2022 八, which binds every 社会团体
    paid = fee_findings(check_data, scoped(compliant, **org), notice("主编单位须出资5万元，可在前言排名第一。"))
    assert paid.get("TSTD-FEE-015") is Severity.ERROR


def test_every_basis_states_its_obligation_word() -> None:
    import yaml

    raw = yaml.safe_load((REPO / "rules" / "fees.yaml").read_text(encoding="utf-8"))
    for rule in raw["rules"]:
        assert rule.get("evidence") in ("proven", "inferred"), rule["id"]
        if rule["evidence"] == "inferred":
            assert rule["kind"] != "fee_item", rule["id"]
        for basis in rule["basis"]:
            assert basis.get("wording"), (rule["id"], basis["document"])
            if basis["verified"]:
                assert basis.get("source"), (rule["id"], basis["document"])
