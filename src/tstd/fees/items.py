"""Structured fee items (``organization.fees[]``) and the small condition language rules use over them.

A fee rule in the pack says which items it is about as data::

    when_any:                                  # the item matches if any of these mappings matches
      - {purpose: authorship}                  # a scalar: equal (after normalisation)
      - {purpose: drafting, payer: [drafting_unit, drafter]}   # a list: one of
      - {purpose: membership, approved_by: {not: [会员大会, 会员代表大会]}}
      - {amount: {missing: true}}             # absent or not a number
      - {unit: {matches: "%|‰|比例"}}           # a regular expression, searched
      - {description: {not_matches: "成本"}}    # absent, or the expression is not found
      - {amount: {gt: 0}}                       # a number above the bound (absent or unreadable: no)
    lower_when: [{purpose: certification}]     # optional: such items are reported as warnings

Fields are those of the declaration: name, amount, unit, payer, purpose, mandatory, approved_by,
published, description. Values are compared after NFKC and whitespace normalisation, so ``会员 大会`` and
full-width letters still match.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tstd.normalize import text_for_matching

FIELDS = (
    "name", "amount", "unit", "payer", "purpose", "mandatory", "approved_by", "published", "description",
)
_TRUE = {"true", "yes", "y", "1", "是", "必须", "强制", "必缴"}
_FALSE = {"false", "no", "n", "0", "否", "自愿", "非强制"}

_SCALAR = {"type": ["string", "number", "boolean"]}
_SPEC = {
    "oneOf": [
        _SCALAR,
        {"type": "array", "items": _SCALAR, "minItems": 1},
        {"type": "object", "additionalProperties": False, "minProperties": 1,
         "properties": {"not": {"oneOf": [_SCALAR, {"type": "array", "items": _SCALAR}]},
                        "missing": {"type": "boolean"}, "matches": {"type": "string"},
                        "not_matches": {"type": "string"}, "gt": {"type": "number"}}},
    ]
}
_MATCH = {"type": "object", "minProperties": 1, "additionalProperties": False,
          "properties": {f: _SPEC for f in FIELDS}}
CONDITION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["when_any"],
    "properties": {
        "when_any": {"type": "array", "minItems": 1, "items": _MATCH},
        "lower_when": {"type": "array", "items": _MATCH},
    },
}


def _norm(value: Any) -> str:
    return _normalised(str(value)).lower() if value is not None else ""


@lru_cache(maxsize=4096)
def _normalised(text: str) -> str:
    # Every fee_item rule of a pack reads the same few values of each document: normalise each once.
    return text_for_matching(text)


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        word = _norm(value)
        return True if word in _TRUE else False if word in _FALSE else None
    return None


def _amount(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = _normalised(str(value)).replace(",", "").replace(" ", "")
    try:
        return float(text)
    except ValueError:
        return None  # 面议, 2万起, 按销售额0.1%: not a fixed published amount


@dataclass(frozen=True)
class FeeItem:
    """One fee as declared; ``raw`` keeps the mapping, typed fields are None where absent or unreadable."""

    path: str
    raw: Mapping[str, Any]
    name: str
    amount: float | None
    unit: str
    payer: str
    purpose: str
    mandatory: bool | None
    approved_by: str
    published: bool | None
    description: str

    def value(self, field: str) -> Any:
        return getattr(self, field)

    def quote(self) -> str:
        """The item as evidence, Chinese first: ``参编费 20000 元/家（payer=drafting_unit；强制）``."""
        raw_amount = self.raw.get("amount")
        amount = f"{raw_amount:g}" if isinstance(raw_amount, float) else raw_amount
        parts = (self.name or "（未命名收费）", amount, self.unit)
        head = " ".join(str(p) for p in parts if p not in (None, ""))
        facts = [f"{k}={self.raw[k]}" for k in ("payer", "purpose", "approved_by")
                 if self.raw.get(k) not in (None, "")]
        if self.mandatory:
            facts.append("强制 mandatory")
        if self.published is False:
            facts.append("未公开 unpublished")
        return f"{head}（{'；'.join(facts)}）" if facts else head


def fee_items(fees: Any, base: str = "organization.fees") -> list[FeeItem]:
    """Typed items of a declared ``fees`` list; entries that are not mappings are skipped (the loader reports
    them), unreadable values become None so that rules about missing data can fire."""
    if not isinstance(fees, list):
        return []
    return [
        FeeItem(
            path=f"{base}[{i}]", raw=raw, name=_text(raw, "name"), amount=_amount(raw.get("amount")),
            unit=_text(raw, "unit"), payer=_norm(raw.get("payer")), purpose=_norm(raw.get("purpose")),
            mandatory=_flag(raw.get("mandatory")), approved_by=_text(raw, "approved_by"),
            published=_flag(raw.get("published")), description=_text(raw, "description"),
        )
        for i, raw in enumerate(fees) if isinstance(raw, Mapping)
    ]


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    return _normalised(str(value)) if value is not None else ""


@dataclass(frozen=True)
class _FieldTest:
    field: str
    equals: frozenset[str] | None = None
    excluded: frozenset[str] | None = None
    missing: bool | None = None
    pattern: re.Pattern[str] | None = None
    antipattern: re.Pattern[str] | None = None
    above: float | None = None

    def __call__(self, item: FeeItem) -> bool:
        value = item.value(self.field)
        absent = value is None or value == ""
        if self.above is not None and not (isinstance(value, (int, float)) and not isinstance(value, bool)
                                           and value > self.above):
            return False
        if self.antipattern is not None and not absent and self.antipattern.search(_norm(value)):
            return False
        if self.missing is not None and absent != self.missing:
            return False
        key = str(value).lower() if isinstance(value, bool) else _norm(value)
        if self.equals is not None and (absent or key not in self.equals):
            return False
        if self.excluded is not None and not absent and key in self.excluded:
            return False
        return not (self.pattern is not None and (absent or not self.pattern.search(_norm(value))))


def _values(spec: Any) -> frozenset[str]:
    items = spec if isinstance(spec, list) else [spec]
    return frozenset(str(v).lower() if isinstance(v, bool) else _norm(v) for v in items)


def _regex(spec: Mapping[str, Any], key: str, where: str) -> re.Pattern[str] | None:
    if key not in spec:
        return None
    try:
        return re.compile(_norm(spec[key]))
    except re.error as exc:
        raise ValueError(f"{where}.{key}: {spec[key]!r} does not compile: {exc}") from None


def _field_test(field: str, spec: Any, where: str) -> _FieldTest:
    if isinstance(spec, Mapping):
        here = f"{where}.{field}"
        return _FieldTest(field, excluded=_values(spec["not"]) if "not" in spec else None,
                          missing=spec.get("missing"), pattern=_regex(spec, "matches", here),
                          antipattern=_regex(spec, "not_matches", here),
                          above=float(spec["gt"]) if "gt" in spec else None)
    return _FieldTest(field, equals=_values(spec))


@dataclass(frozen=True)
class ItemMatch:
    """A conjunction of field tests (one mapping of ``when_any``)."""

    tests: tuple[_FieldTest, ...]

    def __call__(self, item: FeeItem) -> bool:
        return all(test(item) for test in self.tests)


@dataclass(frozen=True)
class FeeCondition:
    """Compiled ``when_any`` / ``lower_when``: :meth:`selects` and :meth:`lowered` per item."""

    when_any: tuple[ItemMatch, ...]
    lower_when: tuple[ItemMatch, ...] = ()

    def selects(self, item: FeeItem) -> bool:
        return any(m(item) for m in self.when_any)

    def lowered(self, item: FeeItem) -> bool:
        return any(m(item) for m in self.lower_when)


def _matches(raw: Sequence[Mapping[str, Any]], key: str) -> tuple[ItemMatch, ...]:
    return tuple(ItemMatch(tuple(_field_test(f, spec, f"{key}[{i}]") for f, spec in m.items()))
                 for i, m in enumerate(raw))


def compile_condition(options: Mapping[str, Any]) -> FeeCondition:
    """Compile options already validated against :data:`CONDITION_SCHEMA` (regexes compiled here, once);
    a regex that does not compile is a ValueError naming its place."""
    return FeeCondition(_matches(options["when_any"], "when_any"),
                        _matches(options.get("lower_when", []), "lower_when"))
