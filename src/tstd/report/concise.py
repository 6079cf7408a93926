"""One line per finding, ``path:line:col: RULE [级别] message``, for grep, editors and quick reading.

Editors (vim's quickfix, VS Code's problem matchers, emacs' compile mode) jump to ``path:line:col:``
lines, so the location comes first and in that exact shape. A finding without a line gives ``path:``
only; a PDF page is added after the message. Files without findings print nothing.
"""

from __future__ import annotations

from tstd.model import Finding, RunReport
from tstd.report import formatter
from tstd.report.common import page_suffix, per_finding, severity_label

# Line breaks and other control characters would split one finding over several lines.
_CONTROL = dict.fromkeys([*range(0, 32), 127], " ")


def one_line(text: str) -> str:
    """``text`` on one line: control characters become spaces, runs of spaces fold to one."""
    return " ".join(text.translate(_CONTROL).split())


def line_of(f: Finding, file: str, lang: str) -> str:
    """The concise line of one finding of ``file``."""
    where = one_line(f.source or file)
    if f.line is not None:
        where += f":{f.line}" + (f":{f.column}" if f.column is not None else "")
    return f"{where}: {f.rule} [{severity_label(f.severity, lang)}] {one_line(f.message)}{page_suffix(f.page, lang)}\n"


stream = per_finding(line_of)


@formatter("concise", ".txt", stream=stream)
def render(report: RunReport) -> str:
    """One line per finding: path:line:col: RULE [severity] message (for grep and editors)."""
    return "".join(stream(report))
