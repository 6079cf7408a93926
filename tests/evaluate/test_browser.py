"""The HTML reports in a real browser: headless Chromium prints them to PDF and PNG.

The evaluation report (HTML, and ``tstd evaluate --format pdf``) and the batch report of ``tstd check
--format html``: A4 pages with the text on them, screenshots at 1280 px and at A4 width that are not blank,
nothing wider than the page, no table cell narrower than three characters, and the batch report's filter
working. Skips only when Chromium is not installed (``apt-get install chromium``; .ci/run installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evaluate.evalhelpers import ORG_DIR, Org
from helpers import EXAMPLES
from tstd.cli import app
from tstd.evaluate import render_html
from tstd.report.html import render as render_batch
from tstd.run import CheckOptions, build_engine, check_paths

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).exists()), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

A4_WIDTH_PX = 794  # 210 mm at 96 px/in
DESKTOP_PX = 1280
# Appended to a copy of the report: records any element wider than the page (the report itself has no script).
PROBE = """<script>
const limit = document.documentElement.clientWidth;
const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > limit + 0.5)
  .map(e => e.tagName + '.' + e.className);
document.body.setAttribute('data-overflow', wide.length ? wide.join(',') : 'none');
document.body.setAttribute('data-scroll', String(document.documentElement.scrollWidth - limit));
</script>"""


# Measures, after opening every <details>: elements reaching past the page, and table cells (with text)
# narrower than three characters of their own font. A CSP would block this probe: it is removed in the copy.
LAYOUT_PROBE = """<script>
document.querySelectorAll('details').forEach(d => { d.open = true; });
const limit = document.documentElement.clientWidth;
const shown = e => e.getClientRects().length > 0;
const wide = [...document.querySelectorAll('body *')].filter(e => shown(e) && e.getBoundingClientRect().right > limit + 0.5)
  .map(e => e.tagName + '.' + e.className);
const narrow = [...document.querySelectorAll('td, th')].filter(e => shown(e) && e.textContent.trim()
  && e.getBoundingClientRect().width < 3 * parseFloat(getComputedStyle(e).fontSize))
  .map(e => e.tagName + ':' + e.textContent.trim().slice(0, 12));
document.body.setAttribute('data-overflow', wide.length ? wide.join(',') : 'none');
document.body.setAttribute('data-narrow', narrow.length ? narrow.join('|') : 'none');
document.body.setAttribute('data-scroll', String(document.documentElement.scrollWidth - limit));
</script>"""


def _without_csp(html: str) -> str:
    return re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tstd.evaluate import load_model

    org = Org(load_model())
    del org.answer("7.3")["evidence_file"]  # a varied report: some answers without documents
    html = tmp_path_factory.mktemp("report") / "report.html"
    html.write_text(render_html(org.score()), encoding="utf-8")
    return html


def test_pdf_is_a4_with_the_text(report: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    run = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", report.as_uri())
    assert pdf.is_file() and pdf.stat().st_size > 10_000, run.stderr[-2000:]
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    assert len(doc) >= 2
    text = ""
    for page in doc:
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        textpage = page.get_textpage()
        # No character is placed beyond the page edges (nothing overflows off the paper).
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            assert left >= -1 and right <= width + 1 and bottom >= -1 and top <= height + 1
        text += textpage.get_text_range()
    flat = re.sub(r"\s+", "", text)
    for expected in ["团体标准化良好行为自我评价报告", "浙江省智能家居产业协会", "51330000MJ9A03725C", "改进措施",
                     "T/ZJSHA010—2024", "tstd默认团体标准化良好行为自我评价模型"]:
        assert expected in flat


def test_page_one_png_is_not_blank(report: Path, tmp_path: Path) -> None:
    png = tmp_path / "page1.png"
    run = chromium(tmp_path, f"--window-size={A4_WIDTH_PX},1123", f"--screenshot={png}", report.as_uri())
    assert png.is_file(), run.stderr[-2000:]
    from PIL import Image

    image = Image.open(png).convert("L")
    assert image.size == (A4_WIDTH_PX, 1123)
    histogram = image.histogram()
    white = sum(histogram[250:])
    dark = sum(histogram[:100])
    total = image.size[0] * image.size[1]
    assert white < 0.97 * total  # something is drawn
    assert dark > 0.005 * total  # including dark text


def test_nothing_wider_than_an_a4_page(report: Path, tmp_path: Path) -> None:
    probe = tmp_path / "probe.html"
    probe.write_text(report.read_text("utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    run = chromium(tmp_path, f"--window-size={A4_WIDTH_PX},1123", "--dump-dom", probe.as_uri())
    assert "团体标准化良好行为自我评价报告" in run.stdout, run.stderr[-2000:]
    assert 'data-overflow="none"' in run.stdout
    assert 'data-scroll="0"' in run.stdout


def _pdf_text(pdf: Path) -> tuple[int, str]:
    """(pages, text without spaces), asserting every page is A4 and no character is off the paper."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    text = ""
    for page in doc:
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842)
        textpage = page.get_textpage()
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            assert left >= -1 and right <= width + 1 and bottom >= -1 and top <= height + 1
        text += textpage.get_text_range()
    # PDFium reports a hyphen that ends a line as U+FFFE: a long path (a deep checkout) wraps at its "-".
    return len(doc), re.sub(r"\s+", "", text).replace("\ufffe", "-")


