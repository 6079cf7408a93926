"""Generic kinds: required, equals, pattern, enum, compare, date, date-order, date-sequence, conditional.

Field options are path patterns; ``[]`` means every list item (``standard.patents.items[].holder``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from tstd.engine import conditions
from tstd.engine.context import Context
from tstd.engine.kinds import Hit, kind
from tstd.engine.values import as_date, as_number, display, is_empty
from tstd.inputs.document import Document
from tstd.normalize import compact, identifier, nfkc

FIELD = {"type": "string", "minLength": 1}
_NORMALIZERS = {"none": lambda s: s, "nfkc": nfkc, "identifier": identifier, "compact": compact}
NORMALIZE = {"enum": list(_NORMALIZERS)}


def _patterns(options: Mapping[str, Any]) -> list[str]:
    """The ``fields`` option, or the single ``field``."""
    return list(options.get("fields") or [options["field"]])


FIELD_OR_FIELDS = {
    "type": "object", "additionalProperties": False,
    "properties": {"field": FIELD, "fields": {"type": "array", "items": FIELD, "minItems": 1}},
    "oneOf": [{"required": ["field"]}, {"required": ["fields"]}],
}


def _present(doc: Document, pattern: str) -> Iterator[tuple[str, Any]]:
    for path, value in doc.expand(pattern):
        if not is_empty(value):
            yield path, value


@kind("required", FIELD_OR_FIELDS)
def required(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The field (each field of ``fields``) is present and not blank; fires once per missing field."""
    for pattern in _patterns(options):
        for path, value in doc.expand(pattern):
            if is_empty(value):
                yield Hit(path=path, params={"field": path})


@kind("equals", {
    "type": "object", "additionalProperties": False, "required": ["field", "value"],
    "properties": {"field": FIELD, "value": {}, "missing_ok": {"type": "boolean"}},
})
def equals(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The field equals ``value`` (a missing field fires unless ``missing_ok``)."""
    for path, value in doc.expand(options["field"]):
        if value is None and options.get("missing_ok", False):
            continue
        if value != options["value"]:
            yield Hit(path=path, params={"expected": options["value"]})


def _prepare_pattern(options: Mapping[str, Any]) -> dict[str, Any]:
    try:
        regex = re.compile(options["regex"])
    except re.error as exc:
        raise ValueError(f"regex {options['regex']!r} does not compile: {exc}") from None
    return {**options, "regex": regex, "normalize": _NORMALIZERS[options.get("normalize", "none")]}


@kind("pattern", {
    "type": "object", "additionalProperties": False, "required": ["field", "regex"],
    "properties": {"field": FIELD, "regex": {"type": "string"}, "must_match": {"type": "boolean"},
                   "normalize": NORMALIZE},
}, prepare=_prepare_pattern)
def pattern(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A present text value matches ``regex`` (or, with ``must_match: false``, does not)."""
    must_match = options.get("must_match", True)
    for path, value in _present(doc, options["field"]):
        text = options["normalize"](display(value))
        if bool(options["regex"].search(text)) != must_match:
            yield Hit(path=path, params={"normalized": text})


@kind("enum", {
    "type": "object", "additionalProperties": False, "required": ["field", "values"],
    "properties": {"field": FIELD, "values": {"type": "array", "minItems": 1}},
})
def enum(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A present value is one of ``values``."""
    for path, value in _present(doc, options["field"]):
        if value not in options["values"]:
            yield Hit(path=path, params={"allowed": " | ".join(str(v) for v in options["values"])})


OPERAND = {"oneOf": [FIELD, {"type": "object", "additionalProperties": False, "required": ["value"],
                                 "properties": {"value": {}}},
                     {"type": "object", "additionalProperties": False, "required": ["ratio"],
                      "properties": {"ratio": {"type": "array", "items": FIELD, "minItems": 2, "maxItems": 2}}}]}


def _operand(doc: Document, spec: Any) -> Any:
    if isinstance(spec, str):
        return doc.get(spec)
    if "value" in spec:
        return spec["value"]
    num, den = (as_number(doc.get(p)) for p in spec["ratio"])
    return None if num is None or not den else num / den


@kind("compare", {
    "type": "object", "additionalProperties": False, "required": ["left", "op", "right"],
    "properties": {"left": OPERAND, "op": {"enum": list(conditions.OPERATORS)}, "right": OPERAND,
                   "path": FIELD},
})
def compare(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """``left op right`` holds (numbers or dates; a ratio operand divides two fields). Skipped when an
    operand is missing — pair with ``required`` to demand it."""
    left, right = _operand(doc, options["left"]), _operand(doc, options["right"])
    if left is None or right is None:
        return
    if not conditions.compare(left, options["op"], right):
        path = options.get("path") or (options["left"] if isinstance(options["left"], str) else "")
        shown = f"{left:.0%}" if isinstance(options["left"], dict) and "ratio" in options["left"] else left
        yield Hit(path=path, params={"left": shown, "right": right, "op": options["op"]})


@kind("date", FIELD_OR_FIELDS)
def date(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Each present value is a real calendar date (``2024-05-10``, ``2024年5月10日`` …)."""
    for pattern in _patterns(options):
        for path, value in _present(doc, pattern):
            if as_date(value) is None:
                yield Hit(path=path)


@kind("date-order", {
    "type": "object", "additionalProperties": False, "required": ["before", "after"],
    "properties": {"before": FIELD, "after": FIELD, "min_days": {"type": "integer"},
                   "strict": {"type": "boolean"}, "at": {"enum": ["before", "after"]}},
})
def date_order(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The ``after`` date is not earlier than ``before`` (+ ``min_days``; ``strict`` forbids equality).
    Skipped when either date is missing or invalid."""
    first, second = as_date(doc.get(options["before"])), as_date(doc.get(options["after"]))
    if first is None or second is None:
        return
    days = (second - first).days
    need = options.get("min_days", 0)
    if days < need or (options.get("strict") and days == 0):
        at = options[options.get("at", "after")]
        yield Hit(path=at, params={"before": first, "after": second, "days": days, "min_days": need})


@kind("date-sequence", {
    "type": "object", "additionalProperties": False, "required": ["fields"],
    "properties": {"fields": {"type": "array", "items": FIELD, "minItems": 2}},
})
def date_sequence(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The present dates among ``fields`` are in the listed order; fires at the first pair out of order."""
    dated = [(p, d) for p in options["fields"] if (d := as_date(doc.get(p))) is not None]
    for (p1, d1), (p2, d2) in itertools.pairwise(dated):
        if d2 < d1:
            yield Hit(path=p2, params={"earlier": p1, "earlier_date": d1, "later": p2, "later_date": d2})
            return


def _prepare_conditional(options: Mapping[str, Any]) -> Mapping[str, Any]:
    for key in ("if", "then"):
        if key in options:
            conditions.validate(options[key])
    return options


@kind("conditional", {
    "type": "object", "additionalProperties": False, "required": ["if"],
    "properties": {"if": {"type": "object"}, "then": {"type": "object"}, "path": FIELD},
}, prepare=_prepare_conditional)
def conditional(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Fires when ``if`` holds and ``then`` does not (or when ``if`` holds and there is no ``then``)."""
    if conditions.holds(options["if"], doc) and ("then" not in options or not conditions.holds(options["then"], doc)):
        yield Hit(path=options.get("path", ""))


@kind("loader", {"type": "object", "additionalProperties": False})
def loader(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Findings raised while loading the file (encoding, syntax, types); the loader emits them itself."""
    return iter(())
