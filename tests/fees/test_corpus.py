"""Both directions of the fee lexicon on realistic text: no text rule fires on lawful notices (ALLOW-01…07,
disclaimers, FAQs, policy quotations), and every abusive sentence is found by its practice's rule (the polarity
logic and guards do not blind the rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tstd.engine.pack import Rule, load_pack
from tstd.resources import rules_dir

DATA = Path(__file__).parent / "data"
CORPUS = yaml.safe_load((DATA / "clean_notices.yaml").read_text(encoding="utf-8"))
ABUSIVE = [(practice, sentence) for practice, sentences in
           yaml.safe_load((DATA / "abusive_sentences.yaml").read_text(encoding="utf-8")).items()
           for sentence in sentences]


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


def test_abusive_corpus_covers_every_text_practice(text_rules: list[Rule]) -> None:
    assert {p for p, _ in ABUSIVE} == {r.options.practice for r in text_rules}


@pytest.mark.parametrize("practice, sentence", ABUSIVE, ids=[s for _, s in ABUSIVE])
def test_abusive_sentence_is_found_by_its_practice(practice: str, sentence: str, text_rules: list[Rule]) -> None:
    rules = [r for r in text_rules if r.options.practice == practice]
    found = [m for r in rules for m in r.options.matcher.findings(sentence)]
    assert found, [(m.matched, m.suppressed) for r in rules for m in r.options.matcher.candidates(sentence)]
    assert all(m.quote == sentence and sentence[m.start:m.end] == m.matched for m in found)
