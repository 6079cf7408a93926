"""The compiled lexicon: variants, gaps, numbers, cues, guards, offsets and quotes."""

from __future__ import annotations

from typing import Any

from tstd.fees.lexicon import parse_lexicon
from tstd.fees.matcher import Matcher, compile_lexicon


def matcher(*terms: dict[str, Any], **extra: Any) -> Matcher:
    return compile_lexicon(parse_lexicon({"practice": "FEE-15", "terms": list(terms), **extra}))


PAID = matcher(
    {"term": "参编费", "variants": ["署名…费用", "每家不少于{n}册"], "strength": "unambiguous"},
    {"term": "主编单位", "variants": ["副主编单位"], "near": ["money"], "unless": ["自理"],
     "exclude": ["主编单位名单"]},
)


def test_offsets_and_matched_text_refer_to_the_original() -> None:
    text = "通知：\n　　参 编 费２万元。"
    [m] = PAID.scan(text)
    assert (m.start, m.end, m.matched) == (6, 11, "参 编 费")
    assert text[m.start:m.end] == m.matched
    assert m.quote == "参 编 费２万元。" and m.term == "参编费" and m.unambiguous


def test_gap_variant_spans_words_but_not_sentences() -> None:
    [m] = PAID.scan("前言署名须另行缴纳费用。")
    assert m.matched == "署名须另行缴纳费用"
    assert PAID.scan("前言署名。另行缴纳费用。") == []


def test_gap_negator_suppresses_but_literal_does_not() -> None:
    [m] = PAID.candidates("前言署名不收取任何费用。")
    assert m.suppressed is not None and m.suppressed.kind == "negated"


def test_number_placeholder() -> None:
    found = [m.matched for m in PAID.scan("每家不少于五十册；每家不少于50册")]
    assert found == ["每家不少于五十册", "每家不少于50册"]


def test_near_cue_must_be_affirmed_in_the_same_sentence() -> None:
    assert [m.cues for m in PAID.scan("主编单位：5万元。")] == [("5万",)]
    assert PAID.scan("主编单位由华南理工大学担任。收费标准另见附件。") == []
    [m] = PAID.candidates("主编单位负责组织起草，本会不收取任何费用。")
    assert m.suppressed is not None and m.suppressed.kind == "no_cue"


def test_unless_and_exclude_guards() -> None:
    assert PAID.candidates("主编单位的差旅费用自理。")[0].suppressed.kind == "unless"  # type: ignore[union-attr]
    assert PAID.candidates("主编单位名单见附件，费用另计。")[0].suppressed.kind == "excluded"  # type: ignore[union-attr]


def test_findings_keep_the_best_match_of_each_sentence() -> None:
    text = "主编单位5万元，副主编单位3万元，参编费1万元。\n副主编单位3万元。"
    found = PAID.findings(text)
    assert [(m.matched, m.unambiguous) for m in found] == [("参编费", True), ("副主编单位", False)]
    assert len(PAID.scan(text)) == 4


def test_long_sentence_is_quoted_as_a_window() -> None:
    text = "为进一步加强行业自律，" * 6 + "参编费每家2万元" + "，请各单位按时缴纳并做好财务安排" * 4 + "。"
    [m] = PAID.scan(text)
    assert m.quote.startswith("…") and m.quote.endswith("…") and "参编费每家2万元" in m.quote
    assert len(m.quote) <= 2 * 30 + len("参编费") + 2


def test_empty_text_and_pack_scope_words() -> None:
    assert PAID.scan("") == []
    custom = matcher({"term": "参编费"}, scope={"negators": ["暂缓"]})
    assert custom.scan("暂缓收取参编费。") == [] and PAID.scan("暂缓收取参编费。")


def test_spellings_grouped_by_first_character_match_as_one_plain_alternation() -> None:
    # the lexicon regex is grouped by first character for speed (matcher._by_first_char); the spelling that wins
    # at each position must be the one a plain alternation in the same order picks
    import re
    from pathlib import Path

    import yaml

    from tstd.engine.pack import load_pack
    from tstd.fees.matcher import _form_regex
    from tstd.fees.text import prepare
    from tstd.resources import rules_dir

    corpus = Path(__file__).parent / "eval12" / "dev.yaml"
    texts = [prepare(item["text"]).text for item in yaml.safe_load(corpus.read_text(encoding="utf-8"))]
    texts += ["会员单位年度会费标准为￥3,000起，不低于人民币伍万元", "按上一年度主营业务收入的0.05‰缴纳会费", "一律须缴纳十万元"]
    rules = [r for r in load_pack(rules_dir() / "fees.yaml").rules if r.info.kind == "fee_text"]
    assert rules
    for rule in rules:
        matcher = rule.options.matcher
        lexicon = matcher.lexicon
        plain = []
        for i, entry in enumerate(lexicon.entries):
            for j, form in enumerate(entry.forms):
                source, literal = _form_regex(form, entry.gap, f"f{i}_{j}")
                plain.append((literal, f"(?P<f{i}_{j}>{source})"))
        plain.sort(key=lambda a: a[0], reverse=True)
        reference = re.compile("|".join(source for _, source in plain))
        for text in texts:
            grouped = [(m.span(), m.lastgroup) for m in matcher._regex.finditer(text)]
            assert grouped == [(m.span(), m.lastgroup) for m in reference.finditer(text)], rule.info.id
