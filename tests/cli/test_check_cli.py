"""The CLI as scripts use it: exit codes, JSON contract, output files, languages, explain."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES, LOCAL_PACK
from tstd.cli import app
from tstd.resources import load_schema

runner = CliRunner()
GOOD = EXAMPLES / "compliant-rice-cooker.yaml"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_compliant_file_exits_0() -> None:
    code, out = run("check", str(GOOD))
    assert code == 0 and "未发现问题" in out


def test_examples_exit_1_and_report_each_bad_file() -> None:
    code, out = run("check", str(EXAMPLES), "--format", "json")
    assert code == 1
    report = json.loads(out)
    jsonschema.validate(report, load_schema("report.schema.json"))
    by_file = {Path(r["file"]).name: {f["rule"] for f in r["findings"]} for r in report["results"]}
    assert by_file["compliant-rice-cooker.yaml"] == set()
    assert "TSTD-INPUT-005" in by_file["broken-syntax.yaml"]
    assert {"TSTD-DISC-017", "TSTD-DISC-013"} <= by_file["enterprise-issuer.yaml"]
    assert {"TSTD-DISC-030", "TSTD-DISC-032", "TSTD-DISC-033"} <= by_file["rushed-procedure.yaml"]
    assert {"TSTD-DISC-042", "TSTD-INPUT-004"} <= by_file["dongpo-pork-gbk.yaml"]
    assert "organization.yaml" not in by_file  # shared organisation files are not declarations
    bad = [name for name, rules in by_file.items() if not name.startswith("compliant") and not rules]
    assert bad == []


def test_broken_file_does_not_stop_the_others(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "c.yaml").write_text("tstd: 1\nstandard: [\n", encoding="utf-8")
    code, out = run("check", str(tmp_path), "--format", "json")
    results = {Path(r["file"]).name: r for r in json.loads(out)["results"]}
    assert code == 1 and set(results) == {"a.yaml", "b.yaml", "c.yaml"}
    assert results["a.yaml"]["findings"] == []
    assert results["c.yaml"]["findings"][0]["category"] == "input"


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("never", 0)])
def test_fail_on_threshold(tmp_path: Path, fail_on: str, expected: int) -> None:
    text = GOOD.read_text(encoding="utf-8").replace("number: T/CECEA 012—2024", "number: T/CECEA 012—2023")
    (tmp_path / "d.yaml").write_text(text, encoding="utf-8")  # only a warning: year differs from publish date
    assert run("check", str(tmp_path / "d.yaml"), "--fail-on", fail_on)[0] == expected


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "missing.yaml"))[0] == 2
    assert run("check", str(GOOD), "--format", "docx")[0] == 2
    assert run("check", str(GOOD), "--no-such-option")[0] == 2
    broken = tmp_path / "pack.yaml"
    broken.write_text("pack: {id: x}\nrules: []\n", encoding="utf-8")
    code, out = run("check", str(GOOD), "--rules", str(broken))
    assert code == 2 and "pack.yaml" in out


def test_output_file_is_written_and_stdout_is_empty(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(EXAMPLES), "--format", "json", "--output", str(target)])
    assert result.exit_code == 1 and result.stdout == ""
    assert f"已写入 {target}（json）" in result.stderr  # the terminal is told where the report went
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] >= 7
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_english_messages(tmp_path: Path) -> None:
    code, out = run("check", str(EXAMPLES / "rushed-procedure.yaml"), "--lang", "en")
    assert code == 1 and "The consultation lasted 15 days" in out


def test_user_rule_pack_is_applied(tmp_path: Path) -> None:
    pack = tmp_path / "local.yaml"
    pack.write_text(LOCAL_PACK.replace("severity: warning", "severity: error"), encoding="utf-8")
    code, out = run("check", str(GOOD), "--rules", str(pack))
    assert code == 1 and "TSTD-LOCAL-001" in out and "缺少依托单位" in out


def test_rules_list_and_explain() -> None:
    code, out = run("rules", "list")
    assert code == 0 and "TSTD-DISC-030\tdisclosure\twarning" in out and "TSTD-DISC-045\tdisclosure\terror" in out
    code, out = run("explain", "tstd-disc-012")
    assert code == 0 and "第十七条" in out and "未核实" in out and "T/cecea 012—2024" in out
    assert run("explain", "TSTD-NOPE-999")[0] == 2


def test_version() -> None:
    code, out = run("--version")
    assert code == 0 and out.startswith("tstd ")


def test_ignore_rules_by_id_or_prefix() -> None:
    target = str(EXAMPLES / "rushed-procedure.yaml")
    _code, out = run("check", target, "--ignore", "TSTD-DISC-030")
    assert "TSTD-DISC-030" not in out and "TSTD-DISC-032" in out
    code, out = run("check", target, "--ignore", "tstd-disc")
    assert code == 0 and "TSTD-DISC" not in out
    _code, out = run("check", str(EXAMPLES / "broken-syntax.yaml"), "--ignore", "TSTD-INPUT")
    assert "TSTD-INPUT-005" in out  # a file that cannot be read is always reported


def test_output_file_has_ordinary_permissions(tmp_path: Path) -> None:
    import os

    target = tmp_path / "report.json"
    run("check", str(GOOD), "--format", "json", "--output", str(target))
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_directory_scan_checks_a_pdf_without_declaration_once() -> None:
    code, out = run("check", str(EXAMPLES / "pdf"), "--format", "json", "--jobs", "1")
    files = [Path(r["file"]).name for r in json.loads(out)["results"]]
    assert code == 1  # mismatches and legacy wording are findings
    # legacy-foreword.pdf has no declaration: checked on its own; compliant-with-pdf.pdf is checked with its .yaml
    assert files == ["compliant-with-pdf.yaml", "legacy-foreword.pdf", "mismatched-declaration.yaml"]
