"""FEE-08 read across a notice: a service the text says the dues cover, or members get free, that the same
text then charges members for.

Real notices state the two halves apart: a member handbook lists the basic services "会员缴纳会费后享有" and,
a page later, a payment notice asks members to pay for one of them; a price table follows the heading
"会费包含的基本服务（会员免费享有）" with "会员付费服务项目 | 标准信息推送服务 | 1200元/年"; a letter says
"会员可免费下载…，但…需另行开通服务，开通费1500元/年". Neither half is a practice alone; both in one text
prove it, so a hit keeps its rule's severity (through the one error gate, :mod:`tstd.fees.gate`).

The text is read unit by unit (the sub-clauses of :mod:`tstd.fees.text`: a comma, a sentence end, a line or a
table row ends one):

* a **promise** — a unit that says what the dues cover or what members get free (会费包含, 会员可免费,
  享有下列基本服务, 不另收费) and prices nothing; the list items after it (units without a price) belong to it;
* a **charge** — a unit with a price or a paying word (收取, 缴纳, 服务费, 另行开通 …) that names a promised
  service and is addressed to members: it names them (会员单位每人收取…; not 非会员), it stands under a heading
  that does (会员付费服务项目), or it turns against a promise in its own sentence (…免费下载，但…需另行开通).

The service words and the exceptions (超出免费名额, 纸质版, 定制 …: another service, not the promised one) are
pack data (options ``services`` and ``unless`` of the rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tstd.fees.amounts import AMOUNT, amount_of
from tstd.fees.text import PreparedText, Span, normalise_term, prepare

QUOTE_MAX = 120
# What the dues cover or members get free. No price in the same unit: "会员免费，非会员800元" prices.
_PROMISE = re.compile(
    r"会费[^|,;。]{0,8}(?:包含|包括|所含|涵盖|含有|之内|以内|内的)|(?:会员|会员单位)[^|,;。]{0,10}免费"
    r"|免费(?:享有|享受|提供|参加|下载|查阅|获取|获得|使用)|享有[^|,;。]{0,8}基本(?:服务|权益)|基本服务(?:项目|内容)?[:：]?$"
    r"|不另(?:行)?收费|不再另?(?:行)?收费|不另(?:行)?收取|缴纳?[^|,;。]{0,4}(?:会费|年费)后[^|,;。]{0,6}享有"
    r"|(?:含|包含|涵盖|包括)(?:于|在)[^|,;。]{0,8}(?:会费|年费)"  # 该权益已含于常年会费中
    r"|会员(?:基本)?服务(?:清单|目录)|基本服务(?:清单|目录)"  # 按照本会《会员服务清单》，本会为会员提供…
    r"|会费基本服务|会员基本服务(?:包括|包含|项目|有)|基本服务(?:包括|包含)")  # 宣贯会（会费基本服务项目）
# A paying word (a price is found by AMOUNT).
_CHARGE = re.compile(r"收取|缴纳|交纳|付费|支付|开通费|服务费|另行开通|另行缴|另行收|须另|需另|价格|收费|另购|购买|订购")
_MEMBER = re.compile(r"(?<!非)会员")
_NON_MEMBER = re.compile(r"非会员")
# A heading that opens what members pay for: 会员付费服务项目, 会员收费标准, a 会员价 column.
_MEMBER_PRICES = re.compile(r"(?<!非)会员(?:[^|,;。]{0,6}(?:付费|收费|有偿|价目|价格)|价)")
_CONTRAST = re.compile(r"但|然而|不过|另行|另需|须另|需另|改为|改以|改按|调整为|改由|升级为")


@dataclass(frozen=True)
class RepeatWords:
    """A rule's words: the services a promise and a charge must share, and what makes a charge another service."""

    services: tuple[str, ...]
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class RepeatHit:
    """A charge for a promised service: offsets of the charging unit in the original text, its quote, the service."""

    start: int
    end: int
    quote: str
    service: str
    promise: str  # the promise, quoted
    turned: bool = False  # the charge turns against a promise (…免费下载，但…需另行开通; 【起调整】讲座改为收费)


def _priced(unit: str) -> bool:
    return any((amount_of(m) or 0) > 0 for m in AMOUNT.finditer(unit))


@lru_cache(maxsize=64)
def _compiled(words: RepeatWords) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    services = tuple(sorted({normalise_term(w) for w in words.services}, key=len, reverse=True))
    unless = [re.escape(normalise_term(w)) for w in words.unless]
    return services, (re.compile("|".join(unless)) if unless else None)


