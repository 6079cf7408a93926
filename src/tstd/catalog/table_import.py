"""Tables users keep of mandatory limits (and editions), as CSV or XLSX with Chinese headers, into the catalogue
format.

A limits table has the columns 标准号, 指标, 限值 and usually 符号, 单位, 适用产品, 来源; optional 比较符 (else the
comparison is read from the value: ``≤0.2``, ``不大于 0.2``, ``≥95``), 适用类别, 排除产品, 计量基准, 可信度, 备注, 标准名称.
Each row becomes one ``limits[]`` item; 符号 (Pb, Cd …) becomes a synonym of the indicator. A row that cannot be
read is reported with its line (the header is line 1) and skipped, never guessed.

XLSX needs the optional ``openpyxl`` package (``pip install "tstd[xlsx]"``); the first sheet is read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tstd.catalog.csv_import import CsvImportError, RowProblem
from tstd.catalog.index import MANDATORY_CODES
from tstd.catalog.model import Confidence, Op
from tstd.catalog.units import parse_number, parse_unit
from tstd.identifiers import parse_standard_number
from tstd.inputs.textfile import TextDecodeError, decode
from tstd.normalize import nfkc

# Header (after NFKC, without spaces, lower case) → field. The first matching column wins.
LIMIT_HEADERS: dict[str, str] = {
    "标准号": "standard", "标准编号": "standard", "强制性标准": "standard", "standard": "standard",
    "标准名称": "title", "title": "title",
    "指标": "indicator", "指标名称": "indicator", "项目": "indicator", "检验项目": "indicator", "indicator": "indicator",
    "符号": "symbol", "化学符号": "symbol", "symbol": "symbol",
    "比较符": "op", "要求": "op", "op": "op",
    "限值": "value", "限量": "value", "指标值": "value", "限量值": "value", "value": "value",
    "单位": "unit", "unit": "unit",
    "适用产品": "applies_to", "适用范围": "applies_to", "产品": "applies_to", "食品类别": "applies_to",
    "applies_to": "applies_to",
    "产品关键词": "products", "产品词": "products",
    "适用类别": "classes", "类别": "classes", "classes": "classes",
    "排除产品": "exclude", "不适用": "exclude", "exclude": "exclude",
    "计量基准": "basis", "基准": "basis", "basis": "basis",
    "检验方法": "method", "试验方法": "method", "method": "method",
    "来源": "source", "出处": "source", "source": "source",
    "可信度": "confidence", "confidence": "confidence",
    "备注": "note", "note": "note",
}
_LIST = re.compile(r"[;；,，、/\n]+")
_OP_VALUE = re.compile(r"^\s*(≤|<=|=<|≥|>=|=>|<|>|＜|＞|不大于|不超过|不高于|不小于|不低于|小于|大于)?\s*(.+?)\s*$")
_CONFIDENCE = {"confirmed": "confirmed", "已核实": "confirmed", "核实": "confirmed", "secondary": "secondary",
               "二手": "secondary", "unverified": "unverified", "未核实": "unverified"}


@dataclass
class LimitImport:
    """The catalogue mapping (``limits`` and ``indicators``, stub ``standards`` where a title was given)."""

    data: dict[str, Any]
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0

    @property
    def imported(self) -> int:
        return len(self.data["limits"])


def read_rows(path: Path) -> list[list[str]]:
    """The cells of a CSV (UTF-8 with or without BOM, GBK; comma, tab or semicolon) or XLSX file, as text."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    try:
        text = decode(path.read_bytes()).text
    except OSError as exc:
        raise CsvImportError(f"无法读取 / cannot read {path}: {exc.strerror or exc}") from None
    except TextDecodeError as exc:
        raise CsvImportError(f"无法识别的编码（应为 UTF-8 或 GBK） / unreadable text: {exc}") from None
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(path: Path) -> list[list[str]]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise CsvImportError("读取 XLSX 需要安装 openpyxl（pip install \"tstd[xlsx]\"），或另存为 CSV / "
                             "reading XLSX needs openpyxl; or save the sheet as CSV") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise CsvImportError(f"无法读取 XLSX / cannot read {path.name}: {exc}") from None
    sheet = book.worksheets[0]
    rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _key(header: str) -> str:
    return nfkc(header).replace(" ", "").strip().lower()


def is_limits_table(header: list[str]) -> bool:
    """A limits table names an indicator and a value column."""
    fields = {LIMIT_HEADERS.get(_key(h)) for h in header}
    return {"standard", "indicator", "value"} <= fields


def _split(text: str) -> list[str]:
    return [t.strip() for t in _LIST.split(text) if t.strip()]


