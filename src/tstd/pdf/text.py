"""Text helpers for PDF lines: tidy spacing, join wrapped lines, split sentences, keep pages.

Values are taken from the *tidy* form (the printed characters with PDF spacing artefacts removed, so quotes
look like the document); detection uses :func:`tstd.normalize.text_for_matching` (NFKC, one dash, no spaces
between CJK), so full-width forms, dash variants and inserted spaces do not defeat it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from tstd.normalize import text_for_matching
from tstd.pdf.facts import Located
from tstd.pdf.reader import Line

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201f"
_WS = re.compile(r"[ \t\u3000\u00a0]+")
_WIDE = re.compile(f"[{_CJK}{_PUNCT}]")
_HAS_CJK = re.compile(f"[{_CJK}]")
_ASCII_END = re.compile(r"[A-Za-z0-9.,;:)%]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9(]")


def tidy(text: str) -> str:
    """Collapse whitespace (including U+3000) and undo letter-spacing: a space between CJK characters goes
    when one side is a single character (团 体 标 准, 发 布) or CJK punctuation, and stays between words
    (食品安全国家标准 食品添加剂使用标准)."""
    tokens = _WS.split(text.strip())
    out = tokens[0]
    for prev, token in itertools.pairwise(tokens):
        a, b = prev[-1], token[0]
        wide_pair = bool(_WIDE.match(a)) and bool(_WIDE.match(b))
        spaced = len(prev) == 1 or len(token) == 1 or not (has_cjk(a) and has_cjk(b))
        out += token if wide_pair and spaced else " " + token
    return out


def has_cjk(text: str) -> bool:
    return bool(_HAS_CJK.search(text))


def match_form(text: str) -> str:
    """The form used for matching: NFKC, ASCII dash, single spaces, no spaces between CJK."""
    return text_for_matching(text)


def joiner(before: str, after: str) -> str:
    """What goes between two wrapped lines: a space only between two Latin words or numbers."""
    return " " if _ASCII_END.search(before) and _ASCII_START.match(after) else ""


def join_lines(lines: Iterable[Line]) -> str:
    """The tidy text of wrapped lines joined into one paragraph."""
    out = ""
    for line in lines:
        piece = tidy(line.text)
        out = out + joiner(out, piece) + piece if out else piece
    return out


_STARTERS = re.compile(r"^(本文件|本标准|本部分|请注意|——|[a-z][)）])")


def sentences(lines: Sequence[Line]) -> list[Located[str]]:
    """Split lines into sentences (at 。 and where a line starts a new statement); each keeps its first page.

    ``value`` is the tidy sentence, ``text`` the same (kept for symmetry with other located values).
    """
    out: list[Located[str]] = []
    buf = ""
    page = 0

    def flush() -> None:
        nonlocal buf
        if buf.strip():
            out.append(Located(buf.strip(), page, buf.strip()))
        buf = ""

    for line in lines:
        piece = tidy(line.text)
        if buf and _STARTERS.match(piece):
            flush()
        while piece:
            if not buf:
                page = line.page
            head, sep, rest = piece.partition("。")
            buf = buf + joiner(buf, head) + head + sep if buf else head + sep
            if sep:
                flush()
            piece = rest
    flush()
    return out
