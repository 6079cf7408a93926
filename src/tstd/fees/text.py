"""Free Chinese text prepared for matching: normalised form, offsets back to the original, sentences, clauses.

Notices arrive with full-width letters and digits, ideographic spaces, spaces between CJK characters
(copied from PDFs) and several punctuation styles. We match on a normalised copy but every offset we
report must point into the text the user wrote, so normalisation keeps a map from each normalised
character to the index of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from tstd.fees.fold import to_simplified
from tstd.normalize import DASHES

# A sentence ends at these (after NFKC the full-width ！？； become ASCII; 。 stays). A new line ends a
# sentence too: fee schedules in notices are one item per line.
SENTENCE_ENDS = frozenset("。!?;\n")
# A clause also ends at a comma. 、 (enumeration) and ： do not end a clause on purpose: in
# "不收取参编费、署名费" the negation covers every item of the list, and in "参编费：免收" the
# disclaimer after the colon belongs to the item before it.
CLAUSE_ENDS = SENTENCE_ENDS | frozenset(",")
ROW_ENDS = frozenset("!?\n")  # a table row's sentence ends only at a question or an exclamation (and the line)
LINE_ENDS = frozenset("\n")

_SPACES = frozenset(" \u3000\u00a0\u2002\u2003\u2009\u200b\r")
# A table flattened to text separates its cells by tabs, box-drawing bars or runs of spaces: they become
# one "|" so that a row reads as "主编单位|5万元|前言排名第一" and its cells stay apart.
_CELL_BARS = frozenset("\t|│┃｜¦")
COLUMN = "|"
# Chinese numerals, with the capital forms receipts and 回执 use (贰万伍仟元整; Traditional 貳/參/陸 are folded).
NUMERALS = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"


@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of character indexes in the normalised text."""

    start: int
    end: int


