"""What several formatters share: labels in both languages, rule lookup and finding locations.

No formatter is registered here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from tstd.model import Basis, Category, Finding, RuleInfo, RunReport, Severity, Text

SEVERITY_LABEL = {
    Severity.ERROR: Text("错误", "error"),
    Severity.WARNING: Text("警告", "warning"),
    Severity.INFO: Text("提示", "info"),
}
CATEGORY_LABEL = {
    Category.DISCLOSURE: Text("自我声明公开", "disclosure"),
    Category.MANDATORY: Text("强制性标准", "mandatory standards"),
    Category.FEE: Text("收费", "fees"),
    Category.CONDUCT: Text("良好行为", "conduct"),
    Category.FORMAT: Text("编写格式", "format"),
    Category.INPUT: Text("输入文件", "input"),
}
SUPPRESSED = Text("个问题已豁免（不计入）", "findings suppressed (not counted)")
SKIPPED = Text("个文件未检查（已跳过）", "files skipped (not checkable)")
UNKNOWN_ORGANIZATION = Text("（未注明团体）", "(organisation not given)")
# Headings and column names the batch reports (markdown, html) share.
WORDS = {
    "clean": Text("全部通过，未发现问题。", "All files passed; no findings."),
    "category": Text("类别", "Category"),
    "count": Text("问题数", "Findings"),
    "top": Text("问题最多的规则", "Top failing rules"),
    "rule": Text("规则", "Rule"),
    "files_col": Text("文件数", "Files"),
    "details": Text("各文件问题", "Findings by file"),
    "severity": Text("级别", "Severity"),
    "where": Text("位置", "Location"),
    "message": Text("说明", "Message"),
    "problems": Text("个问题", "findings"),
}


def words(lang: str, **own: tuple[str, str]) -> dict[str, str]:
    """The shared :data:`WORDS` plus a module's own (zh, en) pairs, in ``lang``."""
    out = {k: t.get(lang) for k, t in WORDS.items()}
    out.update({k: (en if lang == "en" else zh) for k, (zh, en) in own.items()})
    return out


def severity_label(severity: Severity, lang: str) -> str:
    return SEVERITY_LABEL[severity].get(lang)


def category_label(category: Category | str, lang: str) -> str:
    return CATEGORY_LABEL[Category(category)].get(lang)


def organization_label(name: str | None, lang: str) -> str:
    return name or UNKNOWN_ORGANIZATION.get(lang)


def rule_catalogue(report: RunReport) -> list[RuleInfo]:
    """Every rule a report refers to: the packs' rules in pack order, then any rule that only appears in a
    finding (batch input problems, a rule from an older pack) described from that finding."""
    known = {r.id: r for r in report.rules}
    extra: dict[str, RuleInfo] = {}
    for result in report.checked():
        for f in result.findings:
            if f.rule not in known and f.rule not in extra:
                extra[f.rule] = _rule_from_finding(f)
    return [*report.rules, *(extra[k] for k in sorted(extra))]


def _rule_from_finding(f: Finding) -> RuleInfo:
    label = CATEGORY_LABEL[f.category]
    title = Text(f"{label.zh}问题", f"{label.en} problem")
    return RuleInfo(f.rule, "", f.category, f.severity, title, title, f.basis, "")


def location(f: Finding, file: str, lang: str) -> str:
    """Human location: ``file:line:column``, the field path and the PDF page where known."""
    where = f.source or file
    if f.line is not None:
        where += f":{f.line}" + (f":{f.column}" if f.column is not None else "")
    if f.page is not None:
        where += f" 第 {f.page} 页" if lang != "en" else f" page {f.page}"
    return where


def position(f: Finding, lang: str) -> str:
    """Where in its file a finding is, in words: ``第 14 行第 9 列`` / ``line 14, column 9`` / ``第 2 页``."""
    parts = []
    if f.line is not None:
        parts.append(f"第 {f.line} 行" if lang != "en" else f"line {f.line}")
        if f.column is not None:
            parts.append(f"第 {f.column} 列" if lang != "en" else f"column {f.column}")
    if f.page is not None:
        parts.append(f"第 {f.page} 页" if lang != "en" else f"page {f.page}")
    return ("" if lang != "en" else ", ").join(parts)


def cite(basis: Iterable[Basis], lang: str = "zh") -> str:
    """All citations of a finding or rule, joined; each says when its article is unverified."""
    return "；".join(b.cite(lang) for b in basis)


def page_suffix(page: int | None, lang: str) -> str:
    """``（第 N 页）`` / `` (page N)`` for a finding located in a PDF, else nothing (one-line formats)."""
    if page is None:
        return ""
    return f"（第 {page} 页）" if lang != "en" else f" (page {page})"


def per_finding(line: Callable[[Finding, str, str], str]) -> Callable[[RunReport], Iterator[str]]:
    """The ``stream`` of a line-per-finding format: ``line(finding, file, lang)`` for every finding, file by
    file (a batch is never held as one string)."""

    def stream(report: RunReport) -> Iterator[str]:
        for result in report.results:
            for f in result.findings:
                yield line(f, result.file, report.lang)

    return stream
