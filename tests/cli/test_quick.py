"""The quick path of ``tstd check`` (tstd.cli.quick): its table is the typer definition's, it parses what it
accepts exactly as typer does, and it hands everything else to typer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import tstd.cli.check
from tstd.cli import app, check_spec, quick
from tstd.cli.check_run import CheckArgs

runner = CliRunner()


def test_generated_table_matches_the_definition() -> None:
    # Fails when tstd/cli/check.py changed without `python -m tstd.cli.quick` (the quick path would then be
    # off at run time: slower, never wrong).
    assert quick.build_spec() == check_spec.SPEC, "run: python -m tstd.cli.quick"
    assert quick.current_spec() is not None


def _via_typer(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> CheckArgs:
    seen: list[CheckArgs] = []

    def record(args: CheckArgs) -> int:
        seen.append(args)
        return 0

    monkeypatch.setattr(tstd.cli.check, "run_check", record)
    result = runner.invoke(app, ["check", *argv])
    assert result.exit_code == 0, result.output
    return seen[0]


def _via_quick(argv: list[str]) -> CheckArgs:
    spec = quick.current_spec()
    assert spec is not None
    values = quick.parse(argv, spec)
    assert values is not None, argv
    return CheckArgs(**values)


@pytest.mark.parametrize("argv", [
    ["a.yaml"],
    ["声明/T-CAS 1—2020.yaml", "b.yml", "-"],
    ["a.yaml", "--format", "json", "--output", "out.json", "-f", "sarif:r.sarif"],
    ["--format=sarif", "-ojson.out", "a.yaml", "--quiet"],
    ["a.yaml", "--fail-on", "warning", "--min-severity=info", "--lang", "en", "--show-basis"],
    ["a.yaml", "--ignore", "TSTD-DISC-044,TSTD-FMT", "--ignore", "TSTD-FEE", "--select", "TSTD-DISC"],
    ["a.yaml", "--config", "tstd.toml", "--waivers", "w.yaml", "--baseline", "b.json", "--write-baseline", "n.json"],
    ["a.yaml", "--max-bytes", "1048576", "--jobs", "0", "--timeout", "2.5", "-j", "3", "--timeout", ".5"],
    ["a.yaml", "--rules", "pack.yaml", "--rules", "packs/", "--catalog", "c.yaml", "--catalog-add", "x.yaml"],
    ["a.yaml", "--isolated", "--declarations-only", "--no-cache", "--cache-dir", "/tmp/c"],
    ["a.yaml", "--executor", "dask", "--scheduler", "tcp://h:8786"],
    ["--", "-odd-name.yaml", "--format"],
])
def test_quick_parse_equals_typer(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert _via_quick(argv) == _via_typer(argv, monkeypatch)


@pytest.mark.parametrize("argv", [
    [],  # no paths: typer's usage error
    ["a.yaml", "-h"],
    ["a.yaml", "--help"],
    ["a.yaml", "--version"],
    ["a.yaml", "--no-such-option"],
    ["a.yaml", "-qf", "json"],  # a cluster of short options
    ["a.yaml", "--quiet=yes"],
    ["a.yaml", "--jobs", "-1"],  # below the bound
    ["a.yaml", "--jobs", "2.0"],
    ["a.yaml", "--timeout", "0.05"],
    ["a.yaml", "--timeout", "1e3"],
    ["a.yaml", "--fail-on", "ERROR"],  # not spelled as a choice
    ["a.yaml", "--format"],  # no value
    ["a.yaml", "--format", "--quiet"],
    ["a.yaml", "--config", ""],
])
def test_anything_unusual_goes_to_typer(argv: list[str]) -> None:
    spec = quick.current_spec()
    assert spec is not None
    assert quick.parse(argv, spec) is None


def test_other_commands_and_a_stale_table_go_to_typer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    called: list[Any] = []
    monkeypatch.setattr("tstd.cli.check_run.run_check", lambda args: called.append(args) or 0)
    assert quick.quick_check(["rules", "list"]) is None
    assert quick.quick_check(["--version", "check"]) is None
    assert quick.quick_check(["check", "a.yaml"]) == 0 and len(called) == 1
    monkeypatch.setenv("_TSTD_COMPLETE", "bash_complete")  # click's shell-completion protocol
    assert quick.quick_check(["check", "a.yaml"]) is None and len(called) == 1
    monkeypatch.delenv("_TSTD_COMPLETE")
    monkeypatch.setattr(quick, "source_digest", lambda: "edited since the table was generated")
    assert quick.current_spec() is None
    assert quick.quick_check(["check", "a.yaml"]) is None and len(called) == 1


def test_write_spec_reproduces_the_committed_table(tmp_path: Path) -> None:
    written = quick.write_spec(tmp_path / "spec.py")
    committed = Path(check_spec.__file__).read_text(encoding="utf-8")
    assert written.read_text(encoding="utf-8") == committed


def test_version_is_answered_as_typer_answers_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert quick.quick_check(["--version"]) == 0
    typer_result = runner.invoke(app, ["--version"])
    assert typer_result.exit_code == 0
    assert capsys.readouterr().out == typer_result.stdout
