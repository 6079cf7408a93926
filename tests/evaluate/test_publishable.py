"""The evaluation report is a document an organisation publishes: Chinese, each finding once, signable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from evaluate.evalhelpers import ROOT, Org, edit
from tstd.cli import app
from tstd.evaluate import render_html, render_markdown
from tstd.evaluate.pdf import PdfError, find_chromium, render_pdf, weasyprint_available
from tstd.evaluate.view import chinese, field_label, model_source

runner = CliRunner()


def _answers(org_dir: Path, change: Any) -> None:
    edit(org_dir / "organization.yaml", change)


def test_field_names_come_from_the_schema_descriptions() -> None:
    assert field_label("standard.release_document.url") == "发布文件/发布公告·网址"
    assert field_label("process.reviews[2].date") == "复审记录·日期"
    assert field_label("uscc") == "统一社会信用代码"  # an organisation key, by itself
    assert field_label("standard.no_such_field") is None


def test_chinese_drops_english_halves_but_not_standard_numbers() -> None:
    assert chinese("缺少 standard.scope / missing（a.yaml）") == "缺少「范围」（a.yaml）"
    assert chinese("自评为「2 分」/ self-assessed below full") == "自评为「2 分」，低于满分"
    assert chinese("按 GB/T 1.1—2020 起草；T/ZJSHA 010—2024") == "按 GB/T 1.1—2020 起草；T/ZJSHA 010—2024"
    assert chinese("第十八条（条款未核实 / unverified）") == "第十八条（条款未核实）"
    assert chinese("一个未知的 foo.bar 路径") == "一个未知的 foo.bar 路径"  # unknown paths are left as written


def test_report_reads_as_chinese(org: Org) -> None:
    ev = org.score()
    raw = [g.text for node in ev.walk() for g in node.missing]
    assert any("/ self-assessed below full" in t for t in raw) and any("/ missing" in t for t in raw)
    for text in (render_markdown(ev), render_html(ev)):
        assert "统一社会信用代码" in text and "uscc：" not in text
        assert "standardization.department" not in text and "标准化工作部门与人员·内设标准化工作部门" in text
        for english in ("self-assessed below full", "no evidence given", "/ missing", "unverified", "3 of 4"):
            assert english not in text, english
        assert "，低于满分" in text


def test_no_install_path_in_the_report(org: Org) -> None:
    ev = org.score()
    assert str(ROOT) in ev.model.source  # the model does know where it came from …
    for text in (render_markdown(ev), render_html(ev)):
        assert str(ROOT) not in text and "site-packages" not in text  # … the published report does not say
        assert "tstd 内置默认模型（rules/conduct.yaml）" in text
    assert model_source("/home/clerk/模型/db34.yaml") == "db34.yaml"


def test_each_finding_once_with_the_indicators_it_costs(org_dir: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(org_dir), "--format", "markdown", "--date", "2026-11-22"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    # 007's 21-day consultation: printed once, with the indicator it cost, referred to elsewhere by number
    assert text.count("征求意见期 21 天") == 1
    line = next(x for x in text.splitlines() if "征求意见期 21 天" in x)
    number = re.match(r"(\d+)\. ", line)
    assert number and "影响指标 3.2" in line
    assert f"TSTD-DISC-030，见检查问题 {number.group(1)}" in text
    assert text.count("GB 4706.1—2005《家用和类似用途电器的安全") == 2  # two standards, two findings


def test_signature_block_and_page_numbers(org: Org) -> None:
    html = render_html(org.score())
    assert re.search(r"@page \{ size: A4;", html)
    assert 'counter(page)' in html and 'counter(pages)' in html
    block = html[html.index('class="signature"'):]
    for word in ("填报人", "负责人", "日期", "单位盖章"):
        assert word in block
    assert "填报人" in render_markdown(org.score()) and "单位盖章" in render_markdown(org.score())


def test_staff_with_a_unit_is_not_doubled(org: Org) -> None:
    org.organization["standardization"]["staff"] = "6人"
    text = render_markdown(org.score())
    assert "| 标准化工作人员 | 6人 |" in text and "人 人" not in text
    org.organization["standardization"]["staff"] = 6
    assert "| 标准化工作人员 | 6 人 |" in render_markdown(org.score())


def test_invalid_answers_on_stderr_and_exit_1(org_dir: Path, tmp_path: Path) -> None:
    def spoil(data: dict[str, object]) -> None:
        answers = data["self_assessment"]
        assert isinstance(answers, list)
        answers[0]["answer"] = "差不多"
        answers.append({"indicator": "9.9", "answer": "是"})
        appended.append(len(answers))

    appended: list[int] = []

    _answers(org_dir, spoil)
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["evaluate", str(org_dir), "-f", "markdown", "-o", str(out)])
    assert result.exit_code == 1
    assert "自评输入有 2 个问题" in result.stderr
    assert "自评答复第 1 条：" in result.stderr and "差不多" in result.stderr
    assert f"自评答复第 {appended[0]} 条（指标）" in result.stderr and "9.9" in result.stderr
    assert "--allow-incomplete" in result.stderr
    assert "六、输入问题" in out.read_text("utf-8")  # the report is still written, and says so
    allowed = runner.invoke(app, ["evaluate", str(org_dir), "-f", "markdown", "-o", str(out), "--allow-incomplete"])
    assert allowed.exit_code == 0 and "自评输入有 2 个问题" in allowed.stderr


def test_clean_answers_exit_0_with_nothing_on_stderr(org_dir: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(org_dir), "-f", "json"])
    assert result.exit_code == 0 and result.stderr == ""


def test_pdf_needs_an_output_file(org_dir: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(org_dir), "-f", "pdf"])
    assert result.exit_code == 2 and "--output" in result.stderr


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(PdfError, match="未知的 PDF 引擎"):
        render_pdf("<p>x</p>", "prince")


@pytest.mark.skipif(not weasyprint_available(), reason="WeasyPrint (tstd[pdf]) is not installed")
def test_pdf_with_weasyprint(org_dir: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    out = tmp_path / "自评报告.pdf"
    result = runner.invoke(app, ["evaluate", str(org_dir), "-f", "pdf", "-o", str(out), "--pdf-engine", "weasyprint"])
    assert result.exit_code == 0, result.output
    doc = pdfium.PdfDocument(str(out))
    assert len(doc) >= 2
    assert all((round(p.get_size()[0]), round(p.get_size()[1])) == (595, 842) for p in doc)  # A4
    last = re.sub(r"\s+", "", doc[len(doc) - 1].get_textpage().get_text_range())
    assert f"第{len(doc)}页/共{len(doc)}页" in last and "单位盖章" in last


def test_weasyprint_fetches_nothing() -> None:
    if not weasyprint_available():
        pytest.skip("WeasyPrint (tstd[pdf]) is not installed")
    with pytest.raises(PdfError, match="外部资源"):
        render_pdf('<img src="http://example.invalid/x.png">', "weasyprint")


def test_chromium_engine_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: None)
    assert find_chromium() is None
    with pytest.raises(PdfError, match="无法生成 PDF"):
        render_pdf("<p>x</p>", "chromium")
