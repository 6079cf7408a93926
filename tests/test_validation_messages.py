"""Schema problems said so a clerk can fix them: did-you-mean, Chinese key names, yes/no, units, cascades."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from helpers import EXAMPLES
from tstd.model import Finding
from tstd.resources import load_schema
from tstd.run import CheckOptions, build_engine, check_paths
from tstd.validation import (
    SchemaValidator,
    coerce_booleans,
    fold_cascade,
    key_hint,
    number_with_unit,
    type_message,
    yes_no,
)

SCHEMA = load_schema("declaration.schema.json")
STANDARD = SCHEMA["properties"]["standard"]
PROCESS = SCHEMA["properties"]["process"]


@pytest.mark.parametrize(
    ("key", "path", "where", "kind", "meant", "zh"),
    [
        ("standrad", "standrad", SCHEMA, "spelling", "standard", "未知的键「standrad」：是否应为「standard」（团体标准信息）？"),
        ("titel", "standard.titel", STANDARD, "spelling", "title", "是否应为「title」（中文标题）？"),
        ("团体", "团体", SCHEMA, "chinese", "organization", "「团体」应写作「organization」（社会团体信息）"),
        ("标准", "标准", SCHEMA, "chinese", "standard", "「标准」应写作「standard」"),
        ("发布日期", "standard.发布日期", STANDARD, "chinese", "publish_date", "应写作「publish_date」（发布日期）"),
        ("征求意见", "process.征求意见", PROCESS, "chinese", "consultation", "应写作「consultation」（征求意见）"),
        ("consultation", "standard.consultation", STANDARD, "misplaced", "process.consultation",
         "「consultation」不应写在此处（standard.consultation），应移到 process.consultation（征求意见）下"),
    ],
)
def test_unknown_key_says_what_was_meant(key: str, path: str, where: dict[str, object], kind: str, meant: str,
                                         zh: str) -> None:
    hint = key_hint(key, path, where, SCHEMA)
    assert hint is not None and (hint.kind, hint.meant) == (kind, meant)
    assert zh in hint.message()
    assert hint.message("en").isascii() or key in hint.message("en")


def test_unrelated_key_gets_no_guess() -> None:
    assert key_hint("remarks_internal", "standard.remarks_internal", STANDARD, SCHEMA) is None


def test_intended_paths() -> None:
    assert key_hint("standrad", "standrad", SCHEMA, SCHEMA).intended_path == "standard"  # type: ignore[union-attr]
    hint = key_hint("consultation", "standard.consultation", STANDARD, SCHEMA)
    assert hint is not None and hint.intended_path == "process.consultation"


@pytest.mark.parametrize(("written", "read"), [("是", True), ("有", True), ("对", True), ("ＹＥＳ", True),
                                               ("否", False), ("无", False), (" 没有 ", False), ("No", False)])
def test_yes_no_words(written: str, read: bool) -> None:
    assert yes_no(written) is read


@pytest.mark.parametrize("written", ["基本是", "不确定", "部分", "", "1"])
def test_other_words_are_not_guessed(written: str) -> None:
    assert yes_no(written) is None


def test_coerce_booleans_only_in_boolean_fields() -> None:
    data = {"standard": {"compliance_statement": "是", "title": "是", "patents": {"involved": "否"},
                         "consumer_related": "大概"},
            "organization": {"name": "无"}}
    notes = coerce_booleans(data, SCHEMA)
    assert [(n.path, n.value) for n in notes] == [("standard.compliance_statement", True),
                                                  ("standard.patents.involved", False)]
    assert data["standard"]["compliance_statement"] is True and data["standard"]["title"] == "是"
    assert data["organization"]["name"] == "无"  # a text field keeps the word
    assert data["standard"]["consumer_related"] == "大概"  # not a yes/no word: left to fail validation
    assert "「是」已按 true（是）理解" in notes[0].message()


def test_a_declaration_saying_yes_in_chinese_is_committed() -> None:
    """`compliance_statement: 是` must never be reported as "not committed" (the opposite of what it says)."""
    data = yaml.safe_load((Path(EXAMPLES) / "compliant-rice-cooker.yaml").read_text("utf-8"))
    data["standard"]["compliance_statement"] = "是"
    validator = SchemaValidator(SCHEMA, dates_are_strings=True)
    assert not validator.is_valid(data)
    fixed = copy.deepcopy(data)
    coerce_booleans(fixed, SCHEMA)
    assert fixed["standard"]["compliance_statement"] is True
    assert validator.is_valid(fixed)


def test_units_typed_into_numbers() -> None:
    assert number_with_unit("3人") == (3, "人")
    assert number_with_unit("30 天") == (30, "天")
    assert number_with_unit("１２ 家") == (12, "家")
    assert number_with_unit("三人") is None and number_with_unit("3") is None
    assert type_message("3人", "integer") == "「3人」应为数字，不带单位：请写作 3（单位“人”不用填写）"
    assert type_message("30天", ["integer", "null"], "en") == "`30天` should be a number without its unit: write 30"
    assert type_message("大概", "boolean") == "「大概」不是“是/否”：请写 true（是）或 false（否）"
    assert type_message("abc", "integer") is None  # the generic message stays


def test_misspelled_top_key_folds_the_cascade(tmp_path: Path) -> None:
    """`standrad:` makes every disclosure rule report "缺少 standard.…": all of them fold under the one
    unknown-key problem, which comes first."""
    text = (Path(EXAMPLES) / "compliant-rice-cooker.yaml").read_text("utf-8").replace("\nstandard:", "\nstandrad:")
    path = tmp_path / "declaration.yaml"
    path.write_text(text, encoding="utf-8")
    engine = build_engine(CheckOptions())
    raw = engine.check_path(path)  # the engine's own result, before the run folds it
    assert raw is not None
    findings = list(raw.findings)
    missing = [f for f in findings if f.path.startswith("standard")]
    assert len(missing) >= 9  # the cascade as the engine produces it
    hint = key_hint("standrad", "standrad", SCHEMA, SCHEMA)
    assert hint is not None

    def is_hint(f: Finding) -> bool:
        return f.rule == "TSTD-INPUT-010" and f.path == hint.path

    shown, folded = fold_cascade(findings, [hint], lambda f: f.path, is_hint)
    assert is_hint(shown[0])
    assert folded["standard"] == missing
    assert not any(f.path.startswith("standard") for f in shown)
    assert len(shown) + len(missing) == len(findings)
    # the run (tstd check, the API) folds exactly these under the key, which keeps the worst severity
    run = check_paths([path], engine).results[0].findings
    assert run[0].rule == "TSTD-INPUT-010" and run[0].severity.value == "error"
    assert f"由此导致 {len(missing)} 项问题" in run[0].message
    assert len(run) == len(shown)


def test_full_width_space_indent_becomes_a_key_with_spaces() -> None:
    data = yaml.safe_load("tstd: 1\nstandard:\n\u3000\u3000title: 智能门锁\n")
    key = next(k for k in data if "title" in k)  # YAML kept the IME spaces in the key, at the top level
    hint = key_hint(key, key, SCHEMA, SCHEMA)
    assert hint is not None and hint.kind == "fullwidth-space"
    assert "前有全角空格" in hint.message() and "title" in hint.message()


def test_list_dash_without_space_reads_as_text() -> None:
    data = yaml.safe_load("drafters:\n  -张三\n  -李四\n")
    assert data["drafters"] == "-张三 -李四"
    assert type_message(data["drafters"], "array") == "列表项的“-”后须加一个空格：请每行写作“- 内容”"


def test_coerce_booleans_in_list_items_and_recursive_schemas() -> None:
    """The compiled plan reaches yes/no fields inside list items (with their index in the path) and follows
    a schema that refers to itself, in the order the data lists them."""
    data = {"organization": {"fees": [{"name": "会费", "mandatory": "否"},
                                      {"name": "有", "approval": {"secret_ballot": "是"}, "published": "maybe"}]}}
    notes = coerce_booleans(data, SCHEMA)
    assert [(n.path, n.value) for n in notes] == [("organization.fees[0].mandatory", False),
                                                  ("organization.fees[1].approval.secret_ballot", True)]
    assert data["organization"]["fees"][1]["name"] == "有" and data["organization"]["fees"][1]["published"] == "maybe"
    tree = {"$defs": {"node": {"type": "object", "properties": {"leaf": {"type": "boolean"},
                                                                 "kids": {"type": "array",
                                                                          "items": {"$ref": "#/$defs/node"}}}}},
            "$ref": "#/$defs/node"}
    nested = {"leaf": "是", "kids": [{"leaf": "无", "kids": [{"leaf": "对"}]}]}
    assert [(n.path, n.value) for n in coerce_booleans(nested, tree)] == [
        ("leaf", True), ("kids[0].leaf", False), ("kids[0].kids[0].leaf", True)]
    assert coerce_booleans({"name": "是"}, {"type": "object", "properties": {"name": {"type": "string"}}}) == []
