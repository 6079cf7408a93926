"""Config files, per-rule settings, unknown ids, inline suppressions, waivers and baselines — end to end
through ``tstd check`` as a user runs it from inside a checkout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import EXAMPLES
from tstd.cli import app

runner = CliRunner()
INCOMPLETE = EXAMPLES / "incomplete-disclosure.yaml"  # 8 errors, among them TSTD-DISC-019 (ics) on line 17


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def as_json(*args: str) -> tuple[int, dict]:
    code, out = run("check", "--format", "json", *args)
    return code, json.loads(out)


def rules_of(report: dict, counted: bool = True) -> list[str]:
    return [f["rule"] for r in report["results"] for f in r["findings"] if ("suppressed" not in f) == counted]


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with declarations in new/ and legacy/, the user working in a subfolder."""
    for folder in ("new", "legacy"):
        (tmp_path / folder).mkdir()
        shutil.copy(INCOMPLETE, tmp_path / folder / "decl.yaml")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    return tmp_path


# ---------------------------------------------------------------------- config


def test_config_found_upwards_changes_severity_ignore_and_per_file(checkout: Path) -> None:
    (checkout / "tstd.toml").write_text(
        'ignore = ["TSTD-DISC-020"]\n'
        '[severity]\n"TSTD-DISC-019" = "warning"\n'
        '[[per-file]]\nfiles = ["legacy/**"]\nignore = ["TSTD-DISC-00"]\n', encoding="utf-8")
    code, report = as_json(str(checkout / "new"), str(checkout / "legacy"))
    new, legacy = report["results"]
    new_rules = {f["rule"]: f["severity"] for f in new["findings"]}
    assert "TSTD-DISC-020" not in new_rules and new_rules["TSTD-DISC-019"] == "warning"
    assert new_rules["TSTD-DISC-008"] == "error"
    assert sorted(f["rule"] for f in legacy["findings"]) == ["TSTD-DISC-019", "TSTD-DISC-022"]  # DISC-00x left out
    assert code == 1 and any("tstd.toml" in n for n in report["notes"])


def test_tstd_toml_wins_over_pyproject_and_the_nearer_file_wins(checkout: Path) -> None:
    (checkout / "pyproject.toml").write_text('[tool.tstd]\nignore = ["TSTD-DISC-008"]\n', encoding="utf-8")
    _, report = as_json(str(checkout / "new"))
    assert "TSTD-DISC-008" not in rules_of(report)
    (checkout / "tstd.toml").write_text('ignore = ["TSTD-DISC-019"]\n', encoding="utf-8")
    _, report = as_json(str(checkout / "new"))
    assert "TSTD-DISC-008" in rules_of(report) and "TSTD-DISC-019" not in rules_of(report)
    (checkout / "docs" / "pyproject.toml").write_text('[tool.tstd]\nfail-on = "never"\n', encoding="utf-8")
    code, report = as_json(str(checkout / "new"))
    assert code == 0 and "TSTD-DISC-019" in rules_of(report)  # the nearer file alone applies
    code, report = as_json("--isolated", str(checkout / "new"))
    assert code == 1 and report["notes"] == []


def test_pyproject_without_tool_tstd_does_not_count(checkout: Path) -> None:
    (checkout / "tstd.toml").write_text('ignore = ["TSTD-DISC-019"]\n', encoding="utf-8")
    (checkout / "docs" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    _, report = as_json(str(checkout / "new"))
    assert "TSTD-DISC-019" not in rules_of(report)


@pytest.mark.parametrize(("text", "key", "hint"), [
    ('fail_on = "error"\n', "fail_on", "fail-on"),
    ('[severity]\n"TSTD-DISC-019" = "fatal"\n', "severity.TSTD-DISC-019", "error | warning | info | off"),
    ('ignore = "TSTD-DISC-019\n', "", "TOML"),
    ('[[per-file]]\nignore = ["TSTD-FMT"]\n', "per-file[0].files", "legacy/**"),
    ('rules = ["packs/absent.yaml"]\n', "rules[0]", "relative to the config file"),
])
def test_config_errors_exit_2_with_file_key_and_fix(checkout: Path, text: str, key: str, hint: str) -> None:
    (checkout / "tstd.toml").write_text(text, encoding="utf-8")
    code, out = run("check", "--lang", "en", str(checkout / "new"))
    assert code == 2 and "tstd.toml" in out and key in out and hint in out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out)  # --lang en: no Chinese in the tool's own text


