"""The front-matter parser: 目次, 前言, 引言 and chapters 1–3 from the pages after the cover.

It is fed one page at a time and says when it has seen enough (the heading after chapter 3), so the reader
stops there instead of reading the whole document. Running headers (the standard number) and page numbers
are dropped by position and shape before parsing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tstd.identifiers import parse_group_number, split_reference
from tstd.normalize import nfkc, unify_dashes
from tstd.pdf.facts import Chapter, Foreword, Introduction, Located, Reference, Term, TocEntry
from tstd.pdf.reader import Line, PageText
from tstd.pdf.text import has_cjk, join_lines, match_form, sentences, tidy

_HEADER_BAND = 0.08  # share of the page height holding running headers and footers
_PAGE_LABEL = re.compile(r"^(?:[IVXLC]+|[ivxlc]+|\d{1,3}|-\s*\d{1,3}\s*-)$")
_TOC_ENTRY = re.compile(r"^(?P<title>.+?)\s*(?:[.…·・]{2,}|\t|\s{2,})\s*(?P<target>[IVXLC]+|\d+)$")
# Inside 目次 an entry may lose its dot leader in the text layer ("1 范围 2"): a trailing page label suffices.
_TOC_ENTRY_LOOSE = re.compile(r"^(?P<title>.+?)\s+(?P<target>[IVXLC]+|\d+)$")
_CHAPTER = re.compile(r"^(?P<num>\d{1,2})\s*(?P<title>[\u4e00-\u9fff][^。，；：:,;.…·]{0,30})$")
_STANDARD_TITLES = {1: "范围", 2: "规范性引用文件", 3: "术语和定义"}
_END_OF_CHAPTERS = re.compile(r"^(附\s*录\s*[A-Z]|参\s*考\s*文\s*献|索\s*引)")
_REF_HEAD = re.compile(r"^(?:[A-Z]{1,6}(?:/[A-Z])?\s*\d|T/[A-Z0-9]+\s*\d|DB\d{2,4}(?:/[TZ])?\s*\d|ISO|IEC)")
_TERM_NUMBER = re.compile(r"^3\.\d+$")
_EN_START = re.compile(r"[A-Za-z]")
_PATENT_INTRO = ("提请注意", "专利持有人", "合理且无歧视", "涉及专利", "识别专利")
_PATENT_STRONG = ("提请注意", "专利持有人", "合理且无歧视")  # only a declaration of identified patents says these
_NEGATED = re.compile(r"(不|未|没有|无)涉及(到)?(任何)?专利|未识别出?(任何)?专利")
_DRAFTING = re.compile(r"按照\s*GB/T\s*1\.1\s*-\s*(\d{4})")
_DRAFTING_2009 = re.compile(r"GB/T\s*1\.1\s*-\s*(\d{4})\s*给出的规则起草")
_PROPOSER = re.compile(r"^本(?:文件|标准|部分)由(?P<who>.+?)提出")
_RESPONSIBLE = re.compile(r"^本(?:文件|标准|部分)由(?:(?P<who>.+?)提出并|(?P<who2>.+?))归口")
# 起草单位, or in engineering-construction forewords 主编单位 / 参编单位 (both lists are drafting units).
_UNITS = re.compile(r"^本(?:文件|标准|部分)(?:的)?(?:主要)?(?:起草|主编|参编)单位[:：]\s*(?P<list>.+?)。?$")
_DRAFTERS = re.compile(r"^本(?:文件|标准|部分)(?:的)?(?:主要)?起草人(?:员)?[:：]\s*(?P<list>.+?)。?$")
_GROUP_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,4}组[:：]")  # "编写组：王某、…" in some real forewords
_REPLACES = re.compile(r"^本(?:文件|标准|部分)代替")
_LIST_SPLIT = re.compile(r"[、，,；;]\s*")


def heading(text: str) -> str:
    """A line's text with all spaces removed, for comparing headings such as 目　　次 or 前 言."""
    return re.sub(r"\s+", "", text)


def is_running(line: Line, page: PageText, number: str | None) -> bool:
    """A running header or footer: a page label or the standard number in the top or bottom band."""
    band = page.height * _HEADER_BAND
    if band < line.top < page.height - band:
        return False
    text = tidy(nfkc(line.text))
    if _PAGE_LABEL.match(text):
        return True
    if number is not None and match_form(text) == match_form(number):
        return True
    return parse_group_number(text) is not None


@dataclass
class _Section:
    name: str  # toc | foreword | intro | chapter
    page: int
    lines: list[Line] = field(default_factory=list)
    number: int = 0
    title: str = ""


@dataclass
class FrontMatter:
    """The parsed sections; built incrementally by :class:`FrontMatterParser`."""

    toc: tuple[TocEntry, ...] = ()
    toc_page: int | None = None
    foreword: Foreword | None = None
    introduction: Introduction | None = None
    body_title: Located[str] | None = None
    chapters: tuple[Chapter, ...] = ()
    references: tuple[Reference, ...] = ()
    terms: tuple[Term, ...] = ()


