"""The fast text pass: PDFium (pypdfium2) text per page, split into lines with their position and size.

pypdfium2 is imported here only, when the first PDF is opened, so YAML-only runs and ``tstd --help`` never pay
for it. PDFium's text page numbers every character including the line breaks it generates, so the index of a
line's first character in ``get_text_range()`` is also its index for ``get_charbox``/``FPDFText_GetFontSize``;
that gives each line a position and a font size for two C calls instead of a layout analysis of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from tstd.pdf.facts import Readability

_LINE = re.compile(r"[^\r\n]+")


@dataclass(frozen=True)
class Line:
    """One text line of a page. ``top`` is measured from the top edge of the page, in points."""

    text: str
    page: int
    top: float = 0.0
    left: float = 0.0
    right: float = 0.0
    size: float = 0.0


@dataclass(frozen=True)
class PageText:
    """The lines of one page, the number of visible characters and the page box."""

    number: int
    lines: tuple[Line, ...]
    visible_chars: int
    width: float
    height: float

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class OpenError(Exception):
    """The file could not be opened as a PDF; ``readability`` says why."""

    def __init__(self, readability: Readability, detail: str) -> None:
        super().__init__(detail)
        self.readability = readability
        self.detail = detail


_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


class PdfReader:
    """An open PDF read page by page. Use as a context manager so PDFium handles are released."""

    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]  # lazy: only the PDF path pays for it

        self._pdfium = pdfium
        try:
            self._doc: Any = pdfium.PdfDocument(path)
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            raise OpenError(Readability.MISSING, f"{type(exc).__name__}: {exc}") from exc
        except pdfium.PdfiumError as exc:
            kind = (Readability.ENCRYPTED if getattr(exc, "err_code", None) == _PDFIUM_PASSWORD_ERROR
                    else Readability.CORRUPT)
            raise OpenError(kind, str(exc)) from exc
        except OSError as exc:
            raise OpenError(Readability.MISSING, str(exc)) from exc
        self.page_count: int = len(self._doc)

    def __enter__(self) -> PdfReader:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._doc.close()

    def page(self, number: int) -> PageText:
        """The lines of page ``number`` (1-based)."""
        raw = self._pdfium.raw
        page = self._doc[number - 1]
        textpage = page.get_textpage()
        try:
            width, height = page.get_size()
            count = textpage.count_chars()
            text: str = textpage.get_text_range() if count else ""
            lines: list[Line] = []
            visible = 0
            for m in _LINE.finditer(text):
                chunk = m.group()
                stripped = chunk.strip()
                if not stripped:
                    continue
                visible += sum(1 for c in stripped if not c.isspace())
                first = m.start() + (len(chunk) - len(chunk.lstrip()))
                last = m.start() + len(chunk.rstrip()) - 1
                left, _b, _r, top_edge = textpage.get_charbox(first)
                _l, _b2, right, _t = textpage.get_charbox(last)
                size = float(raw.FPDFText_GetFontSize(textpage, first))
                top = float(height - top_edge)
                lines.append(Line(stripped, number, top, float(left), float(right), size))
            return PageText(number, tuple(lines), visible, float(width), float(height))
        finally:
            textpage.close()
            page.close()
