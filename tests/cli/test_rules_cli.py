"""Pack authors' tools: ``tstd rules test`` over every built-in rule, a failing example reported, and the
generated rule reference kept current."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from helpers import LOCAL_PACK
from tstd.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


def test_every_builtin_rule_example_behaves_as_documented() -> None:
    result = runner.invoke(app, ["rules", "test", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output and "FAIL" not in result.output


def test_a_wrong_example_and_a_fixture_are_reported(tmp_path: Path) -> None:
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "has-host.yaml").write_text(
        "tstd: 1\norganization: {name: 某协会, host_unit: 某研究院}\nstandard: {title: 某标准}\n", encoding="utf-8")
    pack = tmp_path / "local.yaml"
    pack.write_text(LOCAL_PACK.rstrip() + """
    examples:
      fail: {organization: {name: 某协会, host_unit: 某研究院}}
      pass: {organization: {name: 某协会, host_unit: 某研究院}}
    tests:
      - {file: fixtures/has-host.yaml, expect: pass}
      - {file: fixtures/has-host.yaml, expect: fail}
""", encoding="utf-8")
    result = runner.invoke(app, ["rules", "test", str(pack)])
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("FAIL")]
    assert [line.split(":")[0] for line in failures] == [
        "FAIL TSTD-LOCAL-001 examples.fail", "FAIL TSTD-LOCAL-001 tests[1] fixtures/has-host.yaml"]


def test_rule_reference_is_current() -> None:
    result = runner.invoke(app, ["rules", "doc"])
    assert result.exit_code == 0
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert result.output == current, "docs/rules.md is stale: run `tstd rules doc -o docs/rules.md`"
    assert "### TSTD-DISC-019" in current and "severity-policy.md" in current


def test_naming_no_pack_is_a_usage_error_not_a_pass(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("title: 不是规则包\n", encoding="utf-8")
    result = runner.invoke(app, ["rules", "test", str(tmp_path)])
    assert result.exit_code == 2 and "没有规则包" in result.output
