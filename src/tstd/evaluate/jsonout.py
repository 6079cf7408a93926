"""The evaluation as JSON (schemas/evaluation.schema.json): the machine-readable contract."""

from __future__ import annotations

import json
from typing import Any

from tstd.evaluate.conduct_model import Level
from tstd.evaluate.result import Evaluation, Gap, IndicatorResult
from tstd.model import Finding, Text


def to_dict(ev: Evaluation) -> dict[str, Any]:
    """The JSON-ready mapping of an evaluation."""
    return {
        "tool": {"name": "tstd", "version": ev.tool_version},
        "date": ev.date.isoformat(),
        "organization": {k: _plain(v) for k, v in ev.organization.items()},
        "model": {
            "id": ev.model.id, "version": ev.model.version, **_text("title", ev.model.title),
            "official": ev.model.official, "complete": ev.model.complete, **_text("notice", ev.model.notice),
            "source": ev.model.source, "levels": [_level(lv) for lv in ev.model.levels],
            "unevidenced_factor": ev.model.unevidenced_factor,
        },
        "packs": [{"id": pid, "version": version} for pid, version in ev.packs],
        "score": ev.score,
        "max_score": ev.max_score,
        "percent": ev.percent,
        "level": _level(ev.level),
        "score_level": _level(ev.score_level),
        "vetoes": [
            {"id": v.id, **_text("title", v.title), "cap": v.cap, "findings": [_gap(g) for g in v.gaps]}
            for v in ev.vetoes
        ],
        "indicators": [_indicator(i) for i in ev.indicators],
        "standards": [
            {
                "number": s.number, "title": s.title, "file": s.file, "findings": s.counts,
                "details": [_finding(f) for f in s.findings],
            }
            for s in ev.standards
        ],
        "actions": [
            {"indicator": a.indicator, **_text("title", a.title), "lost": a.lost, "text": a.text,
             "details": list(a.details)}
            for a in ev.actions
        ],
        "problems": [{"path": p.path, "message": p.message, "file": p.file, "line": p.line} for p in ev.problems],
    }


def render_json(ev: Evaluation) -> str:
    """Pretty-printed UTF-8 JSON (Chinese kept as is)."""
    return json.dumps(to_dict(ev), ensure_ascii=False, indent=2) + "\n"


def _text(key: str, text: Text) -> dict[str, str]:
    return {key: text.zh, f"{key}_en": text.en or text.zh}


def _plain(value: Any) -> Any:
    """Organisation values as JSON scalars (YAML dates become ISO strings)."""
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


def _level(level: Level | None) -> dict[str, Any] | None:
    return None if level is None else {"id": level.id, **_text("title", level.title), "min_percent": level.min_percent}


def _gap(gap: Gap) -> dict[str, Any]:
    return {"text": gap.text, "standard": gap.standard, "file": gap.file, "rule": gap.rule, "line": gap.line}


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule, "category": f.category.value, "severity": f.severity.value, "message": f.message,
        "path": f.path, "line": f.line, "source": f.source,
    }


def _indicator(node: IndicatorResult) -> dict[str, Any]:
    return {
        "id": node.id, **_text("title", node.title), "depth": node.depth,
        "score": node.score, "max_score": node.max_score, "points": node.points,
        "method": node.method, "applicable": node.applicable,
        "evidence": list(node.evidence),
        "expected_evidence": node.expected.zh if node.expected else None,
        "missing": [_gap(g) for g in node.missing],
        "basis": [b.to_dict() for b in node.basis],
        "children": [_indicator(c) for c in node.children],
    }
