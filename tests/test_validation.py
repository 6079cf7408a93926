"""The fast validity check agrees with jsonschema on valid and invalid declarations."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from helpers import EXAMPLES
from tstd.resources import load_schema
from tstd.validation import compile_schema

SCHEMA = load_schema("declaration.schema.json")
QUICK = compile_schema(SCHEMA)
FULL = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine(
        "string", lambda _c, v: isinstance(v, (str, dt.date))),
)(SCHEMA)


def _examples() -> list[Any]:
    docs = []
    for path in sorted(Path(EXAMPLES).rglob("*.yaml")):
        try:
            data = yaml.load(path.read_bytes().decode("utf-8", errors="replace"), Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict) and "standard" in data:
            docs.append(data)
    return docs


BASE = _examples()[0]
MUTATIONS = [
    lambda d: d.__setitem__("tstd", 2),
    lambda d: d.__setitem__("tstd", True),
    lambda d: d["standard"].__setitem__("drafters", "张三"),
    lambda d: d["standard"].__setitem__("status", "作废"),
    lambda d: d["standard"].__setitem__("unknown", 1),
    lambda d: d["standard"].__setitem__("ics", ["97.040", 97]),
    lambda d: d["standard"].__setitem__("ics", ["97.040", "97.030"]),
    lambda d: d["process"]["technical_review"].__setitem__("attendees", -1),
    lambda d: d["process"]["technical_review"].__setitem__("attendees", True),
    lambda d: d["organization"].__setitem__("fees", [{"name": "会费", "payer": "member", "amount": "两千"}]),
    lambda d: d["organization"].__setitem__("fees", [{"name": "会费", "payer": "member", "amount": 2000}]),
    lambda d: d["standard"].__setitem__("publish_date", dt.date(2024, 1, 1)),
    lambda d: d.__setitem__("organization", "org.yaml"),
]


@pytest.mark.parametrize("data", _examples())
def test_agrees_on_examples(data: Any) -> None:
    assert QUICK(data) == FULL.is_valid(data)


@pytest.mark.parametrize("index", range(len(MUTATIONS)))
def test_agrees_on_mutations(index: int) -> None:
    data = copy.deepcopy(BASE)
    MUTATIONS[index](data)
    assert QUICK(data) == FULL.is_valid(data)


def test_agrees_with_jsonschema_on_every_builtin_pack_and_rule_options() -> None:
    """Start-up validates packs with the compiled check; it must accept and refuse what jsonschema does."""
    from tstd.engine.kinds import registry
    from tstd.engine.pack import builtin_pack_files
    from tstd.validation import SchemaValidator

    pack_schema = SchemaValidator(load_schema("rulepack.schema.json"))
    kinds = registry()
    checked = 0
    for file in builtin_pack_files():
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if "pack" not in data:
            continue
        assert pack_schema.is_valid(data) is pack_schema.full.is_valid(data) is True
        broken = copy.deepcopy(data)
        broken["rules"][0]["severity"] = "fatal"
        assert pack_schema.is_valid(broken) is pack_schema.full.is_valid(broken) is False
        for rule in data["rules"]:
            validator = kinds[rule["kind"]].options_validator
            options = rule.get("options", {})
            assert validator.is_valid(options) == validator.full.is_valid(options), rule["id"]
            wrong = {**options, "no_such_option": 1}
            assert validator.is_valid(wrong) == validator.full.is_valid(wrong), rule["id"]
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("name", ["catalogue.schema.json", "conduct-model.schema.json", "rulepack.schema.json"])
def test_every_shipped_schema_compiles_to_the_fast_check(name: str) -> None:
    from tstd.validation import SchemaValidator

    assert SchemaValidator(load_schema(name))._quick is not None
