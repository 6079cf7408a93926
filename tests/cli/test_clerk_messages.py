"""A clerk's commonest slips, end to end through ``tstd check``: the message says what to fix, on the right
line, the root cause comes first with its cascade folded under it, and the exit code keeps its meaning."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from helpers import EXAMPLES
from tstd.cli import app

runner = CliRunner()
GOOD_TEXT = (EXAMPLES / "compliant-rice-cooker.yaml").read_text("utf-8")


def check(path: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and the file's findings from the JSON report."""
    result = runner.invoke(app, ["check", str(path), "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.output)
    return result.exit_code, report["results"][0]["findings"]


def text_of(path: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["check", str(path), *extra])
    return result.exit_code, result.output


def write(tmp_path: Path, text: str, name: str = "declaration.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first line containing ``fragment``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def edited(old: str, new: str) -> str:
    assert old in GOOD_TEXT
    return GOOD_TEXT.replace(old, new, 1)


def test_the_example_is_clean() -> None:
    """The edits below start from a declaration with no finding at all: every finding is the slip's."""
    code, findings = check(EXAMPLES / "compliant-rice-cooker.yaml")
    assert code == 0 and findings == []


# ------------------------------------------------------------------ root cause first, cascade folded


@pytest.mark.parametrize(
    ("old", "new", "key", "says", "intended"),
    [
        ("\nstandard:\n", "\nstandrad:\n", "standrad", "未知的键「standrad」：是否应为「standard」", "standard"),
        ("\norganization:\n", "\n团体:\n", "团体", "键名须用英文：「团体」应写作「organization」", "organization"),
    ],
    ids=["typo", "chinese-key"],
)
def test_misnamed_top_key_comes_first_with_its_cascade_folded(tmp_path: Path, old: str, new: str, key: str,
                                                              says: str, intended: str) -> None:
    text = edited(old, new)
    code, findings = check(write(tmp_path, text))
    assert code == 1  # the declaration as written still fails: folding never hides that
    first = findings[0]
    assert first["rule"] == "TSTD-INPUT-010" and first["path"] == key
    assert first["line"] == line_of(text, f"{key}:") and first["severity"] == "error"
    assert says in first["message"] and "由此导致" in first["message"]
    assert not [f for f in findings[1:] if f["path"] == intended or f["path"].startswith(intended + ".")]
    assert first["data"]["folded"].count("TSTD-") >= 5  # the cascade is named, not lost


def test_key_under_the_wrong_parent_says_where_it_belongs(tmp_path: Path) -> None:
    data = yaml.safe_load(GOOD_TEXT)
    block = yaml.safe_dump({"consultation": data["process"]["consultation"]}, allow_unicode=True)
    text = GOOD_TEXT
    start = text.index("  consultation:\n")
    end = start + len("  consultation:\n")
    while text[end:].startswith("    "):
        end = text.index("\n", end) + 1
    text = text[:start] + text[end:]
    text = text.replace("  compliance_statement: true\n", "  compliance_statement: true\n"
                        + "".join("  " + line + "\n" for line in block.splitlines()), 1)
    code, findings = check(write(tmp_path, text))
    first = findings[0]
    assert first["rule"] == "TSTD-INPUT-010" and first["path"] == "standard.consultation"
    assert "应移到 process.consultation（征求意见）下" in first["message"]
    assert first["line"] == line_of(text, "  consultation:")
    assert not [f for f in findings if f["path"].startswith("process.consultation")]
    assert code == 1


# ------------------------------------------------------------------ syntax slips


@pytest.mark.parametrize(
    ("new", "column", "zh", "en"),
    [
        ("  title：家用智能电饭煲能效与安全要求", 8, "键后用了全角冒号“：”", "full-width colon"),
        ("\ttitle: 家用智能电饭煲能效与安全要求", 1, "行首用了制表符（Tab）缩进", "indented with a tab"),
        # the open quote runs on to the next quote 11 lines below, where the parser complains
        ('  title: "家用智能电饭煲能效与安全要求', 10, "引号未闭合", "quote is not closed"),
    ],
    ids=["full-width-colon", "tab", "unclosed-quote"],
)
def test_typing_slip_is_named_on_its_line_with_a_caret(tmp_path: Path, new: str, column: int, zh: str,
                                                         en: str) -> None:
    text = edited("  title: 家用智能电饭煲能效与安全要求", new)
    path = write(tmp_path, text)
    code, findings = check(path)
    assert code == 1 and [f["rule"] for f in findings] == ["TSTD-INPUT-005"]
    (finding,) = findings
    assert (finding["line"], finding["column"]) == (line_of(text, "家用智能电饭煲能效与安全要求"), column)
    assert zh in finding["message"] and "提示：" in finding["message"]
    assert "could not find" not in finding["message"] and "while scanning" not in finding["message"]
    assert "请检查该行的缩进" not in finding["message"]  # the old generic hint is gone
    _code, shown = text_of(path)
    assert "家用智能电饭煲能效与安全要求" in shown and "^" in shown  # the source line and a caret
    _code, english = check(path, "--lang", "en")
    assert en in english[0]["message"] and "hint:" in english[0]["message"]


def test_bounded_loader_errors_keep_their_own_messages(tmp_path: Path) -> None:
    tagged = write(tmp_path, edited("  ccs: Y62", "  ccs: !!binary WTYy"), "tagged.yaml")
    _code, findings = check(tagged)
    assert findings[0]["rule"] == "TSTD-INPUT-005" and "不支持的标签" in findings[0]["message"]
    assert findings[0]["line"] == line_of(tagged.read_text("utf-8"), "ccs:")
    bomb = "tstd: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)) + "standard: {}\n"
    _code, findings = check(write(tmp_path, bomb, "bomb.yaml"))
    assert [f["rule"] for f in findings] == ["TSTD-INPUT-015"] and "别名" in findings[0]["message"]


# ------------------------------------------------------------------ values


def test_impossible_date_is_located_and_the_rest_still_checked(tmp_path: Path) -> None:
    text = edited("  publish_date: 2024-05-10", "  publish_date: 2025-02-30").replace(
        "  status: 现行", "  status: 作废", 1)
    code, findings = check(write(tmp_path, text))
    assert code == 1
    date = [f for f in findings if f["path"] == "standard.publish_date"]
    assert len(date) == 1 and date[0]["rule"] == "TSTD-INPUT-009"
    assert date[0]["line"] == line_of(text, "publish_date:") and "日期 2025-02-30 不存在" in date[0]["message"]
    assert any(f["path"] == "standard.status" for f in findings)  # the file was not given up on


def test_json_declaration_findings_have_lines(tmp_path: Path) -> None:
    data = yaml.safe_load(GOOD_TEXT)
    data["standard"]["status"] = "作废"
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    code, findings = check(write(tmp_path, text, "declaration.json"))
    assert code == 1
    (status,) = [f for f in findings if f["path"] == "standard.status"]
    assert status["line"] == line_of(text, '"status": "作废"')


def test_json_syntax_error_is_explained(tmp_path: Path) -> None:
    text = '{\n  "tstd": 1,\n  "standard": {\n    "title": “智能门锁”\n  }\n}\n'
    code, findings = check(write(tmp_path, text, "d.json"))
    assert code == 1 and findings[0]["rule"] == "TSTD-INPUT-005" and findings[0]["line"] == 4
    assert "JSON 语法错误" in findings[0]["message"] and "中文引号" in findings[0]["message"]


def test_yes_in_chinese_is_read_as_yes(tmp_path: Path) -> None:
    """`compliance_statement: 是` is a commitment: a note, never "not committed"."""
    text = edited("  compliance_statement: true", "  compliance_statement: 是")
    code, findings = check(write(tmp_path, text))
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in findings] == [("TSTD-INPUT-009", "info")]
    assert "「是」已按 true（是）理解" in findings[0]["message"]
    assert findings[0]["line"] == line_of(text, "compliance_statement")


def test_unknown_yes_no_word_asks_for_true_or_false(tmp_path: Path) -> None:
    code, findings = check(write(tmp_path, edited("  compliance_statement: true", "  compliance_statement: 大概")))
    assert code == 1
    messages = [f["message"] for f in findings if f["path"] == "standard.compliance_statement"]
    assert len(messages) == 1 and "请写 true（是）或 false（否）" in messages[0]


def test_unit_typed_into_a_number_is_one_finding(tmp_path: Path) -> None:
    text = edited("    staff: 5", "    staff: 3人")
    path = write(tmp_path, text)
    code, findings = check(path)
    assert code == 1
    (staff,) = [f for f in findings if f["path"] == "organization.standardization.staff"]
    assert staff["rule"] == "TSTD-INPUT-009" and staff["line"] == line_of(text, "staff: 3人")
    assert "「3人」应为数字，不带单位：请写作 3" in staff["message"]
    _code, shown = text_of(path)
    assert "3人 人" not in shown
    _code, english = check(path, "--lang", "en")
    assert "should be a number without its unit: write 3" in english[0]["message"]


# ------------------------------------------------------------------ confinement of the same-stem PDF


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_same_stem_pdf_symlink_leaving_the_submission_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "host-secret.pdf"
    # its cover contradicts the declaration: read, it would give TSTD-FMT errors (number, title, dates)
    outside.write_bytes((EXAMPLES / "pdf" / "legacy-foreword.pdf").read_bytes())
    submission = tmp_path / "submission"
    submission.mkdir()
    declaration = write(submission, GOOD_TEXT, "T-CECEA-012-2024.yaml")
    (submission / "T-CECEA-012-2024.pdf").symlink_to(outside)
    code, findings = check(declaration)
    assert code == 1
    refused = [f for f in findings if f["rule"] == "TSTD-INPUT-014"]
    assert len(refused) == 1 and "符号链接" in refused[0]["message"]
    assert not [f for f in findings if f["rule"].startswith("TSTD-FMT")]  # never read
    (submission / "T-CECEA-012-2024.pdf").unlink()  # the same file inside the submission is read and checked
    (submission / "T-CECEA-012-2024.pdf").write_bytes(outside.read_bytes())
    _code, inside = check(declaration)
    assert "TSTD-FMT-006" in {f["rule"] for f in inside} and "TSTD-INPUT-014" not in {f["rule"] for f in inside}


# ------------------------------------------------------------------ the organisation directory (tstd evaluate)


def _org_dir(tmp_path: Path, text: str, name: str = "organization.yaml") -> Path:
    directory = tmp_path / "org"
    directory.mkdir()
    (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("organization.yaml", "name: 甲\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)),
         "more than"),
        ("organization.yaml", "name: !!binary 5ZSQ\n", "unsupported tag"),
        ("organization.yaml", "name: !!bool maybe\n", "cannot parse"),
        ("organization.json", "[" * 5000 + "]" * 5000, "nested deeper"),
    ],
    ids=["alias-bomb", "binary-tag", "odd-bool", "deep-json"],
)
def test_organisation_file_is_read_with_the_bounded_loader(tmp_path: Path, name: str, text: str,
                                                           message: str) -> None:
    from tstd.evaluate.orgdir import OrganizationDirError, load_organization_dir
    from tstd.run import CheckOptions, build_engine

    directory = _org_dir(tmp_path, text, name)
    with pytest.raises(OrganizationDirError, match=message):
        load_organization_dir(directory, build_engine(CheckOptions()))
