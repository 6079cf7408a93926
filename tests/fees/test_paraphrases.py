"""The fee pack, through the real engine, on paraphrases written for the weak practices of issue 11 and on
lawful notices that share their vocabulary (tests/fees/data/paraphrases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import notice_fee_findings
from tstd.engine.runner import Engine
from tstd.run import CheckOptions, build_engine

ITEMS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "paraphrases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    full = build_engine(CheckOptions())
    return Engine([p for p in full.packs if p.id in ("input", "fees")], full.ctx, full.loader)


def fee_findings(engine: Engine, text: str, tmp: Path) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in notice_fee_findings(engine, text, tmp)]


def test_the_paraphrases_cover_both_labels() -> None:
    labels = [item["label"] for item in ITEMS]
    assert labels.count("lawful") >= 40 and labels.count("prohibited") >= 40


@pytest.mark.parametrize("item", [i for i in ITEMS if i["label"] == "lawful"], ids=lambda i: i["text"][:24])
def test_lawful_paraphrase_is_silent(item: dict[str, Any], engine: Engine, tmp_path: Path) -> None:
    assert fee_findings(engine, item["text"], tmp_path) == []


@pytest.mark.parametrize("item", [i for i in ITEMS if i["label"] == "prohibited"], ids=lambda i: i["text"][:24])
def test_prohibited_paraphrase_is_reported(item: dict[str, Any], engine: Engine, tmp_path: Path) -> None:
    assert fee_findings(engine, item["text"], tmp_path) != []
