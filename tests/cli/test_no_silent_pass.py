"""A compliance tool must not pass silently: no input is a usage error, files it cannot check are named."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES
from tstd.cli import app

runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_empty_folder_exits_2(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path))
    assert code == 2 and "没有找到要检查的文件" in out


def test_empty_stdin_list_exits_2() -> None:
    code, out = run("check", "--lang", "en", "-", stdin="\n\n")
    assert code == 2 and "nothing to check" in out


def test_folder_of_only_uncheckable_files_exits_2_and_names_them(tmp_path: Path) -> None:
    (tmp_path / "标准文本.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # binary Word: not checkable
    (tmp_path / "统计.xlsx").write_bytes(b"PK\x03\x04")
    code, out = run("check", str(tmp_path))
    assert code == 2 and "标准文本.doc" in out and "Word" in out and "统计.xlsx" in out


def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")


@pytest.mark.parametrize(("make", "named"), [
    (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + b"\x00" * 64), "PDF"),
    (_docx, "Word"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64), "OLE"),
])
def test_binary_file_under_a_declaration_name_is_named(tmp_path: Path, make, named: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "申报.yaml"
    make(path)
    code, out = run("check", "-f", "json", str(path))
    findings = json.loads(out)["results"][0]["findings"]
    assert code == 1 and [f["rule"] for f in findings] == ["TSTD-RUN-001"]
    assert named in findings[0]["message"] and "UTF-8" not in findings[0]["message"]


def test_mixed_folder_reports_skipped_files_in_every_summary(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "compliant-rice-cooker.yaml", tmp_path / "ok.yaml")
    (tmp_path / "标准.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (tmp_path / "统计.xlsx").write_bytes(b"PK\x03\x04")
    code, out = run("check", "-f", "json", str(tmp_path))
    report = json.loads(out)
    assert code == 0 and report["summary"]["skipped"] == 2 and report["summary"]["files"] == 1
    assert sorted(Path(s["file"]).name for s in report["skipped"]) == ["标准.doc", "统计.xlsx"]
    assert all(s["reason"] for s in report["skipped"])
    text = run("check", str(tmp_path))[1]
    assert "未检查 2 个文件" in text and "标准.doc" in text and "跳过 2 个文件" in text
    html = run("check", "-f", "html", str(tmp_path))[1]
    assert "统计.xlsx" in html and "未检查的文件" in html


def test_rules_list_category_accepts_labels_and_rejects_unknown() -> None:
    by_id = run("rules", "list", "--category", "fee")[1]
    assert by_id and by_id == run("rules", "list", "--category", "收费")[1] == run("rules", "list", "--category", "fees")[1]
    code, out = run("rules", "list", "--category", "费用")
    assert code == 2 and "fee (收费)" in out


def test_english_run_writes_no_chinese_labels_of_its_own(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "incomplete-disclosure.yaml", tmp_path / "a.yaml")  # cites an unverified article
    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "c.yaml").write_bytes(b"%PDF-1.4\n\x00\x00")
    code, out = run("check", "--lang", "en", str(tmp_path))
    assert code == 1 and "article unverified" in out and "files not checked" in out and "a PDF file" in out
    for label in ("未核实", "未检查", "错误", "第 ", "提示", "警告", "跳过", "实际是"):
        assert label not in out
