"""The one gate every fee error passes: :func:`may_error`.

Each new corpus showed a handful of false errors on lawful texts that every tuned corpus had cleared: the
frames decide "linked" from tokens, and a lawful text can hold the same tokens (a payment, a role) in a
sentence that denies, refunds, narrates or comments. The severity policy asks for an error only where the
input itself proves the violation, so the error decision is one explicit test here, the same for every
fee rule of the text kinds (``fee_text``, ``fee_frame``). Everything that fails it is a warning.

An error needs, in the sentence (or table row) that holds the hit:

* **a demand mood** — a word that demands (须/应/请/务必/需/要求), a condition or sanction (方可/才能/否则/
  不予/取消…资格), a stated price (an amount of money: 5万元, 8000元/人) or a table row (a price list
  states prices);
* **no denial** — no negated payment (不收取/毋须缴纳/无需/免收), no denied tie (不影响/无关/不挂钩/与否/
  以技术贡献为准), no refund (退还);
* **the text's own voice** — not a text the whole-text reading (:mod:`tstd.fees.context`) finds to narrate,
  report, comment on others' fees, or to be a lawful kind of fee in that sentence.

Word classes, not sentences of a corpus: a denial or a comment is a kind of text, whatever it names.
"""

from __future__ import annotations

import re

from tstd.fees.context import Vocabulary
from tstd.fees.context import read as read_context

_SENTENCE_END = re.compile(r"[。;；!?！？]")
# A demand, a condition or a sanction in the text's own voice.
_DEMAND = re.compile(
    r"须|須|應|应|请|請|务必|務必|需|要求|方可|才能|才可|否则|否則|不予|取消[^,，。;]{0,8}资格|视为|視為|必须|必須|不得"
    r"|按|依|確定|确定|排列|排序|决定|決定|给予|給予|发放|發放|返点|返點|分红|分紅|计提|計提|必缴|必订|必訂|必繳"
    r"|至少|不少于|不少於|统一|統一|一律|均须|均需"
    # a commission at a stated rate (返还20%, 按实收会费的15%提取): the rate states the practice as a price does
    r"|(?:返还|返還|返|提取|提成|奖励|獎勵|分成|支付|发放|發放)[^,，。;；]{0,8}?\d+(?:\.\d+)?%"
    # a sanction on those who have not paid (逾期未缴纳的单位，取消其…资格; 未繳納者不列入名錄)
    r"|(?:未|不)(?:按期|按时|足额)?(?:缴|繳|交|付)[^。;；]{0,24}?(?:取消|不列入|不予|不再|暂停|暫停|停止|丧失|喪失|移出|视为|視為)"
    # a benefit given once the money is in (缴费后颁发证书, 费用到账后寄牌匾): the payment is its condition
    r"|(?:缴费|繳費|交费|付款|到账|到帳|缴纳|繳納|缴清|繳清)后(?:[^,，。;；]{0,6})(?:颁发|頒發|发放|發放|寄发|寄發|寄|授予|列入|公布|出具)")
# A stated price: a number and a unit of money. The gate reads the original text (full-width digits, Traditional
# numerals), not the prepared text tstd.fees.amounts reads, so its pattern is its own.
_PRICE = re.compile(r"[0-9０-９一二三四五六七八九十百千万萬壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+(?:\.[0-9]+)?\s*(?:万?元|萬?元|圓)")
# A negated payment, a denied tie, a refund: the sentence says what is not done.
_DENIAL = re.compile(
    r"(?:不|毋|无|無|免|均不|从不|概不)(?:须|需|須|需要|必|再|会|會)?(?:向[^,，。;]{0,12})?"
    r"(?:缴纳|交纳|繳納|缴交|支付|收取|收費|收费|缴|交|繳|收)(?!到|回)"
    r"|免收|免费|免費|不经手|不經手|不影响|不影響|无关|無關|不挂钩|不掛鉤|不与[^,，。;]{0,12}挂钩|与否|與否"
    r"|技术贡献为准|技術貢獻為準|以技术贡献|以技術貢獻|(?<![不予])退还|(?<![不予])退還|不设|不設")
# A negation that is the condition of a sanction (不缴费不予发放, 未缴的不列入): a demand, not a denial.
_SANCTION = re.compile(r"不予|不列入|不再|取消|视为|視為|视同|視同|暂缓|暫緩|暂停|暫停|不得|无法|無法|不能|将不|將不|方可|才能"
                       r"|递补|遞補|替补|替補|另行推选|的$")
# A text that says its payment is voluntary and denies any tie (赞助与否不影响…): it proves no tie anywhere.
_TEXT_DENIAL = re.compile(r"与否|與否|不影响|不影響|不挂钩|不掛鉤|不与[^,，。;]{0,12}挂钩|技术贡献为准|技術貢獻為準")
_VOLUNTARY = re.compile(r"自愿|自願|自由")
# Comment on what others do (一些机构打着…旗号), and minutes that report a proposal (有理事提出…): a text
# about a practice, demanding nothing itself.
_COMMENT = re.compile(r"一些(?:机构|機構|社团|社團|团体|團體|协会|協會|组织|組織)|个别(?:机构|社团|团体|协会)|打着|打著|旗号|旗號"
                      r"|乱象|亂象|背离|背離")
