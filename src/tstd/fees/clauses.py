"""Notices cut into statements, clauses and sub-clauses — the units a fee practice is read in.

* a **statement** ends at 。！？ or a line break, or where a list item begins (一、 (一) 1. ①). A disclaimer
  (谨防假冒, 凡…均属违规) governs its whole statement, across "；", and the items of a list its statement
  introduces with "：" (开展自查：强制入会；另收分会会费；… — see :func:`list_heads`);
* a **clause** also ends at "；" — the window in which a payment must be tied to a benefit;
* a **sub-clause** also ends at "，" — the reach of a negation (不收取参编费，但主编单位须出资…).

A table flattened to text (cells separated by "|", tabs or aligned spaces, see :mod:`tstd.fees.text`) is read
row by row: each row is one clause with a single sub-clause, so "主编单位 | 5万元 | 前言排名第一" ties the
tier, its fee and its benefit together. A form's option line (a 回执 or 报名表 flattened to text: "□ 主编单位（前言
署名第1位，编制经费5万元）") is read the same way: one option, one row, its commas separating its cells.
Splitting is one regular-expression pass: linear in the text, so a megabyte without any punctuation costs the
same as a megabyte of short sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from tstd.fees.text import COLUMN, LIST_START

# After NFKC: ！？；，（） are ASCII; 。、 stay. ① becomes "1" under NFKC, so circled numbers are not
# markers here; "(1)" and "1." are.
_MARKER = (r"(?:(?<![一二三四五六七八九十第])[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十])"
           r"|\([一二三四五六七八九十\d]{1,3}\)"
           r"|(?:(?<=[\n:;。!?,\s|])|^)(?:\d{1,2}[.、](?!\d)|第[一二三四五六七八九十\d]{1,3}[条项款]))")
# A form's option: a line opening with a check box (□ 主编单位（…，5万元）) — one tier of the form, read as a row.
_OPTION = re.compile(r"[□☐☑✓√]")  # check boxes only: ○ and ■ are also list bullets
_BOUNDARY = re.compile(rf"(?P<stop>[。!?\n])|(?P<semi>;)|(?P<comma>,)|(?P<marker>{_MARKER})")


@dataclass(frozen=True)
class Clause:
    """A clause ``[start, end)`` of the normalised text; ``commas`` are its sub-clause boundaries (the
    index just after each comma), ``statement`` the number of its statement, ``row`` a table row."""

    start: int
    end: int
    statement: int
    commas: tuple[int, ...] = ()
    row: bool = False
    header: tuple[int, int] | None = None  # for a table row: the span of its table's first row

    def subclause_of(self, index: int) -> int:
        """Number of the sub-clause holding ``index`` (0 for the first)."""
        return bisect_right(self.commas, index)

    def subclause_span(self, number: int) -> tuple[int, int]:
        bounds = (self.start, *self.commas, self.end)
        return bounds[number], bounds[number + 1]


@dataclass(frozen=True)
class Layout:
    """All clauses of one text, in order, and the start of each statement."""

    clauses: tuple[Clause, ...]
    statements: tuple[int, ...]

    def statement_of(self, index: int) -> int:
        return max(bisect_right(self.statements, index) - 1, 0)

    def header_of(self, index: int) -> tuple[int, int] | None:
        """The header row's span of the table row holding ``index`` (None outside a table or on the header)."""
        k = bisect_right(self.clauses, index, key=lambda c: c.start) - 1
        if k < 0:
            return None
        clause = self.clauses[k]
        return clause.header if clause.row and clause.start <= index < clause.end else None


LIST_REACH = 12  # how many items a colon-introduced list may run to


def list_heads(text: str, layout: Layout, k: int) -> range:
    """Statements before statement ``k`` that introduce a list ``k`` belongs to: "…开展自查：强制入会；\n另收分会
    会费；\n…收费培训。" — a statement holding ":" whose items follow, each ending in ";" (the last may end in
    。). Empty when ``k`` is no list item. A disclaimer in such a head governs every item of its list."""
    j = k
    while j > 0 and k - j < LIST_REACH and _statement_text(text, layout, j - 1).endswith((";", ":")):
        j -= 1
    return range(j, k) if any(":" in _statement_text(text, layout, i) for i in range(j, k)) else range(0)


