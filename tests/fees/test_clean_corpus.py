"""False positives: no fee text rule fires on realistic lawful notices (ALLOW-01…07, disclaimers, FAQs),
and every abusive sentence of the examples is still found (the guards do not blind the rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tstd.engine.pack import Rule, load_pack
from tstd.resources import rules_dir

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "clean_notices.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def text_rules() -> list[Rule]:
    return [r for r in load_pack(rules_dir() / "fees.yaml").rules if r.info.kind == "fee_text"]


def test_corpus_covers_every_allowed_practice() -> None:
    assert {n["allow"] for n in CORPUS} >= {f"ALLOW-0{i}" for i in range(1, 8)}


@pytest.mark.parametrize("notice", CORPUS, ids=[n["title"] for n in CORPUS])
def test_no_text_rule_fires_on_a_clean_notice(notice: dict[str, Any], text_rules: list[Rule]) -> None:
    found = [(r.id, m.matched, m.quote) for r in text_rules for field in ("title", "text")
             for m in r.options.matcher.findings(notice[field])]
    assert found == []