class FrontMatterParser:
    """Feed pages in order with :meth:`feed`; :attr:`done` turns true once chapter 3 is complete."""

    def __init__(self, number: str | None = None, title: str | None = None, *, paragraphs: bool = False) -> None:
        self._paragraphs = paragraphs  # Word: every line is its own "page" (paragraph number)
        self._number = number
        self._title = match_form(title) if title else None
        self._sections: list[_Section] = []
        self._current: _Section | None = None
        self._next_chapter = 1
        self._body_title: Located[str] | None = None
        self.done = False

    def feed(self, page: PageText) -> None:
        """Parse one page (pages after the cover, in order)."""
        for line in page.lines:
            if self.done:
                return
            if not is_running(line, page, self._number):
                self._line(line)

    def _start(self, section: _Section) -> None:
        self._current = section
        self._sections.append(section)

    def _line(self, line: Line) -> None:
        head = heading(line.text)
        cur = self._current
        if head in ("目次", "目录"):
            self._start(_Section("toc", line.page))
            return
        if head == "前言":
            self._start(_Section("foreword", line.page))
            return
        if head == "引言":
            self._start(_Section("intro", line.page))
            return
        flat = tidy(unify_dashes(nfkc(line.text)))
        is_toc_entry = cur is not None and cur.name == "toc" and _TOC_ENTRY_LOOSE.match(flat) is not None
        m = _CHAPTER.match(flat)
        if m and not is_toc_entry and self._is_next_chapter(int(m["num"]), tidy(m["title"])):
            number = int(m["num"])
            if number >= 4:  # the chapter after 3 (or after 2 when 3 is missing): enough read
                self.done = True
                return
            if self._next_chapter == 1:
                self._take_body_title(line)
            self._start(_Section("chapter", line.page, number=number, title=tidy(m["title"])))
            self._next_chapter = number + 1
            return
        if self._next_chapter >= 3 and _END_OF_CHAPTERS.match(flat):
            self.done = True
            return
        if cur is not None:
            cur.lines.append(line)
        elif self._next_chapter == 1:
            # Lines before any section: only the body title can be here (no foreword, no TOC).
            self._sections.append(_Section("pre", line.page, [line]))
            self._current = self._sections[-1]

    def _is_next_chapter(self, number: int, title: str) -> bool:
        """The expected next chapter, or the one after it when that carries its standard title (a chapter
        left out without renumbering), so one missing chapter does not hide the rest."""
        if number == self._next_chapter:
            return True
        if number != self._next_chapter + 1 or self._next_chapter == 1:
            return False
        return number >= 4 or _STANDARD_TITLES.get(number) == heading(title)

    def _take_body_title(self, heading_line: Line) -> None:
        """Move the title printed above chapter 1 out of the section it was collected into."""
        cur = self._current
        if cur is None:
            return
        lines = cur.lines
        tail: list[Line] = []
        while lines and (lines[-1].page == heading_line.page or self._paragraphs) and lines[-1].top < heading_line.top:
            candidate = [lines[-1], *tail]
            text = match_form(join_lines(candidate))
            matches_title = self._title is not None and self._title.startswith(text)
            # Without a known title, take the page's opening lines when the section began on an earlier page.
            opens_page = self._title is None and cur.page != heading_line.page and "。" not in text
            if not (matches_title or opens_page or cur.name == "pre"):
                break
            tail = candidate
            lines.pop()
        if tail:
            text = join_lines(tail)
            self._body_title = Located(text, tail[0].page, " ".join(t.text for t in tail))

    def result(self) -> FrontMatter:
        """Everything parsed so far."""
        out = FrontMatter(body_title=self._body_title)
        chapters: list[Chapter] = []
        for sec in self._sections:
            if sec.name == "toc":
                out.toc, out.toc_page = _toc(sec), sec.page
            elif sec.name == "foreword":
                out.foreword = _foreword(sec)
            elif sec.name == "intro":
                out.introduction = _introduction(sec)
            elif sec.name == "chapter":
                chapter, refs, terms = _chapter(sec)
                chapters.append(chapter)
                out.references += refs
                out.terms += terms
        out.chapters = tuple(chapters)
        return out


def _toc(sec: _Section) -> tuple[TocEntry, ...]:
    entries = []
    for line in sec.lines:
        flat = tidy(nfkc(line.text))
        if m := _TOC_ENTRY.match(flat) or _TOC_ENTRY_LOOSE.match(flat):
            entries.append(TocEntry(tidy(m["title"]), m["target"], line.page))
    return tuple(entries)


def _names(text: str, people: bool = False) -> tuple[str, ...]:
    """Split a 、-separated list; people's names (no spaces inside) may also be separated by spaces."""
    parts = _LIST_SPLIT.split(text)
    if people:
        parts = [name for part in parts for name in re.split(r"[\s\u3000]+", part.strip())]
    return tuple(n for n in (_GROUP_LABEL.sub("", tidy(p)).rstrip("等") for p in parts) if n)


