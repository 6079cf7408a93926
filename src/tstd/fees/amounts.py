"""Amounts of money in prepared text (:func:`tstd.fees.text.prepare`): one reader of numbers and prices for every
fee module — the frames' tokens, the repeat-charge reader, the dues-vote figures and the whole-text reading.

Numbers are digits with separators (1,800 / 2.5) or Chinese numerals, with the capital forms receipts and 回执 use
(贰万伍仟元整; Traditional 貳/參/陸 are folded by ``prepare``).
"""

from __future__ import annotations

import re

from tstd.fees.text import NUMERALS

NUMBER = rf"(?:\d+(?:[.,]\d+)*|[{NUMERALS}][{NUMERALS}万]*)"
# A number with its magnitude (5万, 3千): what a lexicon's "{n}" stands for (5万元起, 不低于{n}万元).
QUANTITY = rf"{NUMBER}(?:[万千百])?"
# An amount: a number and a currency unit (万元, 元, 万, 千元 …; "5万" alone counts when 元 follows later), or the yuan
# sign before a number (¥3,000, ￥5,000.00: fee tables and 回执 write prices so; the full-width ￥ is ¥ after NFKC).
AMOUNT = re.compile(rf"(?P<num>{NUMBER})(?P<unit>万元|千元|百元|元|万)|¥\s?(?P<sign>\d+(?:[.,]\d+)*)")
# The same, without groups, to stand inside other patterns.
PRICE = rf"{NUMBER}(?:万元|千元|百元|元|万)|¥\s?\d+(?:[.,]\d+)*"
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_SCALE = {"万元": 10000.0, "万": 10000.0, "千元": 1000.0, "百元": 100.0, "元": 1.0}


def amount_of(match: re.Match[str]) -> float | None:
    """Yuan of an :data:`AMOUNT` match (None if unreadable)."""
    if match.group("sign") is not None:
        return parse_number(match.group("sign"))
    return parse_amount(match.group("num"), match.group("unit"))


def parse_amount(number: str, unit: str) -> float | None:
    """Yuan of ``number`` + ``unit`` (``1.5``+``万元`` → 15000, ``五``+``万`` → 50000); None if unreadable."""
    value = parse_number(number)
    return None if value is None else value * _SCALE.get(unit, 1.0)


def parse_number(text: str) -> float | None:
    """The value of digits (``1,800``) or Chinese numerals (``三万八千五百``, ``贰万伍仟``); None if unreadable."""
    digits = text.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        pass
    total, section, current = 0, 0, 0  # 三万八千五百: 3 × 10000 + 8 × 1000 + 5 × 100
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (current or 1) * _CN_UNITS[ch]
            current = 0
        elif ch == "万":
            total += (section + current or 1) * 10000
            section = current = 0
        else:
            return None
    return float(total + section + current)
