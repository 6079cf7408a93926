"""The *shape* of a fee practice, recognised clause by clause instead of phrase by phrase.

A prohibited fee practice is a payment tied to something standardisation gives or demands:

* **linked** — a payment (缴纳/支付/出资/赞助/经费支持/…费/5万元, with the amount parsed; 0 and 免费 are free)
  tied by a condition, purpose or consequence (须/方可/才能/可/凭/享有/获得/列入/按…金额/视…而定) to a
  benefit or role (参编/主编/署名/前言/排名/立项/评审/证书 …). In the same sub-clause, or in the next one
  when the link opens it (提供经费支持的单位，可在前言中列名), or in one table row. A payment and a benefit
  side by side without a link are only *suggested*: a warning.
* **compelled** — a payment made compulsory (强制/必须/统一/一律/摊派) or enforced by a sanction
  (未缴纳…的，不予署名; 不参加…不予), for the activities the rule names.

Polarity (see :class:`Vocabulary`): a negation (不/无/未/非/不得/严禁/绝不/从未/拒绝 …) before a word in its
sub-clause turns that word off; "免收/由本会承担/自理/与…无关" after a payment turns the payment off; a
disclaimer (谨防/假冒/与本会无关/举报/凡…均属…) or a report of a punished violation turns off its whole
statement, across "；", and nothing else. Every vocabulary is data in the rule pack.

All words of a rule are found by one regular expression pass (longest word first, so 不予 is a sanction and
not the negation 不); the frame logic then walks the tokens of each clause once. Linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from tstd.fees.amounts import AMOUNT, amount_of, parse_number
from tstd.fees.clauses import LIST_REACH, Clause, Layout, list_heads, split
from tstd.fees.context import CONTEXT_CLASSES, Vocabulary, vocabulary_from
from tstd.fees.context import read as read_context
from tstd.fees.text import PreparedText, normalise_term, prepare

GAP = "..."  # "…" in a vocabulary word, after NFKC: a short gap inside the statement
GAP_REGEX = r"[^。!?\n]{0,%d}?"
# Inside a sub-clause: a word of a frame (按…金额, 视…而定) never reaches over "，" or "；" — 按技术贡献排序，不收取任何
# 费用 is no 按…费用. Only a disclaimer (凡…收取参编费的，均属…) spans its statement.
CLAUSE_GAP_REGEX = r"[^。!?\n,;]{0,%d}?"

FRAMES = ("linked", "compelled")
TIER_GAP = 6  # 主编单位（每家）5万元: how far a price may follow the role it prices
QUOTE_MAX = 200  # a longer clause is quoted as a window of QUOTE_SIDE characters around the match
QUOTE_SIDE = 60
OPENING_REACH = 4  # how many sub-clauses an opening 根据…要求， may govern
SUBJECT_GAP = 3  # 获评企业另缴纳: how far a paying verb may follow the role that pays
# Vocabulary classes a pack gives; the order settles ties between words of equal length.
CLASSES = (
    "basis", "disclaimers", "denials", "self_borne", "free", "sanctions", "compulsion", "voluntary", "links",
    "payments", "hints", "fee_nouns", "non_negators", "negators", "purposes", "third_parties", "vague",
    "event_fees", "reports", "neutral", *CONTEXT_CLASSES,
)
# ``neutral``: longer words that hold a word of another class and mean something else (建议名单 holds the vague
# 建议): the lexer takes the longest word, so they shadow it; no frame reads them.
# Classes that qualify other words instead of being tokens of their own: ``event_fees`` (会务费, 培训费) are
# fee nouns too, and say that the money buys an event rather than the benefit named beside it.
# The whole-text reading's classes (allowed_markers …) are regular expressions for tstd.fees.context.
UNTOKENISED = frozenset(("event_fees", "reports", *CONTEXT_CLASSES))
REPORT_MIN = 2  # distinct report words (责令, 典型案例, 全额退还 …) that make a text a report of fees
_STRS = {"type": "array", "items": {"type": "string", "minLength": 1}}
VOCABULARY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["payments", "links", "negators"],
    "properties": {name: _STRS for name in CLASSES},
}
FRAME_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["practice", "frame", "vocabulary"],
    "properties": {
        "practice": {"type": "string", "pattern": r"^FEE-\d{2}$"},
        "frame": {"enum": list(FRAMES)},
        "vocabulary": VOCABULARY_SCHEMA,
        "extra": VOCABULARY_SCHEMA | {"required": []},
        "targets": _STRS,
        "direct": _STRS,
        "requires": _STRS,
        "unless": _STRS,
        "trigger": {"enum": ["payment", "membership"]},
        "membership": _STRS,
        "infer": {"type": "boolean"},
        "notice": {"oneOf": [{"type": "boolean"}, _STRS]},
        "opening": {"type": "boolean"},
        "conditions": _STRS,
        "offered": {"type": "boolean"},
        "reveals": {"type": "object", "required": ["zh"], "additionalProperties": False,
                    "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}},
    },
}


@dataclass(frozen=True)
class Token:
    """A vocabulary word found in the normalised text: class, span, and the amount for ``amount``."""

    cls: str
    start: int
    end: int
    word: str
    amount: float | None = None


@dataclass(frozen=True)
class FrameHit:
    """One clause where the frame holds. Offsets are in the original text; ``quote`` is the clause as the
    user wrote it; ``linked`` says the text states the practice (an error) rather than suggests it."""

    start: int
    end: int
    quote: str
    linked: bool
    matched: str
    why: tuple[str, ...] = ()
    amount: float | None = None


def trie_regex(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, longest first, as a prefix tree: 不予|不得按|不 becomes
    不(?:予|得按)? — at each character one branch is followed instead of every word being tried."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return build(trie)


def _word_regex(word: str, gap: int, across: bool = True) -> str:
    norm = normalise_term(word)
    return ((GAP_REGEX if across else CLAUSE_GAP_REGEX) % gap).join(re.escape(p) for p in norm.split(GAP))


PAYISH = frozenset(("payments", "direct", "basis", "fee_nouns", "membership", "hints"))
ORDER = {name: i for i, name in enumerate(("targets", "direct", "requires", "unless", "membership", *CLASSES))}


class Lexer:
    """Words of several classes (and, with ``amounts``, money amounts) found in one regex pass: words with a gap
    ("按…金额") are a few alternatives of their own, tried first; every plain word goes into one prefix tree, so
    the pass costs about the same whatever the size of the vocabularies (an alternation of hundreds of words
    would be tried word by word at every character)."""

    def __init__(self, words: Mapping[str, tuple[str, ...]], amounts: bool) -> None:
        gapped: list[tuple[int, int, str, str]] = []
        self._word_class: dict[str, str] = {}
        for cls in sorted(words, key=lambda c: ORDER.get(c, 99)):
            if cls in UNTOKENISED:
                continue
            for word in words[cls]:
                norm = normalise_term(word)
                if not norm:
                    continue
                if GAP in norm:
                    wide = cls == "disclaimers"
                    source = _word_regex(word, 40 if wide else 12, wide)
                    gapped.append((len(norm.replace(GAP, "")), ORDER.get(cls, 99), cls, source))
                else:
                    # the same word in two classes: the class listed first wins
                    self._word_class.setdefault(norm, cls)
        gapped.sort(key=lambda a: (-a[0], a[1], a[3]))
        self._classes: dict[str, str] = {}
        parts = [f"(?P<amount>{AMOUNT.pattern})"] if amounts else []
        for i, (_, _, cls, source) in enumerate(gapped):
            self._classes[f"g{i}"] = cls
            parts.append(f"(?P<g{i}>{source})")
        if self._word_class:
            parts.append(f"(?P<word>{trie_regex(self._word_class)})")
        self._regex = re.compile("|".join(parts)) if parts else None

    def tokens(self, text: str) -> list[Token]:
        if self._regex is None:
            return []
        out: list[Token] = []
        for m in self._regex.finditer(text):
            name = m.lastgroup or ""
            if name in ("amount", "num", "unit", "sign"):
                out.append(Token("amount", m.start(), m.end(), m.group(), amount_of(m)))
            elif name == "word":
                out.append(Token(self._word_class[m.group()], m.start(), m.end(), m.group()))
            else:
                out.append(Token(self._classes[name], m.start(), m.end(), m.group()))
        return out


@lru_cache(maxsize=16)
def _shared_lexer(key: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexer:
    # The pack's rules share one vocabulary (x-fee-vocabulary): compile it once.
    return Lexer(dict(key), amounts=True)


_TOKENS: dict[tuple[int, str], list[Token]] = {}
_TOKENS_KEPT = 64


def _shared_tokens(lexer: Lexer, text: str) -> list[Token]:
    """The shared vocabulary's tokens of ``text``, computed once for all the rules of a pack."""
    key = (id(lexer), text)
    found = _TOKENS.get(key)
    if found is None:
        if len(_TOKENS) >= _TOKENS_KEPT:
            _TOKENS.pop(next(iter(_TOKENS)))
        found = _TOKENS[key] = lexer.tokens(text)
    return found


