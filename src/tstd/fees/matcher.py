"""A lexicon compiled for fast scanning of fee notices, and the matches it finds.

:func:`compile_lexicon` turns a :class:`~tstd.fees.lexicon.Lexicon` into one regular expression (every
form of every entry as a named alternative, longest first) plus the compiled polarity logic; a check
kind does this once in ``prepare()``. :meth:`Matcher.scan` then costs one regex pass per text, and the
polarity and cue checks run only where a term was found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from tstd.fees.amounts import QUANTITY
from tstd.fees.clauses import list_heads, list_items, split
from tstd.fees.context import read as read_context
from tstd.fees.lexicon import Entry, Lexicon, Reveals
from tstd.fees.scope import Scope, ScopeWords, Suppression
from tstd.fees.text import NUMERALS, PreparedText, Span, normalise_term, prepare

GAP_MARK = "..."  # "…" after NFKC

_SENTENCE_CHARS = r"[^。!?;\n]"
QUOTE_MAX = 80  # a longer sentence is quoted as a window around the match
QUOTE_SIDE = 30


@dataclass(frozen=True)
class TextMatch:
    """One place where a lexicon entry was found.

    ``start``/``end`` are character offsets in the original text; ``quote`` is its sentence (or a window of
    it), as the user wrote it. ``suppressed`` says why the match does not count (None when it does).
    """

    entry: Entry
    matched: str
    start: int
    end: int
    quote: str
    sentence: int = 0  # index of the sentence in the text, to report one match per sentence
    suppressed: Suppression | None = None
    cues: tuple[str, ...] = ()
    lowered: bool = False  # the text is an allowed kind of fee (see tstd.fees.context): a warning at most

    @property
    def term(self) -> str:
        return self.entry.term

    @property
    def unambiguous(self) -> bool:
        return self.entry.unambiguous and not self.lowered

    @property
    def reveals(self) -> Reveals | None:
        return self.entry.reveals


def _words_regex(words: Sequence[str]) -> re.Pattern[str] | None:
    return _cached_words_regex(tuple(words))


@lru_cache(maxsize=256)
def _cached_words_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    # Cue classes are shared by most rules of a pack: compile each distinct list once.
    # Longest spelled-out form first, then a fixed order: the alternation must not depend on set order.
    forms = sorted({_form_regex(w, 12, None) for w in words}, key=lambda f: (-f[1], -len(f[0]), f[0]))
    return re.compile("|".join(source for source, _ in forms)) if forms else None


def _form_regex(form: str, gap: int, name: str | None) -> tuple[str, int]:
    """Regex source of one spelling (each gap a named group ``{name}g{k}``) and its literal length."""
    norm = normalise_term(form)
    out: list[str] = []
    literal = 0
    for k, part in enumerate(norm.split(GAP_MARK)):
        if k:
            body = f"{_SENTENCE_CHARS}{{0,{gap}}}?"
            out.append(f"(?P<{name}g{k}>{body})" if name else body)
        for j, piece in enumerate(part.split("{n}")):
            if j:
                out.append(QUANTITY)
            out.append(re.escape(piece))
            literal += len(piece)
    return "".join(out), literal


class Matcher:
    """A compiled lexicon. Build with :func:`compile_lexicon`; thread-safe and reusable for every text."""

    def __init__(self, lexicon: Lexicon, scope: Scope) -> None:
        self.lexicon = lexicon
        self.scope = scope
        alternatives: list[tuple[int, str, str]] = []
        self._forms: dict[str, Entry] = {}
        anchors: set[str] = set()
        for i, entry in enumerate(lexicon.entries):
            for j, form in enumerate(entry.forms):
                name = f"f{i}_{j}"
                source, literal = _form_regex(form, entry.gap, name)
                alternatives.append((literal, f"(?P<{name}>{source})", _first_char(form)))
                self._forms[name] = entry
                anchors.add(_anchor(form))
        # Most texts mention none of a rule's terms: a substring test of one fixed piece of every form
        # (fast, in C) rules the text out before the alternation regex walks it position by position.
        self._anchors = None if "" in anchors else re.compile(
            "|".join(re.escape(a) for a in sorted(anchors, key=lambda a: (-len(a), a))))
        alternatives.sort(key=lambda a: a[0], reverse=True)
        self._regex = re.compile(_by_first_char(alternatives))
        # The gap groups of each form, so a match reads its own gaps and not every group of the regex.
        self._gaps = {name: [g for g in self._regex.groupindex if g.startswith(name + "g")] for name in self._forms}
        self._cues = {name: _words_regex(words) for name, words in lexicon.cues.items()}
        self._unless = {e: _words_regex(e.unless) for e in lexicon.entries}
        self._exclude = {e: _words_regex(e.exclude) for e in lexicon.entries}

    def scan(self, text: str) -> list[TextMatch]:
        """Affirmed matches in ``text``, in order of position."""
        return [m for m in self.candidates(text) if m.suppressed is None]

    def findings(self, text: str, allowed_kinds: bool = True) -> list[TextMatch]:
        """What to report: the best affirmed match of each sentence (unambiguous before suggestive, then
        the earliest), so a fee table line with three priced roles gives one finding, not three.
        ``allowed_kinds`` False: an allowed-kind marker (voted dues, a price basis) lowers nothing."""
        best: dict[int, TextMatch] = {}
        matches = self.scan(text)
        if not matches:
            return []
        # The whole-text reading: a sentence that demands nothing, or an allowed kind of fee tied to nothing.
        reading = read_context(text)
        if reading.report or (allowed_kinds and reading.clears):
            return []
        for m in matches:
            if reading.is_quiet(m.start):
                continue
            if allowed_kinds and reading.lowers(m.start):
                m = replace(m, lowered=True)
            held = best.get(m.sentence)
            if held is None or (m.unambiguous and not held.unambiguous):
                best[m.sentence] = m
        return [best[k] for k in sorted(best)]

    def candidates(self, text: str) -> list[TextMatch]:
        """Every match in ``text``, including those suppressed by polarity, guards or missing cues."""
        if not text:
            return []
        pt = prepare(text)
        if self._anchors is not None and not self._anchors.search(pt.text):
            return []
        found: list[TextMatch] = []
        for m in self._regex.finditer(pt.text):
            name = m.lastgroup or ""
            entry = self._forms[name]
            start, end = m.span()
            gaps = [m.span(g) for g in self._gaps[name] if m.group(g) is not None]
            literal = _literal_spans(start, end, gaps)
            sentence_no, sentence = pt.sentence_at(start)
            why, cues = self._judge(pt, entry, start, end, literal, sentence)
            o_start, o_end = pt.original_span(start, end)
            found.append(TextMatch(entry, text[o_start:o_end], o_start, o_end,
                                   _quote(pt, sentence, o_start, o_end), sentence_no, why, cues))
        return found

    def _judge(self, pt: PreparedText, entry: Entry, start: int, end: int, literal: list[Span],
               sentence: Span) -> tuple[Suppression | None, tuple[str, ...]]:
        exclude = self._exclude[entry]
        if exclude:
            for x in exclude.finditer(pt.text, sentence.start, sentence.end):
                if x.start() < end and start < x.end():
                    return Suppression("excluded", x.group()), ()
        unless = self._unless[entry]
        if unless:
            hit = unless.search(pt.text, sentence.start, sentence.end)
            if hit:
                return Suppression("unless", hit.group()), ()
        why = self.scope.suppression(pt, start, end, literal)
        if why:
            return why, ()
        cues: list[str] = []
        for cls in entry.near:
            cue = self._affirmed_cue(pt, cls, sentence)
            if cue is None:
                return Suppression("no_cue", cls), ()
            cues.append(cue)
        return None, tuple(cues)

    def _affirmed_cue(self, pt: PreparedText, cls: str, sentence: Span) -> str | None:
        regex = self._cues.get(cls)
        if regex is None:
            return None
        for c in regex.finditer(pt.text, sentence.start, sentence.end):
            if self.scope.suppression(pt, c.start(), c.end(), [Span(*c.span())]) is None:
                return c.group()
        layout = split(pt.text)
        header = layout.header_of(sentence.start)
        if header is not None:
            # a table row reads with its header, which names what each column is (会员类别 | 年会费)
            for c in regex.finditer(pt.text, *header):
                if self.scope.suppression(pt, c.start(), c.end(), [Span(*c.span())]) is None:
                    return c.group()
        # a list item reads with the statement that introduces its list (本会会费依营业额分级计收：…；按营业额
        # 千分之一计收；…): the head names what every item is about
        k = layout.statement_of(sentence.start)
        spans = [(layout.statements[j], layout.statements[j + 1] if j + 1 < len(layout.statements) else len(pt.text))
                 for j in list_heads(pt.text, layout, k)]
        head = pt.text.rfind(":", layout.statements[k], sentence.start)
        if head >= 0:  # the list is introduced inside this statement: 会费分档收取:…;…以上的按…计收,上不封顶
            spans.append((layout.statements[k], head))
        # and a statement that introduces a list reads with its items (会议以举手表决方式通过下列事项：…；二、
        # 调整会费标准…；): the items say what was decided
        spans += [(layout.statements[j], layout.statements[j + 1] if j + 1 < len(layout.statements) else len(pt.text))
                  for j in list_items(pt.text, layout, k)]
        for a, b in spans:
            for c in regex.finditer(pt.text, a, b):
                if self.scope.suppression(pt, c.start(), c.end(), [Span(*c.span())]) is None:
                    return c.group()
        return None


def _first_char(form: str) -> str:
    """The character every match of a spelling starts with ("" when it starts with a number or a gap)."""
    norm = normalise_term(form)
    if norm.startswith("{n}"):
        return "{n}"
    return "" if not norm or norm.startswith(GAP_MARK) else norm[0]


def _by_first_char(alternatives: list[tuple[int, str, str]]) -> str:
    """One regex of every spelling, grouped by the character it starts with: at each position the regex
    engine then tries one guard per group instead of every spelling of the lexicon (the lexicons grow by
    hundreds of spellings). Order within a group, and of the groups, follows ``alternatives`` (longest literal
    first), so the spelling that wins at a position is the same (a spelling that starts with a number is
    guarded by the digits and numerals; one that starts with a gap, by nothing)."""
    groups: dict[str, list[str]] = {}
    for _, source, first in alternatives:
        groups.setdefault(first, []).append(source)
    def guard(first: str) -> str:
        return f"[\\d{NUMERALS}]" if first == "{n}" else re.escape(first)

    parts = [f"(?={guard(first)})(?:{'|'.join(sources)})" for first, sources in groups.items() if first]
    parts += groups.get("", [])
    return "|".join(parts)


def _anchor(form: str) -> str:
    """The longest fixed piece of a spelling (between gaps and numbers): every match contains it."""
    pieces = normalise_term(form).replace("{n}", GAP_MARK).split(GAP_MARK)
    return max(pieces, key=len)


def _literal_spans(start: int, end: int, gaps: list[tuple[int, int]]) -> list[Span]:
    spans: list[Span] = []
    pos = start
    for a, b in sorted(gaps):
        if a > pos:
            spans.append(Span(pos, a))
        pos = b
    if pos < end:
        spans.append(Span(pos, end))
    return spans


def _quote(pt: PreparedText, sentence: Span, o_start: int, o_end: int) -> str:
    s_start, s_end = pt.original_span(sentence.start, max(sentence.end, sentence.start + 1))
    text = pt.original
    if s_end - s_start > QUOTE_MAX:
        a, b = max(s_start, o_start - QUOTE_SIDE), min(s_end, o_end + QUOTE_SIDE)
        return ("…" if a > s_start else "") + text[a:b].strip() + ("…" if b < s_end else "")
    return text[s_start:s_end].strip()


@lru_cache(maxsize=8)
def _scope(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> Scope:
    # Most rules use the default word lists: share one compiled Scope among them.
    return Scope(ScopeWords().extended(dict(extra)) if extra else None)


def compile_lexicon(lexicon: Lexicon) -> Matcher:
    """Compile ``lexicon`` (regexes, cue classes, polarity words); do it once per rule, at pack load."""
    extra: Mapping[str, tuple[str, ...]] = lexicon.scope
    return Matcher(lexicon, _scope(tuple(sorted(extra.items()))))
