"""The fee lexicon as data: which words reveal which fee practice, and how sure they make us.

A lexicon lives in a rule's ``options`` in the ``fees`` pack, so auditors can read and extend it without
touching code::

    practice: FEE-15
    cues: {rank: [排名, 排序]}            # optional: extra or replacement cue classes (see DEFAULT_CUES)
    scope: {negators: [不拟]}             # optional: extra polarity words (see tstd.fees.scope.ScopeWords)
    terms:
      - term: 参编费                       # the canonical form, quoted in findings
        variants: [参编费用, 参编单位…费用]  # other spellings; "…" is a short gap inside the sentence,
                                          # "{n}" a number (Arabic or Chinese numerals)
        reveals: {zh: 有偿参编, en: paid participation in drafting}
        strength: unambiguous             # keeps the rule's severity; suggestive (default) → warning
      - term: 主编单位
        near: [money]                     # an affirmed cue of each class must stand in the same sentence
        unless: [会员大会]                  # the sentence must contain none of these
        exclude: [主编单位名单]              # longer expressions holding the match, meaning something else
        gap: 12                           # longest gap "…" may span (characters), default 12

:func:`parse_lexicon` checks the mapping and returns typed objects; :data:`LEXICON_SCHEMA` is the JSON
Schema the pack loader validates the options with.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

STRENGTHS = ("unambiguous", "suggestive")
DEFAULT_GAP = 12

# Cue classes an entry may require near it. Grammar of money and obligation, not fee law: packs may add
# classes or replace one by giving the same name.
DEFAULT_CUES: dict[str, tuple[str, ...]] = {
    # No bare 费: 经费 (a drafter funding its own work) is not a charge.
    "money": ("{n}元", "{n}万", "{n}千元", "费用", "缴纳", "交纳", "缴费", "交费", "付费", "支付", "收取",
              "出资", "汇款", "汇入", "汇至", "转账", "到账", "赞助金", "金额", "补缴", "缴清", "缴交", "缴付"),
    # Money actually paid: an amount or a paying verb (承担…费用 of one's own work is not in it).
    "payment": ("{n}元", "{n}万", "{n}千元", "缴纳", "交纳", "缴费", "交费", "付费", "支付", "出资", "汇款",
                "汇入", "汇至", "转账", "赞助", "补缴", "缴清", "缴交", "缴付"),
    "obligation": ("须", "必须", "需", "应", "应当", "务必", "一律", "强制", "方可", "才能", "否则", "要求"),
    "rank": ("排名", "排序", "排位", "位次", "顺序", "第一起草单位", "首位", "靠前", "前言"),
    "authorship": ("署名", "起草", "主编", "参编", "前言", "编写组", "编制组"),
    "membership": ("会员", "入会"),
    # Taking part in standardisation: what a membership precondition must bar to be a forced-membership fee
    # (a members-only logo or discount is lawful).
    "participation": ("参编", "起草", "编制", "制定", "修订", "申报", "立项", "采用", "使用本标准", "实施本标准",
                      "评审", "评价", "认定", "评选", "提案"),
    "award": ("评选", "评比", "示范", "认定", "评价", "表彰", "授牌", "星级", "领跑者", "百强", "十佳",
              "排行榜", "达标"),
    "branch": ("分会", "分支机构", "专委会", "专业委员会", "工作站", "基地", "联络处", "代表处", "办事处"),
}

_STRS = {"type": "array", "items": {"type": "string", "minLength": 1}}
_TEXT = {"type": "object", "required": ["zh"], "additionalProperties": False,
         "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}

ENTRY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["term"],
    "additionalProperties": False,
    "properties": {
        "term": {"type": "string", "minLength": 1},
        "variants": _STRS,
        "reveals": _TEXT,
        "strength": {"enum": list(STRENGTHS)},
        "near": _STRS,
        "unless": _STRS,
        "exclude": _STRS,
        "gap": {"type": "integer", "minimum": 1, "maximum": 60},
    },
}
LEXICON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["terms"],
    "properties": {
        "practice": {"type": "string", "pattern": r"^FEE-\d{2}$"},
        "terms": {"type": "array", "minItems": 1, "items": ENTRY_SCHEMA},
        "cues": {"type": "object", "additionalProperties": _STRS},
        "scope": {"type": "object", "additionalProperties": _STRS,
                  "propertyNames": {"enum": ["negators", "non_negators", "post_negators", "disclaimers",
                                             "payment_verbs", "sanctions", "reports"]}},
    },
}


class LexiconError(ValueError):
    """A lexicon that cannot be used; ``where`` is the place in the options (``terms[3].near``)."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


