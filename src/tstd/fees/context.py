"""The reading of a whole fee text that no single rule can make: which sentences demand nothing, and whether
the text is about an allowed kind of fee.

Every fee rule (``fee_text``, ``fee_frame``, ``fee_demand``) asks the same :func:`read` of a text, cached,
so the reading costs one pass per text, not one per rule. Two general mechanisms, each a class of wording
rather than a list of sentences seen in a corpus:

* **quiet sentences** — a sentence that mentions fees without demanding one: a negation that scopes over a
  list of fees (未缴纳任何参编费、署名费或赞助费 — 任何/一切 after the negated payment verb), a complaint
  channel (发现…收取参编费…的，可…举报/投诉/反映), and a decision that stops, cancels or refunds a fee
  (停止收取, 取消…费, 清退, 不再收取, 予以退还). A hit in a quiet sentence is dropped.
* **allowed kind** — a text that carries a marker of a lawful fee (voluntary, a price basis, an approval by
  a price authority, dues voted by the general assembly, a fee paid to a testing body) and no word that
  ties the payment to a role, a benefit or a sanction (方可, 否则, 不予, 取消…资格, 优先, 挂钩…). Such a text
  gives no error (a frame that fires is lowered to a warning) and the fallback rule stays silent on it.

The markers and the text-type words are pack data (``x-fee-vocabulary`` of rules/fees.yaml, regular
expressions; :class:`Vocabulary`). Every built-in fee rule reads a text with the built-in pack's vocabulary; a
``fee_frame`` rule of a user pack that extends them (``extra: {allowed_markers: [...]}``) reads with its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

from tstd.fees.amounts import AMOUNT, PRICE
from tstd.fees.text import Span, prepare
from tstd.resources import rules_dir

# A negated payment verb whose object is "any/all" fees: the whole list after it is not demanded.
_NEGATED_LIST = re.compile(
    r"(?:未|没有|没|从未|未曾|从不|均未|并未|不曾|无需|无须|不需|不须|毋须|毋須|毋需|無須|無需|不)(?:曾|再|会|得)?"
    r"(?:向[^,，。;]{0,12})?(?:缴纳|交纳|繳納|缴交|支付|收取|缴|交|繳|收|付)(?:过|了)?(?:任何|一切)"
    r"|(?:任何|一切)[^,，。;]{0,16}费[^,，。;]{0,24}(?:均未|均不|从未|一律不|概不|均无)")
_CLAUSE_END = re.compile(r"[,，。;；!?！？\n]")
# 发现…的，可…举报 / 如发现…请向…投诉: a channel for complaints names the practices it forbids.
_COMPLAINT = re.compile(
    r"发现[^。]{0,120}?(?:的|行为|情况|问题)[^。]{0,40}?(?:举报|投诉|反映|检举)"
    r"|(?:举报|投诉|反映|检举)(?:电话|邮箱|渠道|方式|途径)")
# Past narration of a fee (曾向参编单位收取…): a report of what was done, not a demand.
_NARRATED = re.compile(r"(?:曾经?|此前|过去|以往)(?:向[^,，。;]{0,12})?(?:收取|收|缴纳|交纳|摊派)"
                       r"|(?:收取|缴纳|交纳|摊派|支付)了")
# A sentence that states a prohibition (严禁强制企业付费参加会议、培训…; 禁止利用团体标准收费): it forbids, it
# demands nothing.
_PROHIBITION = re.compile(r"(?:严禁|禁止|不得(?=强制|变相|违规|借|利用|以))")
# Texts about fees that someone else charged: an inspection or investigation report, a letter and the
# official answer, a circular forwarded, a warning to the public against impostors. The text demands
# nothing itself: no fee rule reports on it. (A dunning notice may say 经查…尚未缴纳: 经查 alone is not here.)
# Texts that narrate or answer rather than demand, written by the organisation itself: a Q&A, an answer, a
# self-check report, a list of problems or cases. Every error in them is lowered to a warning.
# A demand in the text's own voice: a report that also demands (谨防假冒…。主编单位须缴纳…) is no report.
_OWN_DEMAND = re.compile(r"(?:须|应当|应|请|务必|需)[^。;\n]{0,16}?(?:缴纳|交纳|缴交|支付|出资|汇入|认缴|承担|缴)")
# Reported speech: a demand quoted from someone else (称…须缴, 接获通知…, 有人…要求) is not the text's own.
_REPORTED = re.compile(r"称|声称|反映|接获|接到|有人|冒用|假冒|冒充|不法分子|要求企业|是否")


# A clause that denies a tie (与排名无关, 不因付费调整, 不强制, 同等地位) is no tie.
_DENIAL = re.compile(r"无关|不因|不影响|不挂钩|不作为|不以|与否|同等|不强制|非强制|不得|严禁|禁止|不会|技术贡献|不与"
                     r"|不存在|不收取|退还|退费|不涉及")
# A decision that ends a fee: stop, cancel, clear out, refund, or refuse a proposal.
_STOP = re.compile(
    r"停止收取|停止收费|不再收取|不再收费|不再向|(?<![缴交结付还算])清退|予以退还|全额退还|一律退还|如数退还|已退还|退还已收"
    r"|取消[^,，。;、]{0,10}(?:收费|收取|费(?:用|项目)?(?=[,，。;、]|$))"
    # a proposal turned down (…的合作方案，本会研究后不予接受): the sentence names a fee it refuses
    r"|(?:方案|提议|建议|邀请|报价|提出)[^。;；]{0,24}(?:不予(?:接受|采纳)|不接受|予以拒绝|婉拒|谢绝)")
# What ties a payment to a role, a benefit or a sanction: with one of these a marker does not make a fee lawful.
_TIES = re.compile(
    r"方可|才能|才可|否则|不予|不再列为|不再保留|不得参加|不能参加|视为放弃|视为自动|取消[^,，。;]{0,8}资格|优先|挂钩"
    r"|作为[^,，。;]{0,12}(?:依据|参考|条件)|排名|排序|署名|不列入|不予列入|不能列入|不得列入|列为[^,，。;]{0,8}(?:单位|成员)"
    r"|强制|摊派|必须参加|必缴|必订|方具备|才具备|方有资格|方能")
_ORDER = re.compile(r"排列|由高[至到]低")
# The organisation's own finding (经查，部分项目产生额外成本，决定加收…): narrative only when it demands nothing itself.
_CHECKED = re.compile(r"经查")
TIES = _TIES  # the fallback (tstd.fees.demand) reads ties per sentence

# A fee other than dues (会费), or a share of costs. Paying for something (缴费, 收费, 免费 …) names no fee.
_OTHER_FEE = re.compile(r"(?<!会)费|经费|赞助|出资|认购|资助|捐|分担|分摊|摊派|成本")
_NOT_A_FEE = re.compile(r"缴费|交费|繳費|收费|收費|付费|付費|免费|免費|退费|欠费|费用自理")


def other_fee(text: str) -> bool:
    """Whether normalised ``text`` names a fee other than dues (会务费, 经费, 赞助 …); 缴费 / 收费 / 免费 — paying,
    charging, free — are no fee of their own."""
    return _OTHER_FEE.search(_NOT_A_FEE.sub("", text)) is not None


# The allowed-kind markers and the text-type words are pack data: `x-fee-vocabulary` of rules/fees.yaml
# (allowed_voluntary, allowed_price_basis, allowed_markers, report_texts, narrative_texts), read here once.
CONTEXT_CLASSES = ("allowed_voluntary", "allowed_price_basis", "allowed_markers", "report_texts", "narrative_texts")


@dataclass(frozen=True)
class Vocabulary:
    """The pack's words for the whole-text reading (regular expressions)."""

    voluntary: tuple[str, ...] = ()
    price_basis: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()
    reports: tuple[str, ...] = ()
    narratives: tuple[str, ...] = ()

    @property
    def all_markers(self) -> tuple[str, ...]:
        return (*self.voluntary, *self.price_basis, *self.markers)


