"""Standard numbers as the catalogue and normative references write them.

:func:`tstd.identifiers.parse_standard_number` handles every dash, full-width and spacing variant of
``GB 17761—2024``. Older national standards carry a two-digit year (``GB 3838-88``, ``GB 14554-93``); those are
read here as 19xx so that the withdrawn 1988 edition is found whichever way a reference spells it.
"""

from __future__ import annotations

import re

from tstd.identifiers import StandardNumber, parse_standard_number
from tstd.normalize import identifier, nfkc, unify_dashes

_TWO_DIGIT_YEAR = re.compile(r"^(?P<code>[A-Z]+(?:/[A-Z])?) ?(?P<seq>\d+(?:\.\d+)*)-(?P<yy>\d{2})$")
# A reference line: the number (optionally dated, 2- or 4-digit year, ISO-style colon) then the title.
_REFERENCE = re.compile(
    r"^\s*(?P<num>[A-Z]+(?:/[A-Z])?\s?\d+(?:\.\d+)*(?:\s?[-:]\s?(?:\d{4}|\d{2}(?!\d)))?)(?P<rest>.*)$"
)


def parse_number(text: str) -> StandardNumber | None:
    """Parse a national-standard number; two-digit years (``GB 3838-88``) become 19xx. None when unparseable."""
    parsed = parse_standard_number(text)
    if parsed is not None:
        return parsed
    m = _TWO_DIGIT_YEAR.match(identifier(text))
    if not m:
        return None
    return StandardNumber(m["code"], m["seq"], 1900 + int(m["yy"]), text)


def split_reference(text: str) -> tuple[StandardNumber | None, str]:
    """``GB 18401—2010 国家纺织产品基本安全技术规范`` → (number, title). The number is None when the line does not
    start with one (``ISO 105-E04``-style or free text are left to other checks)."""
    norm = unify_dashes(nfkc(text)).strip()
    m = _REFERENCE.match(norm.upper())
    if not m:
        return None, norm
    number = parse_number(m["num"].replace(":", "-"))
    rest = norm[m.end("num"):].strip()
    return (number, rest) if number else (None, norm)
