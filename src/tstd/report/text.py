"""Human-readable output: findings grouped by file, coloured by severity when shown on a terminal.

Each rule's legal basis is cited once per run, in a legend after the files (``依据``), not under every finding:
a batch where one rule fires 300 times would otherwise repeat the same citation 300 times (``show_basis``
restores the per-finding citation). ``min_severity`` hides findings below a level from the listing only; the
totals line still counts everything, and says how many were hidden, so nothing is silently dropped.
"""

from __future__ import annotations

import io
import re

from tstd.model import Basis, FileResult, Finding, RunReport, Severity, Summary
from tstd.report import formatter
from tstd.report.common import category_label, organization_label

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LABEL = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_WORDS = {
    "zh": {"basis": "依据", "ok": "未发现问题", "line": "第 {n} 行", "page": "第 {n} 页",
           "summary": "共检查 {files} 个文件：{e} 个错误，{w} 个警告，{i} 个提示",
           "by_category": "按类别：", "top_rules": "问题最多的规则：", "by_organization": "有错误文件最多的团体：",
           "rule_counts": "{files} 个文件 {n} 处", "more_orgs": "另有 {n} 个团体",
           "org_counts": "{files} 个文件，{failing} 个有错误（错误 {errors}，警告 {warnings}，提示 {infos}）",
           "suppressed": "，{n} 个已豁免（不计入）", "file_suppressed": "另有 {n} 个问题已豁免",
           "skipped": "未检查 {n} 个文件：", "skipped_total": "，跳过 {n} 个文件",
           "legend": "依据（每条规则列一次；--show-basis 在每个问题下列出）：",
           "hidden": "，{n} 个低于{level}级别的问题未显示（--min-severity）",
           "file_hidden": "另有 {n} 个低于{level}级别的问题未显示"},
    "en": {"basis": "basis", "ok": "no findings", "line": "line {n}", "page": "page {n}",
           "summary": "Checked {files} files: {e} errors, {w} warnings, {i} infos",
           "by_category": "By category:", "top_rules": "Top failing rules:",
           "by_organization": "Organisations with most failing files:",
           "rule_counts": "{files} files, {n} findings", "more_orgs": "{n} more organisations",
           "org_counts": "{files} files, {failing} with errors ({errors} errors, {warnings} warnings, "
                         "{infos} infos)",
           "suppressed": ", {n} suppressed (not counted)", "file_suppressed": "{n} more findings suppressed",
           "skipped": "{n} files not checked:", "skipped_total": ", {n} files skipped",
           "legend": "Basis (once per rule; --show-basis lists it under every finding):",
           "hidden": ", {n} below {level} not shown (--min-severity)",
           "file_hidden": "{n} more findings below {level} not shown"},
}


Piece = tuple[str, str]  # (text, rich style)
# Rich drops these control codes (BEL, BS, VT, FF, CR) and expands tabs by display width; the plain writer
# does the same so both give identical text.
_STRIP = dict.fromkeys((7, 8, 11, 12, 13))
# File names and field values are untrusted and this text goes to terminals: terminal control sequences
# (CSI such as "clear screen", OSC such as OSC 52 "write the clipboard", other ESC sequences) and every other
# C0/C1 control character are removed, so a declaration cannot rewrite what the auditor sees.
_TERMINAL_CONTROL = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI … final byte
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC/DCS/SOS/PM/APC … ST
    r"|\x1b[ -/]*[0-~]?"  # other escape sequences, or a lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # the remaining C0 and C1 controls (newline and tab are kept)
)


def inert(text: str) -> str:
    """``text`` without terminal control sequences or control characters (newline and tab kept)."""
    return text if text.isprintable() else _TERMINAL_CONTROL.sub("", text)


