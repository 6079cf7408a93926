"""The fallback of the fee pack: a payment demanded in standardisation or membership work that no specific
rule explained (issue 11, class 4).

A specific rule (``fee_text``, ``fee_frame``) reports a practice it recognises. A notice can demand money
in words no vocabulary foresaw (请按往年惯例认缴标准工作经费; 考察费每人贰万捌仟元，各起草单位应派员参加).
Such a text must not pass silently: :func:`demands` finds the sentence that demands a payment in a text
about standardisation or membership, when the text names no allowed kind of fee
(:mod:`tstd.fees.context`), and the rule reports it as an inferred warning — check the fee's basis,
voluntariness and publication (合规指南; 意见2022 八). It never proves a violation, so it never errs and
never vetoes.

"No specific rule fired" is kept per document by :func:`mark`/:func:`fired`: the specific rules run first
(they come before the fallback in the pack) and mark the fields they reported on.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass

from tstd.fees.context import TIES as _TIES
from tstd.fees.context import other_fee
from tstd.fees.context import read as read_context
from tstd.fees.text import NUMERALS, prepare

QUOTE_MAX = 120
_CLAUSE_END = re.compile(r"[,，;；。!?\n]")
_FEE = r"(?:费|经费|费用|会费|款项|资金)"
# A demand: a modal or an instruction before a payment verb, a pledge of funds, or a fee priced per head.
_DEMAND = re.compile(
    r"(?:请|须|需|应当|应|务必|均应|按时|按期|按往年惯例|按惯例|按照[^。;\n,，]{0,16}?)"
    r"[^。;\n]{0,16}?(?:缴纳|交纳|缴交|缴费|交费|汇入|汇至|支付|认缴|认领|承担[^。;\n,，]{0,10}?" + _FEE + ")"
    r"|(?:认缴|认领|认捐|分担)[^。;\n,，]{0,12}?" + _FEE
    + r"|" + _FEE + r"[^。;\n,，]{0,6}?由[^。;\n,，]{0,16}?(?:承担|分担|缴纳|支付|负担)"
)
# A fee priced per head: a demand only where the text also calls on people to attend (请各参编单位派员参加).
_PRICED = re.compile(
    _FEE + r"[^。;\n]{0,8}?(?:每人|每家|每单位|每项)?(?:人民币)?[\d,.]+\s*(?:万)?元\s*/?\s*(?:人|家|单位|项|年)"
    r"|" + _FEE + r"[^。;\n]{0,12}?(?:每人|每家|每单位|每项)[^。;\n]{0,8}?[\d,.]+\s*(?:万)?元"
    r"|" + _FEE + r"[^。;\n]{0,8}?(?:每人|每家|每单位|每项)[^。;\n]{0,6}?"
    rf"[{NUMERALS}万]+元")
_COVERED = re.compile(r"会费(?:所)?(?:包含|包括|涵盖|内)|基本服务")
_ATTEND = re.compile(r"(?:请|须|应|务必|需)[^。;\n]{0,12}?(?:派员|参加|参会|出席)")
# The work a fee must belong to for the fallback to speak.
_CONTEXT = re.compile(r"团体标准|标准化|起草|参编|立项|标准编制|标准研制|标准制定|宣贯|贯标|会费|理事|会员单位|副会长")
# Free or self-borne, or negated just before the verb (无需缴纳, 不再承担): nothing demanded.
_NOT_DEMANDED = re.compile(r"免费|免收|不收取|不收费|自理|自行承担|无需|无须|不需|不须|不必|不用|不再|不得|严禁|禁止|勿"
                           r"|自行负担|自负|由本会|由协会|由学会|由联盟|本会承担|财政")

# A sentence that names the fee's basis: dues at the organisation's own rate (按本会统一标准缴纳会费).
_BASIS_STATED = re.compile(r"按[^。;\n]{0,14}?(?:统一标准|会费标准|会费管理办法|收费标准|决议)[^。;\n]{0,4}?缴纳会费")
# Texts that report fees rather than demand them: warnings against impostors, regulators' cases, news.
_GENRE = re.compile(r"假冒|冒用|冒充|诈骗|谨防|警惕|典型案例|据[^。,，]{0,10}通报|通报(?:指出|显示|称|批评|了)|被通报|情况通报"
                    r"|责令|查处|处罚|罚款|违规收费|违法违规|整改|据[^。,，]{0,8}报道|记者")
# Dues voted by the general assembly (whatever the attendance: TSTD-FEE-204…404 judge the vote itself).
_VOTED = re.compile(r"会员(?:\(代表\))?(?:代表)?大会(?:[^。]{0,80}通过|决议)")
_ROLE = re.compile(r"起草|参编|署名|排名|立项|采用|主编|编制")


@dataclass(frozen=True)
class Demand:
    """A sentence that demands a payment: offsets in the original text and the sentence as written."""

    start: int
    end: int
    quote: str
    matched: str


def demands(text: str) -> list[Demand]:
    """The sentences of ``text`` that demand a payment in standardisation or membership work (one per
    sentence), unless the text names an allowed kind of fee tied to nothing."""
    if not text or not text.strip():
        return []
    pt = prepare(text)
    if not _CONTEXT.search(pt.text):
        return []
    reading = read_context(text)
    if _GENRE.search(pt.text) or reading.silent or reading.narrative:
        return []  # a report, an answer or a warning against impostors: nothing demanded
    found = list(_DEMAND.finditer(pt.text))
    # A price is a demand where the text calls on people to attend, ties the fee to something (优先安排), or
    # says the service is covered by dues (会费包含的基本服务) — not in a plain price list.
    if _ATTEND.search(pt.text) or reading.tied or _COVERED.search(pt.text):
        found = sorted(found + list(_PRICED.finditer(pt.text)), key=lambda m: m.start())
    if not found:
        return []
    voted = _VOTED.search(pt.text) is not None
    # a dues notice whose only fee is the dues (请尚未缴纳的单位于9月30日前办理 after a sentence naming 会费)
    dues_only = "会费" in pt.text and not other_fee(pt.text)
    if reading.allowed and not reading.tied:
        return []  # an allowed kind of fee (voluntary, priced at cost, approved, voted): nothing to check here
    out: list[Demand] = []
    seen: set[int] = set()
    for m in found:
        number, span = pt.sentence_at(m.start())
        if number in seen:
            continue
        sentence = pt.text[span.start:span.end]
        # free, self-borne or negated in the demand's own clause (培训费1800元/人，食宿自理: the fee stays)
        c0 = max(pt.text.rfind(ch, span.start, m.start()) for ch in ",，;；:：") + 1
        c0 = max(c0, span.start)
        c1 = _CLAUSE_END.search(pt.text, m.end(), span.end)
        clause = pt.text[c0:c1.start() if c1 else span.end]
        # dues tied to a role in standardisation work (缴纳入会费…方具备起草单位资格) are not plain dues; a lapse
        # of membership for unpaid dues (视为自动放弃会员资格) is
        tied_here = _TIES.search(sentence) is not None and _ROLE.search(sentence) is not None
        if _NOT_DEMANDED.search(clause) or _BASIS_STATED.search(sentence) or sentence.rstrip().endswith("?") \
                or (not tied_here and voted and not other_fee(sentence)) \
                or (not tied_here and "会费" in sentence and not other_fee(sentence.replace("会费", ""))) \
                or (not tied_here and dues_only):
            # dues alone: a lawful kind whose own defects (vote, float, non-members) specific rules judge
            continue
        start, end = pt.original_span(m.start(), m.end())
        if reading.is_quiet(start):
            continue
        seen.add(number)
        s0, s1 = pt.original_span(span.start, span.end)
        if s1 - s0 > QUOTE_MAX:  # a long sentence (a table without stops) is quoted around the demand
            s0, s1 = max(s0, start - QUOTE_MAX // 2), min(s1, end + QUOTE_MAX // 2)
        out.append(Demand(start, end, text[s0:s1].strip(), text[start:end]))
    return out


# ------------------------------------------------------------- which fields a specific rule reported on

_FIRED: dict[int, set[str]] = {}
_LOCK = threading.Lock()


def mark(doc: object, path: str) -> None:
    """Record that a specific fee rule reported on field ``path`` of ``doc`` (kept while ``doc`` lives)."""
    key = id(doc)
    with _LOCK:
        paths = _FIRED.get(key)
        if paths is None:
            paths = _FIRED[key] = set()
            weakref.finalize(doc, _forget, key)
        paths.add(path)


def fired(doc: object, path: str) -> bool:
    """Whether a specific fee rule reported on field ``path`` of ``doc``."""
    with _LOCK:
        return path in _FIRED.get(id(doc), ())


def _forget(key: int) -> None:
    with _LOCK:
        _FIRED.pop(key, None)
