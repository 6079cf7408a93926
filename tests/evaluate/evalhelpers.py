"""Helpers for the evaluation tests: the example organisation ZJSHA as editable data, and findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from tstd.evaluate import Evaluation, StandardInput, evaluate, parse_answers
from tstd.evaluate.conduct_model import ConductModel
from tstd.model import Category, Finding, Severity

ROOT = Path(__file__).resolve().parents[2]
ORG_DIR = ROOT / "examples" / "org-zjsha"
TODAY = dt.date(2026, 11, 22)


def finding(rule: str, category: str, severity: str, message: str, path: str = "",
            source: str | None = None, line: int | None = None) -> Finding:
    return Finding(rule, Category(category), Severity(severity), message, path=path, source=source, line=line)


class Org:
    """A mutable copy of the example organisation: edit it, then score it."""

    def __init__(self, model: ConductModel) -> None:
        self.model = model
        self.organization: dict[str, Any] = yaml.safe_load((ORG_DIR / "organization.yaml").read_text("utf-8"))
        self.answers_raw: list[dict[str, Any]] = self.organization.pop("self_assessment")
        self.declarations: dict[str, dict[str, Any]] = {
            p.name: yaml.safe_load(p.read_text("utf-8")) for p in sorted(ORG_DIR.glob("T-*.yaml"))
        }
        self.findings: dict[str, list[Finding]] = {name: [] for name in self.declarations}
        self.base_dir: Path | None = ORG_DIR

    def answer(self, indicator: str) -> dict[str, Any]:
        return next(a for a in self.answers_raw if a["indicator"] == indicator)

    def score(self, model: ConductModel | None = None, inferred: frozenset[str] = frozenset()) -> Evaluation:
        answers, problems = parse_answers(self.answers_raw, self.base_dir, "organization.yaml")
        standards: Sequence[StandardInput] = [
            StandardInput(name, {**data, "organization": self.organization}, tuple(self.findings[name]))
            for name, data in self.declarations.items()
        ]
        return evaluate(model or self.model, self.organization, standards, answers,
                        organization_file="organization.yaml", problems=problems, today=TODAY, inferred=inferred)


def edit(path: Path, change: Any) -> None:
    """Apply ``change`` to the YAML mapping stored at ``path`` (a copy a test owns) and write it back."""
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