def list_items(text: str, layout: Layout, k: int) -> range:
    """Statements after statement ``k`` that are the items of a list it introduces (``k`` ends with ":"): each
    item but the last ends in ";". Empty when ``k`` introduces no list."""
    if not _statement_text(text, layout, k).endswith(":"):
        return range(0)
    j = k + 1
    while j < len(layout.statements) and j - k < LIST_REACH:
        if not _statement_text(text, layout, j).endswith(";"):
            return range(k + 1, j + 1)
        j += 1
    return range(k + 1, j)


def _statement_text(text: str, layout: Layout, k: int) -> str:
    end = layout.statements[k + 1] if k + 1 < len(layout.statements) else len(text)
    return text[layout.statements[k]:end].rstrip()


@lru_cache(maxsize=256)
def split(text: str) -> Layout:
    """Clauses of normalised ``text`` (see the module docstring)."""
    clauses: list[Clause] = []
    statements: list[int] = []
    pos = 0
    n = len(text)
    header: tuple[int, int] | None = None
    while pos < n:
        line_end = _paragraph_end(text, pos)
        statements.append(pos)
        option = _OPTION.match(text, pos) is not None and "\n" not in text[pos:line_end - 1]
        if COLUMN in text[pos:line_end] or option:
            # A row: its cells are its sub-clauses (a negation in one cell does not reach the next), and the
            # first row of the table (its header: 单位类别|费用|权益) is kept as the row's context.
            sep = "," if option else COLUMN
            cells = tuple(i + 1 for i in range(pos, line_end) if text[i] == sep and i + 1 < line_end)
            clauses.append(Clause(pos, line_end, len(statements) - 1, cells, True, None if option else header))
            if header is None and not option:
                header = (pos, line_end)
        else:
            header = None
            _split_line(text, pos, line_end, clauses, statements)
        pos = line_end
    if not clauses:
        clauses.append(Clause(0, n, 0))
        statements = [0]
    return Layout(tuple(clauses), tuple(statements))


_HARD_BEFORE = frozenset("。!?;:")
_LIST_START = LIST_START


def _paragraph_end(text: str, pos: int) -> int:
    """End of the line starting at ``pos``, joined with the lines that merely continue it: a prose line
    wrapped in the middle of a sentence (no 。；： before the break, no list item or table row after it) is
    one statement with the next — "…按'主编单位5万元'的标准\n向27家企业收取…" is one sentence."""
    n = len(text)
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return n
        line = text[pos:nl]
        nxt_end = text.find("\n", nl + 1)
        nxt = text[nl + 1: n if nxt_end < 0 else nxt_end]
        if (not line or line[-1] in _HARD_BEFORE or COLUMN in line or COLUMN in nxt or not nxt
                or _LIST_START.match(nxt) or len(line) < 12):
            return nl + 1
        pos = nl + 1


def _split_line(text: str, pos: int, end: int, clauses: list[Clause], statements: list[int]) -> None:
    start = pos
    commas: list[int] = []

    def close(stop: int) -> None:
        nonlocal start, commas
        if stop > start:
            clauses.append(Clause(start, stop, len(statements) - 1, tuple(c for c in commas if c < stop)))
        start, commas = stop, []

    for m in _BOUNDARY.finditer(text, pos, end):
        kind = m.lastgroup
        if kind == "stop" and m.group() == "\n" and m.end() < end:
            continue  # a wrapped line inside a paragraph (see _paragraph_end)
        if kind == "stop":
            close(m.end())
            if m.end() < end:
                statements.append(m.end())
        elif kind == "semi":
            close(m.end())
        elif kind == "comma":
            commas.append(m.end())
        elif kind == "marker" and m.start() > start:
            close(m.start())
            if statements[-1] != m.start():
                statements.append(m.start())
    close(end)
