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
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from tstd.fees.text import prepare

_NUM = r"(\d+|[零〇一二两三四五六七八九十百千]+)"
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

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
           "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


@dataclass(frozen=True)
class Figure:
    """A figure the text states, and where (offsets in the original text)."""

    value: int
    start: int
    end: int


@dataclass(frozen=True)
class VoteRecord:
    """What a text states about a dues vote; None where it states nothing."""

    total: Figure | None
    present: Figure | None
    votes_for: Figure | None
    open_vote: Figure | None  # the word naming an open vote (value 0)
    secret: bool

    def breaches(self) -> list[tuple[str, Figure]]:
        """The 166号 tests the stated figures fail, each with the figure that shows it: ``quorum`` (fewer than
        2/3 present; "以上" includes the number), ``majority`` (fewer than 1/2 of those present for),
        ``secret_ballot`` (an open vote named)."""
        out: list[tuple[str, Figure]] = []
        if self.total and self.present and self.present.value <= self.total.value \
                and 3 * self.present.value < 2 * self.total.value:
            out.append(("quorum", self.present))
        if self.present and self.votes_for and self.votes_for.value <= self.present.value \
                and 2 * self.votes_for.value < self.present.value:
            out.append(("majority", self.votes_for))
        if self.open_vote and not self.secret:
            out.append(("secret_ballot", self.open_vote))
        return out


def _value(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current


@lru_cache(maxsize=256)
def read_vote(text: str) -> VoteRecord | None:
    """The dues vote ``text`` records (None: the text is not about a dues decision, or states no figure)."""
    pt = prepare(text)
    norm = pt.text
    if not _DUES.search(norm) or not _DECISION.search(norm):
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
    if record.total is None and record.present is None and record.votes_for is None and record.open_vote is None:
        return None
    return record
