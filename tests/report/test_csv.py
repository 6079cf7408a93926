"""CSV output: BOM for Excel, one row per finding, clean files listed, formulas defused."""

from __future__ import annotations

import csv
import io

from tstd.model import RunReport
from tstd.report.csv import BOM, COLUMNS, cell, render


def _rows(report: RunReport) -> list[dict[str, str]]:
    text = render(report)
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"), newline="")))


def test_header_and_bom(report: RunReport) -> None:
    text = render(report)
    assert text.encode("utf-8")[:3] == b"\xef\xbb\xbf"
    assert text[1:].split("\r\n", 1)[0] == ",".join(COLUMNS)


def test_every_finding_and_every_clean_file(report: RunReport) -> None:
    rows = _rows(report)
    findings = sum(len(r.findings) for r in report.results)
    clean = [r for r in report.results if not r.findings]
    assert len(rows) == findings + len(clean)
    assert {row["file"] for row in rows} == {r.file for r in report.results}
    clean_row = next(row for row in rows if row["file"] == clean[0].file)
    assert clean_row["rule"] == "" and clean_row["message"] == "未发现问题"
    fee = next(row for row in rows if row["rule"] == "TSTD-FEE-003")
    assert (fee["line"], fee["column"], fee["severity"], fee["category"]) == ("41", "9", "warning", "fee")
    assert fee["evidence"] == "参编费 5000 元/家"
    assert fee["basis"] == "《行业协会商会收费行为合规指南》第三章"


def test_formula_injection_defused(report: RunReport) -> None:
    hostile = next(row for row in _rows(report) if row["file"] == "decls/hostile.yaml" and row["evidence"])
    assert hostile["evidence"] == "'=1+1"
    assert cell("-5") == "'-5" and cell(-5) == "-5" and cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("通知") == "通知" and cell(None) == ""