def import_limits(rows: list[list[str]], *, confidence: Confidence = Confidence.UNVERIFIED,
                  source: str = "") -> LimitImport:
    """Rows (header first) of a limits table into catalogue form. Raises CsvImportError when required columns
    are missing."""
    if not rows:
        raise CsvImportError("文件为空 / the file is empty")
    header = rows[0]
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        key = LIMIT_HEADERS.get(_key(name))
        if key and key not in columns:
            columns[key] = i
    missing = [label for key, label in (("standard", "标准号"), ("indicator", "指标"), ("value", "限值"))
               if key not in columns]
    if missing:
        raise CsvImportError(f"缺少必需的列 / missing column(s): {', '.join(missing)} (header: {', '.join(header)})")
    result = LimitImport({"standards": [], "limits": [], "indicators": []})
    symbols: dict[str, list[str]] = {}
    stubs: dict[str, dict[str, Any]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(str(c).strip() for c in row):
            continue
        result.rows += 1
        cells = {k: (str(row[i]).strip() if i < len(row) else "") for k, i in columns.items()}
        item = _limit(cells, line, confidence, source, result.problems)
        if item is None:
            continue
        result.data["limits"].append(item)
        if cells.get("symbol"):
            symbols.setdefault(item["indicator"], []).extend(_split(cells["symbol"]))
        if cells.get("title") and item["standard"] not in stubs:
            stubs[item["standard"]] = {"number": item["standard"], "title": cells["title"], "status": "现行",
                                       "keywords": _split(item["applies_to"])[:6] or [cells["title"]],
                                       "confidence": item["confidence"], "source": item.get("source", "")}
    result.data["indicators"] = [{"name": name, "synonyms": list(dict.fromkeys(syms))}
                                 for name, syms in symbols.items()]
    result.data["standards"] = list(stubs.values())
    return result


def _limit(cells: dict[str, str], line: int, confidence: Confidence, source: str,
           problems: list[RowProblem]) -> dict[str, Any] | None:
    number = parse_standard_number(cells.get("standard", ""))
    if number is None or number.year is None:
        problems.append(RowProblem(line, f"标准号 {cells.get('standard')!r} 无法识别或缺少年代号 / "
                                         "unreadable standard number (a limit names one dated edition)"))
        return None
    if number.code not in MANDATORY_CODES:
        problems.append(RowProblem(line, f"{cells['standard']} 不是强制性国家标准（GB），已跳过 / "
                                         "not a mandatory national standard, skipped"))
        return None
    indicator = cells.get("indicator", "")
    if not indicator:
        problems.append(RowProblem(line, "缺少指标名称 / no indicator"))
        return None
    match = _OP_VALUE.match(nfkc(cells.get("value", "")))
    written_op, number_text = (match.group(1), match.group(2)) if match else (None, "")
    value = parse_number(number_text)
    if value is None:
        problems.append(RowProblem(line, f"限值 {cells.get('value')!r} 不是数字 / the value is not a number"))
        return None
    op_text = cells.get("op") or written_op or ""
    op = Op.parse(op_text) if op_text else Op.LE
    if op is None or op is Op.EQ:
        problems.append(RowProblem(line, f"比较符 {op_text!r} 无法识别（应为 ≤ 或 ≥） / unknown comparison"))
        return None
    if not op_text:
        problems.append(RowProblem(line, "未写比较符，按 ≤（不大于）导入 / no comparison given: read as ≤",
                                   skipped=False))
    unit = cells.get("unit") or "1"
    if parse_unit(unit) is None:
        problems.append(RowProblem(line, f"单位 {unit!r} 无法识别 / unknown unit"))
        return None
    applies = cells.get("applies_to", "")
    products = _split(cells.get("products", "")) or _split(applies)
    if not products:
        problems.append(RowProblem(line, "缺少适用产品：该限值将不会与任何要求比较 / no product: the limit would never "
                                         "be compared", skipped=True))
        return None
    conf_text = _key(cells.get("confidence", ""))
    item: dict[str, Any] = {
        "standard": number.canonical, "indicator": indicator, "label": indicator,
        "op": op.value, "value": value, "unit": unit, "applies_to": applies or "、".join(products),
        "scope": {"products": products},
        "confidence": _CONFIDENCE.get(conf_text, confidence.value),
    }
    if cells.get("classes"):
        item["scope"]["classes"] = _split(cells["classes"])
    if cells.get("exclude"):
        item["scope"]["exclude"] = _split(cells["exclude"])
    for name in ("basis", "method", "note"):
        if cells.get(name):
            item[name] = cells[name]
    if cells.get("source") or source:
        item["source"] = cells.get("source") or source
    if conf_text and conf_text not in _CONFIDENCE:
        problems.append(RowProblem(line, f"可信度 {cells.get('confidence')!r} 无法识别，按 {confidence.value} 导入 / "
                                         "unknown confidence", skipped=False))
    return item
