"""A fast yes/no check of a document against the declaration schema.

Full jsonschema validation costs about as much as parsing the YAML itself. Nearly every real declaration
is valid, so we first run this compiled check over the subset of JSON Schema the declaration schema
uses; only when it says "invalid" (or meets a keyword it does not know) does the loader run jsonschema
for located, explained errors. Both must agree on validity: tests compare them.
"""

from __future__ import annotations

import datetime as dt
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
_IGNORED = {"description", "$comment", "title", "$schema", "$id", "$defs"}


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not handle; use jsonschema only."""


def compile_schema(schema: Mapping[str, Any], root: Mapping[str, Any] | None = None) -> Check:
    """Compile ``schema`` into a function returning True when a value is valid."""
    root = root or schema
    checks = [_keyword(key, rule, schema, root) for key, rule in schema.items() if key not in _IGNORED]

    def check(value: Any) -> bool:
        return all(c(value) for c in checks)

    return check


def _keyword(key: str, rule: Any, schema: Mapping[str, Any], root: Mapping[str, Any]) -> Check:
    """One keyword of a schema as a check (closures keep the compiled parts)."""
    if key == "type":
        tests = [_TYPES[n] for n in (rule if isinstance(rule, list) else [rule])]
        return lambda v: any(t(v) for t in tests)
    if key == "const":
        return lambda v: bool(v == rule and type(v) is type(rule))
    if key == "enum":
        allowed = list(rule)
        return lambda v: v in allowed
    if key == "minimum":
        return lambda v: not _TYPES["number"](v) or bool(v >= rule)
    if key == "properties":
        props = {name: compile_schema(sub, root) for name, sub in rule.items()}
        return lambda v: not isinstance(v, dict) or all(props[k](v[k]) for k in v if k in props)
    if key == "additionalProperties" and rule is False:
        known = set(schema.get("properties", {}))
        return lambda v: not isinstance(v, dict) or all(k in known for k in v)
    if key == "required":
        names = list(rule)
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)
    if key == "items":
        item = compile_schema(rule, root)
        return lambda v: not isinstance(v, list) or all(item(x) for x in v)
    if key == "oneOf":
        options = [compile_schema(sub, root) for sub in rule]
        return lambda v: sum(1 for o in options if o(v)) == 1
    if key == "$ref" and isinstance(rule, str) and rule.startswith("#/$defs/"):
        return compile_schema(root["$defs"][rule.removeprefix("#/$defs/")], root)
    raise Unsupported(key)
