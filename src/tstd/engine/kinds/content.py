"""Kinds that read the standard's own words: ``text-claims`` and ``business-scope``.

Both infer from wording, so the rules that use them are ``evidence: inferred`` and at most warnings
(docs/severity-policy.md): they point a person at a sentence to review, they do not prove a violation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tstd.engine.context import Context
from tstd.engine.kinds import Hit, kind
from tstd.engine.kinds.basic import FIELD
from tstd.engine.values import as_list, display, is_empty
from tstd.inputs.document import Document
from tstd.normalize import nfkc, text_for_matching, unify_dashes

_CJK = re.compile(r"[\u3400-\u9fff]+")
_SENTENCE_END = "。；;！!？?\n"


# ---------------------------------------------------------------- text-claims


@dataclass(frozen=True)
class _Claims:
    fields: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None


def _prepare_claims(options: Mapping[str, Any]) -> _Claims:
    try:
        patterns = tuple(re.compile(p) for p in options["patterns"])
        unless = re.compile(options["unless"]) if options.get("unless") else None
    except re.error as exc:
        raise ValueError(f"regex does not compile: {exc}") from None
    return _Claims(tuple(options["fields"]), patterns, unless)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (what a reviewer needs to read)."""
    left = max((text.rfind(c, 0, start) for c in _SENTENCE_END), default=-1) + 1
    rights = [i for c in _SENTENCE_END if (i := text.find(c, end)) != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()


@kind("text-claims", {
    "type": "object", "additionalProperties": False, "required": ["fields", "patterns"],
    "properties": {
        "fields": {"type": "array", "items": FIELD, "minItems": 1},
        "patterns": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "unless": {"type": "string"},
    },
}, prepare=_prepare_claims)
def text_claims(doc: Document, options: _Claims, ctx: Context) -> Iterator[Hit]:
    """A text field (title, scope, main content …) says something a group standard must not say.

    Fires once per field, at the first phrase matching one of ``patterns`` whose sentence does not match
    ``unless`` (e.g. "符合强制性国家标准" is a lawful reference, not a claim to be compulsory). The hit
    quotes the sentence as evidence and names the phrase.
    """
    for pattern in options.fields:
        for path, value in doc.expand(pattern):
            if is_empty(value):
                continue
            for item in as_list(value):
                hit = _first_claim(display(item), options)
                if hit is not None:
                    phrase, sentence = hit
                    yield Hit(path=path, params={"phrase": phrase, "sentence": sentence}, evidence=sentence)
                    break


_KEEP = frozenset("™®")  # NFKC would turn ™ into "TM"; the marks themselves are what a pattern looks for


class _CharTable(dict[int, str]):
    """Each character's matching form (NFKC, dashes unified; ``_KEEP`` as is), worked out on first sight:
    ``str.translate`` then normalises a whole text in C."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        norm = char if char in _KEEP else unify_dashes(nfkc(char))
        if len(self) < 100_000:  # bounded: the characters of real declarations number a few thousand
            self[code] = norm
        return norm


_CHARS = _CharTable()


@lru_cache(maxsize=512)  # the text-claims rules of a run read the same fields of each document
def _normalised(text: str) -> tuple[str, Sequence[int]]:
    """NFKC character by character (full-width letters, digits and punctuation become ASCII), with the index
    in ``text`` of each character of the result, so that a match can be quoted in the user's own spelling."""
    norm = text.translate(_CHARS)
    if len(norm) == len(text):  # no character grew (the common case): the i-th is the i-th
        return norm, range(len(text))
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        one = _CHARS[ord(char)]
        out.append(one)
        where.extend([i] * len(one))
    return "".join(out), where


def _first_claim(text: str, options: _Claims) -> tuple[str, str] | None:
    norm, where = _normalised(text)
    for regex in options.patterns:
        for m in regex.finditer(norm):
            if m.end() == m.start():
                continue
            start, end = where[m.start()], where[m.end() - 1] + 1
            sentence = _sentence(text, start, end)
            if options.unless is not None and options.unless.search(_normalised(sentence)[0]):
                continue
            return text[start:end], sentence
    return None


# ---------------------------------------------------------------- business-scope


@dataclass(frozen=True)
class _Scope:
    subject: tuple[str, ...]
    scope: str
    context: tuple[str, ...]
    stopwords: re.Pattern[str]
    stopchars: frozenset[str]
    sectors: tuple[tuple[str, tuple[str, ...]], ...]


def _prepare_scope(options: Mapping[str, Any]) -> _Scope:
    words = sorted(options.get("stopwords", []), key=len, reverse=True)  # longest first: 技术规范 before 技术
    return _Scope(
        tuple(options["subject"]),
        options["scope"],
        tuple(options.get("context", [])),
        re.compile("|".join(re.escape(w) for w in words)) if words else re.compile(r"(?!)"),
        frozenset(options.get("stopchars", "")),
        tuple((name, tuple(words)) for name, words in options.get("sectors", {}).items()),
    )


def sectors_of(text: str, sectors: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    """The sectors (of the rule's lexicon) whose words occur in ``text``."""
    norm = text_for_matching(text)
    return [name for name, words in sectors if any(w in norm for w in words)]


def subject_terms(text: str, stopwords: re.Pattern[str]) -> list[str]:
    """The runs of Chinese characters left in ``text`` once generic words are cut out (the subject words)."""
    return [run for part in stopwords.split(text_for_matching(text)) for run in _CJK.findall(part)]


def _characters(terms: list[str], stopchars: frozenset[str]) -> set[str]:
    return {c for term in terms for c in term if c not in stopchars}


@kind("business-scope", {
    "type": "object", "additionalProperties": False, "required": ["subject", "scope"],
    "properties": {
        "subject": {"type": "array", "items": FIELD, "minItems": 1},
        "scope": FIELD,
        "context": {"type": "array", "items": FIELD},
        "stopwords": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "stopchars": {"type": "string"},
        "sectors": {"type": "object", "additionalProperties": {
            "type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}},
    },
}, prepare=_prepare_scope)
def business_scope(doc: Document, options: _Scope, ctx: Context) -> Iterator[Hit]:
    """The standard's subject lies in another sector than the articles' 业务范围 (and the name).

    Two signals must agree before it fires, so that it stays quiet on ordinary lawful standards:
    1. no subject character is shared: generic words (技术, 要求, 开展, 研究 …) and very common characters
       are ignored on both sides (电饭煲能效 against 电子节能 shares 电 and 能 and passes);
    2. the ``sectors`` lexicon places the title and the organisation in sectors, and they are disjoint
       (智能门锁 and 五金 are both 五金安防, so a lock from a hardware association passes even though it
       shares no character). A title or organisation the lexicon cannot place never fires.
    A lexical test cannot judge a business scope; it picks the clear mismatches for a person to review.
    Skipped when the business scope is missing (another rule requires it).
    """
    scope_value = doc.get(options.scope)
    if is_empty(scope_value):
        return
    org_text = " ".join(
        display(v) for p in (options.scope, *options.context) if not is_empty(v := doc.get(p))
    )
    org_chars = _characters(subject_terms(org_text, options.stopwords), options.stopchars)
    org_sectors = sectors_of(org_text, options.sectors)
    if options.sectors and not org_sectors:
        return
    for pattern in options.subject:
        for path, value in doc.expand(pattern):
            if is_empty(value):
                continue
            text = display(value)
            terms = subject_terms(text, options.stopwords)
            chars = _characters(terms, options.stopchars)
            if not chars or chars & org_chars:
                continue
            own = sectors_of(text, options.sectors)
            if options.sectors and (not own or set(own) & set(org_sectors)):
                continue
            shown = "、".join(t for t in terms if set(t) - options.stopchars)
            yield Hit(path=path, params={
                "terms": shown, "scope": display(scope_value),
                "sectors": "、".join(own), "org_sectors": "、".join(org_sectors),
            }, data={"unmatched": shown})
