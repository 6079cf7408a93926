"""What a person reads from ``tstd check``: basis once per run, --min-severity, colour, output-to-file notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES
from tstd.cli import app

runner = CliRunner()
RUSHED = EXAMPLES / "rushed-procedure.yaml"
UNVERIFIED = "第十四条（条款未核实 / unverified）"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_basis_is_cited_once_per_rule_in_a_legend() -> None:
    code, out, _ = run(str(RUSHED))
    assert code == 1
    head, legend = out.split("依据（每条规则列一次")
    assert "依据:" not in head  # no citation under the findings
    findings = set(re.findall(r"^  (?:错误|警告|提示) (TSTD-[A-Z]+-\d+)", head, re.M))
    cited = re.findall(r"^  (TSTD-[A-Z]+-\d+) ", legend, re.M)
    assert sorted(cited) == cited and len(cited) == len(set(cited))  # each rule once, in id order
    assert set(cited) == findings and len(cited) >= 3  # every rule that fired, none that did not
    assert UNVERIFIED in legend  # the unverified mark survives the move
    full = run(str(RUSHED), "--show-basis")[1]
    assert "依据（每条规则列一次" not in full
    assert full.count("    依据: ") == head.count("\n  错误 ") + head.count("\n  警告 ") + head.count("\n  提示 ")


def test_min_severity_filters_the_listing_not_the_exit_code() -> None:
    code_all, everything, _ = run(str(RUSHED), "--fail-on", "warning")
    code, errors_only, _ = run(str(RUSHED), "--fail-on", "warning", "--min-severity", "error")
    assert code == code_all == 1
    assert "  警告 " in everything and "  警告 " not in errors_only and "  错误 " in errors_only
    warnings = everything.count("\n  警告 ")
    assert f"{warnings} 个低于错误级别的问题未显示" in errors_only  # totals still count what is hidden
    total = re.search(r"共检查 1 个文件：\d+ 个错误，\d+ 个警告", everything)
    assert total is not None and total.group(0) in errors_only
    assert run(str(RUSHED), "--min-severity", "error", "--fail-on", "never")[0] == 0


def test_min_severity_from_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tstd.toml").write_text('min-severity = "error"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(str(RUSHED))
    assert "  警告 " not in out and "低于错误级别" in out
    (tmp_path / "tstd.toml").write_text('min-severity = "warn"\n', encoding="utf-8")
    code, _, err = run(str(RUSHED))
    assert code == 2 and "min-severity" in err


@pytest.mark.parametrize(("env", "coloured"), [({"FORCE_COLOR": "1"}, True), ({}, False),
                                               ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)])
def test_force_color_colours_a_pipe_unless_no_color(env: dict[str, str], coloured: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    _, out, _ = run(str(RUSHED))  # CliRunner's stdout is not a terminal
    assert ("\x1b[" in out) is coloured


def test_reports_written_to_files_still_tell_the_terminal(tmp_path: Path) -> None:
    sarif, text = tmp_path / "r.sarif", tmp_path / "r.txt"
    code, out, err = run(str(RUSHED), "-f", "sarif", "-o", str(sarif), "-f", "text", "-o", str(text))
    assert code == 1 and out == ""
    assert re.search(r"共检查 1 个文件：[1-9]\d* 个错误", err)
    assert f"已写入 {sarif}（sarif）" in err and f"已写入 {text}（text）" in err
    assert json.loads(sarif.read_text("utf-8"))["version"] == "2.1.0"
    assert "依据（每条规则列一次" in text.read_text("utf-8")
    _, out, err = run(str(RUSHED), "--lang", "en", "-f", "json", "-o", str(tmp_path / "r.json"))
    assert f"written to {tmp_path / 'r.json'} (json)" in err and "Checked 1 files" in err
    # with a report on stdout the totals are there already; stderr only says where the files went
    _, out, err = run(str(RUSHED), "-f", "text", "-f", f"json:{tmp_path / 'r2.json'}")
    assert "共检查 1 个文件" in out and "共检查" not in err and "r2.json（json）" in err


def test_format_help_lists_every_format() -> None:
    out = runner.invoke(app, ["check", "--help"]).stdout
    for name in ("concise", "github", "sarif", "junit"):
        assert name in out


def test_catalog_takes_unquoted_numbers_and_words() -> None:
    quoted = runner.invoke(app, ["catalog", "show", "GB 17761"])
    unquoted = runner.invoke(app, ["catalog", "show", "GB", "17761"])
    assert unquoted.exit_code == 0 and unquoted.stdout == quoted.stdout and "电动自行车" in unquoted.stdout
    both = runner.invoke(app, ["catalog", "search", "电动自行车", "头盔"])
    assert both.exit_code == 0 and "GB 811" in both.stdout
    assert all("头盔" in line for line in both.stdout.splitlines() if line.startswith("GB"))
    assert runner.invoke(app, ["catalog", "search", "电动自行车", "不存在的词"]).exit_code == 1  # every word
