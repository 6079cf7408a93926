"""Units: spellings, conversion inside a dimension, refusal across dimensions."""

from __future__ import annotations

import pytest

from tstd.catalog.units import convert, parse_number, parse_unit


@pytest.mark.parametrize("value,source,target,expected", [
    (0.5, "g/kg", "mg/kg", 500.0),
    (0.05, "%", "mg/kg", 500.0),
    (10, "μg/L", "mg/L", 0.01),
    (10, "ug/l", "mg/L", 0.01),
    (10, "µg/L", "mg/L", 0.01),
    (124, "μg/m³", "mg/m3", 0.124),
    (0.124, "mg·m⁻³", "mg/m3", 0.124),
    (0.124, "毫克/立方米", "mg/m3", 0.124),
    (10, "m/s", "km/h", 36.0),
    (2550, "mm", "m", 2.55),
    (49000, "kg", "t", 49.0),
    (0.4, "kW", "W", 400.0),
    (300, "ｍｇ／ｋｇ", "mg/kg", 300.0),
])
def test_conversions(value: float, source: str, target: str, expected: float) -> None:
    src, dst = parse_unit(source), parse_unit(target)
    assert src is not None and dst is not None
    assert convert(value, src, dst) == pytest.approx(expected)


def test_different_dimensions_do_not_convert() -> None:
    mg_kg, mg_m3, index, ph = (parse_unit(u) for u in ("mg/kg", "mg/m3", "1", "pH"))
    assert convert(1, mg_kg, mg_m3) is None  # type: ignore[arg-type]
    assert convert(1, index, parse_unit("%")) is None  # type: ignore[arg-type]
    assert convert(7, ph, index) is None  # type: ignore[arg-type]


def test_unknown_unit_is_none_and_missing_unit_is_an_index() -> None:
    assert parse_unit("furlongs") is None
    assert parse_unit(None).dimension == "index"  # type: ignore[union-attr]


@pytest.mark.parametrize("text,expected", [
    (75, 75.0), ("0.124", 0.124), ("０．１２４", 0.124), ("1 000", 1000.0), ("1,000", 1000.0), (" 20 ", 20.0),
    ("≤20", None), ("4.0~8.5", None), ("二十", None), (True, None), (None, None),
])
def test_parse_number(text: object, expected: float | None) -> None:
    assert parse_number(text) == expected
