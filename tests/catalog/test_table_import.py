"""Limits tables (CSV/XLSX with Chinese headers) imported into the catalogue, and used by `tstd check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tstd.catalog import load_catalogue
from tstd.catalog.csv_import import CsvImportError
from tstd.catalog.limits import check_requirement, parse_requirement
from tstd.catalog.table_import import import_limits, is_limits_table, read_rows
from tstd.cli import app

runner = CliRunner()

TABLE = """标准号,指标,符号,限值,单位,适用产品,来源
GB 2716-2018,苯并[a]芘,BaP,≤10,μg/kg,花生油;菜籽油,GB 2762-2022 表 5.1
GB 19301-2010,蛋白质,,≥2.8,g/100g,生牛乳,GB 19301-2010 表 2
GB/T 1354-2018,碎米总量,,≤15,%,大米,
GB 2762-2025,镉,Cd,约0.2,mg/kg,大米,
"""


def test_rows_become_limits_and_symbols_become_synonyms() -> None:
    rows = read_rows_text(TABLE)
    assert is_limits_table(rows[0])
    result = import_limits(rows)
    assert result.rows == 4 and result.imported == 2
    first, second = result.data["limits"]
    assert (first["standard"], first["op"], first["value"], first["unit"]) == ("GB 2716-2018", "<=", 10.0, "μg/kg")
    assert first["scope"]["products"] == ["花生油", "菜籽油"] and first["confidence"] == "unverified"
    assert (second["op"], second["value"]) == (">=", 2.8)
    assert result.data["indicators"] == [{"name": "苯并[a]芘", "synonyms": ["BaP"]}]
    lines = {p.line: str(p) for p in result.problems}
    assert "GB/T" in lines[4] or "不是强制性" in lines[4]  # a recommended standard is skipped, with its line
    assert "不是数字" in lines[5]


def test_a_table_without_the_value_column_is_refused() -> None:
    with pytest.raises(CsvImportError, match="限值"):
        import_limits([["标准号", "指标", "单位"], ["GB 2762-2025", "铅", "mg/kg"]])


def test_gbk_csv_and_the_imported_limit_drives_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "limits.csv"
    path.write_bytes(TABLE.encode("gbk"))
    out = tmp_path / "limits.yaml"
    result = runner.invoke(app, ["catalog", "import", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "已导入 2 限值" in result.stderr and "第 5 行" in result.stderr
    cat = load_catalogue([out])
    req = parse_requirement({"indicator": "BaP", "op": "<=", "value": 15, "unit": "μg/kg", "applies_to": "压榨花生油"})
    hits = check_requirement(cat, req)  # type: ignore[arg-type]
    # the imported limit (its own source) and the built-in GB 2762 one for oils
    assert ("GB 2716-2018", 10.0, "GB 2762-2022 表 5.1") in [(c.entry.key, c.limit.value, c.limit.source) for c in hits]
    assert {c.verdict.value for c in hits} == {"looser"}


def test_xlsx_table(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in TABLE.splitlines():
        sheet.append(row.split(","))
    path = tmp_path / "limits.xlsx"
    book.save(path)
    rows = read_rows(path)
    assert rows[0][:3] == ["标准号", "指标", "符号"]
    assert import_limits(rows).imported == 2


def test_limits_of_a_standard_outside_the_catalogue_need_its_title(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("标准号,指标,限值,单位,适用产品\nGB 99001-2026,铅,≤1,mg/kg,示例产品\n", encoding="utf-8")
    result = runner.invoke(app, ["catalog", "import", str(path), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 2 and "GB 99001-2026" in result.stderr
    path.write_text("标准号,标准名称,指标,限值,单位,适用产品\nGB 99001-2026,示例产品安全要求,铅,≤1,mg/kg,示例产品\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["catalog", "import", str(path), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((tmp_path / "o.yaml").read_text(encoding="utf-8"))
    assert data["standards"][0]["number"] == "GB 99001-2026"


def test_show_search_and_coverage_list_limits() -> None:
    result = runner.invoke(app, ["catalog", "search", "大米 镉"])
    assert result.exit_code == 0 and "GB 2762-2025\t镉 ≤ 0.2 mg/kg" in result.stdout
    result = runner.invoke(app, ["catalog", "show", "GB 18584-2024"])
    assert "甲醛释放量 ≤ 0.08 mg/m³" in result.stdout and "intertek" in result.stdout
    result = runner.invoke(app, ["catalog", "coverage", "--format", "json"])
    rows = json.loads(result.stdout)
    total = rows[-1]
    assert total["family"] == "*" and total["limits"] == sum(r["limits"] for r in rows[:-1])
    assert {"food", "environment_water", "building_materials", "medical_ppe"} <= {r["family"] for r in rows}
    text = runner.invoke(app, ["catalog", "coverage"]).stdout
    assert text.splitlines()[0].startswith("类别") and "食品安全（food）" in text


def read_rows_text(text: str) -> list[list[str]]:
    return [line.split(",") for line in text.strip().splitlines()]
