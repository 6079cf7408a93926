"""Is a group standard's quantified requirement looser than a mandatory limit?

A requirement (``standard.requirements[]``: indicator, op, value, unit, applies_to) is compared with the limits
of current mandatory standards that speak of the same indicator (through the synonyms in the catalogue data,
never by shared characters), in a convertible unit, for the same product and class:

* a ``<=`` limit is loosened by a larger cap (``≤ 300`` against ``≤ 75``) and contradicted by a floor above it
  (``≥ 30 km/h`` against ``≤ 25 km/h``); a ``>=`` limit the other way round;
* when a limit depends on a class (婴幼儿 A类, 直接接触皮肤 B类, 铅酸 …) and the requirement names one, the
  limits of that class apply; when it names none, only limits without a class apply (the floor every product
  must meet), so a class is never guessed stricter than the text says;
* values equal within floating-point noise are equal (0.075 g/kg is 75 mg/kg, not 75.000000001).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from tstd.catalog.index import Catalogue
from tstd.catalog.model import Entry, Limit, Op, Status
from tstd.catalog.units import Unit, convert, format_quantity, parse_number, parse_unit
from tstd.normalize import text_for_matching


@dataclass(frozen=True)
class Requirement:
    """One quantified requirement of the group standard, parsed."""

    indicator: str
    op: Op
    value: float
    unit: Unit
    unit_text: str
    applies_to: str = ""
    clause: str = ""

    @property
    def shown(self) -> str:
        """``≤ 300 mg/kg``."""
        return f"{self.op.symbol} {format_quantity(self.value, self.unit_text or self.unit.symbol)}"


@dataclass(frozen=True)
class BadRequirement:
    """A requirement that cannot be read (the reason says which field)."""

    field: str
    reason: str


def parse_requirement(item: Mapping[str, Any]) -> Requirement | BadRequirement:
    """Read ``standard.requirements[i]``; a BadRequirement names the field that is wrong."""
    indicator = item.get("indicator")
    if not isinstance(indicator, str) or not indicator.strip():
        return BadRequirement("indicator", "缺少指标名称 / indicator missing")
    op = Op.parse(str(item.get("op", "")))
    if op is None:
        return BadRequirement("op", f"比较符 {item.get('op')!r} 无法识别 / unknown comparison")
    value = parse_number(item.get("value"))
    if value is None:
        return BadRequirement("value", f"数值 {item.get('value')!r} 不是数字 / not a number")
    unit_text = item.get("unit")
    unit = parse_unit(None if unit_text in (None, "") else str(unit_text))
    if unit is None:
        return BadRequirement("unit", f"单位 {unit_text!r} 无法识别 / unknown unit")
    applies = item.get("applies_to")
    return Requirement(indicator.strip(), op, value, unit, str(unit_text or ""),
                       applies.strip() if isinstance(applies, str) else "", str(item.get("clause") or ""))


class Verdict(str, Enum):
    LOOSER = "looser"  # allows values the mandatory limit forbids
    CONTRADICTS = "contradicts"  # demands values the mandatory limit forbids
    UNITS = "units"  # same indicator and product, but the units cannot be converted


@dataclass(frozen=True)
class Conflict:
    """A requirement that does not hold up against a mandatory limit."""

    requirement: Requirement
    limit: Limit
    entry: Entry
    verdict: Verdict
    converted: float | None = None  # the requirement's value in the limit's unit

    @property
    def limit_shown(self) -> str:
        return f"{self.limit.op.symbol} {format_quantity(self.limit.value, self.limit.unit)}"

    @property
    def converted_shown(self) -> str:
        """The requirement in the limit's unit when the units differ (``= 75 mg/kg``), else ''."""
        target = parse_unit(self.limit.unit)
        if self.converted is None or target is None or self.requirement.unit.symbol == target.symbol:
            return ""
        return f"{self.requirement.op.symbol} {format_quantity(self.converted, self.limit.unit)}"


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def judge(req_op: Op, value: float, limit: Limit) -> Verdict | None:
    """How a requirement ``req_op value`` (already in the limit's unit) stands against ``limit``; None if fine."""
    if limit.op.is_cap:
        if req_op.is_cap or req_op is Op.EQ:
            return Verdict.LOOSER if value > limit.value and not _close(value, limit.value) else None
        # A floor above the cap (or at it, when the cap is strict) cannot be met by a compliant product.
        above = value > limit.value and not _close(value, limit.value)
        at = _close(value, limit.value) and (req_op is Op.GT or limit.op is Op.LT)
        return Verdict.CONTRADICTS if above or at else None
    if req_op.is_floor or req_op is Op.EQ:
        return Verdict.LOOSER if value < limit.value and not _close(value, limit.value) else None
    below = value < limit.value and not _close(value, limit.value)
    at = _close(value, limit.value) and (req_op is Op.LT or limit.op is Op.GT)
    return Verdict.CONTRADICTS if below or at else None


