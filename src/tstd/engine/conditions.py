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
from tstd.inputs.document import Document, split_path
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


Predicate = Callable[[Document], bool]


def holds(cond: Mapping[str, Any], doc: Document) -> bool:
    """Evaluate a condition against a document. Comparisons with a missing operand are False."""
    return compiled(cond)(doc)


_COMPILED: dict[int, tuple[Mapping[str, Any], Predicate]] = {}
_MAX_COMPILED = 4096  # conditions come from packs (a few hundred); tests build more, one at a time


def compiled(cond: Mapping[str, Any]) -> Predicate:
    """The condition as a function of the document, built once per condition object (a pack's conditions
    are evaluated for every file: reading the tree each time cost more than the lookups themselves)."""
    entry = _COMPILED.get(id(cond))
    if entry is not None and entry[0] is cond:
        return entry[1]
    if len(_COMPILED) >= _MAX_COMPILED:
        _COMPILED.clear()
        _SHARED.clear()
    predicate = _shared(cond)
    _COMPILED[id(cond)] = (cond, predicate)  # the condition is kept alive with it: its id stays its own
    return predicate


# Conditions written alike in several rules (the organisation-type tests of the fee rules, the 网络安全
# subject test) are compiled once and answered once per document: composite and regex conditions keep their
# answer in ``doc.derived`` under their canonical text (a document's data does not change once rules read it).
_SHARED: dict[str, Predicate] = {}


def _shared(cond: Mapping[str, Any]) -> Predicate:
    key = "condition:" + repr(_canonical(cond))
    found = _SHARED.get(key)
    if found is not None:
        return found
    predicate = compile_condition(cond, _shared)
    if not ({"all", "any", "not", "matches"} & cond.keys()):
        _SHARED[key] = predicate  # a plain lookup costs less than remembering it
        return predicate

    def remembered(doc: Document) -> bool:
        answers = doc.derived
        answer = answers.get(key)
        if answer is None:
            answer = answers[key] = predicate(doc)
        return bool(answer)

    _SHARED[key] = remembered
    return remembered


def _canonical(value: Any) -> Any:
    """A condition as nested tuples whose repr tells apart everything the evaluation does (the type of every
    value too: a date and its text are different ``equals``)."""
    if isinstance(value, Mapping):
        return ("map", tuple(sorted((str(k), _canonical(v)) for k, v in value.items())))
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_canonical(v) for v in value))
    return (type(value).__name__, value)


def compile_condition(cond: Mapping[str, Any],
                      part: Callable[[Mapping[str, Any]], Predicate] | None = None) -> Predicate:
    """``cond`` as a closure; the same answers as reading the tree (the first key present decides, in the
    order all, any, not, exists, equals, in, matches, op). ``part`` compiles the nested conditions (default:
    this function)."""
    if part is None:
        part = compile_condition
    if "all" in cond:
        parts = [part(c) for c in cond["all"]]
        return lambda doc: all(p(doc) for p in parts)
    if "any" in cond:
        alternatives = [part(c) for c in cond["any"]]
        return lambda doc: any(p(doc) for p in alternatives)
    if "not" in cond:
        negated = part(cond["not"])
        return lambda doc: not negated(doc)
    value = _getter(cond["field"])
    if "exists" in cond:
        wanted = bool(cond["exists"])
        return lambda doc: (not is_empty(value(doc))) is wanted
    if "equals" in cond:
        target = cond["equals"]
        return lambda doc: bool(value(doc) == target)
    if "in" in cond:
        allowed = cond["in"]
        return lambda doc: value(doc) in allowed
    if "matches" in cond:
        pattern = cond["matches"]

        def matches(doc: Document) -> bool:
            found = value(doc)
            return isinstance(found, str) and _regex(pattern).search(found) is not None

        return matches
    if "op" in cond:
        op = cond["op"]
        other = _getter(cond["other"]) if "other" in cond else (lambda _doc, v=cond.get("value"): v)
        return lambda doc: compare(value(doc), op, other(doc))
    return lambda doc: not is_empty(value(doc))


def _getter(path: str) -> Callable[[Document], Any]:
    """``doc.get(path)`` with the path split once."""
    steps = split_path(path)

    def get(doc: Document) -> Any:
        node: Any = doc.data
        for step in steps:
            if isinstance(step, int):
                if not isinstance(node, list) or step >= len(node):
                    return None
            elif not isinstance(node, dict) or step not in node:
                return None
            node = node[step]
        return node

    return get


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
