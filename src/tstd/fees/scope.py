"""Whether a phrase found in Chinese text is asserted, or denied, disclaimed or asked about.

Fee notices mention prohibited practices mostly to deny them: 本会不收取任何费用, 参编免费,
严禁收取参编费, 凡以本会名义收取参编费的均属假冒. A term match counts only when it is *affirmed*:

* no **disclaimer** word anywhere in its sentence (谨防, 假冒, 与本会无关, 一经查实 …): the whole
  sentence warns against the practice;
* the sentence is not a **question** (是否收取参编费？);
* no **negator** (不, 未, 免, 严禁, 禁止 …) earlier in its clause or inside the gaps of the match, unless the
  negator is part of a longer word that does not negate (不少于, 不低于, 非会员 …) or it opens a **condition**
  whose breach is sanctioned (未缴纳参编费的，不予署名 — a negated payment that is in fact demanded);
* no **post-negator** right after it in its clause (参编费：免收, 参编费用由本会承担).

The word lists are grammar, not fee law, so they live here with sensible defaults; a pack may extend
them through :class:`ScopeWords`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tstd.fees.clauses import list_heads, split
from tstd.fees.text import PreparedText, Span, normalise_term

NEGATORS = (
    "不", "未", "无", "免", "没有", "没", "勿", "莫", "并非", "绝非", "禁止", "严禁", "杜绝", "拒绝", "反对",
    "抵制", "取消", "避免", "防止", "停止", "清理", "纠正", "整治", "查处", "废止",
)
# Words that contain a negator but do not deny what follows them.
NON_NEGATORS = (
    "不少于", "不低于", "不超过", "不多于", "不高于", "不得低于", "不得少于", "不足", "不等", "不同", "不限",
    "不定期", "不断", "不仅", "不但", "不论", "不管", "无论", "不可退", "不予退", "不退", "不含", "未含",
    "不包含", "不包括", "非会员", "未来", "无法", "不予", "不能", "不得", "无偿", "免责",
)
# "不得" / "不能" / "不予" are listed as non-negators because before a term they mostly state a sanction
# (非会员不得参编); the prohibitions 不得收取 / 不得以 are caught by the verb-specific negators below.
VERB_NEGATORS = (
    "不得收取", "不得以", "不得向", "不得要求", "不得设立", "不得借", "不得另行", "不得擅自", "不得重复",
    "不得强制", "不得变相", "不得单独", "不得再", "不得摊派", "不能收取", "不应收取", "不予收取", "绝不", "一律不",
    "从未", "不得按", "不得约定",
)

POST_NEGATORS = (
    "免收", "全免", "免交", "免缴", "免除", "免费", "不收", "不另收", "概不", "一律不", "均不", "无需",
    "无须", "不需", "不须", "不必", "不用", "为零", "为0", "0元", "零元", "由本会承担", "由协会承担",
    "由学会承担", "由主办方承担", "无关", "不挂钩", "脱钩", ":无", "取消",
)
DISCLAIMERS = (
    "谨防", "警惕", "提防", "冒用", "冒充", "假冒", "诈骗", "骗取", "不法分子", "与本会无关", "与本协会无关",
    "与本学会无关", "与本联盟无关", "与我会无关", "概不负责", "概不认可", "举报", "请勿", "切勿", "一经发现",
    "一经查实", "严肃处理", "违规收费", "违法违规", "属于违规", "均属违规", "均为违规", "属违规", "从未授权",
    "未授权", "未委托", "从未委托", "郑重声明", "非法", "违规乃至违法", "违法行为", "违规行为", "经查", "自查",
    "违反相关规定", "违反规定", "问题主要有", "突出问题", "案件", "清退", "督促整改", "依法查处", "查处", "专项检查",
    "违法所得", "处罚", "罚款", "责令",
    # news of a regulator's notice (通报指出…), not a threat to report (本会将予以通报)
    "通报指出", "通报要求", "通报称", "通报显示", "通报批评", "被通报", "通报了", "情况通报", "通报如下", "典型案例",
)
# A text holding REPORT_MIN or more of these tells of fees someone else charged, or that are being refunded: a
# news story, a regulator's list of cases, a refund notice. It describes practices; it demands nothing.
REPORTS = (
    "责令", "行政处罚", "处以罚款", "并处罚款", "典型案例", "本报讯", "【新闻】", "记者", "依法查处", "被查处",
    "全额退还", "予以退还", "退还全部", "退还已收取", "全部退还", "办理退款", "退费", "退还金额", "已退还", "移送", "违规收费案",
)
REPORT_MIN = 2
QUESTION_MARKERS = ("是否", "吗?")
# 未缴纳…的 / 不按时缴费 open a condition, not a denial: these negators followed by a paying verb.
CONDITION_NEGATORS = ("不", "未", "没", "没有")
PAYMENT_VERBS = ("缴", "交纳", "交费", "交清", "支付", "付费", "付款", "汇款", "到账", "足额")
SANCTIONS = (
    "不予", "取消", "视为", "不得", "无法", "不能", "不再", "暂停", "不列入", "不署名", "不受理", "否则",
    "追缴",
)
POST_WINDOW = 8  # a post-negator further than this after the match speaks of something else
CONDITION_WINDOW = 8  # how far after a negator the paying verb of a condition may stand


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    forms = sorted({normalise_term(w) for w in words if w.strip()}, key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms)) if forms else re.compile(r"(?!)")


@dataclass(frozen=True)
class ScopeWords:
    """The word lists that decide polarity; extra words from a pack are added to the defaults."""

    negators: tuple[str, ...] = NEGATORS + VERB_NEGATORS
    non_negators: tuple[str, ...] = NON_NEGATORS
    post_negators: tuple[str, ...] = POST_NEGATORS
    disclaimers: tuple[str, ...] = DISCLAIMERS
    payment_verbs: tuple[str, ...] = PAYMENT_VERBS
    sanctions: tuple[str, ...] = SANCTIONS
    reports: tuple[str, ...] = REPORTS

    def extended(self, extra: dict[str, Sequence[str]]) -> ScopeWords:
        """These words plus ``extra`` (keys are field names of this class)."""
        return ScopeWords(**{name: getattr(self, name) + tuple(extra.get(name, ()))
                             for name in self.__dataclass_fields__})


@dataclass(frozen=True)
class Suppression:
    """Why a match does not count: ``kind`` is report (the whole text reports fees) | disclaimer | question |
    negated | post_negated (polarity, here) or excluded | unless | no_cue (the lexicon entry's guards, see
    :mod:`tstd.fees.matcher`); ``word`` is the word that decided it."""

    kind: str
    word: str


class Scope:
    """The compiled polarity logic: build once (per pack), call :meth:`suppression` per match."""

    def __init__(self, words: ScopeWords | None = None) -> None:
        w = words or ScopeWords()
        # A negator inside a longer non-negating word is ignored; the verb negators (不得收取) are longer
        # than the non-negators they start with (不得), so containment tells them apart.
        self._neg = _alternation(w.negators)
        self._non = _alternation(w.non_negators)
        self._post = _alternation(w.post_negators)
        self._disc = _alternation(w.disclaimers)
        self._pay = _alternation(w.payment_verbs)
        self._sanction = _alternation(w.sanctions)
        self._question = _alternation(QUESTION_MARKERS)
        self._reports = _alternation(w.reports)
        self._reported: dict[str, str | None] = {}  # text → the report words it holds (None: not a report)

    def suppression(self, pt: PreparedText, start: int, end: int,
                    literal: Sequence[Span] = ()) -> Suppression | None:
        """Why the normalised range ``[start, end)`` of ``pt`` is not affirmed, or None when it is.

        ``literal`` are the parts of the range that the lexicon term spells out; negators there belong to
        the term itself (非会员不得参编) and are ignored, while negators in the gaps between them count.
        """
        sentence = pt.sentence_at(start)[1]
        text = pt.text
        report = self.report(text)
        if report:
            return Suppression("report", report)
        # A disclaimer governs its whole statement, across "；" (凡…收取参编费的；…均属违规): see clauses.
        layout = split(text)
        k = layout.statement_of(start)
        s_end = layout.statements[k + 1] if k + 1 < len(layout.statements) else len(text)
        found = self._disc.search(text, layout.statements[k], s_end)
        for j in list_heads(text, layout, k) if not found else ():
            # an item of a list introduced by a disclaiming statement (对照以下问题开展自查：…；…)
            j_end = layout.statements[j + 1]
            found = self._disc.search(text, layout.statements[j], j_end)
            if found:
                break
        if found:
            return Suppression("disclaimer", found.group())
        asks = text[sentence.end - 1:sentence.end] == "?"
        if asks or self._question.search(text, sentence.start, sentence.end):
            return Suppression("question", "?")
        clause = pt.clause_at(start)
        denial = self._prefix_negator(pt, clause, start, end, literal, sentence)
        if denial:
            return Suppression("negated", denial)
        return self._post_negator(pt, end, max(end, pt.clause_at(max(end - 1, start)).end))

    def report(self, text: str) -> str | None:
        """The report words of normalised ``text`` when it is a report of fees (see REPORTS), else None."""
        if text not in self._reported:
            if len(self._reported) > 64:
                self._reported.clear()
            found = sorted({m.group() for m in self._reports.finditer(text)})
            self._reported[text] = "、".join(found) if len(found) >= REPORT_MIN else None
        return self._reported[text]

    def _prefix_negator(self, pt: PreparedText, clause: Span, start: int, end: int,
                        literal: Sequence[Span], sentence: Span) -> str | None:
        text = pt.text
        covered = [m.span() for m in self._non.finditer(text, clause.start, end)]
        for m in self._neg.finditer(text, clause.start, end):
            a, b = m.span()
            if a >= start and any(s.start <= a and b <= s.end for s in literal):
                continue  # the negator is spelled by the term itself
            if any(ca <= a and b <= cb for ca, cb in covered):
                continue  # part of a word that does not negate (不少于, 非会员 …)
            describes = "的" in text[b:start]
            if m.group() in CONDITION_NEGATORS and (describes or self._is_condition(text, b, sentence)):
                # 未缴纳…的，不予署名 demands the payment; 未入会的单位须缴纳… describes who pays. Prohibitions
                # (严禁、不得收取) keep their whole clause: 严禁以不正当的手段收取参编费.
                continue
            return m.group()
        return None

    def _is_condition(self, text: str, after: int, sentence: Span) -> bool:
        """未缴纳…的，不予署名: a negated payment followed by a sanction demands the payment."""
        pay = self._pay.search(text, after, min(after + CONDITION_WINDOW, sentence.end))
        return bool(pay and self._sanction.search(text, pay.end(), sentence.end))

    def _post_negator(self, pt: PreparedText, end: int, clause_end: int) -> Suppression | None:
        text = pt.text
        m = self._post.search(text, end, min(clause_end, end + POST_WINDOW))
        if m and not any(ch.isdigit() for ch in text[end:m.start()]):
            return Suppression("post_negated", m.group())
        return None
