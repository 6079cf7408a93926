"""Polarity: negated, disclaimed and questioned mentions of a fee term are not affirmed."""

from __future__ import annotations

import pytest

from tstd.fees.scope import Scope, ScopeWords, Suppression
from tstd.fees.text import Span, prepare

SCOPE = Scope()


def judge(text: str, term: str = "参编费") -> str | None:
    pt = prepare(text)
    start = pt.text.index(term)
    why = SCOPE.suppression(pt, start, start + len(term), [Span(start, start + len(term))])
    return why.kind if why else None


@pytest.mark.parametrize("text", [
    "参编单位须缴纳参编费2万元。",
    "参编费：主编单位5万元。",
    "未缴纳参编费的，不予署名。",            # a negated payment with a sanction demands the payment
    "逾期未缴参编费的单位，视为放弃。",
    "参编费不低于1万元。",                    # 不低于 does not negate
    "参编单位不少于5家，参编费每家2万元。",
    "不仅要缴纳参编费，还要购买标准文本。",
    "未入会的参编单位按临时会员标准缴纳参编费。",  # the negation describes who pays
])
def test_affirmed(text: str) -> None:
    assert judge(text) is None


@pytest.mark.parametrize("text, kind", [
    ("严禁收取参编费。", "negated"),
    ("本会不收取参编费、署名费等任何费用。", "negated"),
    ("本项目免收参编费。", "negated"),
    ("本会从未收取参编费。", "negated"),
    ("不得收取参编费。", "negated"),
    ("参编费：免收。", "post_negated"),
    ("参编费全免。", "post_negated"),
    ("参编费为0元。", "post_negated"),
    ("参编费用由本会承担。", "post_negated"),
    ("凡以本会名义收取参编费的，均属假冒。", "disclaimer"),
    ("谨防不法分子收取参编费。", "disclaimer"),
    ("是否需要缴纳参编费？", "question"),
    ("严禁以不正当的手段收取参编费。", "negated"),  # a prohibition keeps its whole clause
])
def test_not_affirmed(text: str, kind: str) -> None:
    assert judge(text) == kind


def test_negation_does_not_cross_a_comma_or_a_sentence() -> None:
    assert judge("本会不收取会费，但参编单位须缴纳参编费。") is None
    assert judge("本会不收取会费。参编单位须缴纳参编费。") is None


def test_post_negator_far_away_or_after_an_amount_does_not_count() -> None:
    assert judge("参编费2万元（含免费培训）。") is None


def test_negator_spelled_by_the_term_is_ignored_but_one_in_its_gap_counts() -> None:
    pt = prepare("非会员单位不得参与起草。")
    end = pt.text.index("不得") + 2
    literal = [Span(0, 3), Span(end - 2, end)]
    assert SCOPE.suppression(pt, 0, end, literal) is None
    pt = prepare("参编单位不收取任何费用。")
    assert SCOPE.suppression(pt, 0, len(pt.text) - 1, [Span(0, 4), Span(len(pt.text) - 3, len(pt.text) - 1)])


def test_pack_words_extend_the_defaults() -> None:
    scope = Scope(ScopeWords().extended({"negators": ["暂缓"]}))
    pt = prepare("本会暂缓收取参编费。")
    start = pt.text.index("参编费")
    assert SCOPE.suppression(pt, start, start + 3, [Span(start, start + 3)]) is None
    assert scope.suppression(pt, start, start + 3, [Span(start, start + 3)]) == Suppression("negated", "暂缓")
