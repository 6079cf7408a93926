"""PDF limits: decompression bombs are refused before PDFium inflates them; text per page and document is
bounded (counted, not timed)."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from tstd import limits
from tstd.pdf.facts import Readability
from tstd.pdf.reader import OpenError, PdfReader, inflation_problem

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "pdf"


def _pdf_with_stream(path: Path, payload: bytes) -> Path:
    body = zlib.compress(payload, 9)
    path.write_bytes(b"%PDF-1.4\n1 0 obj <</Length " + str(len(body)).encode() + b" /Filter /FlateDecode>>\nstream\n"
                     + body + b"\nendstream\nendobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")
    return path


def test_flate_bomb_is_refused_with_a_reason(tmp_path: Path) -> None:
    bomb = _pdf_with_stream(tmp_path / "bomb.pdf", b"\0" * (4 << 20))  # 4 MiB from ~4 KiB
    assert "decompression bomb" in inflation_problem(bomb, max_stream=1 << 20)
    assert "in all" in inflation_problem(bomb, max_stream=8 << 20, max_total=2 << 20)
    assert inflation_problem(bomb, max_stream=8 << 20) == ""  # within the limits


def test_real_pdfs_pass_the_inflation_check() -> None:
    for pdf in FIXTURES.glob("*.pdf"):
        assert inflation_problem(pdf) == "", pdf.name


def test_the_reader_refuses_a_bomb_as_a_corrupt_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = _pdf_with_stream(tmp_path / "bomb.pdf", b"\0" * (4 << 20))
    monkeypatch.setattr("tstd.pdf.reader.inflation_problem",
                        lambda path: inflation_problem(path, max_stream=1 << 20))
    with pytest.raises(OpenError) as caught:
        PdfReader(bomb)
    assert caught.value.readability is Readability.CORRUPT and "bomb" in caught.value.detail


def test_text_taken_per_page_and_per_document_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = FIXTURES / "rl_ttf.pdf"
    with PdfReader(pdf) as reader:
        full = sum(len(reader.page(n).text) for n in range(1, reader.page_count + 1))
    assert full > 200
    monkeypatch.setattr(limits, "MAX_PDF_PAGE_CHARS", 60)
    with PdfReader(pdf) as reader:
        assert all(len(reader.page(n).text.replace("\n", "")) <= 60 for n in range(1, reader.page_count + 1))
    monkeypatch.setattr(limits, "MAX_PDF_PAGE_CHARS", 10_000)
    monkeypatch.setattr(limits, "MAX_PDF_DOC_CHARS", 100)
    with PdfReader(pdf) as reader:
        taken = sum(len(reader.page(n).text.replace("\n", "")) for n in range(1, reader.page_count + 1))
    assert 0 < taken <= 100
