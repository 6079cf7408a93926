"""Measures: how a leaf indicator earns its share of the points (the closed set a model may use).

Each measure returns a :class:`Share`: a ratio in [0, 1] (None when nothing it measures applies), the
evidence that earned it, and a :class:`Gap` for every reason the ratio is below 1, so every lost point can
be traced to a finding, a missing field or a missing answer.

Partial credit (documented in docs/evaluate.md):
- ``fields``: share of the listed fields present; over standards, the mean of each standard's share.
- ``count``: value / full, capped at 1; over standards, the mean.
- ``findings_free``: share of the applicable standards with no selected finding; for organisation
  findings (``scope: organization``) all or nothing.
- ``self_assessment``: yes = 1, no = 0, score = score / points; times the model's ``unevidenced_factor``
  when the answer has neither evidence text nor a document.
With no declarations at all, a standard-level measure scores 0 (nothing shows the conduct), while a
condition that no declaration meets (``applies_if``) makes it not applicable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tstd.evaluate.answers import Answer
from tstd.evaluate.conduct_model import Indicator, Measure, any_match
from tstd.evaluate.result import Gap
from tstd.inputs.document import get_path
from tstd.model import Finding


@dataclass(frozen=True)
class StandardInput:
    """One declaration to evaluate: its parsed data and the findings the rule packs reported on it."""

    file: str
    data: Mapping[str, Any]
    findings: tuple[Finding, ...] = ()

    @property
    def label(self) -> str:
        number = get_path(self.data, "standard.number")
        return number.strip() if isinstance(number, str) and number.strip() else self.file


@dataclass(frozen=True)
class Inputs:
    """Everything a measure may read."""

    organization: Mapping[str, Any]
    organization_file: str | None
    standards: Sequence[StandardInput]
    answers: Mapping[str, Answer]
    unevidenced_factor: float


@dataclass
class Share:
    ratio: float | None
    evidence: list[str] = field(default_factory=list)
    missing: list[Gap] = field(default_factory=list)


Facts = tuple[float, list[str], list[Gap]]  # ratio, evidence, gaps of one organisation or standard
MeasureFn = Callable[[Measure, Indicator, Inputs], Share]
_MEASURES: dict[str, MeasureFn] = {}

NO_STANDARDS = "未找到任何团体标准声明，无法证明 / no declarations found to show this"


def measure(name: str) -> Callable[[MeasureFn], MeasureFn]:
    def register(fn: MeasureFn) -> MeasureFn:
        _MEASURES[name] = fn
        return fn

    return register


def apply(spec: Measure, indicator: Indicator, inputs: Inputs) -> Share:
    """Run the measure ``spec`` for ``indicator``."""
    return _MEASURES[spec.kind](spec, indicator, inputs)


def present(value: Any) -> bool:
    """A field counts as present when it holds something other than null, false, "" or an empty container."""
    if value is None or value is False:
        return False
    if isinstance(value, (str, list, dict)):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


def _applicable(spec: Measure, standards: Sequence[StandardInput]) -> list[StandardInput]:
    if spec.applies_if is None:
        return list(standards)
    cond = spec.applies_if
    return [s for s in standards if get_path(s.data, cond.field) == cond.equals]


def _not_applicable(spec: Measure) -> Share:
    cond = spec.applies_if
    assert cond is not None
    return Share(None, [f"不适用：没有 {cond.field} = {cond.equals!r} 的标准 / not applicable"])


def _org_view(inputs: Inputs) -> dict[str, Any]:
    """Organisation-scope paths are written like declaration paths (``organization.policies.ip``)."""
    return {"organization": dict(inputs.organization)}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("title") or value.get("number") or value.get("name") or "已提供"
    if isinstance(value, list):
        value = "、".join(str(v) for v in value[:3]) + ("…" if len(value) > 3 else "")
    if value is True:
        return "是"
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _short(path: str) -> str:
    """``organization.policies.ip.title`` → ``policies.ip.title`` (the root is clear from the indicator)."""
    return path.split(".", 1)[1] if path.startswith(("organization.", "standard.")) else path


def _per_standard(
    spec: Measure, inputs: Inputs, one: Callable[[StandardInput], Facts], what: str
) -> Share:
    """Mean of a per-standard ratio over the applicable standards, with the gaps of each (facts summarised)."""
    if not inputs.standards:
        return Share(0.0, missing=[Gap(NO_STANDARDS)])
    chosen = _applicable(spec, inputs.standards)
    if not chosen:
        return _not_applicable(spec)
    ratios, gaps = [], []
    for std in chosen:
        ratio, _, missing = one(std)
        ratios.append(ratio)
        gaps.extend(missing)
    full = sum(1 for r in ratios if r >= 1)
    return Share(sum(ratios) / len(ratios), [f"{full}/{len(chosen)} 项标准{what}"], gaps)


@measure("fields")
def fields(spec: Measure, indicator: Indicator, inputs: Inputs) -> Share:
    """Share of the listed fields present (alternatives: any one of them)."""

    def check(data: Mapping[str, Any], std: StandardInput | None) -> Facts:
        found, gaps = [], []
        for alternatives in spec.fields:
            value = next((v for p in alternatives if present(v := get_path(data, p))), None)
            if value is not None:
                # Per-standard facts are only counted, so describe values for the organisation alone.
                found.append("" if std else f"{_short(alternatives[0])}：{_describe(value)}")
            else:
                gaps.append(Gap(
                    f"缺少 {' 或 '.join(alternatives)} / missing",
                    standard=std.label if std else None,
                    file=std.file if std else inputs.organization_file,
                ))
        return len(found) / len(spec.fields), found, gaps

    if spec.scope == "organization":
        return Share(*check(_org_view(inputs), None))
    return _per_standard(spec, inputs, lambda s: check(s.data, s), "字段齐全")


@measure("count")
def count(spec: Measure, indicator: Indicator, inputs: Inputs) -> Share:
    """A number (or a list's length) against ``full``, proportional and capped at 1."""

    def one(data: Mapping[str, Any], std: StandardInput | None) -> Facts:
        value = get_path(data, spec.field)
        n = len(value) if isinstance(value, list) else value
        if isinstance(n, bool) or not isinstance(n, (int, float)):
            n = 0
        ratio = min(max(n, 0) / spec.full, 1.0)
        fact = f"{_short(spec.field)} = {n:g}（满分需 {spec.full:g}）"
        gaps = [] if ratio >= 1 else [Gap(
            f"{spec.field} 为 {n:g}，满分需 {spec.full:g} / {n:g} of {spec.full:g}",
            standard=std.label if std else None,
            file=std.file if std else inputs.organization_file,
        )]
        return ratio, [fact], gaps

    if spec.scope == "organization":
        return Share(*one(_org_view(inputs), None))
    return _per_standard(spec, inputs, lambda s: one(s.data, s), "达到满分数量")


@measure("findings_free")
def findings_free(spec: Measure, indicator: Indicator, inputs: Inputs) -> Share:
    """Share of the applicable standards on which the selected findings are absent.

    With ``scope: organization`` the findings are about the organisation file, which every declaration
    shares: all or nothing, and not applicable when there is no declaration to check it through.
    """
    shared: set[tuple[str, str, str, str]] = set()  # organisation-file findings repeat on every standard

    def one(std: StandardInput) -> Facts:
        hits = [f for f in std.findings if any_match(spec.select, f)]
        gaps = []
        for f in hits:
            if f.source is not None:
                key = (f.rule, f.source, f.path, f.message)
                if key in shared:
                    continue
                shared.add(key)
            gaps.append(Gap(f"{f.rule}：{f.message}", standard=None if f.source else std.label,
                            file=f.source or std.file, rule=f.rule, line=f.line))
        return (0.0 if hits else 1.0), [], gaps

    if spec.scope == "organization":
        if not inputs.standards:
            return Share(None, ["无声明文件，未能检查组织信息 / nothing checked"])
        share = _per_standard(spec, inputs, one, "无相关问题")
        if share.ratio is None:
            return share
        ratio = 1.0 if share.ratio == 1.0 else 0.0
        return Share(ratio, ["组织信息检查无相关问题"] if ratio else [], share.missing)
    return _per_standard(spec, inputs, one, "无相关问题")


@measure("self_assessment")
def self_assessment(spec: Measure, indicator: Indicator, inputs: Inputs) -> Share:
    """The organisation's own answer, reduced when it carries no evidence."""
    answer = inputs.answers.get(indicator.id)
    if answer is None:
        return Share(0.0, missing=[Gap(
            f"未提供自评答复（self_assessment 中无指标 {indicator.id}）/ no self-assessment answer",
            file=inputs.organization_file,
        )])
    if answer.yes is not None:
        ratio = 1.0 if answer.yes else 0.0
        said = "是" if answer.yes else "否"
    else:
        score = answer.score or 0.0
        ratio = min(score / indicator.points, 1.0)
        said = f"{score:g} 分"
    evidence = [f"自评：{said}"]
    if answer.evidence:
        evidence.append(f"说明：{answer.evidence}")
    if answer.documented:
        evidence.append(f"证明材料：{answer.evidence_url or answer.evidence_file}")
    gaps: list[Gap] = []
    if ratio < 1:
        gaps.append(Gap(f"自评为「{said}」/ self-assessed below full", file=inputs.organization_file))
    if not answer.evidenced:
        ratio *= inputs.unevidenced_factor
        gaps.append(Gap(
            f"自评答复未附证明材料，按 {inputs.unevidenced_factor:.0%} 计 / no evidence given",
            file=inputs.organization_file,
        ))
    return Share(ratio, evidence, gaps)
