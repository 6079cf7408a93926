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
    return [r for r in load_pack(rules_dir() / "fees.yaml").rules if r.info.kind in ("fee_text", "fee_frame")]


def practice(rule: Rule) -> str:
    return str(rule.options.practice if rule.info.kind == "fee_text" else rule.options.frame.practice)


def found(rule: Rule, text: str, title: bool = False) -> list[tuple[str, str, int, int]]:
    """(matched, quote, start, end) of what a lexicon or frame rule reports in ``text`` (a title: as the kind
    reads titles, stated practices only)."""
    if rule.info.kind == "fee_text":
        return [(m.matched, m.quote, m.start, m.end) for m in rule.options.matcher.findings(text)]
    return [(h.matched, h.quote, h.start, h.end) for h in rule.options.frame.hits(text, infer=not title)]


def test_corpus_covers_every_allowed_practice() -> None:
    assert {n["allow"] for n in CORPUS} >= {f"ALLOW-0{i}" for i in range(1, 8)}


@pytest.mark.parametrize("notice", CORPUS, ids=[n["title"] for n in CORPUS])
def test_no_text_rule_fires_on_a_clean_notice(notice: dict[str, Any], text_rules: list[Rule]) -> None:
    hits = [(r.id, m[0], m[1]) for r in text_rules for field in ("title", "text")
            for m in found(r, notice[field], field == "title")]
    assert hits == []


def test_abusive_corpus_covers_every_text_practice(text_rules: list[Rule]) -> None:
    assert {p for p, _ in ABUSIVE} == {practice(r) for r in text_rules}


@pytest.mark.parametrize("wanted, sentence", ABUSIVE, ids=[s for _, s in ABUSIVE])
def test_abusive_sentence_is_found_by_its_practice(wanted: str, sentence: str, text_rules: list[Rule]) -> None:
    rules = [r for r in text_rules if practice(r) == wanted]
    hits = [m for r in rules for m in found(r, sentence)]
    assert hits
    assert all(quote == sentence and sentence[start:end] == matched for matched, quote, start, end in hits)
