"""Traditional Chinese folded to Simplified, character for character, so that offsets survive.

Fee notices from Hong Kong, Macao and Taiwan members, or copied from 繁体 web pages, must match the same
vocabularies as Simplified ones (參編費 is 参编费). The fold uses OpenCC's ``t2s`` tables (the ``opencc``
package ships them; nothing is downloaded at run time). Matching needs a string of the same length as the
original so that every offset still points at the character the user wrote: a whole-text conversion that
changes the length (a phrase rule mapping two characters to one) is replaced by a per-character one.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _converter() -> Any:
    try:
        return importlib.import_module("opencc").OpenCC("t2s")
    except Exception:  # pragma: no cover - a broken install: match Simplified text only, never crash
        return None


def _convert(text: str) -> str:
    conv = _converter()
    if conv is None:
        return text
    return str(conv.convert(text))


def _is_ascii_or_simplified_fast(text: str) -> bool:
    # Most notices are plain Simplified Chinese: a cheap test of whether any character changes at all
    # would still need the table, so the conversion itself decides; ASCII-only text never changes.
    return text.isascii()


def to_simplified(text: str) -> str:
    """``text`` with Traditional characters replaced by Simplified ones; always the same length."""
    if not text or _is_ascii_or_simplified_fast(text):
        return text
    whole = _convert(text)
    if whole == text:
        return text
    if len(whole) == len(text):
        return whole
    # A phrase rule changed the length: fold one character at a time (keeps every offset).
    out = []
    for ch in text:
        folded = _cached_char(ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=8192)
def _cached_char(ch: str) -> str:
    return _convert(ch)
