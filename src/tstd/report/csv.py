"""CSV output: one row per finding, for spreadsheets and scripts.

UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly; CRLF row ends (RFC 4180). The
header is English and stable (scripts key on it); values are the report's language. A file without findings
still gets one row (empty rule, message "未发现问题") so that every checked file appears. Cells that a
spreadsheet would run as a formula (starting with = + - @, tab or CR) are prefixed with ``'``: declaration
text is untrusted and must not become a formula in an auditor's Excel (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from tstd.model import RunReport
from tstd.report import formatter
from tstd.report.common import cite

BOM = "\ufeff"
COLUMNS = ("file", "organization", "standard", "rule", "category", "severity", "line", "column", "page",
           "path", "source", "message", "evidence", "basis", "suppressed")
_NO_FINDINGS = {"zh": "未发现问题", "en": "no findings"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A CSV cell: '' for None, numbers as digits, text defused against formula execution."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def stream(report: RunReport) -> Iterator[str]:
    """The CSV text in chunks: the BOM and header, then the rows of one file at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield BOM + buffer.getvalue()
    for result in report.results:
        if result.skipped:  # a file found but not checked: one row saying why
            buffer.seek(0)
            buffer.truncate()
            writer.writerow([cell(v) for v in (result.file, None, None, *[None] * 8, result.skipped, None, None, None)])
            yield buffer.getvalue()
            continue
        buffer.seek(0)
        buffer.truncate()
        head = (result.file, result.organization, result.standard)
        if not result.findings:
            clean = _NO_FINDINGS.get(report.lang, _NO_FINDINGS["zh"])
            writer.writerow([cell(v) for v in (*head, *[None] * 8, clean, None, None, None)])
        for f in result.findings:
            writer.writerow([cell(v) for v in (*head, f.rule, f.category.value, f.severity.value, f.line,
                                                f.column, f.page, f.path, f.source, f.message, f.evidence,
                                                cite(f.basis, report.lang),
                                                f"{f.suppressed.kind}: {f.suppressed.reason}" if f.suppressed else None)])
        yield buffer.getvalue()


@formatter("csv", ".csv", stream=stream)
def render(report: RunReport) -> str:
    """CSV (UTF-8 with BOM): one row per finding, one row per clean file."""
    return "".join(stream(report))
