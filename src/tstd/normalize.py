"""Normalisation of Chinese text and identifiers.

Identifiers (standard numbers, USCC, ICS, CCS) arrive with full-width letters and digits, several dash
characters, ideographic spaces and stray spaces. We compare their normalised forms but always quote the
user's original spelling in messages.
"""

from __future__ import annotations

import re
import unicodedata

# Every dash-like character seen between a standard's sequence number and its year (brief §8.8).
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\u2500\u2501"
_DASH_RE = re.compile(f"[{DASHES}]")
_SPACE_RE = re.compile(r"[\s\u3000\u00a0]+")
_SPACE_AROUND_SEP_RE = re.compile(r"\s*([-/.])\s*")
_CJK_SPACE_RE = re.compile(r"(?<=[\u3400-\u9fff])[ \t\u3000]+(?=[\u3400-\u9fff])")


def nfkc(text: str) -> str:
    """Unicode NFKC: full-width letters, digits, slashes and the ideographic space become ASCII."""
    return unicodedata.normalize("NFKC", text)


def unify_dashes(text: str, dash: str = "-") -> str:
    """Replace every dash variant with ``dash``."""
    return _DASH_RE.sub(dash, text)


def identifier(text: str) -> str:
    """Canonical form of an identifier: NFKC, ASCII dash, upper case, single spaces, no space around - / ."""
    text = unify_dashes(nfkc(text)).upper()
    text = _SPACE_RE.sub(" ", text).strip()
    return _SPACE_AROUND_SEP_RE.sub(r"\1", text)


def compact(text: str) -> str:
    """Identifier form without any spaces (for comparing ``51 1000 00…`` or ``Y 62``)."""
    return _SPACE_RE.sub("", identifier(text))


def text_for_matching(text: str) -> str:
    """Normalise free Chinese text for matching: NFKC, dashes, collapsed whitespace, no spaces between CJK."""
    text = unify_dashes(nfkc(text))
    text = _SPACE_RE.sub(" ", text)
    return _CJK_SPACE_RE.sub("", text).strip()