def _mentions(text: str, terms: Iterable[str]) -> bool:
    return any(t and t in text for t in terms)


def _mentions_class(text: str, terms: Iterable[str]) -> bool:
    """Like _mentions, but a class that starts with a Latin letter or digit must not continue a longer one:
    Ⅱ类 (NFKC: II类) is not found inside III类, 1级 not inside 11级, A类 not inside AA类."""
    for term in terms:
        if not term:
            continue
        start = text.find(term)
        while start >= 0:
            before = text[start - 1] if start > 0 else ""
            if not (term[0].isascii() and term[0].isalnum() and before.isascii() and before.isalnum()):
                return True
            start = text.find(term, start + 1)
    return False


def applicable(limits: Iterable[Limit], product_text: str, class_text: str) -> list[Limit]:
    """The limits that apply to a product described by ``product_text`` (and classed by ``class_text``)."""
    candidates = [
        lim for lim in limits
        if (not lim.applies.products or _mentions(product_text, lim.applies.products))
        and not _mentions(product_text + " " + class_text, lim.applies.exclude)
    ]
    classed = [lim for lim in candidates
               if lim.applies.classes and _mentions_class(class_text, lim.applies.classes)]
    if classed:
        return classed
    return [lim for lim in candidates if not lim.applies.classes]


def check_requirement(
    catalogue: Catalogue, req: Requirement, title: str = "", scope: str = ""
) -> list[Conflict]:
    """Every mandatory limit (of a standard in force or about to be) that ``req`` loosens or contradicts, one per
    standard and direction; plus UNITS conflicts where only the unit stands in the way of a comparison."""
    names = catalogue.indicators_named(req.indicator)
    if not names:
        return []
    groups: dict[tuple[str, bool], list[Limit]] = {}
    for limit in catalogue.limits_for(sorted(names)):
        entry = catalogue.entries.get(limit.standard)
        if entry is None or entry.status is Status.WITHDRAWN:
            continue
        groups.setdefault((limit.standard, limit.op.is_cap), []).append(limit)
    out: list[Conflict] = []
    if not groups:
        return out
    own = text_for_matching(req.applies_to)
    context = text_for_matching(f"{req.applies_to} {title}")
    whole = text_for_matching(f"{title} {scope}")
    for (standard, upper), limits in sorted(groups.items()):
        entry = catalogue.entries[standard]
        # Product terms are looked for in the requirement's own applies_to first, then title and scope.
        found = applicable(limits, own, context) if own else []
        if not found:
            found = applicable(limits, whole, context)
        if not found:
            continue
        comparable = []
        for lim in found:
            target = parse_unit(lim.unit)
            value = convert(req.value, req.unit, target) if target else None
            if target is not None and value is not None:
                comparable.append((lim, value, lim.value * target.factor))
        if not comparable:
            out.append(Conflict(req, found[0], entry, Verdict.UNITS))
            continue
        # The least strict applicable limit: what every product in scope must meet at the very least.
        lim, value, _ = max(comparable, key=lambda p: p[2] if upper else -p[2])
        verdict = judge(req.op, value, lim)
        if verdict is not None:
            out.append(Conflict(req, lim, entry, verdict, value))
    return out
