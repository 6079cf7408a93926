"""Convert a CSV export of mandatory standards (Chinese headers) into the catalogue format.

Exports from the national platforms and from spreadsheets arrive as UTF-8 with or without BOM, or GBK; headers
vary (标准号/标准编号, 状态/标准状态, 代替标准/被代替标准 …). Each row becomes one catalogue entry; a row that cannot
be read is reported with its line number and skipped, never guessed.

``代替标准`` / ``被代替标准`` both list the *older* editions a row replaces ("被代替的标准"). Each older edition
gets ``replaced_by`` pointing at the row; when the export does not list it, a stub entry is created for it (status
废止 when the row is in force, title copied) so that references to it are still recognised.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tstd.catalog.index import MANDATORY_CODES
from tstd.catalog.matching import title_core
from tstd.catalog.model import Confidence, Status
from tstd.engine.values import as_date
from tstd.identifiers import is_ccs, is_ics, normalize_ccs, normalize_ics
from tstd.identifiers import parse_standard_number as parse_number
from tstd.inputs.textfile import TextDecodeError, decode
from tstd.normalize import nfkc

# Header (after NFKC, without spaces) → field. The first matching column wins.
HEADERS: dict[str, str] = {
    "标准号": "number", "标准编号": "number", "标准代号": "number", "number": "number",
    "标准名称": "title", "中文标准名称": "title", "中文名称": "title", "标准中文名称": "title",
    "title": "title",
    "状态": "status", "标准状态": "status", "status": "status",
    "发布日期": "publish_date", "发布时间": "publish_date",
    "实施日期": "implement_date", "实施时间": "implement_date",
    "废止日期": "withdraw_date", "作废日期": "withdraw_date",
    "代替标准": "replaces", "被代替标准": "replaces", "代替标准号": "replaces", "替代标准": "replaces",
    "ics": "ics", "ics分类": "ics", "ics分类号": "ics", "国际标准分类号": "ics",
    "ccs": "ccs", "中国标准分类号": "ccs", "中标分类": "ccs", "ccs分类": "ccs",
    "关键词": "keywords", "keywords": "keywords",
}
STATUS_WORDS = {
    "现行": Status.CURRENT, "现行有效": Status.CURRENT, "有效": Status.CURRENT,
    "废止": Status.WITHDRAWN, "作废": Status.WITHDRAWN, "已废止": Status.WITHDRAWN,
    "已作废": Status.WITHDRAWN, "被代替": Status.WITHDRAWN,
    "即将实施": Status.UPCOMING, "待实施": Status.UPCOMING, "尚未实施": Status.UPCOMING,
}
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_LIST_SPLIT = re.compile(r"[;；,，、\n]+")


@dataclass(frozen=True)
class RowProblem:
    """A row (1-based line of the CSV file, header = line 1) that was skipped or only partly read."""

    line: int
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        tail = "" if self.skipped else "（已导入 / imported）"
        return f"第 {self.line} 行 / line {self.line}: {self.message}{tail}"


@dataclass
class ImportResult:
    """The catalogue mapping ready to dump, and what went wrong on the way."""

    data: dict[str, Any]
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0

    @property
    def imported(self) -> int:
        return len(self.data["standards"])


class CsvImportError(Exception):
    """The file cannot be imported at all (unreadable, no header row, no number or title column)."""


def _date(text: str) -> str | None:
    """``2024-05-10``, ``2024/5/10``, ``2024年5月10日`` (as declarations accept them) or ``20240510``."""
    compact = _COMPACT_DATE.match(nfkc(text).strip())
    if compact:
        text = "-".join(compact.groups())
    date = as_date(text)
    return date.isoformat() if date else None


def import_csv(
    path: Path, *, confidence: Confidence = Confidence.SECONDARY, source: str = ""
) -> ImportResult:
    """Read ``path`` into catalogue form. Raises CsvImportError when the file as a whole cannot be used."""
    try:
        text = decode(path.read_bytes()).text  # UTF-8 with or without BOM, UTF-16, GBK
    except OSError as exc:
        raise CsvImportError(f"无法读取 / cannot read {path}: {exc.strerror or exc}") from None
    except TextDecodeError as exc:
        raise CsvImportError(f"无法识别的编码（应为 UTF-8 或 GBK） / unreadable text: {exc}") from None
    return import_text(text, confidence=confidence, source=source or f"CSV import of {path.name}")


def import_text(
    text: str, *, confidence: Confidence = Confidence.SECONDARY, source: str = ""
) -> ImportResult:
    """Like :func:`import_csv` for text already decoded."""
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if not header:
        raise CsvImportError("文件为空 / the file is empty")
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        key = HEADERS.get(nfkc(name).replace(" ", "").strip().lower())
        if key and key not in columns:
            columns[key] = i
    missing = [k for k in ("number", "title") if k not in columns]
    if missing:
        raise CsvImportError(
            "缺少必需的列 / missing column(s): "
            f"{', '.join({'number': '标准号', 'title': '标准名称'}[m] for m in missing)}"
            f" (header: {', '.join(header)})"
        )
    result = ImportResult({"standards": []})
    entries: dict[str, dict[str, Any]] = {}
    predecessors: list[tuple[int, str, dict[str, Any]]] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        result.rows += 1
        cells = {k: (row[i].strip() if i < len(row) else "") for k, i in columns.items()}
        entry = _entry(cells, line, confidence, source, result.problems)
        if entry is None:
            continue
        if entry["number"] in entries:
            result.problems.append(RowProblem(
                line, f"标准号 {entry['number']} 重复，保留首次出现 / duplicate number, first row kept"))
            continue
        entries[entry["number"]] = entry
        for old in _LIST_SPLIT.split(cells.get("replaces", "")):
            if old.strip():
                predecessors.append((line, old.strip(), entry))
    for line, old_text, newer in predecessors:
        old = parse_number(old_text)
        if old is None or old.year is None or old.code not in MANDATORY_CODES:
            result.problems.append(RowProblem(
                line, f"代替标准 {old_text!r} 不是带年代号的强制性国家标准号，已忽略 / "
                      "replaced standard is not a dated GB number; ignored", skipped=False))
            continue
        stub = entries.get(old.canonical)
        if stub is None:
            stub = {
                "number": old.canonical, "title": newer["title"],
                # An edition replaced by one in force is withdrawn; by one not yet in force, still current.
                "status": (Status.CURRENT if newer["status"] == Status.UPCOMING.value
                           else Status.WITHDRAWN).value,
                "keywords": list(newer["keywords"]), "confidence": newer["confidence"],
                "source": newer.get("source", ""),
                "note": f"由 {newer['number']} 的代替标准推断 / inferred from the replaces column of "
                        f"{newer['number']}",
            }
            entries[old.canonical] = stub
        succ = stub.setdefault("replaced_by", [])
        if newer["number"] not in succ:
            succ.append(newer["number"])
    for entry in entries.values():
        if len(entry.get("replaced_by", [])) == 1:
            entry["replaced_by"] = entry["replaced_by"][0]
    result.data["standards"] = list(entries.values())
    return result


def _entry(cells: dict[str, str], line: int, confidence: Confidence, source: str,
           problems: list[RowProblem]) -> dict[str, Any] | None:
    raw_number, title = cells.get("number", ""), " ".join(cells.get("title", "").split())
    if not raw_number:
        problems.append(RowProblem(line, "缺少标准号 / no standard number"))
        return None
    number = parse_number(raw_number)
    if number is None:
        problems.append(RowProblem(line, f"无法识别的标准号 {raw_number!r} / unreadable standard number"))
        return None
    if number.code not in MANDATORY_CODES:
        problems.append(RowProblem(
            line, f"{raw_number} 不是强制性国家标准（GB），已跳过 / "
                  "not a mandatory national standard, skipped"))
        return None
    if number.year is None:
        problems.append(RowProblem(line, f"{raw_number} 缺少年代号 / no year in the number"))
        return None
    if not title:
        problems.append(RowProblem(line, f"{raw_number} 缺少标准名称 / no title"))
        return None
    status_text = nfkc(cells.get("status", "")).replace(" ", "")
    status = STATUS_WORDS.get(status_text) if status_text else Status.CURRENT
    if status is None:
        problems.append(RowProblem(
            line, f"无法识别的状态 {cells.get('status')!r}（应为 现行/废止/即将实施） / unknown status"))
        return None
    entry: dict[str, Any] = {"number": number.canonical, "title": title, "status": status.value}
    for name in ("publish_date", "implement_date", "withdraw_date"):
        value = cells.get(name, "")
        if value:
            parsed = _date(value)
            if parsed is None:
                problems.append(RowProblem(
                    line, f"日期 {value!r} 无法识别，已留空 / unreadable date left out", skipped=False))
            else:
                entry[name] = parsed
    for name, valid, norm in (("ics", is_ics, normalize_ics), ("ccs", is_ccs, normalize_ccs)):
        codes = [norm(c) for c in _LIST_SPLIT.split(cells.get(name, "")) if c.strip()]
        bad = [c for c in codes if not valid(c)]
        if bad:
            problems.append(RowProblem(
                line, f"{name.upper()} {', '.join(bad)} 格式错误，已忽略 / malformed, ignored",
                skipped=False))
        good = [c for c in codes if valid(c)]
        if good:
            entry[name] = good[0] if len(good) == 1 else good
    keywords = [k.strip() for k in _LIST_SPLIT.split(cells.get("keywords", "")) if k.strip()]
    # No keyword column (the usual export): the title's product nouns are the best scope hint there is.
    entry["keywords"] = keywords or title_core(title)
    entry["confidence"] = confidence.value
    if source:
        entry["source"] = source
    return entry
