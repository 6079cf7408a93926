"""Scoring: an organisation, its declarations with their findings, and its answers → an Evaluation.

A leaf's share is the weighted mean of its applicable measures' ratios; its score is points × share
(rounded to 0.01). A parent's score and maximum are the sums of its children's; not-applicable leaves
drop out of the maximum. The level is the highest whose ``min_percent`` the percentage reaches, lowered
by any veto that fired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from tstd import __version__
from tstd.evaluate.answers import Answer, Problem
from tstd.evaluate.conduct_model import ConductModel, Indicator, Level, any_match
from tstd.evaluate.measures import Inputs, StandardInput, apply
from tstd.evaluate.result import (
    Action,
    Evaluation,
    Gap,
    IndicatorResult,
    ModelInfo,
    StandardSummary,
    VetoHit,
)
from tstd.inputs.document import get_path
from tstd.model import Severity

# Organisation facts shown on the report: (label, path in the organisation mapping).
ORGANIZATION_FACTS: tuple[tuple[str, str], ...] = (
    ("团体名称", "name"),
    ("英文名称", "name_en"),
    ("社会团体代号", "code"),
    ("统一社会信用代码", "uscc"),
    ("登记管理机关", "registration_authority"),
    ("业务范围", "business_scope"),
    ("法定代表人", "legal_representative"),
    ("依托单位", "host_unit"),
    ("通讯地址", "address"),
    ("标准化工作部门", "standardization.department"),
    ("标准化工作人员", "standardization.staff"),
    ("其中专职人员", "standardization.full_time_staff"),
)


def evaluate(
    model: ConductModel,
    organization: Mapping[str, Any],
    standards: Sequence[StandardInput],
    answers: Sequence[Answer] = (),
    *,
    organization_file: str | None = None,
    problems: Sequence[Problem] = (),
    packs: Sequence[tuple[str, str]] = (),
    today: dt.date | None = None,
    inferred: frozenset[str] = frozenset(),
) -> Evaluation:
    """Score ``organization`` and its ``standards`` (each with its findings) against ``model``.

    ``inferred`` names the rules that rest on wording or similarity heuristics: their findings cost points
    like any other but never trigger a veto.
    """
    all_problems = list(problems)
    all_problems.extend(_check_answers(model, answers, organization_file))
    by_id = {a.indicator: a for a in answers}
    inputs = Inputs(organization, organization_file, standards, by_id, model.unevidenced_factor)
    indicators = tuple(_score(node, 1, inputs) for node in model.indicators)
    score = round(sum(i.score for i in indicators), 2)
    max_score = round(sum(i.max_score for i in indicators), 2)
    percent = round(100 * score / max_score, 1) if max_score else 0.0
    vetoes = _vetoes(model, standards, inferred)
    score_level = _level(model, percent)
    return Evaluation(
        organization=_facts(organization),
        model=_model_info(model),
        date=today or dt.date.today(),
        tool_version=__version__,
        score=score,
        max_score=max_score,
        percent=percent,
        level=_cap(model, score_level, vetoes),
        score_level=score_level,
        indicators=indicators,
        standards=tuple(
            sorted((_summary(s) for s in standards), key=lambda s: (s.number or "\uffff", s.file))
        ),
        actions=_actions(indicators),
        vetoes=tuple(vetoes),
        problems=tuple(all_problems),
        packs=tuple(packs),
    )


def _score(node: Indicator, depth: int, inputs: Inputs) -> IndicatorResult:
    common: dict[str, Any] = dict(
        id=node.id, title=node.title, depth=depth, expected=node.evidence, action=node.action, basis=node.basis,
    )
    if not node.is_leaf:
        children = tuple(_score(c, depth + 1, inputs) for c in node.children)
        applicable = any(c.applicable for c in children)
        return IndicatorResult(
            score=round(sum(c.score for c in children), 2),
            max_score=round(sum(c.max_score for c in children), 2),
            points=node.max_points, method=None, applicable=applicable, children=children, **common,
        )
    shares = [(m.weight, apply(m, node, inputs)) for m in node.measures]
    evidence = tuple(e for _, s in shares for e in s.evidence)
    counted = [(w, s) for w, s in shares if s.ratio is not None]
    if not counted:
        return IndicatorResult(score=0.0, max_score=0.0, points=node.points, method=node.method,
                               applicable=False, evidence=evidence, **common)
    ratio = sum(w * (s.ratio or 0.0) for w, s in counted) / sum(w for w, _ in counted)
    # Gaps only from measures that fell short, so "missing" explains exactly the lost points.
    missing = tuple(g for _, s in counted if (s.ratio or 0.0) < 1 for g in s.missing)
    return IndicatorResult(
        score=round(node.points * ratio, 2), max_score=node.points, points=node.points, method=node.method,
        applicable=True, evidence=evidence, missing=missing, **common,
    )


def _check_answers(model: ConductModel, answers: Sequence[Answer], file: str | None) -> list[Problem]:
    """Answers the model cannot use: unknown indicator, an automatic-only indicator, a score above the points."""
    problems = []
    for answer in answers:
        node = model.find(answer.indicator)
        if node is None or not node.is_leaf:
            problems.append(answer.problem(
                "indicator", file, f"模型 {model.id} 中没有末级指标 {answer.indicator} / no such leaf indicator"))
        elif node.method == "auto":
            problems.append(answer.problem(
                "indicator", file,
                f"指标 {answer.indicator} 为自动计分，自评答复不计入 / scored automatically; answer ignored"))
        elif answer.score is not None and answer.score > node.points:
            problems.append(answer.problem(
                "score", file, f"得分 {answer.score:g} 超过指标 {answer.indicator} 的分值 {node.points:g}，按满分计 / "
                "score above the indicator's points; capped"))
    return problems


def _model_info(model: ConductModel) -> ModelInfo:
    levels = sorted(model.levels, key=lambda lv: -lv.min_percent)
    return ModelInfo(
        model.id, model.version, model.title, model.official, model.complete, model.notice, model.source,
        tuple(levels), model.unevidenced_factor,
    )


def _level(model: ConductModel, percent: float) -> Level | None:
    reached = [lv for lv in model.levels if percent >= lv.min_percent]
    return max(reached, key=lambda lv: lv.min_percent, default=None)


def _vetoes(model: ConductModel, standards: Sequence[StandardInput], inferred: frozenset[str]) -> list[VetoHit]:
    """The vetoes that fire. Whatever a model's selector says, only a proven error counts: a warning or a
    finding of an ``evidence: inferred`` rule never caps the level (docs/severity-policy.md)."""
    hits = []
    for veto in model.vetoes:
        gaps = [
            Gap(f"{f.rule}：{f.message}", standard=s.label, file=f.source or s.file, rule=f.rule, line=f.line)
            for s in standards for f in s.findings
            if f.severity is Severity.ERROR and f.rule not in inferred and any_match(veto.select, f)
        ]
        if gaps:
            hits.append(VetoHit(veto.id, veto.title, veto.cap, tuple(gaps)))
    return hits


def _cap(model: ConductModel, level: Level | None, vetoes: Sequence[VetoHit]) -> Level | None:
    """Lower ``level`` to the strictest cap among the vetoes that fired."""
    for veto in vetoes:
        if level is None:
            break
        if veto.cap is None:
            return None
        if model.level_rank(veto.cap) < model.level_rank(level.id):
            level = next(lv for lv in model.levels if lv.id == veto.cap)
    return level


def _actions(indicators: Sequence[IndicatorResult]) -> tuple[Action, ...]:
    """One action per leaf that lost points, the biggest losses first."""
    actions = []
    for top in indicators:
        for node in top.walk():
            if node.children or not node.applicable or node.lost <= 0:
                continue
            if node.action is not None:
                text = node.action.zh
            elif node.expected is not None:
                text = f"补充并留存证明材料：{node.expected.zh}"
            else:
                text = f"改进「{node.title.zh}」"
            details = tuple(
                f"{g.standard}：{g.text}" if g.standard else g.text for g in node.missing
            )
            actions.append(Action(node.id, node.title, node.lost, text, details))
    return tuple(sorted(actions, key=lambda a: (-a.lost, _id_key(a.indicator))))


def _id_key(indicator_id: str) -> tuple[tuple[int, str], ...]:
    """Sort ``1.10`` after ``1.9``."""
    return tuple((int(p), "") if p.isdigit() else (1 << 30, p) for p in indicator_id.split("."))


def _facts(organization: Mapping[str, Any]) -> dict[str, Any]:
    """The organisation facts the report shows, keyed by their path in the organisation mapping."""
    facts = {}
    for _, path in ORGANIZATION_FACTS:
        value = get_path(organization, path)
        if value is not None and value != "":
            facts[path] = value
    return facts


def _summary(std: StandardInput) -> StandardSummary:
    title = get_path(std.data, "standard.title")
    number = get_path(std.data, "standard.number")
    return StandardSummary(
        file=std.file,
        number=number if isinstance(number, str) else None,
        title=title if isinstance(title, str) else None,
        findings=tuple(sorted(std.findings, key=lambda f: f.sort_key())),
    )