def _not_blank(png: Path, size: tuple[int, int]) -> None:
    from PIL import Image

    image = Image.open(png).convert("L")
    assert image.size == size
    histogram = image.histogram()
    total = size[0] * size[1]
    assert sum(histogram[250:]) < 0.97 * total and sum(histogram[:100]) > 0.003 * total


def _layout(page: Path, tmp: Path, width: int) -> str:
    probe = tmp / f"probe-{width}.html"
    probe.write_text(_without_csp(page.read_text("utf-8")).replace("</body>", LAYOUT_PROBE + "</body>"),
                     encoding="utf-8")
    run = chromium(tmp, f"--window-size={width},1123", "--dump-dom", probe.as_uri())
    assert "data-overflow" in run.stdout, run.stderr[-2000:]
    return run.stdout


def test_evaluation_report_cells_are_never_squeezed(report: Path, tmp_path: Path) -> None:
    dom = _layout(report, tmp_path, A4_WIDTH_PX)
    assert 'data-narrow="none"' in dom and 'data-overflow="none"' in dom


def test_evaluation_pdf_from_the_cli(tmp_path: Path) -> None:
    """`tstd evaluate --format pdf` with the Chromium engine: A4, page numbers, the signature block."""
    pdf = tmp_path / "自评报告.pdf"
    result = CliRunner().invoke(app, ["evaluate", str(ORG_DIR), "--format", "pdf", "--output", str(pdf),
                                      "--pdf-engine", "chromium", "--date", "2026-11-22"])
    assert result.exit_code == 0, result.output
    pages, text = _pdf_text(pdf)
    assert pages >= 2
    for expected in ["团体标准化良好行为自我评价报告", "浙江省智能家居产业协会", f"第1页/共{pages}页",
                     f"第{pages}页/共{pages}页", "填报人", "负责人", "单位盖章", "tstd内置默认模型"]:
        assert expected in text, expected
    assert "/work/" not in text and "site-packages" not in text and "self-assessed" not in text


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = check_paths([EXAMPLES], build_engine(CheckOptions()))
    page = tmp_path_factory.mktemp("batch") / "batch.html"
    page.write_text(render_batch(report), encoding="utf-8")
    return page


@pytest.mark.parametrize("width", [DESKTOP_PX, A4_WIDTH_PX])
def test_batch_report_layout(batch: Path, tmp_path: Path, width: int) -> None:
    dom = _layout(batch, tmp_path, width)
    assert 'data-overflow="none"' in dom
    assert 'data-scroll="0"' in dom
    assert 'data-narrow="none"' in dom, re.search(r'data-narrow="([^"]*)"', dom)


def test_batch_report_screenshot_at_1280(batch: Path, tmp_path: Path) -> None:
    png = tmp_path / "batch.png"
    run = chromium(tmp_path, f"--window-size={DESKTOP_PX},900", f"--screenshot={png}", batch.as_uri())
    assert png.is_file(), run.stderr[-2000:]
    _not_blank(png, (DESKTOP_PX, 900))


def test_batch_report_prints_on_a4(batch: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "batch.pdf"
    run = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", batch.as_uri())
    assert pdf.is_file(), run.stderr[-2000:]
    pages, text = _pdf_text(pdf)
    assert pages >= 2
    for expected in ["团体标准合规检查报告", "问题最多的规则", "未发现问题的文件", "compliant-rice-cooker.yaml"]:
        assert expected in text, expected
    assert f"1/{pages}" in text  # page numbers
    assert "全部" not in text  # the filter form is for the screen only


FILTER_PROBE = """<script>
const select = document.querySelector('#filter select[data-key="sev"]');
select.value = 'warning';
select.dispatchEvent(new Event('change'));
const rows = [...document.querySelectorAll('tr.finding')].filter(r => !r.hidden);
document.body.setAttribute('data-rows', rows.map(r => r.getAttribute('data-sev')).join(','));
document.body.setAttribute('data-form', String(!document.getElementById('filter').hidden));
</script>"""


def test_batch_filter_runs_under_its_own_csp(batch: Path, tmp_path: Path) -> None:
    """The page's filter script runs with the page's CSP in place (its hash is allowed) and filters rows."""
    html = batch.read_text("utf-8")
    check = tmp_path / "filter.html"
    # the probe needs the CSP lifted, but the filter itself must work with it: first, with it, the form shows
    run = chromium(tmp_path, f"--window-size={DESKTOP_PX},900", "--dump-dom", batch.as_uri())
    assert re.search(r'<form class="filter" id="filter">', run.stdout), "the filter script did not run"
    check.write_text(_without_csp(html).replace("</body>", FILTER_PROBE + "</body>"), encoding="utf-8")
    run = chromium(tmp_path, f"--window-size={DESKTOP_PX},900", "--dump-dom", check.as_uri())
    rows = re.search(r'data-rows="([^"]*)"', run.stdout)
    assert rows is not None, run.stderr[-2000:]
    assert rows.group(1) and set(rows.group(1).split(",")) == {"warning"}
