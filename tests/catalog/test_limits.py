"""Comparing quantified requirements with mandatory limits: units, direction, class, indicator synonyms."""

from __future__ import annotations

from typing import Any

import pytest

from tstd.catalog.limits import BadRequirement, Requirement, Verdict, check_requirement, parse_requirement
from tstd.catalog.model import Confidence


def req(indicator: str, op: str, value: Any, unit: str | None, applies_to: str = "") -> Requirement:
    parsed = parse_requirement({"indicator": indicator, "op": op, "value": value, "unit": unit,
                                "applies_to": applies_to})
    assert isinstance(parsed, Requirement), parsed
    return parsed


def conflicts(catalogue, r: Requirement, title: str = "",
              scope: str = "") -> list[tuple[str, str, float]]:
    return [(c.entry.key, c.verdict.value, c.limit.value) for c in check_requirement(catalogue, r, title, scope)]


def test_looser_textile_formaldehyde_is_found_for_the_infant_class(catalogue) -> None:
    r = req("甲醛含量", "<=", 75, "mg/kg", "婴幼儿纺织产品（A类）")
    assert conflicts(catalogue, r) == [("GB 18401-2010", "looser", 20.0)]


def test_class_comes_from_the_title_when_applies_to_is_silent(catalogue) -> None:
    r = req("游离甲醛", "≤", 30, "mg/kg")
    assert conflicts(catalogue, r, title="婴幼儿针织服装") == [("GB 18401-2010", "looser", 20.0)]


def test_without_a_class_the_floor_for_every_textile_applies(catalogue) -> None:
    assert conflicts(catalogue, req("甲醛含量", "<=", 150, "mg/kg", "家用纺织品")) == []
    assert conflicts(catalogue, req("甲醛含量", "<=", 400, "mg/kg", "家用纺织品")) == [
        ("GB 18401-2010", "looser", 300.0)]


def test_non_direct_skin_contact_is_not_mistaken_for_direct_contact(catalogue) -> None:
    r = req("甲醛含量", "<=", 200, "mg/kg", "非直接接触皮肤的纺织产品")
    assert conflicts(catalogue, r) == []
    r = req("甲醛含量", "<=", 200, "mg/kg", "直接接触皮肤的纺织产品")
    assert conflicts(catalogue, r) == [("GB 18401-2010", "looser", 75.0)]


def test_stricter_and_equal_values_pass_after_unit_conversion(catalogue) -> None:
    assert conflicts(catalogue, req("甲醛含量", "<=", 0.075, "g/kg", "直接接触皮肤的服装")) == []
    assert conflicts(catalogue, req("甲醛含量", "<=", 0.0075, "%", "直接接触皮肤的服装")) == []
    found = check_requirement(catalogue, req("甲醛含量", "<=", 0.01, "%", "直接接触皮肤的服装"))
    assert [(c.verdict, round(c.converted or 0, 6)) for c in found] == [(Verdict.LOOSER, 100.0)]
    assert found[0].converted_shown == "≤ 100 mg/kg"


def test_emission_and_content_are_different_indicators(catalogue) -> None:
    # 0.124 mg/m³ is the panel emission limit; a "content" requirement in mg/m³ must not be compared with it,
    # and an emission requirement must never be compared with the textile content limits.
    assert conflicts(catalogue, req("甲醛释放量", "<=", 0.5, "mg/m³", "人造板")) == [
        ("GB 18580-2017", "looser", 0.124)]
    assert conflicts(catalogue, req("甲醛含量", "<=", 0.5, "mg/m³", "人造板")) == []
    assert conflicts(catalogue, req("甲醛释放量", "<=", 400, "mg/kg", "纺织品")) == []


