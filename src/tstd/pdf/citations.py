"""Every standard number cited in the text read (前言, 引言, chapters, requirements), with where it stands.

Chapter 2 lists the normative references, but requirements cite standards anywhere ("按GB 5009.3规定的方法测定").
The catalogue check needs them all. Left out: the drafting rules themselves (GB/T 1.1 is cited by every
standard's drafting statement, whatever edition was in force then), numbers in a 代替 sentence or line (a
replaced edition is withdrawn by definition) and the standard's own number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tstd.identifiers import parse_standard_number
from tstd.normalize import nfkc, unify_dashes
from tstd.pdf.facts import Located

# Chinese codes a requirement cites: GB, GB/T, GB/Z, industry codes (QB/T, HG, JJF …), T/…, DB…/T; ISO/IEC.
_NUMBER = re.compile(
    r"(?<![A-Za-z/])((?:GB(?:/[TZ])?|[A-Z]{2,3}/T|JJ[FG]|[A-Z]{2}|T/[A-Z][A-Z0-9]*|DB\d{2,4}/T)"
    r"\s?\d{1,6}(?:\.\d{1,3})*(?:\s?-\s?(?:19|20)\d{2})?)(?![\d.]*\d)")
_NOT_CODES = frozenset({"ICS", "CCS", "IDT", "MOD", "NEQ", "PDF"})
_SKIP_LINE = re.compile(r"代\s*替|按照\s*GB/T\s*1\.1|GB/T\s*1\.1\s*-\s*\d{4}\s*给出的规则")


def find_numbers(text: str) -> list[str]:
    """Canonical numbers of the standards cited in ``text`` (in order, repeats kept)."""
    flat = unify_dashes(nfkc(text))
    if _SKIP_LINE.search(flat):
        return []
    out = []
    for m in _NUMBER.finditer(flat):
        number = parse_standard_number(m[1])
        if number is None or number.code in _NOT_CODES or number.undated == "GB/T 1.1":
            continue
        out.append(number.canonical)
    return out


def collect(located_texts: Iterable[tuple[str, int]], own_number: str | None = None) -> tuple[Located[str], ...]:
    """The distinct numbers cited in (text, page-or-paragraph) pairs, each at its first occurrence."""
    own = parse_standard_number(own_number) if own_number else None
    seen: dict[str, Located[str]] = {}
    for text, where in located_texts:
        for canonical in find_numbers(text):
            if own is not None and canonical.startswith(own.undated):
                continue
            if canonical not in seen:
                seen[canonical] = Located(canonical, where, text.strip()[:160])
    return tuple(seen.values())
