"""Syntax errors in Chinese, on the right line, with the source line, a caret and a specific hint."""

from __future__ import annotations

import json

import pytest
import yaml

from tstd.inputs.syntax_help import SyntaxHelp, explain, impossible_dates, json_lines, quote_impossible_dates


def _yaml(text: str, lang: str = "zh") -> SyntaxHelp:
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.load(text, Loader=yaml.CSafeLoader)  # the loader the declaration loader uses
    return explain(caught.value, text, "YAML", lang)


def _json(text: str, lang: str = "zh") -> SyntaxHelp:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    return explain(caught.value, text, "JSON", lang)


DECL = "tstd: 1\nstandard:\n  number: T/ZJSHA 010—2024\n{line}\n  scope: 本文件规定了智能窗帘电机的技术要求。\n"


@pytest.mark.parametrize(
    ("line", "column", "message", "hint"),
    [
        ("  title： 智能窗帘电机技术规范", 8, "键后用了全角冒号“：”", "改为半角冒号“:”"),
        ("\ttitle: 智能窗帘电机技术规范", 1, "行首用了制表符（Tab）", "换成空格"),
        ('  title: "智能窗帘电机技术规范', 10, "引号未闭合", "补上同样的引号"),
        ("  title:智能窗帘电机技术规范\n    x: 1", 9, "冒号后缺少空格", "“键: 值”"),
        ("   title: 智能窗帘电机技术规范", 4, "缩进不一致：此行缩进 3 个空格，上一行为 2 个", "左对齐"),
    ],
)
def test_common_slips(line: str, column: int, message: str, hint: str) -> None:
    help_ = _yaml(DECL.format(line=line))
    assert (help_.line, help_.column) == (4, column)
    assert help_.message.startswith(message) and hint in help_.hint
    assert help_.source_line == line.split("\n")[0]
    rendered = help_.render()
    assert rendered.startswith(f"YAML 语法错误（第 4 行第 {column} 列）：{message}")
    source, caret = rendered.splitlines()[1:3]
    assert source.strip() == line.split("\n")[0].replace("\t", " " * 4).strip()
    assert caret.endswith("^") and "  提示：" in rendered


def test_caret_counts_chinese_characters_as_two_cells() -> None:
    help_ = _yaml("tstd: 1\n标准名称： 智能门锁\nstandard: {}\n")
    assert help_.line == 2 and help_.column == 5
    assert help_.caret() == " " * 8 + "^"  # four CJK characters before the colon


def test_missing_colon_is_reported_on_its_own_line_not_the_next() -> None:
    # libyaml notices the missing ':' of line 3 only on line 4
    text = "tstd: 1\nstandard:\n  title 智能门锁\n  number: T/X 1—2024\n"
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.load(text, Loader=yaml.CSafeLoader)
    assert caught.value.problem_mark.line + 1 == 4  # type: ignore[attr-defined]
    help_ = _yaml(text)
    assert (help_.line, help_.column, help_.message) == (3, 8, "此行的键后缺少冒号“:”")


def test_english_with_lang_en() -> None:
    help_ = _yaml(DECL.format(line="  title： x"), "en")
    assert help_.render("en").startswith("YAML syntax error (line 4, column 8): a full-width colon")
    assert "hint: use ':' followed by a space" in help_.render("en")


def test_office_and_pdf_content() -> None:
    text = "PK\x03\x04\x14\x00word/document.xml: ]["
    help_ = explain(yaml.YAMLError("x"), text)
    assert "Word/Excel" in help_.message and "改名为 .yaml" in help_.hint


def test_json_missing_comma_points_at_the_end_of_the_item() -> None:
    text = '{\n  "tstd": 1,\n  "standard": {\n    "title": "智能门锁"\n    "scope": "x"\n  }\n}\n'
    help_ = _json(text)
    assert (help_.line, help_.column) == (4, len('    "title": "智能门锁"') + 1)
    assert help_.message == "缺少逗号“,”（上一项末尾）"


def test_json_chinese_quotes() -> None:
    help_ = _json('{\n  “tstd”: 1\n}')
    assert help_.line == 2 and "中文引号" in help_.hint


def test_impossible_dates_are_found_and_quoted() -> None:
    text = "standard:\n  publish_date: 2025-02-30\n  implement_date: 2025-03-01  # 正常\nprocess:\n" \
           "  reviews:\n    - date: 2024-13-01\n"
    with pytest.raises(ValueError):
        yaml.load(text, Loader=yaml.CSafeLoader)  # today: the whole file is lost, with no line
    bad = impossible_dates(text)
    assert [(b.line, b.column, b.text) for b in bad] == [(2, 17, "2025-02-30"), (6, 13, "2024-13-01")]
    assert "2 月没有 30 日" in bad[0].message()
    fixed, found = quote_impossible_dates(text)
    assert found == bad
    data = yaml.load(fixed, Loader=yaml.CSafeLoader)  # the rest of the file loads and can be checked
    assert data["standard"]["publish_date"] == "2025-02-30"
    assert str(data["standard"]["implement_date"]) == "2025-03-01"


def test_json_lines() -> None:
    text = '\ufeff{\n  "tstd": 1,\n  "standard": {\n    "title": "a",\n    "ics": ["97.040",\n      "1"]\n  },\n' \
           '  "process": {"reviews": [{"date": "2024-01-01"}]}\n}\n'
    lines = json_lines(text)
    assert lines["tstd"] == 2 and lines["standard"] == 3 and lines["standard.title"] == 4
    assert lines["standard.ics[0]"] == 5 and lines["standard.ics[1]"] == 6
    assert lines["process.reviews[0].date"] == 8


def test_json_lines_on_broken_json_keeps_what_it_found() -> None:
    assert json_lines('{\n "tstd": 1,\n "standard": {\n  "title": "a"\n  "x": 1') == {
        "tstd": 2, "standard": 3, "standard.title": 4}
