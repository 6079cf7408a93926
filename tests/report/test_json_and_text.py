from __future__ import annotations

import json

import jsonschema

from helpers import EXAMPLES
from tstd.report import formatters
from tstd.report.text import render_text
from tstd.resources import load_schema
from tstd.run import check_paths


def test_json_is_valid_and_deterministic(engine) -> None:  # type: ignore[no-untyped-def]
    first = formatters()["json"].render(check_paths([EXAMPLES], engine))
    second = formatters()["json"].render(check_paths([EXAMPLES], engine))
    assert first == second
    data = json.loads(first)
    jsonschema.validate(data, load_schema("report.schema.json"))
    assert data["summary"]["files"] == len(data["results"])
    assert data["summary"]["errors"] == sum(f["severity"] == "error" for r in data["results"] for f in r["findings"])


def test_text_groups_by_file_and_quotes_basis(engine) -> None:  # type: ignore[no-untyped-def]
    report = check_paths([EXAMPLES / "rushed-procedure.yaml"], engine)
    text = render_text(report)
    assert "\x1b[" not in text
    assert "TSTD-DISC-030" in text and "第 37 行" in text and "第十四条（条款未核实" in text
    assert text.strip().splitlines()[-1].startswith("共检查 1 个文件")
    assert "\x1b[" in render_text(report, color=True)


def test_quiet_text_lists_only_files_with_findings(engine) -> None:  # type: ignore[no-untyped-def]
    report = check_paths([EXAMPLES / "compliant-rice-cooker.yaml", EXAMPLES / "rushed-procedure.yaml"], engine)
    text = render_text(report, quiet=True)
    assert "rushed-procedure" in text and "compliant-rice-cooker" not in text and "共检查" not in text
