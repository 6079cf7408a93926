"""Repair of the garbled Latin glyphs of some official PDFs (brief §8.8).

Some official PDFs use a font whose Latin letters and digits map to the wrong Unicode characters: each glyph
comes out as the CJK character in GBK row 0xA0 with the same trail byte as the full-width form in row 0xA3
(犌 = GBK A0C7 ↔ Ｇ = A3C7, 犅 A0C2 ↔ Ｂ, 犐犆犛 ↔ ＩＣＳ). Row 0xA0 holds only rare extension ideographs,
so a run of them, or one next to a digit, letter or slash, is read as garbling and mapped back. The repair
is a fixed table: deterministic, and the caller reports how many characters it changed.
"""

from __future__ import annotations

import re


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for trail in range(0xA1, 0xFF):
        target = bytes([0xA3, trail]).decode("gbk")
        # Only letters and digits: they are what the broken fonts garble; punctuation comes out right.
        if not target.isalnum():
            continue
        garbled = bytes([0xA0, trail]).decode("gbk")
        table[garbled] = target
    return table


GARBLED_TO_LATIN: dict[str, str] = _table()
_SET = "".join(GARBLED_TO_LATIN)
_RUN = re.compile(f"[{_SET}]+")
_NEIGHBOUR = re.compile(r"[0-9A-Za-z/.\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0f\uff0e]")


def repair(text: str) -> tuple[str, int]:
    """Map garbled glyph runs back to full-width Latin letters and digits; returns (text, chars changed)."""
    runs = list(_RUN.finditer(text))
    if not runs:
        return text, 0

    def garbled(m: re.Match[str]) -> bool:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return len(m.group()) >= 2 or bool(_NEIGHBOUR.match(before) or _NEIGHBOUR.match(after))

    # One garbled run makes the line suspect: then a lone glyph in it ("犆犆犛 犢 ６２") is garbled too.
    if not any(garbled(m) for m in runs):
        return text, 0
    changed = sum(len(m.group()) for m in runs)
    return _RUN.sub(lambda m: "".join(GARBLED_TO_LATIN[c] for c in m.group()), text), changed
