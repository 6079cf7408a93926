"""Preconditions rules can carry (``when:``) and the ``conditional`` kind uses — data, not code.

    {field: P, exists: true}          {field: P, equals: V}        {field: P, in: [V, …]}
    {field: P, op: "<", value: V}     {field: P, op: "<=", other: P2}  (numbers or dates)
    {field: P, matches: REGEX}        {all: [C, …]}  {any: [C, …]}  {not: C}
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import Any

from tstd.engine.values import as_date, as_number, is_empty
from tstd.inputs.document import Document
from tstd.regex import PatternError, compile_linear
from tstd.validation import SchemaValidator

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}

SCHEMA: dict[str, Any] = {
    "type": "object",
    "oneOf": [
        {"required": ["field"]},
        {"required": ["all"]},
        {"required": ["any"]},
        {"required": ["not"]},
    ],
    "properties": {
        "field": {"type": "string"},
        "exists": {"type": "boolean"},
        "equals": {},
        "in": {"type": "array"},
        "op": {"enum": list(OPERATORS)},
        "value": {},
        "other": {"type": "string"},
        "matches": {"type": "string"},
        "all": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
        "any": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
        "not": {"$ref": "#/$defs/condition"},
    },
    "additionalProperties": False,
}


def holds(cond: Mapping[str, Any], doc: Document) -> bool:
    """Evaluate a condition against a document. Comparisons with a missing operand are False."""
    if "all" in cond:
        return all(holds(c, doc) for c in cond["all"])
    if "any" in cond:
        return any(holds(c, doc) for c in cond["any"])
    if "not" in cond:
        return not holds(cond["not"], doc)
    value = doc.get(cond["field"])
    if "exists" in cond:
        return (not is_empty(value)) is bool(cond["exists"])
    if "equals" in cond:
        return bool(value == cond["equals"])
    if "in" in cond:
        return value in cond["in"]
    if "matches" in cond:
        return isinstance(value, str) and _regex(cond["matches"]).search(value) is not None
    if "op" in cond:
        other = doc.get(cond["other"]) if "other" in cond else cond.get("value")
        return compare(value, cond["op"], other)
    return not is_empty(value)


def compare(left: Any, op: str, right: Any) -> bool:
    """Compare two values as dates when both are dates, else as numbers; False when not comparable."""
    ld, rd = as_date(left), as_date(right)
    if ld is not None and rd is not None:
        return bool(OPERATORS[op](ld, rd))
    ln, rn = as_number(left), as_number(right)
    if ln is not None and rn is not None:
        return bool(OPERATORS[op](ln, rn))
    if op in ("==", "!=") and left is not None and right is not None:
        return bool(OPERATORS[op](left, right))
    return False


@cache
def _validator() -> SchemaValidator:
    return SchemaValidator({**SCHEMA, "$defs": {"condition": SCHEMA}})


MAX_CONDITION_DEPTH = 16  # all/any/not nesting; real packs use 3


def validate(cond: Mapping[str, Any], linear: bool = False) -> None:
    """Raise ValueError when ``cond`` is not a well-formed condition (checked once, at pack load).

    Checked before the schema (whose validator recurses per level): the nesting depth. After it: every
    ``matches`` pattern compiles — on the linear-time engine when ``linear`` (a user's pack, tstd.regex).
    """
    patterns: list[str] = []
    stack: list[tuple[Any, int]] = [(cond, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_CONDITION_DEPTH:
            raise ValueError(f"conditions nested deeper than {MAX_CONDITION_DEPTH} levels")
        if isinstance(node, Mapping):
            stack.extend((c, depth + 1) for key in ("all", "any") if isinstance(node.get(key), list)
                         for c in node[key])
            if "not" in node:
                stack.append((node["not"], depth + 1))
            if isinstance(node.get("matches"), str):
                patterns.append(node["matches"])
    error = _validator().best_error(cond)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        raise ValueError(f"condition {where or '(top)'}: {error.message}")
    for pattern in patterns:
        try:
            compile_linear(pattern) if linear else _regex(pattern)
        except (PatternError, re.error) as exc:
            raise ValueError(f"matches: {exc}") from None


@lru_cache(maxsize=4096)
def _regex(pattern: str) -> Any:
    """A ``matches`` pattern, compiled once: on the linear-time engine whenever it can run there (a user
    pack's patterns always can: validated at load), else with ``re`` (a built-in pack's lookaround)."""
    try:
        return compile_linear(pattern)
    except PatternError:
        return re.compile(pattern)