def vocabulary_from(words: Mapping[str, Sequence[str]]) -> Vocabulary:
    """A :class:`Vocabulary` from a pack's word classes (a bad pattern is a ValueError the loader locates)."""
    for cls in CONTEXT_CLASSES:
        for w in words.get(cls, ()):
            try:
                re.compile(w)
            except re.error as exc:
                raise ValueError(f"{cls}: 正则表达式无效 / invalid regular expression {w!r}: {exc}") from exc
    return Vocabulary(*(tuple(words.get(cls, ())) for cls in CONTEXT_CLASSES))


@lru_cache(maxsize=1)
def builtin_pack() -> Mapping[str, object]:
    """The built-in fee pack as plain data (rules/fees.yaml, parsed once with the C loader): its pack-level
    sections (x-fee-vocabulary, x-fee-model) configure every built-in fee rule."""
    with open(rules_dir() / "fees.yaml", encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.CSafeLoader)  # the safe loader, in C
    return data if isinstance(data, Mapping) else {}


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The built-in pack's vocabulary (rules/fees.yaml, x-fee-vocabulary), read once."""
    words = builtin_pack().get("x-fee-vocabulary")
    return vocabulary_from(words if isinstance(words, Mapping) else {})


@dataclass(frozen=True)
class Reading:
    """What :func:`read` found in one text. Spans are offsets in the original text."""

    quiet: tuple[tuple[int, int], ...]
    allowed: tuple[str, ...]  # the allowed-kind markers found (empty: none)
    tied: bool  # a word that ties a payment to a role, benefit or sanction
    marked: tuple[tuple[int, int], ...] = ()  # the sentences that carry an allowed-kind marker
    narrative: bool = False  # a report, an answer or a warning: it narrates fees, it demands none
    report: bool = False  # about fees someone else charged (a report, a letter, a warning): nothing to report
    dues: bool = False  # a sentence or row prices the dues without an allowed-kind marker of its own
    vocabulary: Vocabulary = Vocabulary()

    @property
    def lawful_kind(self) -> bool:
        """An allowed kind of fee, tied to nothing: no error, and no fallback warning."""
        return bool(self.allowed) and not self.tied

    def lowers(self, start: int) -> bool:
        """Whether a hit at original offset ``start`` is in a sentence (or table row) that names an allowed
        kind of fee, in a text that ties no payment to anything: a warning at most. A marker says what kind
        one fee is; it does not clear another fee of the same text (dues voted by the assembly may still float)."""
        return self.narrative or self.clears or (not self.tied and any(a <= start < b for a, b in self.marked))

    @property
    def silent(self) -> bool:
        """Nothing in the text is reported: a report about others' fees, or a lawful service-fee notice."""
        return self.report or self.clears

    @property
    def clears(self) -> bool:
        """A service-fee notice that states voluntariness and a price basis and ties the fee to nothing
        (ALLOW-02): nothing in it is reported."""
        # (a fee list whose training row is voluntary at market price says nothing of its dues rows)
        return not self.tied and not self.dues and any(m in self.vocabulary.voluntary for m in self.allowed) and \
            any(m in self.vocabulary.price_basis for m in self.allowed)

    def is_quiet(self, start: int) -> bool:
        """Whether original offset ``start`` lies in a sentence that demands nothing."""
        return any(a <= start < b for a, b in self.quiet)


