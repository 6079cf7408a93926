"""Units of the quantities mandatory standards limit, and conversion between them.

A unit is a dimension plus a factor to that dimension's base unit, so ``0.5 g/kg`` and ``500 mg/kg`` and
``0.05 %`` compare equal. Spellings arrive as users type them: ``mg/m³``, ``mg/m3``, ``mg·m⁻³``, ``毫克/千克``,
``μg/L`` with a Greek mu or the micro sign, ``ug/L``; all are normalised before lookup.

``%`` is a mass (or mass-ratio) fraction here, the same dimension as ``mg/kg``: that is how the food, textile and
toy standards use it. Dimensionless indices (``1``) are a separate dimension so that an index of 1.0 is never
compared with 1 % by accident. pH, NTU and Bq/m³ are their own dimensions and only convert to themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tstd.normalize import nfkc


@dataclass(frozen=True)
class Unit:
    """A known unit: its display symbol, its dimension, and the factor that converts it to the base unit."""

    symbol: str
    dimension: str
    factor: float


# (symbols and aliases), dimension, factor to the base unit of the dimension.
_TABLE: tuple[tuple[tuple[str, ...], str, float], ...] = (
    # mass fraction; base: 1 (kg/kg)
    (("mg/kg", "毫克/千克", "毫克每千克", "ppm"), "mass_fraction", 1e-6),
    (("μg/kg", "微克/千克", "ppb"), "mass_fraction", 1e-9),
    (("g/kg", "克/千克"), "mass_fraction", 1e-3),
    (("g/100g", "克/100克"), "mass_fraction", 1e-2),
    (("mg/100g", "毫克/100克"), "mass_fraction", 1e-5),
    (("%", "％", "%(质量分数)", "质量分数%", "wt%"), "mass_fraction", 1e-2),
    # mass concentration in liquids; base: mg/L
    (("mg/L", "毫克/升", "mg/dm3"), "mass_per_volume_liquid", 1.0),
    (("μg/L", "微克/升"), "mass_per_volume_liquid", 1e-3),
    (("g/L", "克/升"), "mass_per_volume_liquid", 1e3),
    (("ng/L",), "mass_per_volume_liquid", 1e-6),
    # mass concentration in air / emission chambers; base: mg/m³
    (("mg/m3", "毫克/立方米"), "mass_per_volume_gas", 1.0),
    (("μg/m3", "微克/立方米"), "mass_per_volume_gas", 1e-3),
    (("g/m3",), "mass_per_volume_gas", 1e3),
    # speed; base: km/h
    (("km/h", "公里/小时", "千米/小时", "千米每小时", "公里每小时"), "speed", 1.0),
    (("m/s", "米/秒"), "speed", 3.6),
    # mass; base: kg
    (("kg", "千克", "公斤"), "mass", 1.0),
    (("g", "克"), "mass", 1e-3),
    (("t", "吨"), "mass", 1e3),
    # power; base: W
    (("W", "瓦", "瓦特"), "power", 1.0),
    (("kW", "千瓦"), "power", 1e3),
    # voltage; base: V
    (("V", "伏", "伏特"), "voltage", 1.0),
    (("kV", "千伏"), "voltage", 1e3),
    # length; base: m
    (("m", "米"), "length", 1.0),
    (("mm", "毫米"), "length", 1e-3),
    (("cm", "厘米"), "length", 1e-2),
    # activity concentration; base: Bq/m³
    (("Bq/m3", "贝可/立方米"), "activity_concentration", 1.0),
    # own-dimension units
    (("NTU", "散射浊度单位"), "turbidity", 1.0),
    (("pH", "pH值", "无量纲(pH)"), "ph", 1.0),
    (("1", "无量纲", "-", "—"), "index", 1.0),
)

_SUPERSCRIPTS = str.maketrans({"³": "3", "²": "2", "⁻": "-", "¹": "1"})
_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    """Normalised lookup key: NFKC (full-width forms), micro sign and u → μ, superscripts, no spaces.

    Case is kept: ``mg/L`` and ``mg/l`` are the same, but ``W``/``w`` and ``t``/``T`` are units only in one case in
    this table, so we fold only the litre.
    """
    text = text.translate(_SUPERSCRIPTS)
    text = nfkc(text).replace("µ", "μ")
    text = _SPACES.sub("", text)
    text = re.sub(r"^u(?=g/)", "μ", text)  # ug/L, ug/m3 — common ASCII spelling of μg
    text = re.sub(r"(?<=/)l$", "L", text)  # mg/l → mg/L
    text = text.replace("·", "/").replace("m-3", "m3")  # mg·m-3 → mg/m3
    text = re.sub(r"/m3-?$", "/m3", text)
    return text


_UNITS: dict[str, Unit] = {}
for _aliases, _dim, _factor in _TABLE:
    _unit = Unit(_aliases[0], _dim, _factor)
    for _alias in _aliases:
        _UNITS[_key(_alias)] = _unit


def parse_unit(text: str | None) -> Unit | None:
    """The unit a spelling denotes, or None when it is unknown (the caller reports it; we never guess)."""
    if text is None:
        return Unit("1", "index", 1.0)
    return _UNITS.get(_key(str(text)))


def convert(value: float, source: Unit, target: Unit) -> float | None:
    """``value`` in ``source`` expressed in ``target``; None when the dimensions differ."""
    if source.dimension != target.dimension:
        return None
    return value * source.factor / target.factor


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def parse_number(value: object) -> float | None:
    """A number from YAML: ints and floats as they are; strings after NFKC, with spaces and thousands commas
    removed (``1 000``, ``０.１２４``, ``1,000``). None when it is not a plain number (ranges, ``≤5``, text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        return None
    text = nfkc(value).replace("\u3000", "")
    text = _SPACES.sub("", text).replace(",", "")
    return float(text) if _NUMBER.match(text) else None


def format_quantity(value: float, unit: str) -> str:
    """``0.124 mg/m³``: trailing zeros dropped, the unit as the catalogue spells it (m3 → m³ for display)."""
    number = f"{value:.6g}"
    shown = unit.replace("m3", "m³")
    return number if shown in ("1", "") else f"{number} {shown}"