def _services_in(unit: str, services: Iterable[str]) -> set[str]:
    # 年会 inside 常年会费 / 年会费 is the annual dues, not the annual meeting
    return {s for s in services if s in unit and not (s == "年会" and re.search("年会(?!费)", unit) is None)}


def _quote(pt: PreparedText, span: Span) -> str:
    a, b = pt.original_span(span.start, max(span.end, span.start + 1))
    quote = " ".join(pt.original[a:b].split())
    return quote if len(quote) <= QUOTE_MAX else quote[: QUOTE_MAX - 1] + "…"


def find(text: str, words: RepeatWords) -> list[RepeatHit]:
    """The first charge in ``text`` for a service the text promised members free (at most one hit). The text
    is read twice when needed: a promise may follow the charge it contradicts (订阅费会员价1,200元/年。附：本会
    会员基本服务项目：…标准动态周报…)."""
    if "会员" not in text and "會員" not in text:
        return []
    pt = prepare(text)
    services, unless = _compiled(words)
    hits, promised = _scan(pt, services, unless, {})
    if hits or not promised:
        return hits
    return _scan(pt, services, unless, dict(promised))[0]


def _scan(pt: PreparedText, services: tuple[str, ...], unless: re.Pattern[str] | None,
          promised: dict[str, tuple[Span, int]]) -> tuple[list[RepeatHit], dict[str, tuple[Span, int]]]:
    """One reading in order: the hit, and every service promised (service → promise unit, its sentence)."""
    listing: tuple[Span, int] | None = None  # the promise whose list is being read
    member_section = False
    for span in pt.clauses:
        unit = pt.text[span.start:span.end].strip(" \n,;。")
        if not unit:
            continue
        here, sentence_span = pt.sentence_at(span.start)
        priced = _priced(unit)
        charging = priced or bool(_CHARGE.search(unit))
        promise = _PROMISE.search(unit) is not None
        if promise and priced:
            # a charge that names the promise beside it (宣贯会（会费基本服务项目）仍须按每人800元缴纳资料费)
            for s in _services_in(unit, services):
                promised.setdefault(s, (span, here))
        elif promise:
            listing = (span, here)
            named = _services_in(unit, services)
            if not named:
                # 会员享有“标准全文查阅”之权益，该权益已含于常年会费中: the promise points back to the services
                # named earlier in its sentence
                named = _services_in(pt.text[sentence_span.start:span.start], services)
            for s in named:
                promised.setdefault(s, listing)
            if named and pt.text[span.start:span.end].rstrip(" \n").endswith("。"):
                listing = None  # 会员基本服务包括：行业月报、政策解读。 — the list ends with its sentence
            continue
        if not priced and _MEMBER_PRICES.search(unit):
            listing, member_section = None, True  # 会员付费服务项目, or a header 项目 | 会员价 | 非会员价
            continue
        if listing is not None and not charging:
            for s in _services_in(unit, services):
                promised.setdefault(s, listing)  # an item of the promised list
            continue
        listing = None
        if _NON_MEMBER.search(unit):
            member_section = False  # a price for non-members, or a heading that opens theirs
            continue
        if not charging or not promised:
            continue
        turned = _CONTRAST.search(unit) is not None
        named = _services_in(unit, services)
        if not named:
            # 本次标准宣贯会，会员单位每人仍须缴交服务费…: the charge names its service earlier in its sentence,
            # or in the sentence before (开通“标准动态推送服务”，每周推送…。会员单位订阅价1200元/年。) — unless that
            # sentence is a promise naming its own service and the charge does not turn against it
            # (…等会费基本服务；为保障服务质量，另行收取会员服务费2000元/年 does)
            named = _services_in(pt.text[sentence_span.start:span.start], services)
            previous = pt.sentences[here - 1].start if here > 0 else sentence_span.start
            if not named and previous < sentence_span.start and (
                    turned or not _PROMISE.search(pt.text, previous, sentence_span.start)):
                named = _services_in(pt.text[previous:span.start], services)
        shared = [s for s in named if s in promised]
        if not shared or (unless is not None and unless.search(unit)):
            continue
        promise_span, promise_sentence = promised[shared[0]]
        # members named in the charging sentence (会员单位参加宣贯会，另收取…), not only in its unit, or the promise
        # to them turned in the same sentence
        sentence = pt.text[sentence_span.start:sentence_span.end]
        if not (_MEMBER.search(sentence) or member_section or (turned and here == promise_sentence)):
            continue
        a, b = pt.original_span(span.start, max(span.end, span.start + 1))
        return [RepeatHit(a, b, _quote(pt, span), shared[0], _quote(pt, promise_span), turned)], promised
    return [], promised
