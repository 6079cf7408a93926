"""HTML batch report: self-contained, autoescaped, charts by category and organisation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from tstd.model import Category, FileResult, Finding, RunReport, Severity
from tstd.report import html
from tstd.report.html import chart, render


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(text)
    return parser.tags


def test_untrusted_text_is_escaped(report: RunReport) -> None:
    text = render(report)
    assert "<script>" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    assert not any(tag == "script" for tag, _ in _tags(text))


def test_self_contained(report: RunReport) -> None:
    tags = _tags(render(report))
    assert not any(tag in {"link", "img", "iframe", "object"} for tag, _ in tags)
    assert not any(a.get("src") for _, a in tags)
    csp = next(a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp.get("content") or "")


def test_charts_by_category_and_organisation(report: RunReport) -> None:
    text = render(report)
    svgs = re.findall(r"<svg.*?</svg>", text, flags=re.S)
    assert len(svgs) == 2
    category_svg, organization_svg = (ET.fromstring(s) for s in svgs)
    ns = "{http://www.w3.org/2000/svg}"
    labels = [t.text for t in category_svg.iter(f"{ns}text") if t.get("text-anchor") == "end"]
    assert labels == ["收费", "自我声明公开", "编写格式", "输入文件"]  # most findings first
    org_titles = [t.text for t in organization_svg.iter(f"{ns}title")]
    assert org_titles == ["中国电子节能技术协会: 5", "浙江省家电行业协会: 2", "（未注明团体）: 1"]


def test_chart_layout_scales_to_largest() -> None:
    c = chart([("收费", {Severity.ERROR: 2, Severity.WARNING: 2}), ("格式", {Severity.INFO: 1})], "zh")
    first, second = c.bars
    assert sum(s.width for s in first.segments) == c.bar_width
    assert second.segments[0].width == c.bar_width / 4
    assert [s.color for s in first.segments] == ["#c62828", "#ef8f00"]
    long_name = chart([("广东省粤港澳大湾区智能制造产业技术创新联盟", {Severity.ERROR: 1})], "zh").bars[0]
    assert long_name.short.endswith("…") and len(long_name.short) == 16


def test_tables(report: RunReport) -> None:
    text = render(report)
    assert "《团体标准管理规定》第十八条（条款未核实" in text
    assert text.count("<details") == 4
    assert "上海市食品协会" in text  # in the organisation table although clean


def test_file_list_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "MAX_FILES", 3)
    finding = Finding("TSTD-DISC-001", Category.DISCLOSURE, Severity.ERROR, "缺少 standard.title", line=3)
    results = tuple(FileResult(f"decls/{i}.yaml", findings=(finding,)) for i in range(5))
    text = render(RunReport("0.1.0", (), (), results))
    assert text.count("<details") == 3
    assert "另有 2 个有问题的文件未在此列出" in text


def test_english(report: RunReport) -> None:
    text = render(replace(report, lang="en"))
    assert "Findings by organisation" in text and 'lang="en"' in text
