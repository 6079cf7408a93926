"""The `mandatory` kinds on hand-built documents: what fires, at which severity, with which catalogue data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from helpers import document
from tstd.catalog import load_catalogue
from tstd.engine.context import Context
from tstd.engine.kinds import Hit, registry
from tstd.engine.kinds.mandatory import CATALOGUE, MATCHER, analyse, entries_for_example
from tstd.model import Severity

KINDS = registry()
CATALOGUE_DATA = load_catalogue()


def ctx(lang: str = "zh", **settings: Any) -> Context:
    context = Context(today=dt.date(2026, 11, 22), lang=lang, settings=settings)
    if not settings:
        context.resource(CATALOGUE, lambda c: CATALOGUE_DATA)  # share the built-in catalogue across tests
    return context


def hits(kind: str, standard: dict[str, Any], context: Context | None = None, **options: Any) -> list[Hit]:
    return list(KINDS[kind].check(document({"standard": standard}), options, context or ctx()))


def refs(*lines: str, **more: Any) -> dict[str, Any]:
    return {"title": "某产品", "normative_references": list(lines), **more}


# ------------------------------------------------------------------ references


def test_withdrawn_reference_is_an_error_naming_the_replacement() -> None:
    (hit,) = hits("mandatory-reference", refs("GB 18401—2003 国家纺织产品基本安全技术规范",
                                              publish_date=dt.date(2024, 5, 1)), states=["withdrawn"])
    assert hit.path == "standard.normative_references[0]"
    assert hit.severity is None  # the rule's own severity (error)
    assert "GB 18401—2010" in hit.params["replacement"]
    assert hit.data["catalogue_entry"] == "GB 18401-2003" and hit.data["replaced_by"] == "GB 18401-2010"
    assert hit.evidence == "GB 18401—2003 国家纺织产品基本安全技术规范"


def test_reference_withdrawn_only_after_publication_is_a_warning() -> None:
    # GB 4706.1-2005 gave way to GB 4706.1-2024 on 2026-08-01; a standard of 2024 cited it correctly then.
    (hit,) = hits("mandatory-reference", refs("GB 4706.1—2005", publish_date="2024-05-10"), states=["withdrawn"])
    assert hit.severity is Severity.WARNING
    assert "2026-08-01" in hit.params["note"]
    (hit,) = hits("mandatory-reference", refs("GB 4706.1—2005", publish_date="2026-09-01"), states=["withdrawn"])
    assert hit.severity is None


def test_unverified_entry_never_drives_an_error_and_says_so() -> None:
    # GB 3095-1996 is an unverified entry in the built-in catalogue
    (hit,) = hits("mandatory-reference", refs("GB 3095-1996"), states=["withdrawn"])
    assert hit.severity is Severity.WARNING and "未经核实" in hit.params["note"]
    (hit,) = hits("mandatory-reference", refs("GB 3095-1996"), ctx("en"), states=["withdrawn"])
    assert "unverified" in hit.params["note"]


def test_current_undated_and_recommended_references_do_not_fire() -> None:
    doc = refs("GB 18401—2010", "GB 18401", "GB/T 2912.1—2009 纺织品 甲醛的测定", "GB 99999—2020 未收录标准")
    assert hits("mandatory-reference", doc, states=["withdrawn", "outdated", "successor_published", "upcoming"]) == []


def test_outdated_and_superseded_editions() -> None:
    found = hits("mandatory-reference", refs("GB 17761—2010", "GB 7718—2011", "GB 7718—2025"),
                 states=["outdated", "successor_published", "upcoming"])
    assert [h.data["state"] for h in found] == ["outdated", "successor_published", "upcoming"]
    assert "2027-03-16" in found[1].params["detail"]


# ------------------------------------------------------------------ overlap


def test_overlap_fires_unless_the_mandatory_standard_is_referenced() -> None:
    (hit,) = hits("mandatory-overlap", {"title": "电动自行车安全技术规范", "ics": "43.150", "ccs": "T81"})
    assert hit.data["catalogue_entry"] == "GB 17761-2024" and "电动自行车" in hit.params["terms"]
    assert hits("mandatory-overlap", {"title": "电动自行车安全技术规范", "ics": "43.150", "ccs": "T81",
                                      "normative_references": ["GB 17761—2024"]}) == []
    # an older (withdrawn) edition counts as referencing it too: TSTD-MAND-001 then asks for the new one
    assert hits("mandatory-overlap", {"title": "电动自行车安全技术规范", "ccs": "T81",
                                      "normative_references": ["GB 17761—2018"]}) == []


def test_overlap_is_quiet_for_unrelated_subjects() -> None:
    assert hits("mandatory-overlap", {"title": "居家养老上门服务规范", "ccs": "A12"}) == []
    assert hits("mandatory-overlap", {"title": "智能门锁", "ccs": "Y70"}) == []


def test_unverified_overlap_says_so() -> None:
    (hit,) = hits("mandatory-overlap", {"title": "浓香型白酒", "ccs": "X62"})
    assert hit.data["catalogue_confidence"] == "unverified" and "未经核实" in hit.params["note"]


# ------------------------------------------------------------------ limits


def req(**item: Any) -> dict[str, Any]:
    return {"title": "婴幼儿针织内衣", "requirements": [item]}


def test_looser_limit_quotes_both_values() -> None:
    (hit,) = hits("mandatory-limit", req(indicator="甲醛含量", op="<=", value=0.1, unit="g/kg",
                                         applies_to="婴幼儿纺织产品"), verdicts=["looser", "contradicts"])
    assert hit.path == "standard.requirements[0].value"
    assert hit.params["requirement"] == "≤ 0.1 g/kg（= ≤ 100 mg/kg）"
    assert hit.params["limit"] == "≤ 20 mg/kg"
    assert hit.severity is None and hit.data["catalogue_entry"] == "GB 18401-2010"


def test_stricter_limit_passes_and_verdict_filter_applies() -> None:
    assert hits("mandatory-limit", req(indicator="甲醛含量", op="<=", value=15, unit="mg/kg"),
                verdicts=["looser", "contradicts"]) == []
    floor = {"title": "电动自行车", "requirements": [
        {"indicator": "最高设计车速", "op": ">=", "value": 30, "unit": "km/h", "applies_to": "电动自行车"}]}
    assert hits("mandatory-limit", floor, verdicts=["looser"]) == []
    (hit,) = hits("mandatory-limit", floor, ctx("en"), verdicts=["contradicts"])
    assert hit.params["verdict"] == "contradicts"


def test_unverified_limit_is_a_warning() -> None:
    # GB 2762-2025's values were not read (those of the 2022 edition are kept, unverified)
    (hit,) = hits("mandatory-limit", {"title": "富硒大米", "requirements": [
        {"indicator": "无机砷", "op": "<=", "value": 0.35, "unit": "mg/kg", "applies_to": "大米"}]},
        verdicts=["looser"])
    assert hit.severity is Severity.WARNING and hit.data["limit_confidence"] == "unverified"


def test_unit_problems_are_reported_by_the_unit_kind() -> None:
    doc = {"title": "电动自行车", "requirements": [
        {"indicator": "最高设计车速", "op": "<=", "value": 25, "unit": "kg", "applies_to": "电动自行车"},
        {"indicator": "最高设计车速", "op": "<=", "value": 25, "unit": "里/时", "applies_to": "电动自行车"},
        {"indicator": "保温能耗", "op": "<=", "value": 25, "unit": "里/时"}]}
    found = hits("mandatory-limit-unit", doc)
    assert [h.path for h in found] == ["standard.requirements[0].unit", "standard.requirements[1].unit"]
    assert found[0].params["limit_unit"] == "km/h"
    assert hits("mandatory-limit", doc, verdicts=["looser", "contradicts"]) == []


# ------------------------------------------------------------------ compliance


@pytest.mark.parametrize("statement", [False, None, "是"])
def test_compliance_statement_required_when_mandatory_standards_are_involved(statement: Any) -> None:
    standard = refs("GB 42296 电动自行车用充电器安全技术要求")
    if statement is not None:
        standard["compliance_statement"] = statement
    (hit,) = hits("mandatory-compliance", standard)
    assert hit.path == "standard.compliance_statement" and "GB 42296" in hit.params["mandatory"]


def test_compliance_statement_not_needed_without_mandatory_standards() -> None:
    assert hits("mandatory-compliance", refs("GB/T 191 包装储运图示标志", compliance_statement=False)) == []
    assert hits("mandatory-compliance", refs("GB 42296", compliance_statement=True)) == []
    # an overlap alone is enough; an error when the overlapping entry is checked, a warning when it is not
    (hit,) = hits("mandatory-compliance", {"title": "电动自行车安全技术规范", "ccs": "T81"})
    assert hit.severity is None
    (hit,) = hits("mandatory-compliance", {"title": "浓香型白酒", "ccs": "X62"})
    assert hit.severity is Severity.WARNING and "未经核实" in hit.params["note"]
    # an unknown plain GB is still a mandatory standard
    (hit,) = hits("mandatory-compliance", refs("GB 99999—2020 某产品安全技术规范"))
    assert hit.severity is None and "GB 99999—2020" in hit.params["mandatory"]


# ------------------------------------------------------------------ shared state


def test_analysis_is_computed_once_per_document_and_resources_once_per_context() -> None:
    context = ctx()
    doc = document({"standard": {"title": "电动自行车安全技术规范"}})
    first = analyse(doc, context)
    assert analyse(doc, context) is first
    matcher = context.resource(MATCHER, lambda c: None)
    analyse(document({"standard": {"title": "智能门锁"}}), context)
    assert context.resource(MATCHER, lambda c: None) is matcher


def test_user_catalogue_from_settings(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("standards:\n  - {number: GB 12345-2001, title: 示例规范, status: 废止, replaced_by: GB 12345-2025,"
                     " keywords: [示例]}\n  - {number: GB 12345-2025, title: 示例规范, status: 现行, keywords: [示例],"
                     " confidence: confirmed}\n", encoding="utf-8")
    context = ctx(catalogue_paths=[extra], catalogue_replace=True)
    (hit,) = hits("mandatory-reference", refs("GB 12345-2001"), context, states=["withdrawn"])
    assert hit.data["replaced_by"] == "GB 12345-2025"
    assert hits("mandatory-reference", refs("GB 18401-2003"), context, states=["withdrawn"]) == []


def test_entries_for_example() -> None:
    example = {"standard": refs("GB 811—2010 摩托车乘员头盔")}
    entries = entries_for_example(KINDS["mandatory-reference"].check, {"states": ["withdrawn"]}, example, ctx())
    assert [e.key for e in entries] == ["GB 811-2010", "GB 811-2022"]