def test_ebike_speed_cap_and_contradicting_floor(catalogue) -> None:
    assert conflicts(catalogue, req("最高车速", "<=", 32, "km/h", "电动自行车")) == [
        ("GB 17761-2024", "looser", 25.0)]
    assert conflicts(catalogue, req("最高设计车速", ">=", 30, "km/h", "电动自行车")) == [
        ("GB 17761-2024", "contradicts", 25.0)]
    assert conflicts(catalogue, req("最高设计车速", ">=", 20, "km/h", "电动自行车")) == []
    # speed in m/s: 7 m/s = 25.2 km/h
    assert conflicts(catalogue, req("最高设计车速", "<=", 7, "m/s", "电动自行车"))[0][1] == "looser"


def test_ebike_mass_depends_on_battery_class(catalogue) -> None:
    assert conflicts(catalogue, req("整车质量", "<=", 60, "kg", "使用铅酸蓄电池的电动自行车")) == []
    assert conflicts(catalogue, req("整车质量", "<=", 60, "kg", "锂离子蓄电池电动自行车")) == [
        ("GB 17761-2024", "looser", 55.0)]
    # no battery class named: no class-free limit exists, so nothing is guessed
    assert conflicts(catalogue, req("整车质量", "<=", 60, "kg", "电动自行车")) == []


def test_lower_bound_limits(catalogue) -> None:
    assert conflicts(catalogue, req("pH值", ">=", 3.5, "pH", "床上用品")) == [
        ("GB 18401-2010", "looser", 4.0)]
    assert conflicts(catalogue, req("溶解氧", ">=", 4, "mg/L", "Ⅲ类地表水")) == [
        ("GB 3838-2002", "looser", 5.0)]
    assert conflicts(catalogue, req("溶解氧", ">=", 6, "mg/L", "Ⅲ类地表水")) == []


def test_excluded_products_and_other_products_are_not_compared(catalogue) -> None:
    assert conflicts(catalogue, req("砷", "<=", 0.05, "mg/L", "包装饮用水")) == []
    assert conflicts(catalogue, req("砷", "<=", 0.05, "mg/L", "家用净水器出水")) == [
        ("GB 5749-2022", "looser", 0.01)]
    assert conflicts(catalogue, req("砷", "<=", 0.05, "mg/L", "蔬菜")) == []


def test_limits_of_withdrawn_editions_are_not_applied(catalogue) -> None:
    # 蓄电池标称电压 ≤ 48 V is only known for the withdrawn GB 17761-2018
    assert conflicts(catalogue, req("蓄电池标称电压", "<=", 60, "V", "电动自行车")) == []


def test_incompatible_units_are_reported_not_compared(catalogue) -> None:
    found = check_requirement(catalogue, req("最高设计车速", "<=", 30, "kg", "电动自行车"))
    assert [c.verdict for c in found] == [Verdict.UNITS]


def test_unverified_limit_keeps_its_confidence(catalogue) -> None:
    (conflict,) = check_requirement(catalogue, req("pH值", "<=", 9.5, "pH", "非直接接触皮肤的窗帘面料"))
    assert conflict.limit.value == 9.0 and conflict.limit.confidence is Confidence.UNVERIFIED


def test_unknown_indicator_is_not_compared(catalogue) -> None:
    assert conflicts(catalogue, req("保温能耗", "<=", 500, "W", "电饭煲")) == []


@pytest.mark.parametrize("item,field", [
    ({"op": "<=", "value": 1, "unit": "mg/kg"}, "indicator"),
    ({"indicator": "铅", "op": "about", "value": 1, "unit": "mg/kg"}, "op"),
    ({"indicator": "铅", "op": "<=", "value": "少量", "unit": "mg/kg"}, "value"),
    ({"indicator": "铅", "op": "<=", "value": 1, "unit": "斤"}, "unit"),
])
def test_unreadable_requirements_name_the_field(item: dict[str, Any], field: str) -> None:
    bad = parse_requirement(item)
    assert isinstance(bad, BadRequirement) and bad.field == field


def test_requirement_spellings() -> None:
    r = req("甲醛含量", "不大于", "７５", "ｍｇ/ｋｇ")
    assert r.value == 75 and r.unit.symbol == "mg/kg" and r.shown == "≤ 75 ｍｇ/ｋｇ"
