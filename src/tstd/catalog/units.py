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
    (("mg/g", "毫克/克", "mgKOH/g", "mg KOH/g", "mg(KOH)/g"), "mass_fraction", 1e-3),  # acid value: KOH per g of fat
    (("%", "％", "%(质量分数)", "质量分数%", "wt%"), "mass_fraction", 1e-2),
    # mass concentration in liquids; base: mg/L
    (("mg/L", "毫克/升", "mg/dm3"), "mass_per_volume_liquid", 1.0),
    (("μg/L", "微克/升"), "mass_per_volume_liquid", 1e-3),
    (("g/L", "克/升"), "mass_per_volume_liquid", 1e3),
    (("ng/L",), "mass_per_volume_liquid", 1e-6),
    (("g/100mL", "克/100毫升", "g/100ml"), "mass_per_volume_liquid", 1e4),
    (("mg/100mL", "毫克/100毫升"), "mass_per_volume_liquid", 10.0),
    # microbial counts: the food standards state CFU/g and CFU/mL as one limit ("CFU/g(mL)"), so they compare
    (("CFU/g", "CFU/mL", "CFU/g(mL)", "cfu/g", "cfu/mL", "个/g", "个/mL", "菌落形成单位/克"), "colony_count", 1.0),
    (("MPN/100mL", "CFU/100mL", "个/100mL"), "colony_count_100ml", 1.0),
    (("MPN/L", "个/L", "CFU/L"), "colony_count_100ml", 0.1),
    # activity; base: Bq/kg and Bq/L
    (("Bq/kg", "贝可/千克"), "activity_mass", 1.0),
    (("Bq/L", "贝可/升"), "activity_volume", 1.0),
    # mass per area (migration from food-contact surfaces, emission of PVC floors); base: mg/dm²
    (("mg/dm2", "毫克/平方分米"), "mass_per_area", 1.0),
    (("mg/m2", "毫克/平方米"), "mass_per_area", 1e-2),
    (("g/m2", "克/平方米"), "mass_per_area", 10.0),
    (("mg/cm2",), "mass_per_area", 100.0),
    # emission rate of carpets (GB 18587); base: mg/(m²·h)
    (("mg/(m²·h)", "mg/m2/h", "mg/(m2h)"), "area_emission_rate", 1.0),
    # energy per year (energy-efficiency standards); base: kW·h
    (("kW·h/年", "kWh/年", "kW/h/a", "kWh/a", "千瓦时/年", "度/年"), "energy_per_year", 1.0),
    (("kW·h/24h", "kWh/24h", "kW/h/d", "kWh/d"), "energy_per_day", 1.0),
    (("kW·h", "kWh", "千瓦时", "度"), "energy", 1.0),
    # pressure; base: Pa
    (("Pa", "帕", "帕斯卡"), "pressure", 1.0),
    (("kPa", "千帕"), "pressure", 1e3),
    (("MPa", "兆帕"), "pressure", 1e6),
    # force; base: N
    (("N", "牛", "牛顿"), "force", 1.0),
    (("kN", "千牛"), "force", 1e3),
    # sound level; base: dB (A-weighted where the standard says so)
    (("dB(A)", "dB", "分贝", "dBA", "dB（A）"), "sound_level", 1.0),
    # time; base: s
    (("s", "秒"), "time", 1.0),
    (("min", "分钟"), "time", 60.0),
    (("h", "小时"), "time", 3600.0),
    (("d", "天"), "time", 86400.0),
    # temperature (only differences and limits in °C; K as a rise) ; base: °C
    (("℃", "°C", "摄氏度"), "temperature", 1.0),
    (("K",), "temperature_rise", 1.0),
    # acidity of milk; base: °T
    (("°T", "oT", "°Т", "T°"), "acidity_degree", 1.0),
    # peroxide value in mmol/kg (GB 2716 gives g/100g; other standards mmol/kg: not convertible without a formula)
    (("mmol/kg", "毫摩尔/千克"), "amount_fraction", 1.0),
    # grades (色牢度 级, 燃烧性能 级): ordinal, compared as numbers only with each other
    (("级", "grade"), "grade", 1.0),
    # fuel consumption; base: L/100km
    (("L/100km", "升/百公里"), "fuel_consumption", 1.0),
    # heat-release and irradiance (fire behaviour); base: W
    (("kW/m2", "千瓦/平方米"), "irradiance", 1.0),
    (("W/s", "瓦/秒"), "growth_rate", 1.0),
    # chroma (铂钴色度单位 / 稀释倍数) and odour concentration: dimensionless scales of their own
    (("度（铂钴色度单位）", "铂钴色度单位", "色度单位"), "chroma", 1.0),
    (("倍", "稀释倍数"), "dilution", 1.0),
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
    (("mm/min", "毫米/分钟", "毫米每分钟"), "speed", 6e-5),
    (("cm", "厘米"), "length", 1e-2),
    # activity concentration; base: Bq/m³
    (("Bq/m3", "贝可/立方米"), "activity_concentration", 1.0),
    # own-dimension units
    (("NTU", "散射浊度单位"), "turbidity", 1.0),
    (("pH", "pH值", "无量纲(pH)"), "ph", 1.0),
    (("1", "无量纲", "-", "—"), "index", 1.0),
)

_SUPERSCRIPTS = str.maketrans({"³": "3", "²": "2", "⁻": "-", "¹": "1", "（": "(", "）": ")"})
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