def _foreword(sec: _Section) -> Foreword:
    sents = sentences(sec.lines)
    drafting = patent = replaces = proposer = responsible = units = drafters = None
    drafting_edition = patent_edition = None
    for i, s in enumerate(sents):
        form = match_form(s.value)
        solid = re.sub(r"\s+", "", form)  # letter-spaced text must not defeat the statement patterns
        if drafting is None and (m := _DRAFTING.search(solid) or _DRAFTING_2009.search(solid)):
            drafting_edition = m[1]
            drafting = Located(f"GB/T 1.1—{m[1]}", s.page, s.value)
        elif patent is None and "请注意" in form and "专利" in form:
            text = s.value
            if i + 1 < len(sents) and "不承担识别" in sents[i + 1].value and "不承担识别" not in text:
                text += sents[i + 1].value
            patent_edition = "2009" if ("这些专利" in text or "本标准" in text) else "2020"
            patent = Located(text, s.page, text)
        elif replaces is None and _REPLACES.match(s.value):
            replaces = s
        if m := _PROPOSER.match(s.value):
            proposer = Located(tidy(m["who"]), s.page, s.value)
        if m := _RESPONSIBLE.match(s.value):
            responsible = Located(tidy(m["who"] or m["who2"]), s.page, s.value)
        if m := _UNITS.match(s.value):
            found = _names(m["list"])
            units = Located(units.value + found, units.page, units.text + s.value) if units else Located(
                found, s.page, s.value)
        if m := _DRAFTERS.match(s.value):
            drafters = Located(_names(m["list"], people=True), s.page, s.value)
    return Foreword(sec.page, join_lines(sec.lines), drafting, drafting_edition, patent, patent_edition,
                    replaces, proposer, responsible, units, drafters)


def _introduction(sec: _Section) -> Introduction:
    """The 引言 and its patent declaration. Only the declaration of *identified* patents counts (提请注意 …
    专利持有人 … 合理且无歧视): the bare notice moved into the 引言, or "本文件不涉及专利", is no declaration —
    reading either as one would make an untrue-disclosure error out of a lawful text."""
    sents = sentences(sec.lines)
    hits = [i for i, s in enumerate(sents)
            if any(k in s.value for k in _PATENT_STRONG) and not _NEGATED.search(s.value)]
    patent = None
    if hits:
        end = hits[-1]
        while end + 1 < len(sents) and any(k in sents[end + 1].value for k in _PATENT_INTRO):
            end += 1  # the closing "请注意除上述专利外……不承担识别专利的责任。"
        chosen = sents[hits[0]: end + 1]
        text = "".join(s.value for s in chosen)
        patent = Located(text, chosen[0].page, text)
    return Introduction(sec.page, join_lines(sec.lines), patent)


def _chapter(sec: _Section) -> tuple[Chapter, tuple[Reference, ...], tuple[Term, ...]]:
    refs: tuple[Reference, ...] = ()
    terms: tuple[Term, ...] = ()
    body = sec.lines
    if sec.number == 2:
        body, refs = _references(sec.lines)
    if sec.number == 3:
        terms = _terms(sec.lines)
    sents = sentences(body)
    lead = sents[0] if sents else None
    return Chapter(sec.number, sec.title, sec.page, join_lines(sec.lines), lead), refs, terms


def _references(lines: Sequence[Line]) -> tuple[list[Line], tuple[Reference, ...]]:
    """Split chapter 2 into its lead-in lines and its entries (an entry may wrap onto further lines)."""
    lead: list[Line] = []
    entries: list[list[Line]] = []
    right = max((ln.right for ln in lines), default=0.0)
    for line in lines:
        flat = tidy(unify_dashes(nfkc(line.text)))
        starts_entry = bool(_REF_HEAD.match(flat))
        if not entries:
            if starts_entry and (not lead or join_lines(lead).endswith("。")):
                entries.append([line])
            else:
                lead.append(line)
            continue
        wrapped = entries[-1][-1].right >= right * 0.9
        if starts_entry or not wrapped:
            entries.append([line])
        else:
            entries[-1].append(line)
    refs = []
    for entry in entries:
        text = join_lines(entry)
        number, title = split_reference(text)
        refs.append(Reference(text, entry[0].page, number.canonical if number else None,
                              number.display if number else None, title if number else text,
                              bool(number and number.year)))
    return lead, tuple(refs)


def _terms(lines: Sequence[Line]) -> tuple[Term, ...]:
    out = []
    for line, nxt in itertools.pairwise(lines):
        number = tidy(line.text)
        if _TERM_NUMBER.match(number) and has_cjk(nxt.text):
            text = tidy(nxt.text)
            m = _EN_START.search(text)
            zh, en = (text[: m.start()].strip(), text[m.start():].strip()) if m else (text, "")
            out.append(Term(number, zh, en, nxt.page))
    return tuple(out)
