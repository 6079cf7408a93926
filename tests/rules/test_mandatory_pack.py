"""The built-in `mandatory` pack through the real loader and engine: every rule fires on its defect and stays
quiet on its valid variant, findings name the mandatory standard and cite the basis, and clean declarations in
unrelated fields get no mandatory findings."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from helpers import EXAMPLES
from tstd.engine.pack import load_pack
from tstd.model import Category, Finding
from tstd.resources import rules_dir

PACK = load_pack(rules_dir() / "mandatory.yaml")
RULES = {r.id: r for r in PACK.rules}


def merged(base: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    """The compliant declaration with the example's standard fields laid over it (references and requirements
    replaced, not appended, so only the example's own references count)."""
    data = copy.deepcopy(base)
    data["standard"].update(copy.deepcopy(fragment["standard"]))
    data["standard"].setdefault("normative_references", [])
    if "normative_references" not in fragment["standard"]:
        data["standard"]["normative_references"] = ["GB/T 191 包装储运图示标志"]
    return data


def mandatory(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category is Category.MANDATORY]


def test_pack_loads_with_six_rules_each_citing_a_basis() -> None:
    assert sorted(RULES) == [f"TSTD-MAND-00{i}" for i in range(1, 7)]
    for rule in PACK.rules:
        assert rule.info.category is Category.MANDATORY and rule.info.basis
        assert rule.message.zh and rule.message.en and "fail" in rule.examples and "pass" in rule.examples


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_fires_on_its_example(rule_id: str, check_data: Callable[..., list[Finding]],
                                   compliant: dict[str, Any]) -> None:
    found = [f for f in check_data(merged(compliant, RULES[rule_id].examples["fail"])) if f.rule == rule_id]
    assert found, rule_id
    finding = found[0]
    assert "GB " in finding.message  # names the mandatory standard
    assert finding.line is not None and finding.basis


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_rule_quiet_on_its_valid_variant(rule_id: str, check_data: Callable[..., list[Finding]],
                                         compliant: dict[str, Any]) -> None:
    found = [f.message for f in check_data(merged(compliant, RULES[rule_id].examples["pass"])) if f.rule == rule_id]
    assert found == []


def test_finding_carries_the_catalogue_entry(check_data: Callable[..., list[Finding]],
                                             compliant: dict[str, Any]) -> None:
    (finding,) = [f for f in check_data(merged(compliant, RULES["TSTD-MAND-001"].examples["fail"]))
                  if f.rule == "TSTD-MAND-001"]
    data = dict(finding.data)
    assert data["catalogue_entry"] == "GB 18401-2003" and data["replaced_by"] == "GB 18401-2010"
    assert data["catalogue_confidence"] == "confirmed"


def test_compliant_example_has_no_mandatory_findings(check_data: Callable[..., list[Finding]],
                                                     compliant: dict[str, Any]) -> None:
    assert mandatory(check_data(compliant)) == []


# Realistic subjects outside the catalogue's fields, and near misses (mandatory.md's traps).
UNRELATED = [
    ("居家养老上门服务规范", "A12", "本文件规定了居家养老上门服务的服务内容、服务流程和服务评价。"),
    ("智能门锁", "Y70", "本文件规定了智能门锁的识别方式、信息安全和电池续航要求。"),
    ("智能坐便器", "Y62", "本文件规定了智能坐便器的清洗功能、节能和水效要求。"),
    ("城市道路智慧停车系统技术要求", "R87", "本文件规定了智慧停车系统的架构、数据接口和运维要求。"),
    ("有机绿茶生产技术规程", "B35", "本文件规定了有机绿茶种植、采摘和加工的技术要求。"),
    ("网络直播营销服务规范", "A20", "本文件规定了网络直播营销的主播管理、商品选择和售后服务要求。"),
    ("分布式光伏电站运维规范", "F12", "本文件规定了分布式光伏电站的巡检、清洗和故障处理要求。"),
    ("高速公路沥青路面施工技术规范", "P66", "本文件规定了沥青路面的材料、施工和质量检验要求。"),
]


@pytest.mark.parametrize("title,ccs,scope", UNRELATED)
def test_unrelated_fields_stay_clean(title: str, ccs: str, scope: str, check_data: Callable[..., list[Finding]],
                                     compliant: dict[str, Any]) -> None:
    compliant["standard"].update({"title": title, "ccs": ccs, "scope": scope, "ics": "03.080"})
    compliant["standard"]["normative_references"] = ["GB/T 191 包装储运图示标志"]
    assert mandatory(check_data(compliant)) == []


@pytest.mark.parametrize("name,expected", [
    ("textile-looser-formaldehyde.yaml", ["TSTD-MAND-004", "TSTD-MAND-004"]),
    ("withdrawn-helmet-reference.yaml", ["TSTD-MAND-001", "TSTD-MAND-002"]),
    ("duplicate-ebike.yaml", ["TSTD-MAND-003", "TSTD-MAND-004", "TSTD-MAND-004", "TSTD-MAND-005"]),
    ("compliant-elderly-care.yaml", []),
    ("compliant-smart-lock.yaml", []),
])
def test_examples(name: str, expected: list[str], engine: Any) -> None:
    result = engine.check_path(EXAMPLES / "mandatory" / name)
    assert sorted(f.rule for f in mandatory(list(result.findings))) == expected
    if name.startswith("compliant-"):
        assert list(result.findings) == []  # clean for every pack, not only this one


def test_textile_example_quotes_both_values(engine: Any) -> None:
    result = engine.check_path(EXAMPLES / "mandatory" / "textile-looser-formaldehyde.yaml")
    messages = [f.message for f in result.findings if f.rule == "TSTD-MAND-004"]
    assert any("≤ 75 mg/kg" in m and "≤ 20 mg/kg" in m and "GB 18401—2010" in m for m in messages)


def test_example_files_are_valid_yaml_declarations() -> None:
    for path in (EXAMPLES / "mandatory").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["tstd"] == 1 and data["standard"]["number"].startswith("T/"), path.name
