"""Plain helpers for tests (import with ``from helpers import …``; tests/ is on the pytest path)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tstd.inputs.document import Document
from tstd.model import Finding

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def rule_ids(findings: list[Finding]) -> set[str]:
    """The set of rule ids among findings."""
    return {f.rule for f in findings}


def document(data: dict[str, Any]) -> Document:
    """A Document built directly from a mapping (for kind unit tests that skip the loader)."""
    return Document(path=Path("test.yaml"), data=data)


# A small user pack, as a standards office would write one for its own house rules.
LOCAL_PACK = """
pack: {id: local, version: "1", title: 本地规则}
rules:
  - id: TSTD-LOCAL-001
    category: disclosure
    severity: warning
    title: 须填写依托单位
    kind: required
    options: {field: organization.host_unit}
    message: {zh: "缺少依托单位", en: "host unit missing"}
    basis: [{document: 本协会团体标准管理办法, article: 第五条, verified: true}]
"""
