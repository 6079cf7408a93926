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
