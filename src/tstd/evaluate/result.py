"""The result of an evaluation: what every renderer (html, markdown, json) reads. Frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tstd.evaluate.answers import Problem
from tstd.evaluate.conduct_model import Level
from tstd.model import Basis, Finding, Severity, Text


@dataclass(frozen=True)
class Gap:
    """Why points were lost: a finding, a missing field or a missing answer, located where possible."""

    text: str
    standard: str | None = None  # the standard's number (or file) concerned; None for the organisation
    file: str | None = None
    rule: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class IndicatorResult:
    """Score of one indicator. ``max_score`` is 0 and ``applicable`` False when nothing it measures applies."""

    id: str
    title: Text
    depth: int  # 1 = 一级指标
    score: float
    max_score: float
    points: float  # nominal points in the model, even when not applicable
    method: str | None  # auto | self | both for leaves
    applicable: bool
    evidence: tuple[str, ...] = ()
    missing: tuple[Gap, ...] = ()
    expected: Text | None = None  # the evidence the model expects
    action: Text | None = None
    basis: tuple[Basis, ...] = ()
    children: tuple[IndicatorResult, ...] = ()

    @property
    def lost(self) -> float:
        return round(self.max_score - self.score, 2)

    @property
    def percent(self) -> float:
        return round(100 * self.score / self.max_score, 1) if self.max_score else 100.0

    def walk(self) -> Iterator[IndicatorResult]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class StandardSummary:
    """One declaration that was evaluated, with the findings the packs reported on it."""

    file: str
    number: str | None
    title: str | None
    findings: tuple[Finding, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in Severity}


@dataclass(frozen=True)
class Action:
    """An improvement action for an indicator that lost points, with the concrete gaps behind it."""

    indicator: str
    title: Text
    lost: float
    text: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class VetoHit:
    """A veto (否决项) that fired and the findings that fired it."""

    id: str
    title: Text
    cap: str | None
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class ModelInfo:
    """What the report says about the model used."""

    id: str
    version: str
    title: Text
    official: bool
    complete: bool
    notice: Text
    source: str
    levels: tuple[Level, ...] = ()  # highest threshold first
    unevidenced_factor: float = 0.5


@dataclass(frozen=True)
class Evaluation:
    """A whole self-evaluation of one organisation against one model."""

    organization: dict[str, Any]  # facts shown on the report, keyed by path (scoring.ORGANIZATION_FACTS)
    model: ModelInfo
    date: dt.date
    tool_version: str
    score: float
    max_score: float
    percent: float
    level: Level | None  # None: no level reached, or a veto caps to none, or the model has no levels
    score_level: Level | None  # the level the score alone reaches
    indicators: tuple[IndicatorResult, ...]
    standards: tuple[StandardSummary, ...]
    actions: tuple[Action, ...]
    vetoes: tuple[VetoHit, ...] = ()
    problems: tuple[Problem, ...] = ()
    packs: tuple[tuple[str, str], ...] = ()  # (id, version) of the rule packs whose findings were scored

    def walk(self) -> Iterator[IndicatorResult]:
        for indicator in self.indicators:
            yield from indicator.walk()

    def find(self, indicator_id: str) -> IndicatorResult | None:
        return next((i for i in self.walk() if i.id == indicator_id), None)
