"""CSV import: Chinese headers and their variants, GBK and BOM files, unreadable rows with line numbers,
and an output that loads as a valid catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tstd.catalog import Status, load_catalogue
from tstd.catalog.csv_import import CsvImportError, import_csv, import_text

EXPORT = "\n".join([
    "标准号,标准名称,标准状态,发布日期,实施日期,被代替标准,ICS,CCS",
    "GB 17761-2024,电动自行车安全技术规范,现行,2024-12-31,2025/9/1,GB 17761-2018,43.150,T81",
    "GB 43854—2024,电动自行车用锂离子蓄电池安全技术规范,现行,2024年3月1日,20241101,,43.150,K82",
    "GB/T 191-2008,包装储运图示标志,现行,2008-04-01,2008-10-01,,55.200,A80",
    "GB 7718-2025,食品安全国家标准 预包装食品标签通则,即将实施,2025-03-16,2027-03-16,GB 7718-2011,"
    "67.040,X09",
    ",缺编号的一行,现行,,,,,",
    "GB 88888-2020,某产品,有效期内,,,,,",
    "GB 31241-2022,便携式电子产品用锂离子电池和电池组 安全技术规范,现行,2022-12-29,2024-01-01,"
    "GB 31241-2014,29.220,K82",
    "GB 31241-2022,重复的一行,现行,,,,,",
    "",
])


def write(tmp_path: Path, text: str, encoding: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_import_reads_every_encoding(tmp_path: Path, encoding: str) -> None:
    result = import_csv(write(tmp_path, EXPORT, encoding))
    numbers = [e["number"] for e in result.data["standards"]]
    assert numbers[:3] == ["GB 17761-2024", "GB 43854-2024", "GB 7718-2025"]
    assert result.rows == 8


def test_rows_are_converted(tmp_path: Path) -> None:
    result = import_csv(write(tmp_path, EXPORT, "gbk"))
    by_number = {e["number"]: e for e in result.data["standards"]}
    ebike = by_number["GB 17761-2024"]
    assert ebike["implement_date"] == "2025-09-01" and ebike["ics"] == "43.150" and ebike["ccs"] == "T81"
    assert ebike["keywords"] == ["电动自行车"]  # from the title when the export has no keyword column
    assert by_number["GB 43854-2024"]["publish_date"] == "2024-03-01"
    assert by_number["GB 43854-2024"]["implement_date"] == "2024-11-01"
    # the replaced edition gets a stub pointing at its successor
    old = by_number["GB 17761-2018"]
    assert old["status"] == Status.WITHDRAWN.value and old["replaced_by"] == "GB 17761-2024"
    # replaced by an edition not yet in force: the old one is still current
    assert by_number["GB 7718-2011"]["status"] == Status.CURRENT.value


def test_unreadable_rows_are_reported_with_line_numbers(tmp_path: Path) -> None:
    result = import_csv(write(tmp_path, EXPORT, "gbk"))
    lines = {p.line: p.message for p in result.problems}
    assert "GB/T" in lines[4] and "skipped" in lines[4]
    assert "no standard number" in lines[6]
    assert "unknown status" in lines[7]
    assert "duplicate" in lines[9]
    assert all(p.skipped for p in result.problems)
    assert str(result.problems[0]).startswith("第 4 行 / line 4")


def test_output_is_a_valid_catalogue(tmp_path: Path) -> None:
    result = import_csv(write(tmp_path, EXPORT, "utf-8-sig"))
    out = tmp_path / "catalogue.yaml"
    out.write_text(yaml.safe_dump(result.data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cat = load_catalogue([out], replace=True)
    res = cat.resolve(cat.get("GB 31241-2014").number)  # type: ignore[union-attr]
    assert res is not None and [e.key for e in res.current] == ["GB 31241-2022"]


def test_header_aliases_and_tabs() -> None:
    text = ("标准编号\t中文标准名称\t状态\t代替标准\n"
            "GB 2626-2019\t呼吸防护 自吸过滤式防颗粒物呼吸器\t现行\tGB 2626-2006\n")
    result = import_text(text)
    assert [e["number"] for e in result.data["standards"]] == ["GB 2626-2019", "GB 2626-2006"]


def test_partial_problems_keep_the_row() -> None:
    text = ("标准号,标准名称,状态,实施日期,ICS\n"
            "GB 2626-2019,呼吸器,现行,明年,13.340.30\nGB 1-2020,某,现行,,ABC\n")
    result = import_text(text)
    assert len(result.data["standards"]) == 2
    assert {p.line for p in result.problems} == {2, 3}
    assert not any(p.skipped for p in result.problems)


def test_files_that_cannot_be_imported(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError, match="标准号"):
        import_text("名称,状态\n电动自行车,现行\n")
    with pytest.raises(CsvImportError, match="empty"):
        import_text("")
    with pytest.raises(CsvImportError, match="cannot read"):
        import_csv(tmp_path / "missing.csv")
