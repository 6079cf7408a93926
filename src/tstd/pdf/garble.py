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
    if not _RUN.search(text):
        return text, 0
    changed = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal changed
        run = m.group()
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if len(run) >= 2 or _NEIGHBOUR.match(before) or _NEIGHBOUR.match(after):
            changed += len(run)
            return "".join(GARBLED_TO_LATIN[c] for c in run)
        return run

    return _RUN.sub(fix, text), changed
