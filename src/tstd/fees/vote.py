"""The dues vote as minutes, resolutions and notices state it: how many members (or delegates) there are, how many
were present, how many voted for, and how they voted.

民发〔2014〕166号 四 asks for 2/3 of the members present, 1/2 of those present voting for, and a secret ballot
(无记名投票). Minutes record exactly these figures in a few set shapes — "应到会员代表126人，实到71人", "本会现有会员
单位120家，出席本次大会的会员单位71家", "同意65票，反对2票，弃权4票", "以举手方式表决" — so a breach is
arithmetic on what the text itself states. A figure the text does not state proves nothing and is left out; an
open vote is read only from a word that names one (举手, 鼓掌, 起立, 口头), never from the absence of 无记名.

The record is read only from a text about a dues decision (会费 with 表决/投票/通过/决议), and only the first
figure of each kind counts: minutes put the attendance first and the dues item's vote after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from tstd.fees.amounts import parse_number
from tstd.fees.text import NUMERALS, PreparedText, prepare

_NUM = rf"(\d+|[{NUMERALS}]+)"
_WHO = r"(?:会员代表|会员单位|会员|代表|理事)?"
_UNIT = r"\s*(?:人|名|家|位|个)"
# Members or delegates in all: 应到会员代表126人, 应出席…120人, 本会现有会员单位120家, 会员代表总数152名.
_TOTAL = re.compile(rf"(?:应到会?|应出席|应参会){_WHO}\s*{_NUM}{_UNIT}|{_WHO}总数\s*(?:为)?\s*{_NUM}{_UNIT}")
# The membership as the organisation describes itself (本会现有会员单位120家): the total only when the meeting
# states none of its own.
_MEMBERSHIP = re.compile(rf"(?:现有|共有){_WHO}\s*{_NUM}{_UNIT}")
# Present: 实到71人, 实际出席…96人, 出席本次大会的会员单位71家, 出席会员代表86人.
_PRESENT = re.compile(
    rf"(?:实到会?|实际出席|实际到会|到会|出席(?:本次|此次)?(?:大会|会议)?的?){_WHO}\s*{_NUM}{_UNIT}")
# For: 同意65票, 赞成71人, 同意65家.
_FOR = re.compile(rf"(?:同意|赞成){_WHO}\s*{_NUM}\s*(?:票|人|名|家|位)")
# A vote the text names as open; a secret ballot.
_OPEN = re.compile(r"举手|鼓掌|起立|口头表决|口头同意|呼声")
_SECRET = re.compile(r"无记名")
_DUES = re.compile(r"会费")
# Where an agenda item begins (二、 / 议程二 / 讨论事项三): the vote of the dues item is read in its own item.
_ITEM = re.compile(r"(?:^|(?<=[\s。:;]))(?:[一二三四五六七八九十]{1,3}、|议程[一二三四五六七八九十\d]+"
                   r"|讨论事项[一二三四五六七八九十\d]*|第[一二三四五六七八九十\d]+项|\d{1,2}[.、](?!\d))")
_DECISION = re.compile(r"表决|投票|通过|决议|议决")
# The meeting that decided, named in the minutes' head or before the dues item (会长办公会会议纪要, 经常务理事会研究
# 同意): a body other than the general assembly, which alone may set the dues (民发〔2014〕166号 四).
_BODY = re.compile(r"会长办公会(?:议)?|秘书长办公会(?:议)?|常务理事会(?:议)?|理事会(?:议)?|理监事(?:联席)?会议?|秘书处")
_ASSEMBLY = re.compile(r"会员(?:代表)?大会|会员\(代表\)大会")
# What the item decides about the dues: a new level (会费由…调整为…, 会费上调至…, 会费标准为…) adopted (同意, 决定,
# 议定, 通过, 确定).
_LEVEL = re.compile(r"会费[^。]{0,40}?(?:调整为|调整至|上调|下调|提高到|提高至|降低为|标准为|改为)")
_ADOPT = re.compile(r"(?<![不未没])(?:原则同意|同意|决定|议定|通过|确定|决议)")
_MINUTES_HEAD = re.compile(r"纪要|决议|会议")  # the head is a meeting's record, not a notice naming the council
HEAD = 80  # characters of the minutes' head (their title and opening) that may name the meeting

# Dates: 2025年3月10日, 2025-03-10, 2025.3.10. A vote's date stands before what was adopted that day (…于2025年3月10日
#召开…以无记名投票方式通过了会费标准 / （2026年1月20日通过）); the text's own date is its 发布时间 or its signature.
_DATE = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?")
_ADOPTED = re.compile(r"通过|表决|审议")
_POSTED = re.compile(r"(?:发布时间|发布日期|发文日期|印发日期|公告日期)\s*[:：]?\s*$")
# The text itself makes the decision known: 现予公布, 现将新标准公布如下, 现予印发, 现将…通知如下.
_PUBLISHES = re.compile(r"现予(?:公布|公告|印发|公示|通知)|(?:公布|公告|通知)如下|予以(?:公告|公布|公示)"
                        r"|现将[^。]{0,30}(?:公布|公告|印发|通知)")
PUBLICATION_DAYS = 30  # 民发〔2014〕166号 五: the decision is published to all members within 30 days
VOTE_WINDOW = 80  # how far after its date a sentence says what was adopted
SIGNATURE = 30  # a date this close to the end of the text is the text's own


@dataclass(frozen=True)
class Figure:
    """A figure the text states, and where (offsets in the original text)."""

    value: int
    start: int
    end: int


class Breach(NamedTuple):
    """One failed test: its name, the figure that shows it, and the breach in Chinese and English."""

    test: str
    figure: Figure
    zh: str
    en: str


@dataclass(frozen=True)
class VoteRecord:
    """What a text states about a dues vote; None where it states nothing."""

    total: Figure | None
    present: Figure | None
    votes_for: Figure | None
    open_vote: Figure | None  # the word naming an open vote (value 0)
    secret: bool
    voted: date | None = None  # the day of the vote, as the text dates it
    published: date | None = None  # the date of a text that itself publishes the decision
    published_at: Figure | None = None  # where that date stands (value: days after the vote)
    body: tuple[str, Figure] | None = None  # a body other than the assembly that set a new dues level, and where

    def breaches(self) -> list[Breach]:
        """The 166号 tests the stated figures fail, each with the figure that shows it and its wording:
        ``quorum`` (fewer than 2/3 present; "以上" includes the number), ``majority`` (fewer than 1/2 of those
        present for), ``secret_ballot`` (an open vote named), ``body`` (minutes of a body other than the general
        assembly adopt a new dues level), ``publication`` (the text that publishes the decision is dated more than
        30 days after the vote)."""
        out: list[Breach] = []
        total, present, votes = self.total, self.present, self.votes_for
        if total and present and present.value <= total.value and 3 * present.value < 2 * total.value:
            out.append(Breach("quorum", present, f"出席 {present.value} 人，不足应到 {total.value} 人的三分之二",
                              f"{present.value} present of {total.value}, below two thirds"))
        if present and votes and votes.value <= present.value and 2 * votes.value < present.value:
            out.append(Breach("majority", votes, f"赞成 {votes.value} 票，不足出席 {present.value} 人的二分之一",
                              f"{votes.value} for of {present.value} present, below one half"))
        if self.open_vote and not self.secret:
            out.append(Breach("secret_ballot", self.open_vote, "未采取无记名投票（记录为公开表决）",
                              "an open vote, not a secret ballot"))
        if self.body is not None:
            name, where = self.body
            out.append(Breach("body", where, f"会费标准由{name}决定，而非会员（代表）大会",
                              f"the dues set by the {name}, not by the general assembly"))
        at, voted, published = self.published_at, self.voted, self.published
        if at is not None and voted and published and at.value > PUBLICATION_DAYS:
            out.append(Breach("publication", at,
                              f"于 {voted.isoformat()} 通过，本文 {published.isoformat()} 才公布，相隔 {at.value} 日，超过30日",
                              f"adopted {voted.isoformat()}, published here {published.isoformat()}: {at.value} days, over 30"))
        return out


def _value(text: str) -> int | None:
    value = parse_number(text)
    return None if value is None else int(value)


@lru_cache(maxsize=256)
def read_vote(text: str) -> VoteRecord | None:
    """The dues vote ``text`` records (None: the text is not about a dues decision, or states no figure)."""
    pt = prepare(text)
    norm = pt.text
    if not _DUES.search(norm) or not (_DECISION.search(norm) or _ADOPT.search(norm)):
        return None

    # the agenda items that speak of dues: the vote count and the way of voting are read there only (an
    # item before, 审议工作报告，举手表决通过, is another vote)
    bounds = [0, *(m.start() for m in _ITEM.finditer(norm)), len(norm)]
    items = [(a, b) for a, b in pairwise(bounds) if b > a and _DUES.search(norm, a, b)]

    def first(regex: re.Pattern[str], spans: list[tuple[int, int]]) -> Figure | None:
        for a, b in spans:
            for m in regex.finditer(norm, a, b):
                group = next((g for g in m.groups() if g), None)
                value = _value(group) if group else None
                if value is not None:
                    return Figure(value, *pt.original_span(m.start(), m.end()))
        return None

    opened = next((m for a, b in items for m in [_OPEN.search(norm, a, b)] if m), None)
    whole = [(0, len(norm))]
    record = VoteRecord(first(_TOTAL, items) or first(_TOTAL, whole) or first(_MEMBERSHIP, whole),
                        first(_PRESENT, items) or first(_PRESENT, whole), first(_FOR, items),
                        Figure(0, *pt.original_span(opened.start(), opened.end())) if opened else None,
                        any(_SECRET.search(norm, a, b) for a, b in items))
    voted, published, at = _dates(pt.text, pt)
    if voted and published and published >= voted:
        record = replace(record, voted=voted, published=published,
                         published_at=Figure((published - voted).days, *at))
    record = replace(record, body=_body(pt, items))
    if record.total is None and record.present is None and record.votes_for is None and record.open_vote is None \
            and record.published_at is None and record.body is None:
        return None
    return record


def _body(pt: PreparedText, items: list[tuple[int, int]]) -> tuple[str, Figure] | None:
    """The body other than the general assembly whose minutes adopt a new dues level: named in the minutes'
    head, the assembly named nowhere in the text (a proposal to put to it is no decision), and an item that
    sets the level with a word of adoption."""
    norm = pt.text
    if _ASSEMBLY.search(norm):
        return None
    head = _BODY.search(norm, 0, min(len(norm), HEAD))
    if head is None or not _MINUTES_HEAD.search(norm, 0, HEAD):
        return None
    for a, b in items:
        level = _LEVEL.search(norm, a, b)
        if level and (_ADOPT.search(norm, a, b) or _ADOPT.search(norm, max(0, a - HEAD), a)):
            return head.group(), Figure(0, *pt.original_span(level.start(), level.end()))
    return None


def _day(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _dates(norm: str, pt: PreparedText) -> tuple[date | None, date | None, tuple[int, int]]:
    """The vote's date and the date of a text that publishes the decision (None where the text gives none):
    its 发布时间, else its signature (the last date, at the very end, not an effective date 自…起)."""
    voted: date | None = None
    posted: tuple[date, tuple[int, int]] | None = None
    signed: tuple[date, tuple[int, int]] | None = None
    for m in _DATE.finditer(norm):
        day = _day(m)
        if day is None:
            continue
        if _POSTED.search(norm[max(0, m.start() - 12):m.start()]):
            posted = posted or (day, pt.original_span(m.start(), m.end()))
            continue  # the page's date, not the vote's
        if voted is None and _ADOPTED.search(norm, m.end(), min(len(norm), m.end() + VOTE_WINDOW)) \
                and "会费" in norm[max(0, m.start() - VOTE_WINDOW):m.end() + VOTE_WINDOW * 2]:
            voted = day
        if len(norm) - m.end() <= SIGNATURE and not re.match(r"\s*(?:起|开始|执行|施行)", norm[m.end():]):
            signed = (day, pt.original_span(m.start(), m.end()))
    own = posted or signed
    if own is None or not _PUBLISHES.search(norm):
        return voted, None, (0, 0)
    return voted, own[0], own[1]