def test_user_pack_overrides_one_rule_by_id_and_keeps_the_rest(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text("""
pack: {id: disclosure, version: "1", title: 本会}
rules:
  - id: TSTD-DISC-019
    category: disclosure
    severity: info
    title: ICS 格式（本会）
    kind: required
    options: {field: standard.ics}
    message: 本会规则
    basis: [{document: 本会办法, verified: true}]
""", encoding="utf-8")
    code, out = run("check", "--rules", str(pack), str(INCOMPLETE))
    assert code == 1 and "7 个错误" in out  # the other seven errors are still found
    code, report = as_json("--rules", str(pack), str(INCOMPLETE))
    assert len(rules_of(report)) == 7 and "TSTD-DISC-019" not in rules_of(report)  # ics is given: no hit
    assert any("TSTD-DISC-019" in n for n in report["notes"])


# ---------------------------------------------------------------------- ids


def test_unknown_ignore_id_exits_2_with_a_suggestion() -> None:
    code, out = run("check", "--ignore", "TSTD-DISC-99", str(INCOMPLETE))
    assert code == 2 and "TSTD-DISC-99" in out and "TSTD-DISC-0" in out
    code, out = run("check", "--lang", "en", "--select", "TSTD-DSIC", str(INCOMPLETE))
    assert code == 2 and "did you mean TSTD-DISC" in out


def test_ignore_accepts_comma_lists() -> None:
    _, report = as_json("--ignore", "TSTD-DISC-019,TSTD-DISC-020", "--ignore", "tstd-disc-022", str(INCOMPLETE))
    assert not {"TSTD-DISC-019", "TSTD-DISC-020", "TSTD-DISC-022"} & set(rules_of(report))
    assert len(rules_of(report)) == 5


def test_select_keeps_only_matching_rules() -> None:
    _, report = as_json("--select", "TSTD-DISC-019", str(INCOMPLETE))
    assert rules_of(report) == ["TSTD-DISC-019"]


def test_unknown_id_in_config_names_the_file_and_key(checkout: Path) -> None:
    (checkout / "tstd.toml").write_text('[[per-file]]\nfiles = ["legacy/**"]\nignore = ["TSTD-FTM"]\n', encoding="utf-8")
    code, out = run("check", str(checkout / "new"))
    assert code == 2 and "tstd.toml" in out and "per-file[0].ignore" in out and "TSTD-FMT" in out


def test_explain_unknown_id_suggests() -> None:
    code, out = run("explain", "--lang", "en", "TSTD-DSIC-019")
    assert code == 2 and "did you mean TSTD-DISC-019?" in out


# ---------------------------------------------------------------------- inline suppressions


def _suppressed_copy(tmp_path: Path, comment: str, line: int = 17) -> Path:
    lines = INCOMPLETE.read_text(encoding="utf-8").splitlines()
    lines[line - 1] += comment
    path = tmp_path / "decl.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_inline_suppression_with_reason_is_kept_marked_and_counted_everywhere(tmp_path: Path) -> None:
    path = _suppressed_copy(tmp_path, "  # tstd: ignore[TSTD-DISC-019] 分类号按 2024 版 ICS 目录核对中")
    code, report = as_json(str(path))
    marked = [f for r in report["results"] for f in r["findings"] if "suppressed" in f]
    assert [(f["rule"], f["suppressed"]["kind"]) for f in marked] == [("TSTD-DISC-019", "inline")]
    assert "ICS 目录" in marked[0]["suppressed"]["reason"]
    assert report["summary"]["errors"] == 7 and report["summary"]["suppressed"] == 1
    sarif = json.loads(run("check", "-f", "sarif", str(path))[1])
    results = sarif["runs"][0]["results"]
    assert [r["suppressions"][0]["kind"] for r in results if "suppressions" in r] == ["inSource"]
    code, text = run("check", str(path))
    assert code == 1
    assert "1 个已豁免" in text and "7 个错误" in text
    html = run("check", "-f", "html", str(path))[1]
    assert "已豁免" in html
    markdown = run("check", "-f", "markdown", str(path))[1]
    assert "1 个问题已豁免" in markdown


def test_suppression_moves_exit_code(tmp_path: Path) -> None:
    decl = tmp_path / "one.yaml"
    lines = INCOMPLETE.read_text(encoding="utf-8").splitlines()
    decl.write_text("# tstd: ignore-file[TSTD-DISC] 历史标准，整体复审中\n" + "\n".join(lines) + "\n", encoding="utf-8")
    code, report = as_json(str(decl))
    assert code == 0 and report["summary"]["errors"] == 0 and report["summary"]["suppressed"] == 8


def test_bare_ignore_is_a_finding_and_suppresses_nothing(tmp_path: Path) -> None:
    path = _suppressed_copy(tmp_path, "  # tstd: ignore[TSTD-DISC-019]")
    _, report = as_json(str(path))
    assert "TSTD-DISC-019" in rules_of(report) and "TSTD-RUN-002" in rules_of(report)


def test_unused_suppression_is_reported_as_info(tmp_path: Path) -> None:
    path = _suppressed_copy(tmp_path, "  # tstd: ignore[TSTD-DISC-020] 不在这一行", line=16)
    _, report = as_json(str(path))
    unused = [f for r in report["results"] for f in r["findings"] if f["rule"] == "TSTD-RUN-003"]
    assert [(f["severity"], f["line"]) for f in unused] == [("info", 16)]


def test_unknown_id_in_a_suppression_exits_2(tmp_path: Path) -> None:
    path = _suppressed_copy(tmp_path, "  # tstd: ignore[TSTD-DISC-91] 理由")
    code, out = run("check", str(path))
    assert code == 2 and "TSTD-DISC-91" in out and "是否为 TSTD-DISC-0" in out


# ---------------------------------------------------------------------- waivers and baselines


def test_waiver_suppresses_until_it_expires(tmp_path: Path) -> None:
    shutil.copy(INCOMPLETE, tmp_path / "decl.yaml")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text('waivers:\n  - {rule: TSTD-DISC-019, files: "*.yaml", reason: 复审中, expires: 2999-01-01}\n',
                       encoding="utf-8")
    _, report = as_json("--waivers", str(waivers), str(tmp_path / "decl.yaml"))
    assert report["summary"]["suppressed"] == 1 and "TSTD-DISC-019" in rules_of(report, counted=False)
    waivers.write_text('waivers:\n  - {rule: TSTD-DISC-019, files: "*.yaml", reason: 复审中, expires: 2020-01-01}\n',
                       encoding="utf-8")
    _, report = as_json("--waivers", str(waivers), str(tmp_path / "decl.yaml"))
    assert report["summary"]["suppressed"] == 0
    assert "TSTD-DISC-019" in rules_of(report) and "TSTD-RUN-004" in rules_of(report)


def test_waiver_with_unknown_rule_or_bad_date_exits_2(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text('waivers:\n  - {rule: TSTD-DISC-919, files: "*", reason: x}\n', encoding="utf-8")
    assert run("check", "--waivers", str(waivers), str(INCOMPLETE))[0] == 2
    waivers.write_text('waivers:\n  - {rule: TSTD-DISC-019, files: "*", reason: x, expires: 明年}\n', encoding="utf-8")
    code, out = run("check", "--waivers", str(waivers), str(INCOMPLETE))
    assert code == 2 and "waivers[0].expires" in out


def test_baseline_fails_only_on_new_findings_after_lines_move(tmp_path: Path) -> None:
    decl = tmp_path / "decl.yaml"
    shutil.copy(INCOMPLETE, decl)
    baseline = tmp_path / "baseline.json"
    code, _ = run("check", "--write-baseline", str(baseline), str(decl))
    assert code == 1 and len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == 8
    # Lines move: three comment lines at the top; every finding is now three lines lower.
    decl.write_text("# 修订说明\n# 第二版\n# 2025\n" + INCOMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    code, report = as_json("--baseline", str(baseline), str(decl))
    assert code == 0 and report["summary"]["suppressed"] == 8 and report["summary"]["errors"] == 0
    # A new problem: the title goes missing. Only it fails.
    text = decl.read_text(encoding="utf-8").replace("  title: 装配式建筑用蒸压加气混凝土墙板\n", "")
    decl.write_text(text, encoding="utf-8")
    code, report = as_json("--baseline", str(baseline), str(decl))
    assert code == 1 and report["summary"]["errors"] == 1 and report["summary"]["suppressed"] == 8
    sarif = json.loads(run("check", "-f", "sarif", "--baseline", str(baseline), str(decl))[1])
    states = sorted(r["baselineState"] for r in sarif["runs"][0]["results"])
    assert states.count("new") == 1 and states.count("unchanged") == 8


def test_broken_baseline_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("[]", encoding="utf-8")
    code, out = run("check", "--baseline", str(bad), str(INCOMPLETE))
    assert code == 2 and "b.json" in out


def test_config_mirrors_the_command_line(checkout: Path) -> None:
    (checkout / "tstd.toml").write_text(
        'format = ["json"]\nfail-on = "never"\nlang = "en"\nselect = ["TSTD-DISC-0"]\njobs = 0\n'
        '[[per-file]]\nfiles = ["new/*.yaml"]\nseverity = {"TSTD-DISC-008" = "info"}\n', encoding="utf-8")
    code, out = run("check", str(checkout / "new"), str(checkout / "legacy"))
    report = json.loads(out)  # format from the config
    assert code == 0  # fail-on = never
    new, legacy = ({f["rule"]: f["severity"] for f in r["findings"]} for r in report["results"])
    assert new["TSTD-DISC-008"] == "info" and legacy["TSTD-DISC-008"] == "error"  # per-file severity
    assert all(rule.startswith("TSTD-DISC-0") for rule in new)
    code, out = run("check", "--fail-on", "error", "--select", "TSTD-DISC-019", "-f", "text", str(checkout / "new"))
    assert code == 1 and "TSTD-DISC-019" in out and "TSTD-DISC-008" not in out and "line 17" in out  # lang en
