"""``tstd extract`` as users run it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from tstd.cli import app

runner = CliRunner()


def test_extract_writes_a_draft_that_checks_clean_against_its_pdf(samples: Path, truth: dict[str, Any],
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "drafts" / "t-cas-123.yaml"
    out.parent.mkdir()
    result = runner.invoke(app, ["extract", str(samples / "lo_docx.pdf"), "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["standard"]["number"] == truth["number"] and data["standard"]["drafters"] == truth["drafters"]
    # full_text.file points at the PDF from where the draft was written
    assert (out.parent / data["standard"]["full_text"]["file"]).resolve() == (samples / "lo_docx.pdf").resolve()
    assert "organization.uscc" in result.output  # the fields left to fill in, on stderr
    check = runner.invoke(app, ["check", str(out), "--format", "json"])
    rules = {f["rule"] for r in json.loads(check.stdout)["results"] for f in r["findings"]}
    assert not {r for r in rules if r.startswith("TSTD-FMT")}  # the PDF agrees with its own draft
    assert {"TSTD-DISC-011", "TSTD-DISC-003"} <= rules  # … and the missing fields are reported once each


def test_extract_json_to_stdout(samples: Path) -> None:
    result = runner.invoke(app, ["extract", str(samples / "rl_ttf.pdf"), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["standard"]["publish_date"] == "2024-03-15" and data["standard"]["ccs"] == "X51"


def test_extract_of_a_scan_says_why_and_exits_1(samples: Path) -> None:
    result = runner.invoke(app, ["extract", str(samples / "scan_3pages.pdf")])
    assert result.exit_code == 1
    assert "tstd 不做 OCR" in result.output and "Traceback" not in result.output


def test_extract_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "none.pdf")])
    assert result.exit_code == 2 and "no such file" in result.output


@pytest.mark.parametrize("name", ["rl_ttf.pdf", "rl_cid.pdf", "lo_docx.pdf"])
def test_extract_recovers_every_declared_cover_and_foreword_field(samples: Path, truth: dict[str, Any],
                                                                  name: str) -> None:
    result = runner.invoke(app, ["extract", str(samples / name)])
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    std = data["standard"]
    got = {"number": std["number"], "replaces": std["replaces"][0], "title": std["title"], "title_en": std["title_en"],
           "ics": std["ics"], "ccs": std["ccs"], "publish_date": std["publish_date"],
           "implement_date": std["implement_date"], "organization": data["organization"]["name"],
           "drafting_units": std["drafting_units"], "drafters": std["drafters"],
           "normative_references": std["normative_references"]}
    assert got == {k: truth[k] for k in got}
    assert std["patents"] == {"involved": False}  # from the 前言 notice, no 引言 patent text
