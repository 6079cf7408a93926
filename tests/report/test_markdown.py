"""Markdown output for PR comments: totals, top rules, per-file tables, escaping, size cap."""

from __future__ import annotations

from dataclasses import replace

from tstd.model import Category, FileResult, Finding, RunReport, Severity
from tstd.report import markdown
from tstd.report.markdown import escape, render


def test_totals_categories_and_top_rules(report: RunReport) -> None:
    text = render(report)
    assert text.startswith("## tstd 团体标准合规检查结果")
    assert "**5 个文件** · 3 个文件有错误 · ❌ 3 错误 · ⚠️ 3 警告 · ℹ️ 2 提示" in text
    assert "| 收费 | 3 |" in text and "| 输入文件 | 1 |" in text
    top = text.split("### 问题最多的规则")[1]
    assert top.index("`TSTD-FEE-003` | 疑似收取参编费 | 3 | 3") < top.index("`TSTD-FMT-002`")


def test_file_sections_only_for_files_with_findings(report: RunReport) -> None:
    text = render(report)
    assert text.count("<details>") == 4
    assert "上海市食品协会" not in text  # the clean file is only counted
    assert "| ❌ 错误 | `TSTD-DISC-004` | L14 `standard.release_document` |" in text
    assert "subs.zip\\!/浙江省家电行业协会/organization.yaml L8" in text


def test_untrusted_text_is_inert() -> None:
    cell = escape("<img src=x onerror=alert(1)> | [点我](http://evil) @octocat\x07\n第二行")
    assert "<" not in cell and ">" not in cell and "@" not in cell and "\x07" not in cell
    assert "\\|" in cell and "\\[点我\\]" in cell and "\n" not in cell


def test_english(report: RunReport) -> None:
    text = render(replace(report, lang="en"))
    assert "**5 files** · 3 with errors · ❌ 3 error" in text


def test_all_clean() -> None:
    report = RunReport("0.1.0", (), (), (FileResult("a.yaml"), FileResult("b.yaml")))
    assert "**2 个文件** · ✅ 全部通过" in render(report)


def test_size_cap() -> None:
    message = "缺少 standard.title " * 5
    missing = Finding("TSTD-DISC-001", Category.DISCLOSURE, Severity.ERROR, message, line=3)
    many = tuple(FileResult(f"decls/协会{i:04d}.yaml", findings=(missing,)) for i in range(2000))
    text = render(RunReport("0.1.0", (), (), many))
    assert len(text) <= markdown.MAX_CHARS + 500
    shown = text.count("<details>")
    assert 0 < shown < 2000
    assert f"另有 {2000 - shown} 个文件的问题未列出" in text
