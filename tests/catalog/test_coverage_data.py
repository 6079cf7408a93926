"""The built-in catalogue at coverage: family files, product classes, the units the families use, the start-up
cache, and the limits that decide real requirement rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tstd.catalog import Confidence, load_catalogue
from tstd.catalog.limits import Requirement, check_requirement, parse_requirement
from tstd.catalog.load import CatalogueError, builtin_files
from tstd.catalog.units import convert, parse_unit


def req(indicator: str, op: str, value: float, unit: str, applies_to: str = "") -> Requirement:
    parsed = parse_requirement({"indicator": indicator, "op": op, "value": value, "unit": unit,
                                "applies_to": applies_to})
    assert isinstance(parsed, Requirement), parsed
    return parsed


def found(catalogue, r: Requirement, title: str = "") -> list[tuple[str, float]]:
    return [(c.entry.key, c.limit.value) for c in check_requirement(catalogue, r, title)]


def test_family_files_are_loaded_after_the_main_file(catalogue) -> None:
    names = [p.name for p in builtin_files()]
    assert names[0] == "mandatory.yaml" and {"food.yaml", "environment.yaml", "consumer.yaml", "safety.yaml"} <= set(names)
    assert len(catalogue) >= 600 and len(catalogue.limits) >= 500
    assert len({lim.standard for lim in catalogue.limits}) >= 80


def test_every_limit_has_a_source_and_only_read_values_are_confirmed(catalogue) -> None:
    for lim in catalogue.limits:
        assert lim.source, (lim.standard, lim.indicator)
        if lim.confidence is Confidence.CONFIRMED:
            assert "knowledge" not in lim.source, (lim.standard, lim.indicator)
        assert lim.applies.products, (lim.standard, lim.indicator)  # a limit without products never applies
        assert not any(t.startswith("@") for t in lim.applies.products)  # classes were expanded


def test_product_classes_decide_which_food_limit_applies(catalogue) -> None:
    # lead: leafy vegetables 0.3, other fresh vegetables 0.1 — the class, not a keyword, decides
    assert found(catalogue, req("Pb", "<=", 0.3, "mg/kg"), "露地菠菜") == []
    assert found(catalogue, req("Pb", "<=", 0.3, "mg/kg"), "设施黄瓜") == [("GB 2762-2025", 0.1)]
    # the same indicator for a product that is not food is not compared
    assert found(catalogue, req("铅", "<=", 5, "mg/kg"), "宠物饲料") == []


def test_symbols_and_units_of_the_families(catalogue) -> None:
    assert found(catalogue, req("Cd", "<=", 5, "μg/L"), "天然山泉水") == [("GB 2762-2025", 0.003)]
    assert found(catalogue, req("菌落总数", "<=", 3000000, "CFU/mL"), "生鲜乳") == [("GB 19301-2010", 2000000)]
    assert found(catalogue, req("燃烧速度", "<=", 150, "mm/min"), "乘用车 内饰材料") == [("GB 8410-2006", 100)]
    assert found(catalogue, req("过滤效率", ">=", 90, "%", "KN95"), "自吸过滤式防颗粒物口罩") == [("GB 2626-2019", 95)]
    g = parse_unit("g/100mL")
    mg = parse_unit("mg/L")
    assert g and mg and convert(0.4, g, mg) == pytest.approx(4000)
    for text in ("dB(A)", "MPa", "N", "kW·h/年", "Bq/kg", "mg/dm²", "°T", "级", "mg KOH/g"):
        assert parse_unit(text) is not None, text


def test_classes_written_with_roman_numerals_stay_apart(catalogue) -> None:
    # Ⅱ类 (NFKC: II类) must not be read inside Ⅲ类: 0.5 mg/L ammonia is fine for class Ⅱ, looser for class Ⅰ
    assert found(catalogue, req("氨氮", "<=", 0.5, "mg/L", "Ⅱ类"), "地表水") == []
    assert found(catalogue, req("氨氮", "<=", 0.5, "mg/L", "Ⅰ类"), "地表水") == [("GB 3838-2002", 0.15)]
    assert found(catalogue, req("氨氮", "<=", 1.2, "mg/L", "Ⅲ类"), "地表水") == [("GB 3838-2002", 1.0)]


def test_undefined_product_class_is_a_located_problem(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("standards: []\nlimits:\n- {standard: GB 2762-2025, indicator: 铅, op: '<=', value: 1, unit: mg/kg,"
                    " applies_to: x, scope: {products: ['@没有这个类别']}}\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="没有这个类别"):
        load_catalogue([path])