# The dues with a price (会员会费 | 30000元/年; 会费标准：每年2000元).
_PRICED_DUES = re.compile(rf"会费[^。;]{{0,24}}?(?:{PRICE})|(?:{PRICE})[^。;]{{0,12}}?会费")
# A charge beside the dues: a sentence that names the voted dues to demand something else besides them.
_BESIDE_DUES = re.compile(r"会费(?:之|以)?外[^。;]{0,30}?(?:另|还|并)|会费另计"
                          r"|(?:另需|另须|另行缴纳|另缴|另交|另收)[^。;]{0,30}?(?:元|费|金)")


def read(text: str, vocabulary: Vocabulary | None = None) -> Reading:
    """The whole-text reading of ``text`` (cached per text and vocabulary; default: the built-in pack's)."""
    return _read(text, vocabulary or default_vocabulary())


@lru_cache(maxsize=256)
def _read(text: str, vocab: Vocabulary) -> Reading:
    pt = prepare(text)
    quiet: list[tuple[int, int]] = []
    marked: list[tuple[int, int]] = []
    dues = False
    found: set[str] = set()
    markers = vocab.all_markers
    compiled = [(m, _marker(m)) for m in markers]
    for span in pt.sentences:
        if span.end <= span.start:
            continue
        sentence = pt.text[span.start:span.end]
        if _COMPLAINT.search(sentence) or _STOP.search(sentence) or _NARRATED.search(sentence) \
                or _PROHIBITION.search(sentence):
            quiet.append(pt.original_span(span.start, span.end))
        here = [m for m, rx in compiled if rx.search(sentence)]
        if here and _BESIDE_DUES.search(sentence):
            here = []  # the voted dues are named only to charge something beside them (除…会费外，另需缴纳…)
        if not here and _PRICED_DUES.search(sentence):
            dues = True
        if here:
            found.update(here)
            marked.append(pt.original_span(span.start, span.end))
    # A negation over a list of fees reaches to the end of its clause, not further (免费…，可自愿订购…80元).
    for m in _NEGATED_LIST.finditer(pt.text):
        end = _CLAUSE_END.search(pt.text, m.end())
        quiet.append(pt.original_span(m.start(), end.start() if end else len(pt.text)))
    reported, checked = _any(vocab.reports, pt.text), _CHECKED.search(pt.text) is not None
    own = (reported or checked) and _own_demand(pt.text, pt.sentences)
    report = reported and not own
    # 经查 in a text that demands in its own voice is the organisation's own finding, not an investigation: the
    # narrative words are read without it
    narrative = _any(vocab.narratives, _CHECKED.sub("··", pt.text) if checked and own else pt.text)
    return Reading(tuple(quiet), tuple(m for m in markers if m in found), _tied(pt.text),
                   tuple(marked), narrative, report, dues, vocab)


