"""Extraction of a standard's front matter from its PDF: classify, read only the pages needed, parse.

The page loop stops as soon as the parser has chapter 3 complete, at the page cap, or when the per-file time
limit is spent (checked between pages: a single PDFium call cannot be interrupted in-process, so the limit
bounds the number of pages, and batch runs keep their own process-level guard).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from tstd.pdf.citations import collect
from tstd.pdf.classify import classify_text
from tstd.pdf.cover import parse_cover
from tstd.pdf.facts import NOTE_COVER_IMAGE, NOTE_PAGE_CAP, NOTE_TIME_LIMIT, Cover, PdfFacts, Readability
from tstd.pdf.frontmatter import FrontMatterParser, is_running
from tstd.pdf.garble import repair
from tstd.pdf.reader import Line, OpenError, PageText, PdfReader

DEFAULT_MAX_PAGES = 12  # cover + 目次 + 前言 + 引言 + chapters 1–3 fit in far fewer on real standards
DEFAULT_TIME_LIMIT = 10.0  # seconds per file
_CLASSIFY_PAGES = 3  # pages looked at before calling a file image-only


def extract(path: str | Path, *, max_pages: int = DEFAULT_MAX_PAGES,
            time_limit: float = DEFAULT_TIME_LIMIT) -> PdfFacts:
    """Extract the cover, 目次, 前言, 引言 and chapters 1–3 of the PDF at ``path``. Never raises on bad files:
    an unreadable file comes back with ``readability`` set and ``problem`` saying why."""
    path = Path(path)
    start = time.perf_counter()
    try:
        reader = PdfReader(path)
    except OpenError as exc:
        return PdfFacts(str(path), exc.readability, exc.detail)
    with reader:
        try:
            return _extract(reader, str(path), max_pages, start + time_limit)
        except Exception as exc:  # a parser defect on some odd PDF must not abort a whole batch run
            return PdfFacts(str(path), Readability.FAILED, f"{type(exc).__name__}: {exc}")


def _repaired(page: PageText) -> tuple[PageText, int]:
    total = 0
    lines: list[Line] = []
    for line in page.lines:
        text, n = repair(line.text)
        total += n
        lines.append(replace(line, text=text) if n else line)
    return (replace(page, lines=tuple(lines)) if total else page), total


def _extract(reader: PdfReader, path: str, max_pages: int, deadline: float) -> PdfFacts:
    count = reader.page_count
    if count == 0:
        return PdfFacts(path, Readability.CORRUPT, "the document has no pages")
    pages: list[PageText] = []
    repaired = 0
    notes: list[str] = []

    def read(number: int) -> PageText:
        nonlocal repaired
        page, n = _repaired(reader.page(number))
        repaired += n
        pages.append(page)
        return page

    first = read(1)
    sample = [first.text]
    # A text-less cover may front a text body; only call the file image-only when the next pages are bare too.
    while not "".join(sample).strip() and len(pages) < min(_CLASSIFY_PAGES, count):
        sample.append(read(len(pages) + 1).text)
    readability, problem = classify_text(sample)
    if readability is not Readability.OK:
        return PdfFacts(path, readability, problem, count, len(pages))
    if first.visible_chars == 0:
        notes.append(f"{NOTE_COVER_IMAGE}（图片），封面要素无法读取 / the cover page has no text layer (image)")
    cover = parse_cover(first.lines) if first.visible_chars else Cover()
    parser = FrontMatterParser(cover.number.value if cover.number else None,
                               cover.title.value if cover.title else None)
    for page in pages[1:]:
        parser.feed(page)
    timed_out = cap = False
    while not parser.done and len(pages) < count:
        if len(pages) >= max_pages:
            cap = True
            notes.append(f"{NOTE_PAGE_CAP} {max_pages} 页，未读完第1–3章 / page cap of {max_pages} reached "
                         "before the end of chapter 3")
            break
        if time.perf_counter() > deadline:
            timed_out = True
            notes.append(f"{NOTE_TIME_LIMIT}，已读 {len(pages)} 页 / time limit reached after "
                         f"{len(pages)} pages")
            break
        parser.feed(read(len(pages) + 1))
    if repaired:
        notes.append(f"已修复 {repaired} 个错误编码的拉丁字形（如“犌犅”→“GB”） / "
                     f"repaired {repaired} garbled Latin glyphs (GBK row A0 → A3)")
    fm = parser.result()
    own = cover.number.value if cover.number else None
    cited = collect(((ln.text, ln.page) for page in pages[1:] for ln in page.lines if not is_running(ln, page, own)),
                    own)
    return PdfFacts(path, Readability.OK, "", count, len(pages), cover, fm.toc, fm.toc_page, fm.foreword,
                    fm.introduction, fm.body_title, fm.chapters, fm.references, fm.terms, repaired, timed_out,
                    cap, tuple(notes), citations=cited)