@dataclass(frozen=True)
class PreparedText:
    """One field's text, normalised for matching, with the way back to the original.

    ``text`` is the normalised form; ``origin[i]`` is the index in ``original`` of the character that
    produced ``text[i]``. ``sentences`` and ``clauses`` are spans of ``text`` that cover it in order.
    """

    original: str
    text: str
    origin: tuple[int, ...]
    sentences: tuple[Span, ...]
    clauses: tuple[Span, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the normalised range ``[start, end)`` (``end > start``)."""
        return self.origin[start], self.origin[end - 1] + 1

    def sentence_at(self, index: int) -> tuple[int, Span]:
        """(number, span) of the sentence holding normalised position ``index``."""
        return _containing(self.sentences, index)

    def clause_at(self, index: int) -> Span:
        return _containing(self.clauses, index)[1]


def _start(span: Span) -> int:
    return span.start


def _containing(spans: tuple[Span, ...], index: int) -> tuple[int, Span]:
    # Spans are sorted and cover the text: bisect on their starts.
    k = max(bisect_right(spans, index, key=_start) - 1, 0)
    return k, spans[k]


def _keeps_space(before: str, after: str) -> bool:
    # A space survives only between two Latin words ("ISO 9001"); between Chinese characters, digits
    # ("20 000元") or punctuation it is layout, not content, and would break term matching.
    return before.isascii() and after.isascii() and before.isalnum() and after.isalnum() \
        and not (before.isdigit() and after.isdigit())


def _normalise(text: str) -> tuple[str, list[int]]:
    """Traditional folded to Simplified, NFKC per character, spaces dropped inside Chinese, cell
    separators unified; ``origin`` maps every output character to its source index. Linear in the text."""
    folded = to_simplified(text).replace("帐", "账")  # 帐户/账户, 专帐/专账: one spelling (same length)
    out: list[str] = []
    origin: list[int] = []
    pending: int | None = None  # index of the first space of a run not yet emitted
    run = 0  # length of that run
    for i, ch in enumerate(folded):
        if ch in _SPACES:
            if pending is None:
                pending, run = i, 0
            run += 1
            continue
        if ch in _CELL_BARS:
            if out and out[-1] not in "|\n":
                out.append(COLUMN)
                origin.append(i)
            pending = None
            continue
        norm = "-" if ch in DASHES else (_nfkc(ch) if ord(ch) > 0x7F else ch)
        if not norm:
            continue
        if pending is not None:
            if out and out[-1] not in "|\n" and norm[0] != "\n" and run >= 2:
                # aligned columns: two or more ASCII spaces inside a line separate cells
                out.append(COLUMN)
                origin.append(pending)
            elif out and _keeps_space(out[-1], norm[0]):
                out.append(" ")
                origin.append(pending)
            pending = None
        for c in norm:
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def _split(text: str, ends: frozenset[str], offset: int = 0) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in ends:
            spans.append(Span(offset + start, offset + i + 1))
            start = i + 1
    if start < len(text) or not spans:
        spans.append(Span(offset + start, offset + len(text)))
    return tuple(spans)


# A line that starts a list item (一、 (一) 1. 第三条 ▶ 【…】) never continues the line before it.
LIST_START = re.compile(r"[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.、](?!\d)"
                        r"|第[一二三四五六七八九十\d]{1,3}[条项款]|[▶►•●◆■□○◇※【]")
_HARD_ENDS = frozenset("。!?;:")
WRAP_MIN = 20  # a shorter line is a heading, a salutation or a signature, not prose wrapped at the margin


def _unwrap(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """Drop the line breaks of prose wrapped at a margin (…按申请单位所报展示\n服务费金额…, 涉及团\n体标准): a
    long line that ends without 。；：！？ and is followed by a line that is neither a list item nor a table row
    goes on in the next line, so words and sentences are read across the break."""
    if "\n" not in text:
        return text, origin
    lines = text.split("\n")
    keep: list[bool] = []
    for line, nxt in pairwise(lines):
        keep.append(len(line) < WRAP_MIN or line[-1] in _HARD_ENDS or COLUMN in line or COLUMN in nxt
                    or not nxt or LIST_START.match(nxt) is not None)
    if all(keep):
        return text, origin
    out: list[str] = []
    kept: list[int] = []
    pos = 0
    for k, line in enumerate(lines):
        out.append(line)
        kept.extend(origin[pos:pos + len(line)])
        pos += len(line)
        if k < len(keep):
            if keep[k]:
                out.append("\n")
                kept.append(origin[pos])
            pos += 1
    return "".join(out), kept


@lru_cache(maxsize=4096)
def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


# A table header cell that names a money column and its unit: 费用(万元/家), 金额(元), 工作经费(万元), 价格(元/年).
_MONEY_HEADER = re.compile(r"(?:费|金额|经费|价格|价|赞助|出资|资金|款|标准)[^|]{0,8}?\((万元|元|千元)[^)|]{0,8}\)"
                           r"|(?:单位|币种)[:]?(万元|元)")
_BARE_NUMBER = re.compile(r"[\d][\d,]*(?:\.\d+)?")


def _header_units(text: str, origin: list[int]) -> tuple[str, list[int]]:
    """A table whose header puts the unit of money in a column's name (费用(万元/家) | 权益) leaves its rows'
    amounts bare (主编单位 | 8.0 | 前言排名第1位): the unit is written after each bare number of that column, so a
    row reads as the tier → fee → benefit clause it is. The added characters point at the number they follow."""
    if COLUMN not in text or "(" not in text:
        return text, origin
    out: list[str] = []
    kept: list[int] = []
    units: dict[int, str] = {}
    pos = 0
    for line in text.split("\n"):
        cells = line.split(COLUMN) if COLUMN in line else None
        if cells is None:
            units = {}
        elif not any(_BARE_NUMBER.fullmatch(cell) for cell in cells) and any(
                _MONEY_HEADER.search(cell) for cell in cells):  # a header row: names, no bare amounts
            units = {i: (m.group(1) or m.group(2)) for i, cell in enumerate(cells)
                     if (m := _MONEY_HEADER.search(cell))}
        at = pos
        for i, cell in enumerate(cells if cells is not None else [line]):
            out.append(cell)
            kept.extend(origin[at:at + len(cell)])
            at += len(cell)
            if cells is not None and i in units and _BARE_NUMBER.fullmatch(cell):
                out.append(units[i])
                kept.extend([origin[at - 1]] * len(units[i]))
            if cells is not None and i < len(cells) - 1:
                out.append(COLUMN)
                kept.append(origin[at])
                at += 1
        pos += len(line)
        if pos < len(text):
            out.append("\n")
            kept.append(origin[pos])
            pos += 1
    return "".join(out), kept


@lru_cache(maxsize=512)
def prepare(text: str) -> PreparedText:
    """Normalise ``text`` for matching (NFKC per character, one dash, spaces inside Chinese removed).

    Cached: every text rule of the fee pack scans the same notices, so each text is prepared once.
    """
    norm, origin = _header_units(*_unwrap(*_normalise(text)))
    return PreparedText(text, norm, tuple(origin), _sentences(norm), _split(norm, CLAUSE_ENDS))


def _sentences(text: str) -> tuple[Span, ...]:
    """Sentences of normalised ``text``; a table row is one sentence whatever statements its cells hold (会员单位
    1500元/年；理事单位3000元/年 | 常务理事会决议: the row's cells say what its figures are) — but a question
    still ends at its mark (问题 | 答复 rows: 入会后想退出？ | 请向会员部…)."""
    if COLUMN not in text:
        return _split(text, SENTENCE_ENDS)
    spans: list[Span] = []
    start = 0
    for line in _split(text, LINE_ENDS):
        if COLUMN in text[line.start:line.end]:
            if start < line.start:
                spans.extend(_split(text[start:line.start], SENTENCE_ENDS, start))
            spans.extend(_split(text[line.start:line.end], ROW_ENDS, line.start))
            start = line.end
    if start < len(text):
        spans.extend(_split(text[start:], SENTENCE_ENDS, start))
    return tuple(spans)


def normalise_term(term: str) -> str:
    """The form a lexicon term takes for matching: the same per-character normalisation as texts."""
    return _normalise(term)[0].strip()
