"""HTML batch report: self-contained, autoescaped, charts by category and organisation."""

from __future__ import annotations

import base64
import hashlib
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
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
    # the page's own filter is its only script
    assert [tag for tag, _ in _tags(text)].count("script") == 1
    assert re.findall(r"<script>(.*?)</script>", text, flags=re.S) == [html.FILTER_SCRIPT]


def test_self_contained(report: RunReport) -> None:
    tags = _tags(render(report))
    assert not any(tag in {"link", "img", "iframe", "object"} for tag, _ in tags)
    assert not any(a.get("src") for _, a in tags)
    csp = next(a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp.get("content") or "")
    # only the inline script whose hash is in the policy may run; an injected one would not
    text = render(report)
    script = re.findall(r"<script>(.*?)</script>", text, flags=re.S)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in (csp.get("content") or "")
    assert "unsafe-inline'" not in (csp.get("content") or "").split("script-src")[1]


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


def test_prints_on_a4_with_page_numbers(report: RunReport) -> None:
    text = render(report)
    assert re.search(r"@page \{ size: A4;", text) and "counter(page)" in text


def test_no_table_column_is_squeezed(report: RunReport) -> None:
    text = render(report)
    tables = re.findall(r"<table>(.*?)</table>", text, flags=re.S)
    assert tables
    for table in tables:
        # every table fixes its column widths; none is given less than 8 % (about 4 characters on A4)
        widths = [int(w) for w in re.findall(r'<col style="width:(\d+)%">', table)]
        assert widths and min(widths) >= 8 and sum(widths) < 100
    assert "table-layout: fixed" in text and "min-width: 3.5em" in text


def test_passed_files_are_listed(report: RunReport) -> None:
    text = render(report)
    passed = text[text.index('id="passed"'):]
    assert "未发现问题的文件（1）" in passed
    assert "decls/上海市食品协会/T-SHSFA-003-2023.yaml — T/SHSFA 003—2023" in passed
    assert "decls/broken.yaml" not in passed


def test_filter_offers_the_rules_organisations_and_severities_present(report: RunReport) -> None:
    text = render(report)
    form = text[text.index('<form class="filter"'):text.index("</form>")]
    rules = re.findall(r'<option value="(TSTD-[^"]+)"', form)
    assert rules == ["TSTD-DISC-001", "TSTD-DISC-004", "TSTD-FEE-003", "TSTD-FMT-002", "TSTD-INPUT-001"]
    assert '<option value="（未注明团体）">' in form and '<option value="浙江省家电行业协会">' in form
    assert '<option value="warning">警告</option>' in form
    # the rows and files carry what the script filters on
    assert 'data-rule="TSTD-FEE-003" data-sev="warning"' in text
    assert 'class="file" data-org="中国电子节能技术协会"' in text
    assert "hidden>" in form.split("\n")[0]  # shown by the script only, so never a dead form in print
