"""Geometry of the inline SVG bar chart of scores by area (一级指标); the HTML template draws it."""

from __future__ import annotations

from dataclasses import dataclass

from tstd.evaluate.result import IndicatorResult

WIDTH = 640  # viewBox units; the SVG scales to the page width
LABEL_WIDTH = 200
VALUE_WIDTH = 130
ROW = 30
BAR = 18
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    score: float
    max_score: float
    percent: float
    y: float  # top of the row
    width: float  # length of the filled bar
    track: float  # length of the full bar (100 %)
    tone: str  # good | fair | poor (colour class)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]


def area_chart(areas: tuple[IndicatorResult, ...]) -> Chart:
    """One horizontal bar per applicable area, as percent of its maximum."""
    track = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for i, area in enumerate(a for a in areas if a.applicable):
        pct = area.percent
        tone = "good" if pct >= 80 else "fair" if pct >= 60 else "poor"
        bars.append(Bar(f"{area.id} {area.title.zh}", area.score, area.max_score, pct,
                        TOP + i * ROW, round(track * pct / 100, 1), track, tone))
    return Chart(WIDTH, TOP * 2 + ROW * len(bars), LABEL_WIDTH, BAR, tuple(bars))
