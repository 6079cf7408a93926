"""Plain helpers for tests (import with ``from helpers import …``; tests/ is on the pytest path)."""

from __future__ import annotations

from functools import cache
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


@cache
def _fee_frames() -> tuple[Any, ...]:
    from tstd.engine.pack import load_pack
    from tstd.resources import rules_dir

    return tuple(r for r in load_pack(rules_dir() / "fees.yaml").rules if r.info.kind == "fee_frame")


def fee_frame_verdicts(text: str) -> dict[str, bool]:
    """rule id → linked (stated) for every built-in ``fee_frame`` rule that fires on ``text``."""
    out: dict[str, bool] = {}
    for rule in _fee_frames():
        for hit in rule.options.frame.hits(text):
            out[rule.id] = out.get(rule.id, False) or hit.linked
    return out


def notice_declaration(text: str, title: str | None = None) -> dict[str, Any]:
    """A minimal declaration whose organisation published ``text`` as a notice (an industry association)."""
    notice = {"text": text, **({"title": title} if title else {})}
    return {"tstd": 1, "standard": {"number": "T/CXXA 1—2025", "title": "某某产品技术要求"},
            "organization": {"name": "中国某某行业协会", "code": "CXXA", "notices": [notice]}}


def notice_fee_findings(engine: Any, text: str, tmp: Path) -> list[Finding]:
    """The fee findings on ``text`` checked as an organisation's notice, through the real loader and ``engine``."""
    import yaml

    path = tmp / "notice.yaml"
    path.write_text(yaml.safe_dump(notice_declaration(text), allow_unicode=True), encoding="utf-8")
    result = engine.check_path(path)
    assert result is not None
    return [f for f in result.findings if f.rule.startswith("TSTD-FEE-")]
