"""The HTML report in a real browser: headless Chromium prints it to PDF and PNG.

Skips only when Chromium is not installed (``apt-get install chromium``; .ci/run installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from evaluate.evalhelpers import Org
from tstd.evaluate import render_html

CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).exists()), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

A4_WIDTH_PX = 794  # 210 mm at 96 px/in
# Appended to a copy of the report: records any element wider than the page (the report itself has no script).
PROBE = """<script>
const limit = document.documentElement.clientWidth;
const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > limit + 0.5)
  .map(e => e.tagName + '.' + e.className);
document.body.setAttribute('data-overflow', wide.length ? wide.join(',') : 'none');
document.body.setAttribute('data-scroll', String(document.documentElement.scrollWidth - limit));
</script>"""


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