_REPORTS: dict[tuple[int, str], bool] = {}


def _is_report(regex: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` holds REPORT_MIN distinct report words; computed once per text for all the rules."""
    key = (id(regex), text)
    found = _REPORTS.get(key)
    if found is None:
        if len(_REPORTS) >= _TOKENS_KEPT:
            _REPORTS.pop(next(iter(_REPORTS)))
        found = _REPORTS[key] = len({m.group() for m in regex.finditer(text)}) >= REPORT_MIN
    return found


def _merge(shared: list[Token], own: list[Token]) -> list[Token]:
    """Leftmost-longest over both token lists (a rule's own word wins a tie): as if one regex had read both."""
    if not own:
        return shared
    ranked = sorted([(t.start, -(t.end - t.start), 0, i, t) for i, t in enumerate(own)]
                    + [(t.start, -(t.end - t.start), 1, i, t) for i, t in enumerate(shared)])
    out: list[Token] = []
    end = -1
    for start, _, _, _, token in ranked:
        if start >= end:
            out.append(token)
            end = token.end
    return out


@dataclass
class FrameRule:
    """A compiled ``fee_frame`` rule: the shared vocabulary and the rule's own words, the frame and guards."""

    practice: str
    frame: str
    words: Mapping[str, tuple[str, ...]]
    infer: bool = True
    reveals: tuple[str, str] = ("", "")
    shared: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    notice: bool | tuple[str, ...] = False
    reading: Vocabulary | None = None  # the whole-text reading's words (None: the built-in pack's)
    # True: a notice target in the notice's opening statement (根据市工信局要求，开展…评价工作) governs the whole
    # notice — a payment demanded with its amount later in it is tied to that target, not merely beside it
    opening: bool = False
    # notice targets that are a precondition set by an authority (不予受理, 必备材料): in any clause of the notice
    # they tie a payment demanded with its amount elsewhere in it to that precondition — stated, not beside it
    conditions: tuple[str, ...] = ()
    # False: a payment left to the payer still buys the benefit (自愿选择的推介档次由高至低排列 is paid ranking)
    offered: bool = True
    _anchor: re.Pattern[str] | None = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Every rule of a pack reads the whole shared vocabulary with one lexer (its tokens are computed once per
        # text for all rules); a rule's own lexer holds only its own classes and the words its `extra` adds.
        shared = {k: v for k, v in self.shared.items() if k in self.words}
        own = {k: tuple(w for w in v if w not in set(shared.get(k, ()))) for k, v in self.words.items()}
        own = {k: v for k, v in own.items() if v}
        self._shared = _shared_lexer(tuple(sorted(shared.items())))
        self._own = Lexer(own, amounts=False)
        trigger = [w for k in ("direct", "payments", "fee_nouns", "basis", "membership", "hints")
                   for w in self.words.get(k, ())]
        pieces = sorted({max(normalise_term(w).split(GAP), key=len) for w in trigger if normalise_term(w)},
                        key=lambda p: (-len(p), p))
        # A word of one class may spell a word of another (须赞助 is a compulsion holding the payment 赞助,
        # 平均分摊 a compulsion holding 分摊): such a token also counts as a payment or a target.
        self._inside = {"payments": _plain_regex(self.words.get("payments", ()) + self.words.get("basis", ())),
                        "targets": _plain_regex(self.words.get("targets", ()))}
        # `requires` words are looked for in the clause's text: another class may have taken them as part of
        # a longer word (项目期会费 holds 会费).
        self._requires = _word_alternation(self.words.get("requires", ()))
        # `notice: [words]`: only these of the targets count when payment and benefit stand in different clauses
        self._notice_targets = _word_alternation(self.notice) if isinstance(self.notice, tuple) else None
        # the opening reads the notice words with a sentence's reach (根据某省工业和信息化厅关于…工作的要求)
        self._opening = _word_alternation(self.notice, OPENING_GAP) \
            if self.opening and isinstance(self.notice, tuple) else None
        self._conditions = _word_alternation(self.conditions, OPENING_GAP)
        self._held: dict[tuple[str, str], bool] = {}  # (class, word) → the word holds a word of that class
        self._event_fees = frozenset(normalise_term(w) for w in self.words.get("event_fees", ()))
        # A news story, a regulator's cases or a refund notice describes fees; it demands none.
        self._reports = _shared_regex(tuple(sorted(self.words.get("reports", ()))))
        # Most texts name no payment at all: one substring search rules them out before the full pass.
        self._anchor = re.compile("|".join([re.escape(p) for p in pieces] + [AMOUNT.pattern])) if pieces else None

    # ------------------------------------------------------------------ scanning

    def tokens(self, text: str) -> list[Token]:
        """Every vocabulary word and amount of normalised ``text``, in order."""
        return _merge(_shared_tokens(self._shared, text), self._own.tokens(text))

    def hits(self, text: str, infer: bool = True) -> list[FrameHit]:
        """Clauses of ``text`` where the frame holds (at most one hit per clause); with ``infer`` False (a
        title) only those that state the practice."""
        if not text or not text.strip():
            return []
        pt = prepare(text)
        if self._anchor is not None and not self._anchor.search(pt.text):
            return []
        if self._requires is not None and not self._requires.search(pt.text):
            return []
        if self._reports is not None and _is_report(self._reports, pt.text):
            return []
        tokens = self.tokens(pt.text)
        if not tokens:
            return []
        layout = split(pt.text)
        if self.frame == "linked" and not any(t.cls in ("targets", "direct") or self._holds("targets", t)
                                              for t in tokens) and not self._opens(pt, layout):
            return []  # nothing this practice is about: no clause can frame it
        starts = [t.start for t in tokens]
        off_statements = _disclaimed(tokens, layout, pt.text)
        out: list[FrameHit] = []
        # A payment in one clause and the benefit in another clause of the same notice: suggested only.
        notice = _Notice() if self.notice and infer and self.frame == "linked" else None
        # An event made compulsory in one clause and its fee demanded in another: compelled across the notice.
        event = _Event() if self.notice and infer and self.frame == "compelled" and self._event_fees else None
        k = 0
        for clause in layout.clauses:
            mine: list[Token] = []
            while k < len(tokens) and tokens[k].start < clause.end:
                if tokens[k].start >= clause.start:
                    mine.append(tokens[k])
                k += 1
            if not mine or clause.statement in off_statements or pt.text[clause.end - 1:clause.end] == "?":
                continue  # (a question asks, it states nothing: 参编需要交参编费吗？)
            if notice is not None:
                notice.see(self, pt.text, clause, mine)
            if event is not None:
                event.see(self, pt.text, clause, mine)
            priced = _header_amounts(pt.text, clause, mine)
            if self.frame == "compelled" and not clause.row and _TABLE_REF.search(pt.text, clause.start, clause.end):
                # 每家会员单位须按上表认领一项: the clause compels what the table it points to prices and names
                pointed = [Token(t.cls, clause.start, clause.start, t.word, t.amount) for t in _table_tokens(
                    layout, tokens) if t.cls in ("targets", "amount")]
                mine = sorted(pointed + mine, key=lambda t: t.start)
                priced += [t for t in pointed if t.cls == "amount"]
            if not priced and not any(self._payish(t) for t in mine):
                continue
            if clause.header is not None:
                # the header names what each column is (费用, 权益, 会费内基本服务): a row reads with it
                h0, h1 = clause.header
                header = tokens[bisect_left(starts, h0):bisect_left(starts, h1)]
                context = [Token(t.cls, clause.start, clause.start, t.word, t.amount) for t in header
                           if t.cls in ("targets", "links", "fee_nouns")]
                mine = sorted(context + mine + priced, key=lambda t: t.start)
            hit = self._judge(pt, clause, mine)
            if hit is not None and (infer or hit.linked):
                out.append(hit)
        if notice is not None and not out and notice.pay is not None and not notice.denied:
            clause, pay = notice.pay
            governs = pay.cls != "hints" and self._opens(pt, layout) and self._demanded(pt, clause, tokens)
            if governs or notice.target is not None:
                out.append(self._hit(pt, clause, pay, pay, governs, [pay] + ([notice.target] if notice.target else [])))
        if notice is not None and not notice.denied and notice.priced is not None and not any(h.linked for h in out):
            # a price for the association's document and an authority's precondition elsewhere: stated
            clause, price = notice.priced
            if self._conditioned(pt, layout, clause, tokens, off_statements):
                out = [self._hit(pt, clause, price, price, True, [price])]
        if event is not None and not out and event.forced is not None and event.fee is not None \
                and not event.denied and (event.forced[2] or not event.voluntary):
            clause, force, sanctioned = event.forced
            out.append(self._hit(pt, clause, force, event.fee, sanctioned, [force, event.fee]))
        if not out:
            return out
        # The whole-text reading (tstd.fees.context): no hit in a sentence that demands nothing; no error on
        # an allowed kind of fee that the text ties to no role, benefit or sanction.
        reading = read_context(text, self.reading)
        if reading.silent:
            return []
        out = [h for h in out if not reading.is_quiet(h.start)]
        out = [replace(h, linked=False) if h.linked and reading.lowers(h.start) else h for h in out]
        return out

    def _opens(self, pt: PreparedText, layout: Layout) -> bool:
        """Whether the notice's opening statement (the first one that is not a heading or a salutation) names
        one of the notice words: the administrative requirement the whole notice is issued under."""
        if self._opening is None:
            return False
        for k, start in enumerate(layout.statements):
            end = layout.statements[k + 1] if k + 1 < len(layout.statements) else len(pt.text)
            line = pt.text[start:end].strip()
            if not line or _HEADING.fullmatch(line):
                continue
            return self._opening.search(line) is not None
        return False

    def _conditioned(self, pt: PreparedText, layout: Layout, paying: Clause, tokens: list[Token],
                     off: set[int]) -> bool:
        """Whether another clause of the notice states a precondition set by an authority (未取得…的，区局不予
        受理), not denied in its sub-clause (不作为…前置条件) and outside any disclaimer."""
        if self._conditions is None:
            return False
        for clause in layout.clauses:
            if clause.start == paying.start or clause.statement in off:
                continue
            for m in self._conditions.finditer(pt.text, clause.start, clause.end):
                sub = clause.subclause_of(m.start())
                # 未取得证明的产品不得通过验收: a negation that opens the condition's subject (…的, …者) is no denial
                if not any(t.cls in ("negators", "denials", "voluntary") and clause.start <= t.start < m.start()
                           and clause.subclause_of(t.start) == sub
                           and not _CONDITION_SUBJECT.search(pt.text, t.end, m.start()) for t in tokens):
                    return True
        return False

    @staticmethod
    def _demanded(pt: PreparedText, clause: Clause, tokens: list[Token]) -> bool:
        """A paying clause that demands (须/请/应…, a sanction) and states its amount."""
        mine = [t for t in tokens if clause.start <= t.start < clause.end]
        return any(t.cls == "amount" and (t.amount or 0) > 0 for t in mine) and (any(
            t.cls in ("links", "compulsion", "sanctions") for t in mine) or "请" in pt.text[clause.start:clause.end])

    # ------------------------------------------------------------------ the frame in one clause

    def _judge(self, pt: PreparedText, clause: Clause, tokens: list[Token]) -> FrameHit | None:
        if any(t.cls == "denials" for t in tokens):
            return None  # 排名与出资无关, 缴费与否不影响署名: the link itself is denied
        if any(t.cls == "unless" for t in tokens):
            return None
        reading = _affirmed(clause, tokens)
        live = reading.live
        pays = [t for t in live if t.cls in ("payments", "direct", "basis", "hints")
                or (t.cls == "amount" and (t.amount or 0) > 0)
                or (t.cls in ("compulsion", "links", "sanctions") and self._holds("payments", t))]
        nouns = [t for t in live if t.cls == "fee_nouns"]
        if self.words.get("membership"):
            pays = [t for t in live if t.cls == "membership"]
            nouns = []
        if not pays and not nouns:
            return None
        if _free(clause, live, pays):
            return None
        targets = [t for t in live if t.cls in ("targets", "direct") or (t.cls != "amount" and self._holds("targets", t))]
        if self._requires is not None and not self._requires.search(pt.text, clause.start, clause.end) \
                and not (clause.header and self._requires.search(pt.text, *clause.header)):
            return None
        if self.frame == "compelled":
            return self._compelled(pt, clause, live, pays or nouns, targets, reading.conditional)
        if not targets:
            return None
        if reading.conditional and any(t.cls == "sanctions" for t in live) and not self.words.get("membership"):
            # 未缴纳…的，不再保留常务理事职务 / 逾期未缴的，取消起草单位资格: the sanction ties the payment to the role
            return self._hit(pt, clause, reading.conditional[0], targets[0], True, live)
        return self._linked(pt, clause, live, pays, nouns, targets)

    def notice_target(self, word: str) -> bool:
        """Whether a target word counts for the notice-level reading (all of them unless ``notice`` lists some)."""
        return self._notice_targets is None or self._notice_targets.fullmatch(word) is not None

    def requires_in(self, text: str, clause: Clause) -> bool | None:
        """Whether ``clause`` holds one of the rule's ``requires`` words (None: the rule requires none)."""
        if self._requires is None:
            return None
        return self._requires.search(text, clause.start, clause.end) is not None

    def _payish(self, t: Token) -> bool:
        """A token that can be the payment of a frame (or, for a membership frame, the membership)."""
        return t.cls in PAYISH or (t.cls == "amount" and (t.amount or 0) > 0) or self._holds("payments", t)

    def _holds(self, cls: str, token: Token) -> bool:
        if token.cls == cls or token.cls == "amount":
            return False
        key = (cls, token.word)
        known = self._held.get(key)
        if known is None:
            inside = self._inside.get(cls)
            known = self._held[key] = inside is not None and inside.search(token.word) is not None
        return known

    def _linked(self, pt: PreparedText, clause: Clause, live: list[Token], pays: list[Token],
                nouns: list[Token], targets: list[Token]) -> FrameHit | None:
        links = [t for t in live if t.cls in ("links", "sanctions", "compulsion", "basis", "vague")]
        voluntary = any(t.cls == "voluntary" for t in live)  # a topic or label does not tie a voluntary fee
        best: tuple[Token, Token] | None = None
        for pay in pays or nouns:
            sp = clause.subclause_of(pay.start)
            if pay.cls == "hints":
                # 综合考虑支持力度: a vague word for money never states the practice, it only suggests it
                if targets and not any(t.cls == "hints" for t in targets):
                    best = best or (pay, targets[0])
                continue
            for target in targets:
                st = clause.subclause_of(target.start)
                if pay is target:
                    strong = pays and (any(t.cls == "amount" and (t.amount or 0) > 0 for t in live)
                                       or any(t.cls == "payments" for t in live) or links)
                    if strong:
                        return self._hit(pt, clause, pay, pay, True, live)
                    continue  # 技术审查费用说明: a fee named without amount or payment states nothing
                if clause.row and pays:
                    return self._hit(pt, clause, pay, target, True, live)
                if pays and pay in pays and st < sp and (_conditional_subject(pt, clause, st) or (
                        sp == st + 1 and not voluntary and _topic(pt, clause, st, live))):
                    # 当选副会长单位的，…另向本会提供支持费10万元 / 欲标注执行本标准者，应…: the role opens a
                    # condition ("…的，" "…者，") that the payment after it answers; 未入会之参编单位，按每项收取
                    # 会费…: a bare role as the topic of the payment that follows
                    return self._hit(pt, clause, pay, target, True, live)
                if st == 0 < sp <= OPENING_REACH and pays and pay in pays and any(
                        clause.subclause_span(1)[0] <= t.start < clause.subclause_span(sp)[1]
                        and t.cls in ("links", "compulsion") for t in links):
                    # 根据市局工作要求，申报…的单位，须先取得本会的评审报告，评审费每家12000元: the opening
                    # sub-clause frames the whole clause, and a link after it ties the payment
                    return self._hit(pt, clause, pay, target, True, live)
                if sp == st and pays and pay in pays and target.end <= pay.start and not voluntary and \
                        ":" in pt.text[target.end:pay.start] and _topic(pt, clause, st, live):
                    # 非会员单位：每年缴纳会费6000元 — the label names who pays what follows it
                    return self._hit(pt, clause, pay, target, True, live)
                if abs(sp - st) > 2:
                    continue
                if abs(sp - st) == 2:
                    # 欲标注执行本标准者，应先取得本会证书，证书费每年一万元: linked through the middle part
                    mid = clause.subclause_span(min(sp, st) + 1)
                    if pays and pay in pays and any(mid[0] <= t.start < mid[1] and t.cls in ("links", "basis")
                                                    for t in links):
                        return self._hit(pt, clause, pay, target, True, live)
                    continue
                if pay.cls in ("payments", "basis") and sp == st and _actor(pt, target) and (
                        0 <= pay.start - target.end <= SUBJECT_GAP or _modal_gap(pt.text[target.end:pay.start])):
                    # 获评企业另缴纳…12000元 / 参编单位缴纳…: the role is the one who pays
                    return self._hit(pt, clause, target, pay, True, live)
                if pay.cls == "amount" and sp == st and 0 <= pay.start - target.end <= TIER_GAP \
                        and not any(target.end <= t.start < pay.start for t in nouns):
                    # 主编单位5万元 / 主编单位：5万元/家 — a role priced like a tier of a fee schedule
                    return self._hit(pt, clause, pay, target, True, live)
                lo, hi = min(sp, st), max(sp, st)
                a, _ = clause.subclause_span(lo)
                _, b = clause.subclause_span(hi)
                linked = pays and pay in pays and any(a <= t.start < b for t in links) and \
                    (sp == st or any(clause.subclause_of(t.start) == hi for t in links) or _relative(pt, pay, clause)
                     or (hi == lo + 1 and _continues(pt, clause, hi)))
                if linked:
                    return self._hit(pt, clause, pay, target, True, live)
                if sp == st and pay in pays:  # a bare 费用 beside a role (a title) suggests nothing
                    best = best or (pay, target)
        if best is not None and self.infer and not any(t.cls in ("voluntary", "third_parties") for t in live):
            # 支付给第三方检测机构的检测费: money paid to another body beside a role is not a fee of the notice's
            # author for that role
            return self._hit(pt, clause, best[0], best[1], False, live)
        return None

    def _compelled(self, pt: PreparedText, clause: Clause, live: list[Token], pays: list[Token],
                   targets: list[Token], conditional: list[Token]) -> FrameHit | None:
        if any(t.cls == "voluntary" for t in live):
            return None  # 自愿报名, 自愿参加: not compelled
        if self.words.get("targets") and not targets:
            return None
        forced = [t for t in live if t.cls in ("compulsion", "sanctions")]
        strong = [p for p in pays if p.cls != "fee_nouns"]
        if (forced and strong) or conditional:
            anchor = conditional[0] if conditional else strong[0]
            return self._hit(pt, clause, anchor, (forced or [anchor])[0], True, live)
        return None

    def _hit(self, pt: PreparedText, clause: Clause, a: Token, b: Token, linked: bool,
             live: list[Token]) -> FrameHit:
        if linked and self._weakened(clause, a, b, live):
            linked = False
        lo, hi = min(a.start, b.start), max(a.end, b.end)
        o_start, o_end = pt.original_span(lo, hi)
        c_start, c_end = pt.original_span(clause.start, max(clause.end, clause.start + 1))
        if c_end - c_start > QUOTE_MAX:  # a run-on clause: quote a window around the match
            c_start, c_end = max(c_start, o_start - QUOTE_SIDE), min(c_end, o_end + QUOTE_SIDE)
        quote = pt.original[c_start:c_end].strip()
        amounts = [t.amount for t in live if t.cls == "amount" and t.amount]
        return FrameHit(o_start, o_end, quote, linked, pt.original[o_start:o_end],
                        tuple(sorted({t.word for t in live if t.cls not in ("amount",)}))[:8],
                        max(amounts) if amounts else None)


    def _weakened(self, clause: Clause, a: Token, b: Token, live: list[Token]) -> bool:
        """A stated tie made vague or indirect, so the text only suggests the practice: a vague word of
        weight (作为排序的参考之一, 遴选中优先), or a fee named for an event (会务费, 培训费) while the benefit
        stands in another sub-clause (会务费2000元/人，请入选单位参会领取证书 — the money buys the meeting)."""
        subs = {clause.subclause_of(a.start), clause.subclause_of(b.start)}
        paid = {clause.subclause_of(t.start) for t in (a, b) if self._payish(t)}
        if any((t.cls == "vague" and clause.subclause_of(t.start) in subs)
               or (t.cls == "voluntary" and self.offered and clause.subclause_of(t.start) in paid) for t in live):
            # (a vague word about another benefit — 享有优先作为牵头单位的权利 — leaves the tie stated); a
            # purchase left to the buyer (获奖单位可自愿订购证书框) is offered, not demanded
            return True
        if self.frame != "linked" or clause.row or clause.subclause_of(a.start) == clause.subclause_of(b.start):
            return False  # compelling attendance of a paid event is itself a practice (FEE-11)
        # (the event's fee is the one paid: 评选不收取报名费，入选单位须缴纳评审费…方可领证 is a fee for the award)
        return any(t.cls == "fee_nouns" and t.word in self._event_fees and clause.subclause_of(t.start) in paid
                   for t in live)


class _Event:
    """The notice-level reading of a ``compelled`` frame: a clause that makes attending an event (a target:
    培训, 宣贯会) compulsory, with no fee in it, and a clause that demands a fee named for an event (培训费1600元
    /人, 须缴纳会务费). Stated (an error) when the compulsion carries a sanction (否则不予办理, 不再保留署名);
    a free word or a denial anywhere in the notice turns the reading off, and so does a voluntary word unless
    the compulsion carries a sanction (其他企业自愿报名 beside 未派员的不列入名单)."""

    def __init__(self) -> None:
        self.forced: tuple[Clause, Token, bool] | None = None
        self.fee: Token | None = None
        self.denied = False
        self.announced = False  # a clause has named the event (举办宣贯培训会)
        self.voluntary = False

    def see(self, rule: FrameRule, text: str, clause: Clause, tokens: list[Token]) -> None:
        if self.denied:
            return
        reading = _affirmed(clause, tokens)
        live = reading.live
        kept = set(map(id, live))
        # a fee named for an event (培训费), or any fee priced per head (费用：每人9,600元) in a notice about one
        per_head = _PER_HEAD.search(text, clause.start, clause.end) is not None
        event_fee = [t for t in live if t.cls == "fee_nouns" and (t.word in rule._event_fees or per_head)]
        if not event_fee and per_head and "费" in text[max(0, clause.start - HEADING_REACH):clause.start]:
            # 四、培训费用\n2,600元/人，…: the heading just above names the fee its price line gives
            event_fee = [t for t in live if t.cls == "amount" and (t.amount or 0) > 0][:1]
        if any(t.cls == "voluntary" for t in live):
            # 其他企业自愿报名: voluntary for some; a sanction on the others still compels them (see hits)
            self.voluntary = True
            return
        lodging = any(t.cls == "self_borne" for t in live) and not any(
            t.cls in ("free", "denials", "unless", "negators") for t in tokens)
        if lodging and not event_fee:
            return  # 住宿统一安排，费用自理: lodging at one's own cost explains the lodging, not the event's fee
        if any(t.cls in ("free", "denials", "unless") for t in live) or (not event_fee and any(
                t.cls in ("fee_nouns", "payments") and id(t) not in kept for t in tokens)):
            # 自愿参加 / 会议免费 / 不收取会务费 / 费用自理 (and no event fee beside it): the notice explains
            # its fees so. Lodging at one's own cost beside a priced event fee (会务费2800元/人，食宿自理)
            # explains only the lodging.
            self.denied = True
            return
        paid = any((t.cls == "amount" and (t.amount or 0) > 0) or t.cls == "payments" for t in live)
        if event_fee and paid and self.fee is None:
            self.fee = event_fee[0]
            return
        forced = [t for t in live if t.cls in ("compulsion", "sanctions")]
        # 未参加培训的单位，不列入名单: the event negated as the condition of a sanction is still the event
        pool = tokens if any(t.cls == "sanctions" for t in live) else live
        targets = [t for t in pool if t.cls == "targets" or (t.cls != "amount" and rule._holds("targets", t))]
        sanctioned = any(t.cls == "sanctions" for t in live) or bool(reading.conditional)
        # 各起草单位须至少派1人参加，未派员参加的视为放弃署名: "参加" refers to the event the notice announced
        implied = not targets and self.announced and sanctioned and any(t.cls == "compulsion" for t in live)
        # a later sanction states an earlier compulsion (须派员参加培训；未参加的，撤销其公示)
        stronger = self.forced is None or (sanctioned and not self.forced[2])
        if forced and (targets or implied) and not paid and stronger:
            self.forced = (clause, forced[0], sanctioned)
        elif self.forced is not None and not self.forced[2] and not paid and any(
                t.cls == "sanctions" for t in live) and _UNMET.search(text, clause.start, clause.end):
            # 起草人须参加本次培训并取得结业证书；未取得结业证书的人员不再列为起草人: the sanction on those who
            # did not meet the requirement states the compulsion of the clause before
            self.forced = (self.forced[0], self.forced[1], True)
        if targets:
            self.announced = True


class _Notice:
    """The notice-level reading of a ``linked`` frame: the first clause that demands a payment and a clause
    that names the benefit, each affirmed and outside any disclaimer. Both present in different clauses (and
    no clause-level hit) is a payment and a benefit in one notice without a stated link — a warning."""

    def __init__(self) -> None:
        self.pay: tuple[Clause, Token] | None = None
        self.priced: tuple[Clause, Token] | None = None  # the first clause that prices a named fee
        self.denied = False
        self._targets: list[tuple[int, Token]] = []  # at most two, in different clauses

    def see(self, rule: FrameRule, text: str, clause: Clause, tokens: list[Token]) -> None:
        if self.denied:
            return
        live = _affirmed(clause, tokens).live
        kept = set(map(id, live))
        if any(t.cls in ("denials", "unless", "voluntary", "free", "self_borne") for t in live) or any(
                t.cls in ("payments", "direct", "fee_nouns") and id(t) not in kept for t in tokens):
            # 自愿参加 / 与排序无关 / 差旅自理 / 会议免费 / 采用本标准无需缴费, or a word that puts the payment
            # elsewhere (会费, 标准文本): a notice that explains its fees so is not read as tying a fee to a
            # benefit by proximity alone (a stated link is still found clause by clause)
            self.denied = True
            return
        targets = [t for t in live if t.cls in ("targets", "direct") and rule.notice_target(t.word)]
        if not any(t.cls == "targets" for t in targets) and any(t.cls == "purposes" for t in live):
            self.denied = True  # 冠名费用用于会场租赁: the notice says what the money is for, and it is not this
            return
        if targets and len(self._targets) < 2:
            self._targets.append((clause.start, targets[0]))
        if any(t.cls == "third_parties" for t in live):
            return  # 认证费由认证机构收取: another body's charge, not a demand of the notice's author
        nouns = any(t.cls == "fee_nouns" for t in live)
        # a demand: a paying verb or a fee name; a bare price (每册45元) is a price list, not a demand
        pays = [t for t in live if t.cls in ("payments", "direct", "basis", "hints")
                or (nouns and t.cls == "amount" and (t.amount or 0) > 0)]
        if pays and rule.requires_in(text, clause) is False:
            pays = []  # a rule about fees beyond dues: 本年度会费已收取 is not such a payment
        if pays and self.pay is None:
            self.pay = (clause, pays[0])
        if self.priced is None:
            # a named fee with its price (评价费12,000元/家, 须缴纳…服务费1.2万元)
            price = next((t for t in live if t.cls == "amount" and (t.amount or 0) > 0 and (
                nouns or pays or "费" in text[max(clause.start, t.start - FEE_NAME_REACH):t.start])), None)
            if price is not None:
                self.priced = (clause, price)

    @property
    def target(self) -> Token | None:
        if self.pay is None or self.denied:
            return None
        return next((t for start, t in self._targets if start != self.pay[0].start), None)


# ---------------------------------------------------------------------- polarity


# A clause that points at a table of the notice (按上表认领, 按下表标准缴纳).
_TABLE_REF = re.compile(r"[上下前附]表|表中|表列")


def _table_tokens(layout: Layout, tokens: list[Token]) -> list[Token]:
    """The tokens of the notice's table rows (their headers included)."""
    rows = [(c.header[0], c.end) if c.header else (c.start, c.end) for c in layout.clauses if c.row]
    return [t for t in tokens if any(a <= t.start < b for a, b in rows)]


# A heading or a salutation before a notice's opening statement (关于…的通知, 各有关企业：).
_HEADING = re.compile(r"[^。!?;]{0,40}(?:通知|公告|通告|函|:)")
OPENING_GAP = 40  # the opening's requirement may name its document between 根据…厅 and 要求
# An authority's precondition (tstd.fees.frames.FrameRule._conditioned): a negation that opens the condition's
# subject (未取得证明的产品…) is no denial; a fee's name this close before an amount prices it (评价费12,000元).
_CONDITION_SUBJECT = re.compile(r"[的者]")
FEE_NAME_REACH = 6
# Compulsory events (_Event): a fee priced per head is the event's fee, and so is a price line under a fee heading
# this close above it (四、培训费用\n2,600元/人); a sanction on those who did not meet a requirement (未取得结业证书的,
# 未参训者) states the compulsion before it.
_PER_HEAD = re.compile(r"每人|/人|每名|/名|每位")
HEADING_REACH = 8
_UNMET = re.compile(r"未[^,;。]{1,12}[的者]")


def _disclaimed(tokens: Sequence[Token], layout: Layout, text: str) -> set[int]:
    """Statements holding a disclaimer, and the items of a list such a statement introduces: every clause of
    them is off."""
    off = {layout.statement_of(t.start) for t in tokens if t.cls == "disclaimers" and not _own_basis(text, t)}
    if off:
        last = len(layout.statements) - 1
        off |= {k for k in range(min(off) + 1, min(max(off) + LIST_REACH, last) + 1)
                if k not in off and any(j in off for j in list_heads(text, layout, k))}
    return off


# 根据市某某局《关于开展…工作的通知》要求，…现将有关事项通知如下: the document is the basis of the notice's own
# demands, not a policy it quotes against a practice
_OWN_BASIS = re.compile(r"(?:根据|按照|依据|遵照|落实|贯彻)[^《。;!?\n]{0,20}$")
TITLE_REACH = 60  # the longest document title read back from its closing 》
BASIS_REACH = 24  # how far before the title its 根据/按照 may stand (根据市某某局《)


def _own_basis(text: str, token: Token) -> bool:
    """Whether a quotation disclaimer (》要求, 》规定) closes a document the text cites as its own basis."""
    if not token.word.startswith("》"):
        return False
    opening = text.rfind("《", max(0, token.start - TITLE_REACH), token.start)
    return opening >= 0 and _OWN_BASIS.search(text, max(0, opening - BASIS_REACH), opening) is not None


CONDITION_NEGATORS = ("不", "未", "没", "没有", "逾期未", "未按时", "不按时", "未按期")
CONDITION_WINDOW = 8  # how far after such a negator the paying verb of a condition may stand


@dataclass(frozen=True)
class Reading:
    """The tokens of a clause that stand (``live``) and the payments demanded by a sanctioned condition."""

    live: list[Token]
    conditional: list[Token]


def _affirmed(clause: Clause, tokens: list[Token]) -> Reading:
    """Tokens of ``clause`` that are not denied: no negator earlier in their sub-clause — unless that
    negator opens a sanctioned condition (未缴纳…的，不予署名 demands the payment) — and no payment followed
    in its sub-clause by a word that makes it self-borne or free (差旅费用自理, 由本会承担)."""
    live: list[Token] = []
    conditional: list[Token] = []
    negation_at: dict[int, Token] = {}
    for i, t in enumerate(tokens):
        sub = clause.subclause_of(t.start)
        if t.cls == "negators":
            pay = _condition_payment(tokens, i)
            if pay is not None:
                conditional.append(pay)
            else:
                negation_at.setdefault(sub, t)
            continue
        if t.cls == "non_negators":
            continue
        neg = negation_at.get(sub)
        if neg is not None and neg.start < t.start and t.cls not in ("disclaimers", "denials", "sanctions") \
                and t not in conditional:
            continue
        live.append(t)
    cancelled = {clause.subclause_of(t.start) for t in live if t.cls == "self_borne"}
    if cancelled:
        live = [t for t in live if not (t.cls in ("payments", "fee_nouns", "amount", "direct")
                                        and clause.subclause_of(t.start) in cancelled)]
    return Reading(live, conditional)


def _condition_payment(tokens: list[Token], i: int) -> Token | None:
    """The payment a negator at ``tokens[i]`` makes a condition of: 未缴纳…的，不予署名 / 逾期未缴…取消."""
    neg = tokens[i]
    if neg.word not in CONDITION_NEGATORS:
        return None
    pay = None
    for t in tokens[i + 1:]:
        if t.start - neg.end > CONDITION_WINDOW:
            break
        if t.cls in ("payments", "fee_nouns", "direct"):
            pay = t
            break
    if pay is None:
        return None
    return pay if any(t.cls == "sanctions" and t.start >= pay.end for t in tokens[i + 1:]) else None


def _free(clause: Clause, live: list[Token], pays: list[Token]) -> bool:
    """A clause that states the thing is free: 免费, 0元, 不收费 — and names no positive amount."""
    positive = any(t.cls == "amount" and (t.amount or 0) > 0 for t in live)
    zero = any(t.cls == "amount" and t.amount == 0 for t in live)
    free = any(t.cls == "free" for t in live)
    return (free or zero) and not positive


def _relative(pt: PreparedText, pay: Token, clause: Clause) -> bool:
    """提供经费支持的单位，… : a payment inside a relative clause (…的单位/的企业) describes who benefits."""
    _, end = clause.subclause_span(clause.subclause_of(pay.start))
    return "的" in pt.text[pay.end:end]


ACTORS = ("单位", "企业", "者", "人", "机构", "会员", "厂商")


def _actor(pt: PreparedText, target: Token) -> bool:
    """The role names someone who can pay (获评企业, 主编单位, 通过评价的企业), not a step (立项评审)."""
    return (pt.text[target.start:target.end + 2].endswith(ACTORS) or target.word.endswith(ACTORS)
            or (pt.text.startswith(("的", "之"), target.end)
                and pt.text[target.end + 1:target.end + 3].startswith(ACTORS)))


# Between the payer and its paying verb: the payer's noun, then a modal and a time (入选企业请于12月20日前缴纳,
# 通过评定之企业每家缴交) — the payer still pays; no other verb stands between.
_MODAL_GAP = re.compile(r"(?:的|之)?(?:单位|企业|者|人|机构|会员|厂商)?(?:每家|每户|每项|每人)?"
                        r"(?:(?:请|须|需|应|务必|按时|一次性)(?:于|在)?(?:[^,，;。]{0,14}?(?:前|内|后|起))?)?$")


def _modal_gap(gap: str) -> bool:
    return len(gap) <= 2 * SUBJECT_GAP + 12 and _MODAL_GAP.fullmatch(gap) is not None


def _conditional_subject(pt: PreparedText, clause: Clause, sub: int) -> bool:
    a, b = clause.subclause_span(sub)
    part = pt.text[a:b].rstrip(",")
    return part.endswith(("的", "者")) and b < clause.end


COORDINATORS = ("并", "且", "同时", "另", "还", "亦", "再", "每")  # 每: …应先委托本会出具报告，每案收取…


def _continues(pt: PreparedText, clause: Clause, sub: int) -> bool:
    """Sub-clause ``sub`` goes on with the subject and modal of the one before (…应承担论坛费用，并另缴轮值费
    八万元): a link stated there holds here too."""
    a, _ = clause.subclause_span(sub)
    return pt.text.startswith(COORDINATORS, a)


TOPIC_MAX = 16  # 未入会之参编单位，: how long a bare role standing as a topic may be
LABEL_MARKS = "▶►•·-*>【】[] "  # bullets before a labelled item


def _topic(pt: PreparedText, clause: Clause, sub: int, live: list[Token]) -> bool:
    """Sub-clause ``sub`` is a bare role naming who the next sub-clause charges (未入会之参编单位，按…收取…):
    short, ending in a payer (单位, 企业 …), holding no verb of payment, link or compulsion of its own."""
    a, b = clause.subclause_span(sub)
    part = pt.text[a:b].rstrip(",")
    colon = part.find(":")
    if colon > 0:  # 非会员单位：按工作组会员管理， — a labelled item: the label is the topic
        part, b = part[:colon], a + colon
    part = part.lstrip(LABEL_MARKS)
    if len(part) > TOPIC_MAX or not part.endswith(ACTORS):
        return False
    return not any(a <= t.start < b and t.cls in ("payments", "links", "compulsion", "sanctions", "basis", "negators")
                   for t in live)


BARE_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.,])|(?<![\d.,])\d{3,}(?:\.\d+)?(?![\d.,年月日])")


def _header_amounts(text: str, clause: Clause, tokens: list[Token]) -> list[Token]:
    """A row of a table whose header states the currency (金额（元/项）) gives its prices as bare numbers
    (50,000): each such number is an amount, in yuan (or 万元 when the header says so)."""
    if clause.header is None or any(t.cls == "amount" for t in tokens):
        return []
    head = text[clause.header[0]:clause.header[1]]
    if "元" not in head:
        return []
    scale = 10000.0 if "万元" in head else 1.0
    out = []
    for m in BARE_NUMBER.finditer(text, clause.start, clause.end):
        value = parse_number(m.group())
        if value:
            out.append(Token("amount", m.start(), m.end(), m.group(), value * scale))
    return out


def _word_alternation(words: Iterable[str], gap: int = 12) -> re.Pattern[str] | None:
    forms = sorted({w for w in words if normalise_term(w)}, key=lambda w: (-len(w), w))
    return re.compile("|".join(_word_regex(w, gap) for w in forms)) if forms else None


@lru_cache(maxsize=8)
def _shared_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    # every rule of a pack reads the same report words: one compiled regex, so one cache entry per text
    return _plain_regex(words)


def _plain_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    forms = sorted({normalise_term(w) for w in words if GAP not in normalise_term(w) and normalise_term(w)},
                   key=lambda f: (-len(f), f))
    return re.compile("|".join(re.escape(f) for f in forms)) if forms else None


# ---------------------------------------------------------------------- building


def build_frame(options: Mapping[str, Any]) -> FrameRule:
    """A :class:`FrameRule` from validated ``fee_frame`` options (vocabulary + the rule's own words)."""
    shared: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in options["vocabulary"].items()}
    vocab = dict(shared)
    for k, v in (options.get("extra") or {}).items():
        vocab[k] = vocab.get(k, ()) + tuple(v)
    for key in ("targets", "direct", "requires", "unless", "membership"):
        if options.get(key):
            vocab[key] = tuple(options[key])
    reveals = options.get("reveals") or {}
    reading = vocabulary_from(vocab) if any(k in vocab for k in CONTEXT_CLASSES) else None
    return FrameRule(options["practice"], options["frame"], vocab, bool(options.get("infer", True)),
                     (reveals.get("zh", ""), reveals.get("en", "")), shared, _notice_option(options.get("notice", False)),
                     reading, bool(options.get("opening", False)), tuple(options.get("conditions") or ()),
                     bool(options.get("offered", True)))


def _notice_option(value: Any) -> bool | tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else bool(value)


def words_of(rule: FrameRule) -> Iterable[str]:
    for words in rule.words.values():
        yield from words
