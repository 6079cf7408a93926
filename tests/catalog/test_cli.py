"""`tstd catalog import|search|show`, the catalogue options of `tstd check`, and `tstd explain` for mandatory
rules, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from helpers import EXAMPLES
from tstd.cli import app

runner = CliRunner()
HELMET = EXAMPLES / "mandatory" / "withdrawn-helmet-reference.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_search_by_words_and_number() -> None:
    code, out, _ = run("catalog", "search", "头盔")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("GB 811—2022\t现行") and any(line.startswith("GB 811—2010\t废止") for line in lines)
    code, out, _ = run("catalog", "search", "GB17761")
    assert code == 0 and out.splitlines()[0].startswith("GB 17761—2024")
    code, _, err = run("catalog", "search", "量子计算机")
    assert code == 1 and "nothing found" in err


def test_show_prints_entry_successor_and_limits() -> None:
    code, out, _ = run("catalog", "show", "GB 17761—2018")
    assert code == 0
    assert "status: 废止" in out and "replaced_by: GB 17761-2024" in out
    assert "GB 17761—2024" in out and "整车质量 ≤ 55 kg" in out
    code, _, err = run("catalog", "show", "GB 99999-2020")
    assert code == 2 and "not in the catalogue" in err


def test_import_writes_a_valid_catalogue_and_reports_rows(tmp_path: Path) -> None:
    csv_file = tmp_path / "export.csv"
    csv_file.write_bytes("标准号,标准名称,状态,实施日期,代替标准\n"
                         "GB 811-2022,摩托车、电动自行车乘员头盔,现行,2023-07-01,GB 811-2010\n"
                         "GB/T 2812-2006,安全帽测试方法,现行,,\n".encode("gbk"))
    out = tmp_path / "catalogue.yaml"
    code, _, err = run("catalog", "import", str(csv_file), "--output", str(out), "--confidence", "confirmed")
    assert code == 0
    assert "line 3" in err and "imported 2 entries, skipped 1 of 2 rows" in err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [s["number"] for s in data["standards"]] == ["GB 811-2022", "GB 811-2010"]
    # and the written file drives `check --catalog`
    code, out_json, _ = run("check", str(HELMET), "--catalog", str(out), "--format", "json")
    rules = [f["rule"] for f in json.loads(out_json)["results"][0]["findings"]]
    assert "TSTD-MAND-001" in rules and "TSTD-MAND-002" not in rules  # GB 2811 is not in the imported catalogue


def test_import_of_an_unusable_file_is_a_usage_error(tmp_path: Path) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("名称,状态\n头盔,现行\n", encoding="utf-8")
    code, _, err = run("catalog", "import", str(csv_file), "-o", str(tmp_path / "x.yaml"))
    assert code == 2 and "标准号" in err


def test_check_with_added_entries(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("standards:\n  - {number: GB/T 2812-2006, title: x, status: 现行, keywords: [x]}\n",
                     encoding="utf-8")
    code, _, err = run("check", str(HELMET), "--catalog-add", str(extra))
    assert code == 2 and "standards[0].number" in err and "GB/T" in err
    extra.write_text("standards:\n  - {number: GB 2811-2019, title: 头部防护 安全帽, status: 现行, keywords: [安全帽],"
                     " confidence: confirmed}\n  - {number: GB 2811-2007, title: 安全帽, status: 废止, replaced_by: GB 2811-2019,"
                     " keywords: [安全帽], confidence: confirmed}\n", encoding="utf-8")
    code, out, _ = run("check", str(HELMET), "--catalog-add", str(extra), "--format", "json")
    findings = json.loads(out)["results"][0]["findings"]
    helmet = [f for f in findings if f["rule"] == "TSTD-MAND-001" and "2811" in f["message"]]
    assert helmet and "未经核实" not in helmet[0]["message"]  # the added entries are confirmed


def test_explain_shows_the_catalogue_entry_of_the_example() -> None:
    code, out, _ = run("explain", "TSTD-MAND-001")
    assert code == 0
    assert "catalogue entries in the example" in out
    assert "number: GB 18401-2003" in out and "number: GB 18401-2010" in out
    code, out, _ = run("explain", "TSTD-MAND-004", "--entry", "GB 17761—2024")
    assert "最高设计车速 ≤ 25 km/h" in out
    code, out, _ = run("explain", "TSTD-DISC-001")
    assert "catalogue" not in out
