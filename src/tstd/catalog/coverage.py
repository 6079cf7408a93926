"""What the catalogue covers, by family (the ``category`` of each edition): how many editions, in force or
withdrawn, how many standards carry numeric limits, and how many of those limits were confirmed in a public source.

``tstd catalog coverage`` prints it; the figures let a user see where a silent pass means "no finding" and where it
only means "the catalogue does not know the limit".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from tstd.catalog.index import Catalogue
from tstd.catalog.model import Confidence, Status

# Display names of the categories the built-in catalogue uses; unknown categories are shown as they are.
FAMILY_NAMES: dict[str, str] = {
    "food": "食品安全", "water": "饮用水", "food_contact": "食品接触材料", "environment": "环境质量与排放",
    "environment_water": "水环境", "environment_air": "大气环境", "environment_soil_waste": "土壤与固体废物",
    "noise": "噪声", "consumer_textile": "纺织与皮革", "toys_child": "玩具与儿童用品",
    "building_materials": "建材、家具与装饰装修材料", "building_fire": "燃烧性能与消防", "construction_code": "工程建设规范",
    "medical_ppe": "个体防护与医用防护", "appliances_electrical": "电器与电气安全", "batteries": "电池与充电",
    "ebike": "电动自行车", "vehicles": "机动车", "energy_efficiency": "能效与能耗限额", "fuels": "燃料",
    "safety_chemicals": "安全与危险化学品", "occupational_health": "职业卫生", "ict": "信息通信", "infosec": "信息安全",
    "special_equipment": "特种设备", "agriculture": "农业", "consumer_other": "其他消费品", "": "未分类",
}


@dataclass(frozen=True)
class FamilyCoverage:
    """Counts for one family."""

    family: str
    name: str
    editions: int
    current: int
    upcoming: int
    withdrawn: int
    confirmed_editions: int
    standards_with_limits: int
    limits: int
    confirmed_limits: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def coverage_by_family(cat: Catalogue) -> list[FamilyCoverage]:
    """One row per family, largest first, then a total row (family ``*``)."""
    editions: dict[str, list[str]] = defaultdict(list)
    for entry in cat.entries.values():
        editions[entry.category].append(entry.key)
    rows = []
    for family, keys in editions.items():
        entries = [cat.entries[k] for k in keys]
        limits = [lim for k in keys for lim in cat.limits_of(k)]
        rows.append(FamilyCoverage(
            family=family, name=FAMILY_NAMES.get(family, family),
            editions=len(entries),
            current=sum(e.status is Status.CURRENT for e in entries),
            upcoming=sum(e.status is Status.UPCOMING for e in entries),
            withdrawn=sum(e.status is Status.WITHDRAWN for e in entries),
            confirmed_editions=sum(e.confidence is Confidence.CONFIRMED for e in entries),
            standards_with_limits=sum(1 for k in keys if cat.limits_of(k)),
            limits=len(limits),
            confirmed_limits=sum(lim.confidence is Confidence.CONFIRMED for lim in limits),
        ))
    rows.sort(key=lambda r: (-r.limits, -r.editions, r.family))
    total = FamilyCoverage("*", "合计 / total", *(sum(getattr(r, f) for r in rows) for f in (
        "editions", "current", "upcoming", "withdrawn", "confirmed_editions", "standards_with_limits", "limits",
        "confirmed_limits")))
    return [*rows, total]


def format_coverage(rows: list[FamilyCoverage]) -> str:
    """A plain table (tab-separated, one family a line) for the terminal."""
    head = "类别 / family\t版本 editions\t现行 current\t即将实施 upcoming\t废止 withdrawn\t已核实版本 confirmed" \
           "\t有限值的标准 standards w/ limits\t限值 limits\t已核实限值 confirmed limits"
    lines = [head]
    for r in rows:
        label = r.name if r.family in ("*", "") else f"{r.name}（{r.family}）"
        lines.append(f"{label}\t{r.editions}\t{r.current}\t{r.upcoming}\t{r.withdrawn}\t{r.confirmed_editions}"
                     f"\t{r.standards_with_limits}\t{r.limits}\t{r.confirmed_limits}")
    return "\n".join(lines)
