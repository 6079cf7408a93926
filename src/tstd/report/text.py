"""Human-readable output: findings grouped by file, coloured by severity when shown on a terminal."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from tstd.model import FileResult, Finding, RunReport, Severity, Summary
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
           "org_counts": "{files} 个文件，{failing} 个有错误（错误 {errors}，警告 {warnings}，提示 {infos}）"},
    "en": {"basis": "basis", "ok": "no findings", "line": "line {n}", "page": "page {n}",
           "summary": "Checked {files} files: {e} errors, {w} warnings, {i} infos",
           "by_category": "By category:", "top_rules": "Top failing rules:",
           "by_organization": "Organisations with most failing files:",
           "rule_counts": "{files} files, {n} findings", "more_orgs": "{n} more organisations",
           "org_counts": "{files} files, {failing} with errors ({errors} errors, {warnings} warnings, "
                         "{infos} infos)"},
}


def render_text(report: RunReport, *, color: bool = False, width: int = 100, quiet: bool = False) -> str:
    """Render the report as text; ``color`` adds ANSI styles (the CLI decides: terminal and no NO_COLOR).

    ``quiet`` leaves out files without findings and the summary line.
    """
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, emoji=False, soft_wrap=True)
    lang = report.lang if report.lang in _WORDS else "zh"
    for result in report.results:
        if not (quiet and not result.findings):
            _file(console, result, lang)
    if quiet:
        return buffer.getvalue()
    s = report.summary
    if s.files > 1 and s.by_rule:
        _batch_summary(console, report, s, lang)
    console.print(Text(_WORDS[lang]["summary"].format(files=s.files, e=s.errors, w=s.warnings, i=s.infos),
                       style="bold"))
    return buffer.getvalue()


def _batch_summary(console: Console, report: RunReport, s: Summary, lang: str) -> None:
    """Where a batch's problems concentrate: categories, the top failing rules, the worst organisations."""
    words = _WORDS[lang]
    console.print(Text(words["by_category"], style="bold"))
    console.print("  " + " · ".join(f"{category_label(c, lang)} {n}" for c, n in s.by_category.items()))
    console.print(Text(words["top_rules"], style="bold"))
    for rule_id, files, n in s.top_rules(10):
        info = report.rule(rule_id)
        title = info.title.get(lang) if info else ""
        console.print(Text(f"  {rule_id:<15} " + words["rule_counts"].format(files=files, n=n) + f"  {title}"))
    worst = sorted(s.by_organization.items(), key=lambda kv: (-kv[1]["failing"], -kv[1]["errors"], kv[0]))
    console.print(Text(words["by_organization"], style="bold"))
    for name, c in worst[:10]:
        console.print(Text(f"  {organization_label(name, lang)}  " + words["org_counts"].format(**c)))
    if len(worst) > 10:
        console.print(Text("  " + words["more_orgs"].format(n=len(worst) - 10), style="dim"))
    console.print()


def _file(console: Console, result: FileResult, lang: str) -> None:
    words = _WORDS[lang]
    header = Text(result.file, style="bold underline")
    if result.standard:
        header.append(f"  {result.standard}", style="bold")
    console.print(header)
    if not result.findings:
        console.print(Text(f"  ✓ {words['ok']}", style="green"))
    for f in result.findings:
        _finding(console, f, lang)
    console.print()


def _finding(console: Console, f: Finding, lang: str) -> None:
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
    console.print(
        f"  [{_STYLE[f.severity]}]{_LABEL[lang][f.severity]}[/] [bold]{f.rule}[/]"
        + (f" [dim]{escape(' · '.join(where))}[/]" if where else "")
    )
    console.print(Text("    " + f.message))
    if f.evidence:
        console.print(Text(f"    「{f.evidence}」", style="dim"))
    if f.basis:
        cites = "；".join(b.cite() for b in f.basis)
        console.print(Text(f"    {words['basis']}: {cites}", style="dim"))


@formatter("text", ".txt")
def render(report: RunReport) -> str:
    """Plain text grouped by file (colour is added by the CLI on terminals)."""
    return render_text(report, color=False)
