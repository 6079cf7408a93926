"""A fast yes/no check of data against a JSON Schema, and a validator that uses it.

Full jsonschema validation costs about as much as parsing the YAML itself, and validating every rule of
every pack at start-up cost a third of a second. Nearly all inputs are valid, so we first run this
compiled check over the common subset of JSON Schema; only when it says "invalid" (or the schema uses a
keyword it does not know) does jsonschema run, for located, explained errors. Both must agree on
validity: tests compare them. jsonschema itself is imported only when it is needed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, (str, dt.date)),  # YAML dates count as strings (see the loader)
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}
# Annotations only: jsonschema does not assert them either (no format checker is configured).
_IGNORED = {"description", "$comment", "title", "$schema", "$id", "$defs", "default", "examples", "format",
            "deprecated", "readOnly", "writeOnly"}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not handle; use jsonschema only."""


def _number(v: Any) -> float | None:
    return v if _TYPES["number"](v) else None


def _length(v: Any) -> int | None:
    return len(v) if isinstance(v, str) else None


def _size(v: Any) -> int | None:
    return len(v) if isinstance(v, list) else None


_BOUNDS: dict[str, tuple[Callable[[Any, Any], bool], Callable[[Any], Any]]] = {
    "minimum": (lambda m, r: m >= r, _number),
    "maximum": (lambda m, r: m <= r, _number),
    "exclusiveMinimum": (lambda m, r: m > r, _number),
    "exclusiveMaximum": (lambda m, r: m < r, _number),
    "minLength": (lambda m, r: m >= r, _length),
    "maxLength": (lambda m, r: m <= r, _length),
    "minItems": (lambda m, r: m >= r, _size),
    "maxItems": (lambda m, r: m <= r, _size),
    "minProperties": (lambda m, r: m >= r, lambda v: len(v) if isinstance(v, dict) else None),
    "maxProperties": (lambda m, r: m <= r, lambda v: len(v) if isinstance(v, dict) else None),
}


class SchemaValidator:
    """Validate with the compiled check first and jsonschema only to explain a failure."""

    def __init__(self, schema: Mapping[str, Any], *, dates_are_strings: bool = False) -> None:
        self.schema = schema
        self._dates = dates_are_strings
        try:
            self._quick: Check | None = compile_schema(schema)
        except Unsupported:
            self._quick = None
        self._full: Any = None

    def is_valid(self, data: Any) -> bool:
        if self._quick is not None:
            return self._quick(data)
        return bool(self.full.is_valid(data))

    @property
    def full(self) -> Any:
        """The jsonschema validator (Draft 2020-12), built on first use."""
        if self._full is None:
            import jsonschema

            base = jsonschema.Draft202012Validator
            cls = base
            if self._dates:  # a YAML date counts as a string (dates may be written either way)
                checker = base.TYPE_CHECKER.redefine("string", lambda _c, v: isinstance(v, (str, dt.date)))
                cls = jsonschema.validators.extend(base, type_checker=checker)  # type: ignore[no-untyped-call]
            self._full = cls(self.schema)
        return self._full

    def best_error(self, data: Any) -> Any:
        """None when valid, else jsonschema's most relevant ValidationError."""
        if self.is_valid(data):
            return None
        import jsonschema

        return jsonschema.exceptions.best_match(self.full.iter_errors(data))

    def iter_errors(self, data: Any) -> Any:
        """Every ValidationError (none, cheaply, when valid)."""
        if self.is_valid(data):
            return iter(())
        return self.full.iter_errors(data)


def compile_schema(schema: Mapping[str, Any], root: Mapping[str, Any] | None = None,
                   refs: dict[str, Check | None] | None = None) -> Check:
    """Compile ``schema`` into a function returning True when a value is valid.

    ``refs`` holds the compiled ``$defs`` so that recursive schemas (a condition made of conditions)
    compile once and refer to themselves.
    """
    root = root or schema
    refs = {} if refs is None else refs
    checks = [_keyword(key, rule, schema, root, refs) for key, rule in schema.items() if key not in _IGNORED]

    def check(value: Any) -> bool:
        return all(c(value) for c in checks)

    return check


def _keyword(key: str, rule: Any, schema: Mapping[str, Any], root: Mapping[str, Any],
             refs: dict[str, Check | None]) -> Check:
    """One keyword of a schema as a check (closures keep the compiled parts)."""

    def sub(part: Mapping[str, Any]) -> Check:
        return compile_schema(part, root, refs)

    if key == "type":
        tests = [_TYPES[n] for n in (rule if isinstance(rule, list) else [rule])]
        return lambda v: any(t(v) for t in tests)
    if key == "const":
        return lambda v: bool(v == rule and type(v) is type(rule))
    if key == "enum":
        allowed = list(rule)
        return lambda v: v in allowed
    if key in _BOUNDS:
        test, measure = _BOUNDS[key]
        return lambda v: (m := measure(v)) is None or test(m, rule)
    if key == "pattern":
        regex = re.compile(rule)
        return lambda v: not isinstance(v, str) or regex.search(v) is not None
    if key == "patternProperties":
        compiled = [(re.compile(p), sub(part)) for p, part in rule.items()]
        return lambda v: not isinstance(v, dict) or all(
            check(v[k]) for k in v for regex, check in compiled if regex.search(k))
    if key == "propertyNames":
        names_check = sub(rule)
        return lambda v: not isinstance(v, dict) or all(names_check(k) for k in v)
    if key == "anyOf":
        any_of = [sub(part) for part in rule]
        return lambda v: any(o(v) for o in any_of)
    if key == "allOf":
        all_of = [sub(part) for part in rule]
        return lambda v: all(o(v) for o in all_of)
    if key == "not":
        negated = sub(rule)
        return lambda v: not negated(v)
    if key == "properties":
        props = {name: sub(part) for name, part in rule.items()}
        return lambda v: not isinstance(v, dict) or all(props[k](v[k]) for k in v if k in props)
    if key == "additionalProperties":
        known = set(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        extra: Check = (lambda _v: False) if rule is False else sub(rule) if isinstance(rule, Mapping) \
            else (lambda _v: True)
        return lambda v: not isinstance(v, dict) or all(
            extra(v[k]) for k in v if k not in known and not any(p.search(k) for p in patterns))
    if key == "required":
        names = list(rule)
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)
    if key == "items":
        item = sub(rule)
        return lambda v: not isinstance(v, list) or all(item(x) for x in v)
    if key == "oneOf":
        options = [sub(part) for part in rule]
        return lambda v: sum(1 for o in options if o(v)) == 1
    if key == "$ref" and isinstance(rule, str) and rule.startswith("#/$defs/"):
        name = rule.removeprefix("#/$defs/")
        if name not in refs:
            refs[name] = None  # a placeholder: a recursive reference compiles to a lookup
            refs[name] = sub(root["$defs"][name])
        return lambda v: refs[name](v)  # type: ignore[misc]
    raise Unsupported(key)
