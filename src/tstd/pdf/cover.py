"""The cover (封面) parser: ICS, CCS, 团体标准, number, 代替, titles, dates, issuing organisation.

Lines are taken in reading order (top to bottom, then left to right, from their positions) because producers
write cover elements in any order. The Chinese title is the run of CJK lines between the number (or 代替 line)
and the dates, joined when it wraps; the English title is the Latin run next to it.

Real covers vary (read on published standards): the ICS may be printed with spaces for dots ("ICS 03 220 20");
older covers print the CCS without its "CCS" label ("Y 62" under the ICS line) or as a range of the old
classification ("R 10/19"); joint publications print each issuing body on its own line with "发布" alone on
the last one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from tstd.identifiers import (
    is_ccs,
    is_ics,
    normalize_ccs,
    normalize_ics,
    parse_group_number,
    parse_standard_number,
)
from tstd.normalize import nfkc, unify_dashes
from tstd.pdf.facts import Cover, Located
from tstd.pdf.reader import Line
from tstd.pdf.text import has_cjk, joiner, tidy

# Codes are matched at the start of the line only: PDFium may put the top-right code (T/XXX) on the same line.
_ICS = re.compile(r"^ICS\s*(.+)$", re.IGNORECASE)
_ICS_CODE = re.compile(r"\d{2}(?:\.\d{3}(?:\.\d{2})?)?(?![\d.])")
_CCS = re.compile(r"^CCS\s*([A-Z]\s?\d\s?\d)(?:\s*[/／~～]\s*(\d\s?\d))?(?!\d)", re.IGNORECASE)
# Without the label (older covers) only a line that holds nothing else, or the top-right number after it.
_CCS_BARE = re.compile(r"^([A-HJ-NP-Z]\s?\d\s?\d)(?:\s*[/／~～]\s*(\d\s?\d))?(?:\s+(?=T/|备案号)|$)")
_ICS_SPACED = re.compile(r"(?<![\d.])(\d{2})\s+(\d{3})(?:\s+(\d{2}))?(?![\d.])")
_REPLACES = re.compile(r"^代\s*替\s*(.+)$")
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*(发\s*布|实\s*施)")
_ISSUER = re.compile(r"^(?P<org>.+?)\s*(?:联\s*合\s*)?发\s*布$")
_PUBLISH_ALONE = re.compile(r"^(?:联\s*合\s*)?发\s*布$")
_ADOPTION = re.compile(r"^[(（].*\b(IDT|MOD|NEQ)\b.*[)）]$")
# A draft's date line before approval: "XXXX-XX-XX 发布", "××××年××月××日实施".
_DATE_PLACEHOLDER = re.compile(r"^[Xx×\d\s\-./年月日]*[Xx×][Xx×\s\-./年月日]*(发\s*布|实\s*施)$")
_STAGE = re.compile(r"(征求意见稿|送审稿|报批稿|讨论稿|草案)")
_SPLIT_NUMBERS = re.compile(r"[;；,，、]+")


def reading_order(lines: Sequence[Line]) -> list[Line]:
    """Lines sorted top to bottom; lines within 3 pt of the same height are taken left to right."""
    return sorted(lines, key=lambda ln: (round(ln.top / 3), ln.left))


def _date(m: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_cover(lines: Sequence[Line]) -> Cover:
    """Parse the lines of the cover page."""
    ordered = reading_order(lines)
    page = ordered[0].page if ordered else 1  # a draft without a cover still has one, empty
    ics: list[Located[str]] = []
    ccs = ccs_range = doc_type = number = adoption = publish = implement = organization = None
    issuer_at: int | None = None
    stage: Located[str] | None = None
    replaces: list[Located[str]] = []
    free: list[tuple[int, Line]] = []  # lines no element claimed: title candidates
    number_at = dates_at = None
    for i, line in enumerate(ordered):
        raw = tidy(line.text)
        flat = unify_dashes(nfkc(raw)).strip()
        if m := _ICS.match(flat):
            codes = _ICS_SPACED.sub(lambda g: ".".join(x for x in g.groups() if x), m[1])
            ics += [Located(normalize_ics(c), line.page, raw) for c in _ICS_CODE.findall(codes) if is_ics(c)]
            continue
        bare = _CCS_BARE.match(flat) if ccs is None and number is None and doc_type is None else None
        if ((m := _CCS.match(flat)) or bare) and (m := m or bare) and is_ccs(m[1]):
            ccs = Located(normalize_ccs(m[1]), line.page, m[0].strip())
            if m[2]:
                ccs_range = (normalize_ccs(m[1]), normalize_ccs(m[1])[0] + normalize_ccs(m[2]))
            continue
        if raw.replace(" ", "") == "团体标准":
            doc_type = Located("团体标准", line.page, line.text)
            continue
        if m := _REPLACES.match(raw):
            for part in _SPLIT_NUMBERS.split(m[1]):
                if parse_standard_number(part.strip()):
                    replaces.append(Located(nfkc(part.strip()), line.page, raw))
            continue
        if number is None and parse_group_number(raw):
            number, number_at = Located(nfkc(raw), line.page, raw), i
            continue
        found = False
        for m in _DATE.finditer(flat):
            found = True
            when = _date(m)
            if when is None:
                continue
            if m[4].replace(" ", "") == "发布":
                publish = Located(when, line.page, raw)
            else:
                implement = Located(when, line.page, raw)
        if found or _DATE_PLACEHOLDER.match(flat):
            dates_at = i if dates_at is None else dates_at
            continue
        if dates_at is not None and _PUBLISH_ALONE.match(raw):
            issuer_at = i
            continue
        if dates_at is not None and (m := _ISSUER.match(raw)):
            organization = Located(tidy(m["org"]), line.page, raw)
            issuer_at = i
            continue
        if _ADOPTION.match(flat):
            adoption = Located(raw, line.page, raw)
            continue
        if m := _STAGE.search(raw):
            stage = stage or Located(m[1], line.page, raw)
            continue
        free.append((i, line))
    issuers: list[Located[str]] = []
    if issuer_at is not None and dates_at is not None:
        # Joint publication: every unclaimed CJK line between the dates and 发布 is an issuing body.
        above = [(i, ln) for i, ln in free if dates_at < i < issuer_at and has_cjk(ln.text)]
        issuers = [Located(tidy(ln.text), ln.page, ln.text) for _i, ln in above]
        free = [(i, ln) for i, ln in free if (i, ln) not in above]
    if organization is not None:
        issuers.append(organization)
    title, title_en = _titles(free, number_at, dates_at)
    return Cover(page, tuple(ics), ccs, doc_type, number, tuple(replaces), title, title_en, adoption, publish,
                 implement, issuers[0] if issuers else None, tuple(issuers), ccs_range, stage)


def _titles(free: list[tuple[int, Line]], number_at: int | None,
            dates_at: int | None) -> tuple[Located[str] | None, Located[str] | None]:
    """The Chinese and English titles among the unclaimed lines between the number and the dates."""
    lo = number_at if number_at is not None else -1
    hi = dates_at if dates_at is not None else 1 << 30
    zh: list[Line] = []
    en: list[Line] = []
    for i, line in free:
        if not lo < i < hi:
            continue
        text = tidy(line.text)
        if has_cjk(text):
            # A wrapped title keeps its font size; a line in another size is something else.
            if not zh or (not en and abs(zh[-1].size - line.size) < 1):
                zh.append(line)
        elif re.search("[A-Za-z]{2}", text) and zh:
            en.append(line)
    title = en_title = None
    if zh and sum(1 for line in zh for c in line.text if has_cjk(c)) < 2:
        zh, en = [], []  # a lone ideograph is a stray glyph of a broken encoding, never a standard's title
    if zh:
        joined = ""
        for line in zh:
            piece = tidy(line.text)
            joined = joined + joiner(joined, piece) + piece if joined else piece
        title = Located(joined, zh[0].page, " ".join(line.text for line in zh))
    if en:
        text = " ".join(tidy(line.text) for line in en)
        en_title = Located(text, en[0].page, text)
    return title, en_title
