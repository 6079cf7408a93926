"""Markdown output, for pull-request and merge-request comments.

A headline with the totals, the findings per category, the top failing rules, then one collapsible section
per file with findings (clean files are only counted). Platforms cap a comment's size (GitHub: 65,536
characters), so the file sections stop at :data:`MAX_CHARS` with a note pointing at the full reports.

Declaration text is untrusted and GitHub renders HTML inside Markdown: every text cell is escaped (``<``
``>`` ``&`` as entities, Markdown punctuation with backslashes, ``|`` so tables hold, ``@`` so that a
declaration cannot mention and notify people, newlines folded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tstd.model import FileResult, RunReport, Severity, Summary
from tstd.report import formatter
from tstd.report.common import SKIPPED, SUPPRESSED, category_label, rule_catalogue, severity_label, words

MAX_CHARS = 60_000
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_OWN = {
    "title": ("tstd 团体标准合规检查结果", "tstd group-standard compliance results"),
    "files": ("个文件", "files"),
    "failing": ("个文件有错误", "with errors"),
    "truncated": ("另有 {n} 个文件的问题未列出（评论长度有限），完整结果见 SARIF / HTML / CSV 报告。",
                  "{n} more files with findings are not listed (comment size limit); see the SARIF, HTML "
                  "or CSV report."),
}
_WORDS = {lang: words(lang, **_OWN) for lang in ("zh", "en")}


def _t(key: str, lang: str) -> str:
    return _WORDS["en" if lang == "en" else "zh"][key]


def _header(lang: str, *keys: str) -> str:
    return "| " + " | ".join(_t(k, lang) if k else "" for k in keys) + " |\n"


def escape(text: str) -> str:
    """Make untrusted text inert in a Markdown table cell."""
    text = _CONTROL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = text.replace("@", "&#64;")
    return " ".join(text.split())


def code(text: str) -> str:
    """Untrusted text (a field path built from a declaration's keys) as an inert code span in a table cell:
    no backticks to close it, ``|`` escaped (GFM splits cells on it even inside code), one line."""
    text = _CONTROL.sub("", text).replace("`", "'").replace("\\", "\\\\").replace("|", "\\|")
    return "`" + " ".join(text.split()) + "`"


def stream(report: RunReport) -> Iterator[str]:
    """The comment in chunks; file sections stop once :data:`MAX_CHARS` would be exceeded."""
    lang = report.lang
    summary = report.summary
    titles = {r.id: r.title.get(lang) for r in rule_catalogue(report)}
    head = [f"## {_t('title', lang)}\n\n", _headline(summary, lang)]
    if summary.by_category:
        head.append("\n" + _header(lang, "category", "count") + "|---|---:|\n")
        head += [f"| {category_label(c, lang)} | {n} |\n" for c, n in summary.by_category.items()]
    top = summary.top_rules(10)
    if top:
        head.append(f"\n### {_t('top', lang)}\n\n")
        head.append(_header(lang, "rule", "", "files_col", "count") + "|---|---|---:|---:|\n")
        head += [f"| `{rule}` | {escape(titles.get(rule, ''))} | {files} | {n} |\n" for rule, files, n in top]
    text = "".join(head)
    yield text
    used = len(text)
    with_findings = [r for r in report.checked() if r.active]
    if with_findings:
        section = f"\n### {_t('details', lang)}\n"
        yield section
        used += len(section)
    for shown, result in enumerate(with_findings):
        block = _file_block(result, lang)
        if used + len(block) > MAX_CHARS:
            yield "\n> " + _t("truncated", lang).format(n=len(with_findings) - shown) + "\n"
            return
        used += len(block)
        yield block

@formatter("markdown", ".md", stream=stream)
def render(report: RunReport) -> str:
    """Markdown for PR comments: totals, categories, top rules, findings per file (size-capped)."""
    return "".join(stream(report))



def _headline(summary: Summary, lang: str) -> str:
    extra = "".join(f" · {n} {label.get(lang)}" for n, label in ((summary.suppressed, SUPPRESSED), (summary.skipped, SKIPPED))
                    if n)
    if not summary.errors + summary.warnings + summary.infos:
        return f"**{summary.files} {_t('files', lang)}** · ✅ {_t('clean', lang)}{extra}\n"
    parts = [f"**{summary.files} {_t('files', lang)}**", f"{summary.failing_files} {_t('failing', lang)}"]
    parts += [f"{_ICON[s]} {n} {severity_label(s, lang)}"
              for s, n in ((Severity.ERROR, summary.errors), (Severity.WARNING, summary.warnings),
                           (Severity.INFO, summary.infos)) if n]
    return " · ".join(parts) + extra + "\n"


def _file_block(result: FileResult, lang: str) -> str:
    worst = result.worst or Severity.INFO
    title = escape(result.file) + (f" — {escape(result.standard)}" if result.standard else "")
    count = f"{len(result.active)} {_t('problems', lang)}"
    lines = [f"\n<details><summary>{_ICON[worst]} {title}（{count}）</summary>\n\n",
             _header(lang, "severity", "rule", "where", "message") + "|---|---|---|---|\n"]
    for f in result.active:
        where = []
        if f.source:
            where.append(escape(f.source))
        if f.line is not None:
            where.append(f"L{f.line}")
        if f.page is not None:
            where.append(f"第 {f.page} 页" if lang != "en" else f"p. {f.page}")
        if f.path:
            where.append(code(f.path))
        lines.append(f"| {_ICON[f.severity]} {severity_label(f.severity, lang)} | `{f.rule}` | "
                     f"{' '.join(where)} | {escape(f.message)} |\n")
    lines.append("\n</details>\n")
    return "".join(lines)
