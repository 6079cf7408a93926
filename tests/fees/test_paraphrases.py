"""The fee pack, through the real engine, on paraphrases written for the weak practices of issue 11 and on
lawful notices that share their vocabulary (tests/fees/data/paraphrases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tstd.engine.runner import Engine
from tstd.run import CheckOptions, build_engine

ITEMS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "paraphrases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    full = build_engine(CheckOptions())
    return Engine([p for p in full.packs if p.id in ("input", "fees")], full.ctx, full.loader)


def fee_findings(engine: Engine, text: str, tmp: Path) -> list[tuple[str, str]]:
    doc = {"tstd": 1, "standard": {"number": "T/CXXA 1—2025", "title": "某某产品技术要求"},
           "organization": {"name": "中国某某行业协会", "code": "CXXA", "notices": [{"text": text}]}}
    path = tmp / "notice.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = engine.check_path(path)
    assert result is not None
    return [(f.rule, f.severity.value) for f in result.findings if f.rule.startswith("TSTD-FEE-")]


def test_the_paraphrases_cover_both_labels() -> None:
    labels = [item["label"] for item in ITEMS]
    assert labels.count("lawful") >= 40 and labels.count("prohibited") >= 40


@pytest.mark.parametrize("item", [i for i in ITEMS if i["label"] == "lawful"], ids=lambda i: i["text"][:24])
def test_lawful_paraphrase_is_silent(item: dict[str, Any], engine: Engine, tmp_path: Path) -> None:
    assert fee_findings(engine, item["text"], tmp_path) == []


@pytest.mark.parametrize("item", [i for i in ITEMS if i["label"] == "prohibited"], ids=lambda i: i["text"][:24])
def test_prohibited_paraphrase_is_reported(item: dict[str, Any], engine: Engine, tmp_path: Path) -> None:
    assert fee_findings(engine, item["text"], tmp_path) != []
