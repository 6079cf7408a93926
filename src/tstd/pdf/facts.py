"""What the PDF layer found in a standard's PDF: every value with the page it was read on.

The facts are frozen dataclasses (they cross process boundaries in batch runs and are compared in tests).
``Located.value`` is the cleaned value used for comparison; ``Located.text`` is the line or sentence as
printed, which messages quote.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T")

# Notes about an incomplete reading start with these phrases (the format pack selects by them).
NOTE_TIME_LIMIT = "超出单个文件时间限制"
NOTE_PAGE_CAP = "已达页数上限"
NOTE_COVER_IMAGE = "封面没有文字层"


class Readability(str, Enum):
    """Whether the file has a text layer we can read. Anything but ``ok`` is reported as one finding."""

    OK = "ok"
    IMAGE_ONLY = "image_only"  # no characters: a scan or an image export (no OCR in tstd)
    UNDECODABLE = "undecodable"  # characters without a Unicode mapping: (cid:N), control codes, no CJK
    ENCRYPTED = "encrypted"  # needs a password to open
    CORRUPT = "corrupt"  # not a PDF or damaged beyond what PDFium repairs
    MISSING = "missing"  # the file does not exist or cannot be read
    FAILED = "failed"  # the extraction itself failed: a defect in tstd, reported instead of a traceback
    LEGACY_WORD = "legacy_word"  # a binary Word .doc: python-docx reads only .docx
    DAMAGED_WORD = "damaged_word"  # a .docx that is not a valid Office Open XML package


@dataclass(frozen=True)
class Located(Generic[T]):
    """A value read from the PDF, the 1-based page it is on, and the printed text it came from."""

    value: T
    page: int
    text: str


@dataclass(frozen=True)
class Cover:
    """封面 (GB/T 1.1-2020 §8.1)."""

    page: int | None = None
    ics: tuple[Located[str], ...] = ()
    ccs: Located[str] | None = None
    doc_type: Located[str] | None = None  # "团体标准"
    number: Located[str] | None = None
    replaces: tuple[Located[str], ...] = ()
    title: Located[str] | None = None
    title_en: Located[str] | None = None
    adoption: Located[str] | None = None  # consistency marker such as (ISO 1234:2020, MOD)
    publish_date: Located[dt.date] | None = None
    implement_date: Located[dt.date] | None = None
    organization: Located[str] | None = None  # the first (or only) issuing body
    issuers: tuple[Located[str], ...] = ()  # every issuing body printed above 发布 (joint publication)
    ccs_range: tuple[str, str] | None = None  # an older cover's range "R 10/19" → ("R10", "R19")
    stage: Located[str] | None = None  # a draft's stage marker (征求意见稿, 送审稿, 报批稿 …)


@dataclass(frozen=True)
class TocEntry:
    """One line of 目次: the entry as printed and the page label it points to."""

    title: str
    target: str
    page: int


@dataclass(frozen=True)
class Foreword:
    """前言 (GB/T 1.1-2020 §8.3). ``drafting_edition``/``patent_edition`` are "2020" or "2009"."""

    page: int
    text: str = ""
    drafting_statement: Located[str] | None = None  # value: the cited edition, e.g. "GB/T 1.1—2020"
    drafting_edition: str | None = None
    patent_notice: Located[str] | None = None
    patent_edition: str | None = None
    replaces: Located[str] | None = None  # the 本文件代替… sentence
    proposer: Located[str] | None = None
    responsible: Located[str] | None = None
    drafting_units: Located[tuple[str, ...]] | None = None
    drafters: Located[tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Introduction:
    """引言; ``patent_text`` is the patent declaration required when patents have been identified."""

    page: int
    text: str = ""
    patent_text: Located[str] | None = None


@dataclass(frozen=True)
class Reference:
    """One entry of chapter 2. ``number`` is the canonical ASCII number, None when it does not parse."""

    text: str
    page: int
    number: str | None
    display: str | None  # typeset form with the em dash, e.g. "GB 2760—2024"
    title: str
    dated: bool = False


@dataclass(frozen=True)
class Term:
    """One entry of chapter 3."""

    number: str
    zh: str
    en: str
    page: int


@dataclass(frozen=True)
class Chapter:
    """A numbered chapter of the body: heading, page, joined text and its lead-in sentence."""

    number: int
    title: str
    page: int
    text: str = ""
    lead_in: Located[str] | None = None


@dataclass(frozen=True)
class PdfFacts:
    """Everything extracted from one PDF; ``notes`` say what was repaired or cut short (zh + en)."""

    path: str
    readability: Readability = Readability.OK
    problem: str = ""  # detail for a non-ok readability (the library's error text)
    page_count: int = 0
    pages_read: int = 0
    cover: Cover = field(default_factory=Cover)
    toc: tuple[TocEntry, ...] = ()
    toc_page: int | None = None
    foreword: Foreword | None = None
    introduction: Introduction | None = None
    body_title: Located[str] | None = None  # the title repeated above chapter 1
    chapters: tuple[Chapter, ...] = ()
    references: tuple[Reference, ...] = ()
    terms: tuple[Term, ...] = ()
    repaired_glyphs: int = 0
    timed_out: bool = False
    page_cap_reached: bool = False
    notes: tuple[str, ...] = ()
    unit: str = "page"  # what ``page`` numbers count: "page" (PDF) or "paragraph" (Word .docx)
    citations: tuple[Located[str], ...] = ()  # every standard number cited in the text read (canonical)

    @property
    def layout(self) -> str:
        """``engineering`` for a standard laid out after 《工程建设标准编写规定》 (1 总则, 2 术语 …), else
        ``gbt1.1``: the former is not held to GB/T 1.1's chapter order and 前言 statements."""
        first = self.chapter(1)
        return "engineering" if first is not None and first.title.replace(" ", "") == "总则" else "gbt1.1"

    @property
    def readable(self) -> bool:
        return self.readability is Readability.OK

    def chapter(self, number: int) -> Chapter | None:
        return next((c for c in self.chapters if c.number == number), None)
