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
    assert {p for p in rules.values()} == {f"FEE-{n:02d}" for n in range(1, 25)}


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