_MINUTES = re.compile(r"有(?:理事|代表|委员|委員|会员|會員|人)提出|会议听取|會議聽取|经讨论|經討論")
# What the meeting itself decided (会议原则同意：…还应缴纳…): the body's own voice, not a report of a proposal.
DECISION_REACH = 40  # characters before the sentence where the decision that introduces it may stand
_DECIDED = re.compile(r"(?<![不未没])(?:原则同意|原則同意|同意|决定|決定|议定|議定|审议通过|審議通過|决议|決議|会议明确|會議明確"
                      r"|会议要求|會議要求|会议确定|會議確定)")
_ROW = re.compile(r"\||\t|\S {2,}\S|\S\u3000+\S")


def sentence_at(text: str, start: int) -> tuple[int, int]:
    """The sentence of ``text`` that holds offset ``start`` (a line break wraps a sentence; it does not end it,
    but an empty line does: a table above a paragraph is not part of its sentences)."""
    a = max(max((text.rfind(c, 0, start) for c in "。;；!?！？"), default=-1) + 1, _blank_before(text, start))
    m = _SENTENCE_END.search(text, start)
    b = m.start() if m else len(text)
    blank = _BLANK.search(text, start, b)
    return a, (blank.start() if blank else b)


_BLANK = re.compile(r"\n[ \t\u3000]*\n")


def _blank_before(text: str, start: int) -> int:
    """The offset just after the last empty line before ``start`` (0 if there is none)."""
    i = text.rfind("\n", 0, start)
    while i > 0:
        j = text.rfind("\n", 0, i)
        if not text[j + 1:i].strip(" \t\u3000"):
            return i + 1
        i = j
    return 0


def _line_at(text: str, start: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    return text[a:b if b >= 0 else len(text)]


# A payment demanded in a later sub-clause: 评选不收取报名费，入选单位须缴纳评审费… — the denial was of another fee.
_LATER_DEMAND = re.compile(r"[,，][^,，]*?(?:须|須|應|应|需|請|请|务必|務必|按)[^,，。]{0,16}?(?:缴纳|繳納|交纳|支付|缴|繳|付)")
# An exemption of others (未通过者不收费, 未入选的不收取): it denies nothing of those who pay.
_EXEMPTION = re.compile(r"(?:^|[,，])未[^,，]{0,12}(?:者|的)[^,，]{0,4}$")


# A fee said to be apart from the dues (此项费用与省协会会费无关): a second charge, not a denied tie.
_APART = re.compile(r"(?:费用|費用|此项|此項|该项|該項|本项|本項)[^,，。;]{0,4}与[^,，。;]{0,10}(?:会费|會費)(?:无关|無關)")
APART_REACH = 24


def _denies(sentence: str) -> bool:
    """Whether ``sentence`` negates a payment, denies a tie or refunds, and not as the condition of a
    sanction (不缴费不予发放 demands), nor of one fee before another is demanded (不收取报名费，入选单位须缴纳
    评审费)."""
    for m in _DENIAL.finditer(sentence):
        if _EXEMPTION.search(sentence, 0, m.start()) or _APART.search(sentence, max(0, m.start() - APART_REACH),
                                                                       m.end()):
            continue
        rest = re.split(r"[,，:：]", sentence[m.end():], maxsplit=1)[0]
        if not _SANCTION.search(rest) and not _LATER_DEMAND.search(sentence, m.end()):
            return True
    return False


def may_error(text: str, start: int, end: int | None = None, vocabulary: Vocabulary | None = None,
              allowed_kind: bool = True, demand: bool = True) -> bool:
    """Whether a fee hit at offsets ``start``…``end`` of ``text`` may be an error (see the module docstring):
    the sentences from the one holding ``start`` to the one holding ``end`` are read. A hit that fails the
    gate is a warning at most; the gate never raises a warning to an error. ``vocabulary``: the rule's
    whole-text reading words (None: the built-in pack's). ``allowed_kind`` False: a marker of an allowed kind
    of fee (市场调节价) does not lower the hit — for a practice no price basis makes lawful (charging again
    for what the dues cover). ``demand`` False: the practice is a fact of governance, not a payment demanded
    (the council adopted the dues, a commission is paid to a recruiter): no demand mood is needed."""
    reading = read_context(text, vocabulary)
    if reading.narrative or reading.report or (allowed_kind and reading.lowers(start)) or _COMMENT.search(text):
        return False
    a, b = sentence_at(text, start)
    # minutes that heard a proposal report it; a decision of the meeting (its sentence, or the heading just
    # before it: 会议议定事项如下：) is the body's own demand
    if _MINUTES.search(text) and not _DECIDED.search(text, max(0, a - DECISION_REACH), b):
        return False
    if _VOLUNTARY.search(text) and _TEXT_DENIAL.search(text):
        return False
    line = _line_at(text, start)
    if _ROW.search(line.strip()):
        # a table row states prices: a demand; a denial in it counts only where it prices nothing
        return bool(_PRICE.search(line)) or not _denies(line)
    a, b = sentence_at(text, start)
    if end is not None and end > b:
        b = sentence_at(text, max(end - 1, start))[1]
    sentence = text[a:b]
    if _denies(sentence):
        return False
    return not demand or bool(_DEMAND.search(sentence) or _PRICE.search(sentence))