@dataclass(frozen=True)
class Reveals:
    zh: str
    en: str = ""


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a term, its variant spellings and what it reveals."""

    term: str
    variants: tuple[str, ...] = ()
    reveals: Reveals | None = None
    strength: str = "suggestive"
    near: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    gap: int = DEFAULT_GAP

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its variants, in that order."""
        return (self.term, *self.variants)

    @property
    def unambiguous(self) -> bool:
        return self.strength == "unambiguous"


@dataclass(frozen=True)
class Lexicon:
    practice: str
    entries: tuple[Entry, ...]
    cues: Mapping[str, tuple[str, ...]]
    scope: Mapping[str, tuple[str, ...]]


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(where, "expected a list of non-empty strings")
    return tuple(value)


def _entry(raw: Any, where: str, cue_names: set[str]) -> Entry:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("term"), str) or not raw["term"].strip():
        raise LexiconError(where, "an entry needs a non-empty `term`")
    unknown = set(raw) - set(ENTRY_SCHEMA["properties"])
    if unknown:
        raise LexiconError(where, f"unknown keys {sorted(unknown)}")
    strength = raw.get("strength", "suggestive")
    if strength not in STRENGTHS:
        raise LexiconError(f"{where}.strength", f"must be one of {STRENGTHS}")
    near = _strings(raw.get("near"), f"{where}.near")
    missing = [c for c in near if c not in cue_names]
    if missing:
        raise LexiconError(f"{where}.near", f"unknown cue classes {missing}; known: {sorted(cue_names)}")
    reveals = raw.get("reveals")
    gap = raw.get("gap", DEFAULT_GAP)
    if not isinstance(gap, int) or isinstance(gap, bool) or not 1 <= gap <= 60:
        raise LexiconError(f"{where}.gap", "must be an integer from 1 to 60")
    return Entry(
        term=raw["term"],
        variants=_strings(raw.get("variants"), f"{where}.variants"),
        reveals=Reveals(str(reveals.get("zh", "")), str(reveals.get("en", "")))
        if isinstance(reveals, Mapping) else None,
        strength=strength,
        near=near,
        unless=_strings(raw.get("unless"), f"{where}.unless"),
        exclude=_strings(raw.get("exclude"), f"{where}.exclude"),
        gap=gap,
    )


def parse_lexicon(options: Mapping[str, Any]) -> Lexicon:
    """Check and type a lexicon given as rule options; raises :class:`LexiconError` naming the bad place."""
    cues = dict(DEFAULT_CUES)
    raw_cues = options.get("cues") or {}
    if not isinstance(raw_cues, Mapping):
        raise LexiconError("cues", "expected a mapping of cue class → words")
    for name, words in raw_cues.items():
        cues[str(name)] = _strings(words, f"cues.{name}")
    raw_scope = options.get("scope") or {}
    if not isinstance(raw_scope, Mapping):
        raise LexiconError("scope", "expected a mapping of word list → words")
    scope = {str(k): _strings(v, f"scope.{k}") for k, v in raw_scope.items()}
    allowed = LEXICON_SCHEMA["properties"]["scope"]["propertyNames"]["enum"]
    wrong = sorted(set(scope) - set(allowed))
    if wrong:
        raise LexiconError("scope", f"unknown word lists {wrong}; known: {allowed}")
    terms = options.get("terms")
    if not isinstance(terms, list) or not terms:
        raise LexiconError("terms", "expected a non-empty list of entries")
    entries = tuple(_entry(raw, f"terms[{i}]", set(cues)) for i, raw in enumerate(terms))
    return Lexicon(str(options.get("practice", "")), entries, cues, scope)
