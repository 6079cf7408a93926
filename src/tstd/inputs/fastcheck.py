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
    checks: list[Check] = []
    for key, rule in schema.items():
        if key in _IGNORED:
            continue
        if key == "type":
            names = rule if isinstance(rule, list) else [rule]
            tests = [_TYPES[n] for n in names]
            checks.append(lambda v, tests=tests: any(t(v) for t in tests))
        elif key == "const":
            checks.append(lambda v, c=rule: v == c and type(v) is type(c))
        elif key == "enum":
            allowed = list(rule)
            checks.append(lambda v, allowed=allowed: v in allowed)
        elif key in ("minimum",):
            checks.append(lambda v, m=rule: not _TYPES["number"](v) or v >= m)
        elif key == "properties":
            props = {name: compile_schema(sub, root) for name, sub in rule.items()}
            checks.append(lambda v, props=props: not isinstance(v, dict)
                          or all(props[k](v[k]) for k in v if k in props))
        elif key == "additionalProperties":
            if rule is not False:
                raise Unsupported(key)
            known = set(schema.get("properties", {}))
            checks.append(lambda v, known=known: not isinstance(v, dict) or all(k in known for k in v))
        elif key == "required":
            names = list(rule)
            checks.append(lambda v, names=names: not isinstance(v, dict) or all(n in v for n in names))
        elif key == "items":
            item = compile_schema(rule, root)
            checks.append(lambda v, item=item: not isinstance(v, list) or all(item(x) for x in v))
        elif key == "oneOf":
            options = [compile_schema(sub, root) for sub in rule]
            checks.append(lambda v, options=options: sum(1 for o in options if o(v)) == 1)
        elif key == "$ref":
            if not rule.startswith("#/$defs/"):
                raise Unsupported(rule)
            target = root["$defs"][rule.removeprefix("#/$defs/")]
            checks.append(compile_schema(target, root))
        else:
            raise Unsupported(key)
    return lambda v: all(c(v) for c in checks)