class _Plain:
    """Writes lines as they are: no console, no markup parsing (the fast path for files and pipes)."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def line(self, *pieces: Piece) -> None:
        self._parts.append(_expand_tabs(inert("".join(text for text, _ in pieces)).translate(_STRIP)) + "\n")

    def value(self) -> str:
        return "".join(self._parts)


def _expand_tabs(text: str, size: int = 8) -> str:
    """Tabs to spaces as a terminal (and rich) places them: by display cells, CJK characters being two."""
    if "\t" not in text:
        return text
    from rich.cells import cell_len  # only for text with tabs: rich stays off the common path

    lines = []
    for line in text.split("\n"):
        first, *rest = line.split("\t")
        for part in rest:
            first += " " * (size - cell_len(first) % size) + part
        lines.append(first)
    return "\n".join(lines)


class _Styled:
    """Writes lines through one rich console (created once per report) for ANSI colours."""

    def __init__(self, width: int) -> None:
        from rich.console import Console  # only for coloured output: importing rich costs more than a check

        self._buffer = io.StringIO()
        self._console = Console(file=self._buffer, force_terminal=True, width=width, highlight=False,
                                emoji=False, soft_wrap=True)

    def line(self, *pieces: Piece) -> None:
        from rich.text import Text

        self._console.print(Text.assemble(*((inert(text), style) for text, style in pieces)))

    def value(self) -> str:
        return self._buffer.getvalue()


def render_text(report: RunReport, *, color: bool = False, width: int = 100, quiet: bool = False,
                show_basis: bool = False, min_severity: Severity = Severity.INFO) -> str:
    """Render the report as text; ``color`` adds ANSI styles (the CLI decides: terminal and no NO_COLOR).

    ``quiet`` leaves out files without findings and the summary line; ``show_basis`` cites the legal basis under
    every finding instead of once in the legend; ``min_severity`` lists only findings at or above that level.
    """
    out: _Plain | _Styled = _Styled(width) if color else _Plain()
    lang = report.lang if report.lang in _WORDS else "zh"
    words = _WORDS[lang]
    for note in report.notes:  # the run header: config file, replaced packs
        out.line((f"ⓘ {note.get(lang)}", "dim"))
    skipped: list[FileResult] = []
    legend: dict[str, tuple[Basis, ...]] = {}
    hidden = 0
    for result in report.results:
        if result.skipped:
            skipped.append(result)
            continue
        shown = [f for f in result.active if f.severity.rank >= min_severity.rank]
        hidden += len(result.active) - len(shown)
        if not (quiet and not shown):
            _file(out, result, lang, show_basis=show_basis, min_severity=min_severity,
                  legend=None if show_basis else legend)
    if skipped:  # never silent: every file found but not checked, with the reason
        out.line((words["skipped"].format(n=len(skipped)), "bold yellow"))
        for result in skipped:
            out.line((f"  {result.file} — {result.skipped}", "yellow"))
        out.line()
    if legend:
        _legend(out, legend, lang)
    if quiet:
        return out.value()
    s = report.summary
    if s.files > 1 and s.by_rule:
        _batch_summary(out, report, s, lang)
    out.line((summary_line(report, hidden=hidden, min_severity=min_severity), "bold"))
    return out.value()


def summary_line(report: RunReport, *, hidden: int = 0, min_severity: Severity = Severity.INFO) -> str:
    """The totals line (also what the CLI shows on the terminal when every report goes to a file)."""
    lang = report.lang if report.lang in _WORDS else "zh"
    words = _WORDS[lang]
    s = report.summary
    line = words["summary"].format(files=s.files, e=s.errors, w=s.warnings, i=s.infos)
    if s.suppressed:
        line += words["suppressed"].format(n=s.suppressed)
    if s.skipped:
        line += words["skipped_total"].format(n=s.skipped)
    if hidden:
        line += words["hidden"].format(n=hidden, level=_LABEL[lang][min_severity])
    return line


def _legend(out: _Plain | _Styled, legend: dict[str, tuple[Basis, ...]], lang: str) -> None:
    """Each cited rule once, in id order, with its basis (unverified articles marked as such)."""
    out.line((_WORDS[lang]["legend"], "bold"))
    for rule_id in sorted(legend):
        out.line((f"  {rule_id:<15} ", "bold"), ("；".join(b.cite(lang) for b in legend[rule_id]), "dim"))
    out.line()


def _batch_summary(out: _Plain | _Styled, report: RunReport, s: Summary, lang: str) -> None:
    """Where a batch's problems concentrate: categories, the top failing rules, the worst organisations."""
    words = _WORDS[lang]
    out.line((words["by_category"], "bold"))
    out.line(("  " + " · ".join(f"{category_label(c, lang)} {n}" for c, n in s.by_category.items()), ""))
    out.line((words["top_rules"], "bold"))
    for rule_id, files, n in s.top_rules(10):
        info = report.rule(rule_id)
        title = info.title.get(lang) if info else ""
        out.line((f"  {rule_id:<15} " + words["rule_counts"].format(files=files, n=n) + f"  {title}", ""))
    worst = sorted(s.by_organization.items(), key=lambda kv: (-kv[1]["failing"], -kv[1]["errors"], kv[0]))
    out.line((words["by_organization"], "bold"))
    for name, c in worst[:10]:
        out.line((f"  {organization_label(name, lang)}  " + words["org_counts"].format(**c), ""))
    if len(worst) > 10:
        out.line(("  " + words["more_orgs"].format(n=len(worst) - 10), "dim"))
    out.line()


def _file(out: _Plain | _Styled, result: FileResult, lang: str, *, show_basis: bool = True,
          min_severity: Severity = Severity.INFO, legend: dict[str, tuple[Basis, ...]] | None = None) -> None:
    words = _WORDS[lang]
    header: list[Piece] = [(result.file, "bold underline")]
    if result.standard:
        header.append((f"  {result.standard}", "bold underline"))
    out.line(*header)
    active = result.active
    shown = [f for f in active if f.severity.rank >= min_severity.rank]
    if not active:
        out.line((f"  ✓ {words['ok']}", "green"))
    for f in shown:
        _finding(out, f, lang, show_basis)
        if legend is not None and f.basis:
            legend.setdefault(f.rule, f.basis)
    below = len(active) - len(shown)
    if below:
        out.line(("  " + words["file_hidden"].format(n=below, level=_LABEL[lang][min_severity]), "dim"))
    hidden = len(result.findings) - len(active)
    if hidden:
        out.line(("  " + words["file_suppressed"].format(n=hidden), "dim"))
    out.line()


def _finding(out: _Plain | _Styled, f: Finding, lang: str, show_basis: bool = True) -> None:
    words = _WORDS[lang]
    where = []
    if f.source:
        where.append(f.source)
    if f.line is not None:
        where.append(words["line"].format(n=f.line))
    if f.page is not None:
        where.append(words["page"].format(n=f.page))
    if f.path:
        where.append(f.path)
    head: list[Piece] = [("  ", ""), (_LABEL[lang][f.severity], _STYLE[f.severity]), (" ", ""), (f.rule, "bold")]
    if where:
        head += [(" ", ""), (" · ".join(where), "dim")]
    out.line(*head)
    out.line(("    " + f.message, ""))
    if f.evidence:
        out.line((f"    「{f.evidence}」", "dim"))
    if f.basis and show_basis:
        cites = "；".join(b.cite(lang) for b in f.basis)
        out.line((f"    {words['basis']}: {cites}", "dim"))


@formatter("text", ".txt")
def render(report: RunReport) -> str:
    """Plain text grouped by file (colour is added by the CLI on terminals)."""
    return render_text(report, color=False)
