"""Renderers: JSON follows its schema, Markdown and HTML show the same facts, untrusted text is escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema

from evaluate.evalhelpers import Org, finding
from tstd.evaluate import RENDERERS, render_html, render_json, render_markdown

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "schemas" / "evaluation.schema.json").read_text("utf-8"))


def test_json_validates_and_carries_the_contract(org: Org) -> None:
    org.findings["T-ZJSHA-007-2024.yaml"].append(finding(
        "TSTD-MAND-002", "mandatory", "warning", "引用的 GB 4706.1—2005 已被代替", path="standard.normative_references[0]",
        line=25))
    ev = org.score()
    data = json.loads(render_json(ev))
    jsonschema.validate(data, SCHEMA)
    assert data["organization"]["name"] == "浙江省智能家居产业协会"
    assert data["model"]["id"] == "tstd-default" and data["model"]["version"] == "1.0.0"
    assert data["score"] == ev.score and data["percent"] == ev.percent and data["level"]["id"] == ev.level.id  # type: ignore[union-attr]
    by_number = {s["number"]: s for s in data["standards"]}
    assert by_number["T/ZJSHA 007—2024"]["findings"] == {"error": 0, "warning": 1, "info": 0}
    assert by_number["T/ZJSHA 007—2024"]["details"][0]["line"] == 25
    area = data["indicators"][4]
    assert area["id"] == "5" and area["children"][2]["id"] == "5.3"
    assert area["children"][2]["missing"][0]["rule"] == "TSTD-MAND-002"


def test_markdown_sections(org: Org) -> None:
    text = render_markdown(org.score())
    for heading in ["## 一、社会团体基本信息", "## 二、各评价领域得分", "## 三、指标得分明细", "## 四、所查团体标准及检查结果",
                    "## 五、改进措施", "评价模型与说明"]:
        assert heading in text
    assert "### T/ZJSHA 010—2024 智能窗帘电机技术规范" in text
    assert "非官方评分表" in text


def test_markdown_escapes_table_cells(org: Org) -> None:
    org.organization["business_scope"] = "研究 | 标准\n培训"
    text = render_markdown(org.score())
    assert "| 业务范围 | 研究 \\| 标准 培训 |" in text


def test_html_escapes_untrusted_text_and_loads_nothing(org: Org) -> None:
    org.organization["name"] = "<script>alert(1)</script>协会"
    org.declarations["T-ZJSHA-010-2024.yaml"]["standard"]["title"] = '智能"窗帘"<img src=x onerror=alert(1)>'
    html = render_html(org.score())
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;协会" in html
    # Self-contained: no external stylesheet, script, image or font.
    assert not re.search(r"<(link|script|img|iframe)\b", html)
    assert "url(" not in html and "@import" not in html


def test_html_content(org: Org) -> None:
    ev = org.score()
    html = render_html(ev)
    assert html.count("<svg") == 1 and html.count('class="track"') == 7
    assert "@page { size: A4" in html
    assert "浙江省智能家居产业协会" in html and "51330000MJ9A03725C" in html
    assert f"{ev.percent:.1f}%" in html
    assert "五、改进措施" in html and ev.actions[0].text in html
    assert "tstd-default" in html and ev.date.isoformat() in html


def test_renderer_registry() -> None:
    assert {name: suffix for name, (_, suffix) in RENDERERS.items()} == {
        "html": ".html", "markdown": ".md", "json": ".json"}


def test_veto_is_explained_in_every_format(org: Org) -> None:
    org.findings["T-ZJSHA-007-2024.yaml"].append(finding(
        "TSTD-MAND-004", "mandatory", "error", "待机功率限值宽于 GB 12021.6 的要求", path="standard.requirements[1]"))
    ev = org.score()
    assert ev.score_level is not None and ev.score_level.id != "D"
    html, markdown = render_html(ev), render_markdown(ev)
    for text in (html, markdown):
        assert "最高评为「待改进」（D）" in text and "TSTD-MAND-004" in text
    assert f"按得分本可评为「{ev.score_level.title.zh}」" in html
    data = json.loads(render_json(ev))
    assert data["level"]["id"] == "D" and data["score_level"]["id"] == ev.score_level.id
    assert data["vetoes"][0]["findings"][0]["standard"] == "T/ZJSHA 007—2024"
