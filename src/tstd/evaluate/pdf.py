"""The evaluation report as PDF: the same HTML, printed on A4 by WeasyPrint or headless Chromium.

WeasyPrint (the optional extra ``tstd[pdf]``) is tried first: it is a maintained PyPI package that needs
no browser and renders the report's paged-media CSS (``@page`` size, margins, page-number boxes) itself.
When it is not installed, a Chromium found on the PATH prints the page instead. Neither fetches anything:
the report is self-contained, WeasyPrint gets a URL fetcher that refuses every URL, and Chromium runs
with networking features off on a file in a private temporary directory.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any, NoReturn

from tstd.atomic import write_atomic

ENGINES = ("auto", "weasyprint", "chromium")
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PdfError(Exception):
    """No PDF engine could be used, or the engine failed; the message says what to install or fix."""


def find_chromium() -> str | None:
    """The path of a Chromium/Chrome executable on the PATH, if any."""
    return next((p for p in map(shutil.which, _CHROMIUM_NAMES) if p), None)


def weasyprint_available() -> bool:
    """True when the optional WeasyPrint package (and the Pango library it loads) can be imported."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (ImportError, OSError):  # OSError: the package is there but Pango is not
        return False
    return True


def render_pdf(html: str, engine: str = "auto") -> bytes:
    """Print ``html`` to PDF bytes with ``engine`` (auto: WeasyPrint, else Chromium); raises PdfError."""
    if engine not in ENGINES:
        raise PdfError(f"未知的 PDF 引擎：{engine}（可选 {'、'.join(ENGINES)}）")
    if engine in ("auto", "weasyprint") and weasyprint_available():
        return _weasyprint(html)
    if engine == "weasyprint":
        raise PdfError("未安装 WeasyPrint：请执行 pip install \"tstd[pdf]\"（需要系统的 Pango 库）")
    chromium = find_chromium()
    if chromium is not None:
        return _chromium(chromium, html)
    raise PdfError("无法生成 PDF：请安装 WeasyPrint（pip install \"tstd[pdf]\"）或 Chromium；"
                   "也可改用 --format html 后在浏览器中打印为 PDF")


def _refuse(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    # The report is self-contained; anything it would fetch is a bug or an injection: never go out.
    raise PdfError(f"报告引用了外部资源，已拒绝：{url}")


def _weasyprint(html: str) -> bytes:
    import weasyprint

    fetcher_class = getattr(weasyprint.urls, "URLFetcher", None)
    # WeasyPrint ≥ 67 takes a fetcher object: no protocol allowed, and a refusal stops the rendering
    # (older versions take a function; its refusal leaves the resource out with a warning).
    fetcher: Any = (fetcher_class(allowed_protocols=(), fail_on_errors=True) if fetcher_class is not None
                    else _refuse)
    try:
        return bytes(weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf())
    except PdfError:
        raise
    except BaseException as exc:  # FatalURLFetchingError is a BaseException; let Ctrl-C through
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        if "fetch" in type(exc).__name__.lower() or "fetch" in str(exc).lower():
            raise PdfError(f"报告引用了外部资源，已拒绝：{exc}") from exc
        raise PdfError(f"WeasyPrint 未能生成 PDF：{exc}") from exc


def _chromium(executable: str, html: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="tstd-pdf-") as tmp:
        work = Path(tmp)
        page, pdf = work / "report.html", work / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--disable-extensions", f"--user-data-dir={work / 'profile'}", "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf}", page.as_uri()]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(f"Chromium 无法运行：{exc}") from exc
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise PdfError(f"Chromium 未能生成 PDF（退出码 {run.returncode}）：{run.stderr.strip()[-300:]}")
        return pdf.read_bytes()


def write_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (never half a PDF; a device or FIFO is written in place)."""
    write_atomic(Path(path), data)
