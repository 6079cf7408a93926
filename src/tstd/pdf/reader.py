"""The fast text pass: PDFium text per page, split into lines with their position and size.

PDFium is driven through ``pypdfium2_raw`` (the ctypes bindings that pypdfium2 ships) rather than the
pypdfium2 helper layer: the helpers add ~50 ms of imports (logging, object tracking) to every one-file run
and nothing this pass needs. The bindings are imported when the first PDF is opened, so YAML-only runs
and ``tstd --help`` never pay for them. PDFium's text page numbers every character including the line
breaks it generates, so the index of a line's first character in the page text is also its index for
``FPDFText_GetCharBox``/``FPDFText_GetFontSize``: two C calls give each line a position and a font size,
without a layout analysis of the page.
"""

from __future__ import annotations

import ctypes
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from tstd import limits
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


_PDFIUM_ERRORS = {1: "unknown error", 2: "file not found or could not be opened", 3: "not a PDF or corrupted",
                  4: "password required or incorrect", 5: "unsupported security scheme", 6: "page not found"}
_PDFIUM_PASSWORD_ERRORS = (4, 5)
_pdfium: Any = None


def _library() -> Any:
    """The PDFium bindings, loaded and initialised once per process."""
    global _pdfium
    if _pdfium is None:
        try:  # lazy: only the PDF path pays for it
            import pypdfium2_raw as pdfium  # type: ignore[import-untyped]
        except ImportError:  # older pypdfium2 releases keep the bindings inside the package
            from pypdfium2 import raw as pdfium  # type: ignore[import-untyped]

        config = pdfium.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
        pdfium.FPDF_InitLibraryWithConfig(config)  # idempotent in PDFium; pypdfium2 may also have done it
        _pdfium = pdfium
    return _pdfium


class PdfReader:
    """An open PDF read page by page. Use as a context manager so PDFium's handles are released."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise OpenError(Readability.MISSING, f"no such file: {path}")
        bomb = inflation_problem(path)  # before PDFium sees it: PDFium inflates without a bound
        if bomb:
            raise OpenError(Readability.CORRUPT, bomb)
        self.chars_read = 0  # text taken so far; past the document limit further pages read as empty
        self._lib = lib = _library()
        self._doc = lib.FPDF_LoadDocument((str(path) + "\x00").encode("utf-8", "surrogateescape"), None)
        if not self._doc:
            code = int(lib.FPDF_GetLastError())
            detail = f"PDFium: {_PDFIUM_ERRORS.get(code, f'error {code}')}"
            if code == 2:
                raise OpenError(Readability.MISSING, detail)
            kind = Readability.ENCRYPTED if code in _PDFIUM_PASSWORD_ERRORS else Readability.CORRUPT
            raise OpenError(kind, detail)
        self.page_count: int = int(lib.FPDF_GetPageCount(self._doc))

    def __enter__(self) -> PdfReader:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._doc:
            self._lib.FPDF_CloseDocument(self._doc)
            self._doc = None

    def page(self, number: int) -> PageText:
        """The lines of page ``number`` (1-based)."""
        lib = self._lib
        page = lib.FPDF_LoadPage(self._doc, number - 1)
        if not page:
            return PageText(number, (), 0, 0.0, 0.0)
        textpage = lib.FPDFText_LoadPage(page)
        try:
            width, height = float(lib.FPDF_GetPageWidthF(page)), float(lib.FPDF_GetPageHeightF(page))
            count = int(lib.FPDFText_CountChars(textpage)) if textpage else 0
            # Bounded text: a page (or a document) dense with text would otherwise feed every later pass
            # with megabytes; a real page has a few thousand characters.
            count = max(0, min(count, limits.MAX_PDF_PAGE_CHARS, limits.MAX_PDF_DOC_CHARS - self.chars_read))
            self.chars_read += count
            text = _text(lib, textpage, count) if count > 0 else ""
            box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top

            def charbox(index: int) -> tuple[float, float, float, float]:
                lib.FPDFText_GetCharBox(textpage, index, *box)
                return box[0].value, box[1].value, box[2].value, box[3].value

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
                left, _r, _b, top_edge = charbox(first)
                _l, right, _b2, _t = charbox(last)
                size = float(lib.FPDFText_GetFontSize(textpage, first))
                lines.append(Line(stripped, number, height - top_edge, left, right, size))
            return PageText(number, tuple(lines), visible, width, height)
        finally:
            if textpage:
                lib.FPDFText_ClosePage(textpage)
            lib.FPDF_ClosePage(page)


def _text(lib: Any, textpage: Any, count: int) -> str:
    """All text of a text page. The buffer has room for twice the characters: PDFium may emit more UTF-16
    code units than characters (surrogate pairs, generated line breaks)."""
    size = 2 * count + 2
    buffer = (ctypes.c_ushort * size)()
    written = int(lib.FPDFText_GetText(textpage, 0, count, buffer))
    return bytes(memoryview(buffer).cast("B")[: max(written - 1, 0) * 2]).decode("utf-16-le", "replace")


_STREAM = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 16


def inflation_problem(path: Path, max_stream: int = limits.MAX_PDF_STREAM_BYTES,
                      max_total: int = limits.MAX_PDF_TOTAL_BYTES) -> str:
    """Why ``path`` must not be handed to PDFium ('' when it may): a Flate stream that inflates past
    ``max_stream`` bytes, or all of them past ``max_total`` (a decompression bomb). Inflates every zlib
    stream once, in chunks that are counted and dropped, so memory stays flat whatever the file holds."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.MAX_PDF_FILE_BYTES + 1)
    except OSError:
        return ""  # PDFium reports it
    if len(data) > limits.MAX_PDF_FILE_BYTES:
        return f"PDF larger than {limits.MAX_PDF_FILE_BYTES} bytes"
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if data[start:start + 1] not in (b"\x78", b"\x08", b"\x18", b"\x28", b"\x38", b"\x48", b"\x58", b"\x68"):
            continue  # not a zlib header: another filter (images, fonts in other encodings), or none
        inflater = zlib.decompressobj()
        produced = 0
        position = start
        try:
            while not inflater.eof:
                if inflater.unconsumed_tail:  # output was capped: go on with the input it left
                    piece = inflater.unconsumed_tail
                elif position < len(data):
                    piece = data[position:position + _CHUNK]
                    position += len(piece)
                else:
                    break
                produced += len(inflater.decompress(piece, _CHUNK))
                if produced > max_stream:
                    return f"a compressed stream inflates to more than {max_stream} bytes (decompression bomb)"
        except zlib.error:
            pass  # damaged or not zlib after all: PDFium decides what it can read
        total += produced
        if total > max_total:
            return f"compressed streams inflate to more than {max_total} bytes in all (decompression bomb)"
    return ""