def _any(patterns: tuple[str, ...], text: str) -> bool:
    return any(_marker(p).search(text) for p in patterns)


def _own_demand(text: str, sentences: Sequence[Span]) -> bool:
    """Whether a sentence of ``text`` demands a payment in the text's own voice (not quoting someone)."""
    for span in sentences:
        sentence = text[span.start:span.end]
        if _OWN_DEMAND.search(sentence) and not _REPORTED.search(sentence) and not _quiet_sentence(sentence):
            return True
    return False


def _quiet_sentence(sentence: str) -> bool:
    return bool(_COMPLAINT.search(sentence) or _STOP.search(sentence) or _NARRATED.search(sentence)
                or _PROHIBITION.search(sentence) or _NEGATED_LIST.search(sentence))


def _tied(text: str) -> bool:
    """Whether a clause of ``text`` ties a payment to a role, a benefit or a sanction (and does not deny it)."""
    for m in _TIES.finditer(text):
        start = max((text.rfind(c, 0, m.start()) for c in ",，。;；\n"), default=-1) + 1
        end = _CLAUSE_END.search(text, m.end())
        if not _DENIAL.search(text, start, end.start() if end else len(text)):
            return True
    # an order by money (按…档次（A档5万元…）由高至低排列): an order ties only where its clause prices something
    for m in _ORDER.finditer(text):
        start = max((text.rfind(c, 0, m.start()) for c in "。;；\n"), default=-1) + 1
        end = _CLAUSE_END.search(text, m.end())
        stop = end.start() if end else len(text)
        if AMOUNT.search(text, start, stop) and not _DENIAL.search(text, start, stop):
            return True
    return False


@lru_cache(maxsize=128)
def _marker(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
