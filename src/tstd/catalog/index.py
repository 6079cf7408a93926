"""The loaded catalogue with its lookup indexes: by canonical number, by undated number, by series, and the
``replaced_by`` chains that lead from a withdrawn edition to the current one.

Built once per process (``Catalogue.build``); every lookup afterwards is a dictionary access.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from tstd.catalog.model import CatalogueInfo, Entry, Indicator, Limit, Status
from tstd.identifiers import StandardNumber
from tstd.identifiers import parse_standard_number as parse_number
from tstd.normalize import text_for_matching

MANDATORY_CODES = frozenset({"GB", "GBZ"})  # 强制性国家标准; GBZ = national occupational-health standards


class State(str, Enum):
    """What a reference to a mandatory standard resolves to."""

    CURRENT = "current"  # the edition named (or, undated, the current one) is in force
    SUCCESSOR_PUBLISHED = "successor_published"  # in force, but a newer edition is published (即将实施)
    UPCOMING = "upcoming"  # the edition named is not yet in force
    WITHDRAWN = "withdrawn"  # the edition named is 废止 (or, undated, every edition is)
    OUTDATED = "outdated"  # an edition the catalogue does not list, older than the current one
    UNKNOWN = "unknown"  # the catalogue does not know this standard (or the dated edition is newer)


@dataclass(frozen=True)
class Resolution:
    """A normative reference looked up in the catalogue.

    ``entry`` is the edition the reference names (for an undated reference: the edition it resolves to);
    ``current`` the edition(s) in force to use instead when the state is not CURRENT; ``chain`` the editions
    walked through ``replaced_by`` from ``entry`` to ``current``.
    """

    reference: StandardNumber
    state: State
    entry: Entry | None = None
    current: tuple[Entry, ...] = ()
    chain: tuple[Entry, ...] = ()

    @property
    def involved(self) -> tuple[Entry, ...]:
        """Every catalogue entry the resolution touched, named edition first."""
        seen: dict[str, Entry] = {}
        for item in (self.entry, *self.chain, *self.current):
            if item is not None:
                seen.setdefault(item.key, item)
        return tuple(seen.values())


@dataclass
class Catalogue:
    """Entries, limits and indicators plus their indexes. Use :meth:`build`; do not fill the fields by hand."""

    info: CatalogueInfo
    entries: dict[str, Entry]
    limits: tuple[Limit, ...] = ()
    indicators: dict[str, Indicator] = field(default_factory=dict)
    _editions: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _series: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _limits_by_standard: dict[str, list[Limit]] = field(default_factory=dict, repr=False)
    _names: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _limits_by_indicator: dict[str, list[Limit]] = field(default_factory=dict, repr=False)
    # Plain data derived from this catalogue once and kept with it in the start-up cache (the overlap matcher's
    # terms, see tstd.catalog.snapshot); not part of what the catalogue *is*, so equality ignores it.
    precomputed: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, info: CatalogueInfo, entries: Iterable[Entry], limits: Iterable[Limit] = (),
              indicators: Iterable[Indicator] = (), names: dict[str, list[str]] | None = None) -> Catalogue:
        """Index the entries (a later entry with the same number replaces an earlier one). ``names`` is the
        name index (:attr:`name_index`) of this same catalogue when the start-up cache kept it: normalising
        every indicator name again is then skipped."""
        table: dict[str, Entry] = {}
        for entry in entries:
            table[entry.key] = entry
        cat = cls(info, table, tuple(limits), {i.name: i for i in indicators})
        for entry in table.values():
            cat._editions.setdefault(entry.number.undated, []).append(entry)
            series = _series_of(entry.number)
            if series != entry.number.undated:
                cat._series.setdefault(series, [])
                if entry.number.undated not in cat._series[series]:
                    cat._series[series].append(entry.number.undated)
        for editions in cat._editions.values():
            editions.sort(key=lambda e: e.number.year or 0, reverse=True)
        for limit in cat.limits:
            cat._limits_by_standard.setdefault(limit.standard, []).append(limit)
            cat._limits_by_indicator.setdefault(limit.indicator, []).append(limit)
        if names is not None:
            cat._names = {key: set(values) for key, values in names.items()}
            return cat
        for ind in cat.indicators.values():
            for name in (ind.name, *ind.synonyms):
                cat._names.setdefault(indicator_key(name), set()).add(ind.name)
        return cat

    @property
    def name_index(self) -> dict[str, list[str]]:
        """Normalised indicator name → the indicators it means, as plain data (sorted) for the start-up cache."""
        return {key: sorted(values) for key, values in self._names.items()}

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, number: str | StandardNumber) -> Entry | None:
        """The entry for an exact edition (any spelling of the number), else None."""
        parsed = parse_number(number) if isinstance(number, str) else number
        return self.entries.get(parsed.canonical) if parsed else None

    def editions(self, undated: str) -> list[Entry]:
        """Every edition of ``GB 17761`` the catalogue lists, newest first."""
        return list(self._editions.get(undated, ()))

    def series_parts(self, undated: str) -> list[str]:
        """The parts of a series: ``GB 6675`` → ``['GB 6675.1', 'GB 6675.2', …]`` (empty when not a series)."""
        return sorted(self._series.get(undated, ()), key=_seq_key)

    def current_edition(self, undated: str) -> Entry | None:
        """The edition in force (现行); else the newest 即将实施 one; None when every edition is withdrawn."""
        editions = self._editions.get(undated, [])
        for wanted in (Status.CURRENT, Status.UPCOMING):
            for entry in editions:
                if entry.status is wanted:
                    return entry
        return None

    def limits_of(self, standard: str) -> list[Limit]:
        return list(self._limits_by_standard.get(standard, ()))

    def limits_for(self, indicators: Iterable[str]) -> list[Limit]:
        """Every limit on one of these (canonical) indicators."""
        return [lim for name in indicators for lim in self._limits_by_indicator.get(name, ())]

    def indicators_named(self, name: str) -> frozenset[str]:
        """The indicators a name means, through the synonyms kept in the data. Exact names only: 甲醛释放量 never
        matches 甲醛含量 by sharing characters. A bare name may mean several (甲醛: content or air concentration);
        the unit and the product scope of each limit then decide."""
        return frozenset(self._names.get(indicator_key(name), ()))

    def successors(self, entry: Entry) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
        """(chain, current): follow ``replaced_by`` from a withdrawn edition to the edition(s) in force.

        Cycles and dangling numbers end the walk (the loader reports them); the chain lists each edition once.
        """
        chain: list[Entry] = []
        current: list[Entry] = []
        seen = {entry.key}
        frontier = [entry]
        while frontier:
            item = frontier.pop(0)
            nexts = [self.entries[n] for n in item.replaced_by if n in self.entries and n not in seen]
            if item is not entry:
                chain.append(item)
            if item is not entry and (item.status is not Status.WITHDRAWN or not nexts):
                current.append(item)
                continue
            for nxt in nexts:
                seen.add(nxt.key)
                frontier.append(nxt)
        return tuple(chain), tuple(current)

    def resolve(self, reference: StandardNumber) -> Resolution | None:
        """Look up a normative reference; None when it is not a mandatory national standard (GB/T, ISO, …)."""
        if reference.code not in MANDATORY_CODES:
            return None
        if reference.year is not None:
            return self._resolve_dated(reference)
        return self._resolve_undated(reference)

    def _resolve_dated(self, ref: StandardNumber) -> Resolution:
        entry = self.entries.get(ref.canonical)
        if entry is None:
            current = self.current_edition(ref.undated)
            if current is not None and current.number.year and ref.year and ref.year < current.number.year:
                return Resolution(ref, State.OUTDATED, None, (current,))
            newest = self._editions.get(ref.undated)
            if current is None and newest:
                chain, now = self.successors(newest[0])
                if ref.year is not None and newest[0].number.year and ref.year < newest[0].number.year:
                    return Resolution(ref, State.WITHDRAWN, None, now, (newest[0], *chain))
            return Resolution(ref, State.UNKNOWN)
        if entry.status is Status.WITHDRAWN:
            chain, current_editions = self.successors(entry)
            if not current_editions:
                fallback = self.current_edition(ref.undated)
                current_editions = (fallback,) if fallback else ()
            return Resolution(ref, State.WITHDRAWN, entry, current_editions, chain)
        if entry.status is Status.UPCOMING:
            return Resolution(ref, State.UPCOMING, entry)
        upcoming = tuple(self.entries[n] for n in entry.replaced_by if n in self.entries)
        if upcoming:
            return Resolution(ref, State.SUCCESSOR_PUBLISHED, entry, upcoming)
        return Resolution(ref, State.CURRENT, entry)

    def _resolve_undated(self, ref: StandardNumber) -> Resolution | None:
        # An undated reference means the current edition (mandatory.md §1): never "withdrawn" while one is in force.
        current = self.current_edition(ref.undated)
        if current is not None:
            return Resolution(ref, State.CURRENT, current)
        # A bare series number (GB 6675) means every part in force (GB 6675.1 … GB 6675.4).
        parts = [self.current_edition(p) for p in self.series_parts(ref.undated)]
        found = tuple(p for p in parts if p is not None)
        if found:
            return Resolution(ref, State.CURRENT, found[0], found)
        editions = self._editions.get(ref.undated)
        if editions and editions[0].replaced_by_recommended and not editions[0].replaced_by:
            # The subject moved to a recommended standard (GB 4706.1 → GB/T 4706.1-2024): an undated reference
            # means that current edition, which is not a mandatory standard; only dated references are outdated.
            return None
        if editions:
            chain, now = self.successors(editions[0])
            return Resolution(ref, State.WITHDRAWN, editions[0], now, chain)
        return Resolution(ref, State.UNKNOWN)

    # ------------------------------------------------------------------ search

    def search(self, text: str, limit: int = 20) -> list[Entry]:
        """Entries matching a number (``GB 17761``, ``17761``, ``GB17761—2024``) or words (every word must occur in
        the title or a keyword). Current editions first, then by number."""
        query = text_for_matching(text).strip()
        if not query:
            return []
        parsed = parse_number(query)
        if parsed is not None:
            exact = self.entries.get(parsed.canonical)
            if exact is not None:
                return [exact]
            hits = self.editions(parsed.undated) or [
                e for part in self.series_parts(parsed.undated) for e in self.editions(part)
            ]
            if hits:
                return _ranked(hits)[:limit]
        digits = query.replace(" ", "")
        if digits.replace(".", "").replace("-", "").isdigit():
            hits = [e for e in self.entries.values() if digits in e.key.replace(" ", "")]
            return _ranked(hits)[:limit]
        words = [w.lower() for w in query.split()]
        in_title: list[Entry] = []
        elsewhere: list[Entry] = []
        for entry in self.entries.values():
            title = text_for_matching(entry.title).lower()
            haystack = text_for_matching(f"{title} {' '.join(entry.keywords)} {entry.category}").lower()
            if all(w in title for w in words):
                in_title.append(entry)
            elif all(w in haystack for w in words):
                elsewhere.append(entry)
        return (_ranked(in_title) + _ranked(elsewhere))[:limit]  # title matches first


    def search_limits(self, text: str, limit: int = 20) -> list[Limit]:
        """Limits whose indicator (any synonym: 铅, Pb) or standard number matches ``text``, or whose product scope
        mentions every word of it (``大米 镉``)."""
        query = text_for_matching(text).strip()
        if not query:
            return []
        parsed = parse_number(query)
        if parsed is not None:
            keys = [e.key for e in self.editions(parsed.undated)] if parsed.year is None else [parsed.canonical]
            return [lim for k in keys for lim in self.limits_of(k)][:limit]
        names = self.indicators_named(query)
        if names:
            return self.limits_for(sorted(names))[:limit]
        words = [text_for_matching(w).lower() for w in text.split()]  # the query's own spaces separate words
        hits = []
        for lim in self.limits:
            names_of = self.indicators.get(lim.indicator)
            haystack = " ".join((lim.indicator, lim.label, lim.applies.text, *lim.applies.products,
                                 *(names_of.synonyms if names_of else ()))).lower()
            if all(w in haystack for w in words):
                hits.append(lim)
        return hits[:limit]


def indicator_key(name: str) -> str:
    """Comparison key of an indicator name: NFKC (full-width brackets), no spaces, lower case, ₃ → 3."""
    return text_for_matching(name).replace(" ", "").lower().translate(_SUBSCRIPTS)


_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def _ranked(entries: list[Entry]) -> list[Entry]:
    order = {Status.CURRENT: 0, Status.UPCOMING: 1, Status.WITHDRAWN: 2}
    return sorted(entries, key=lambda e: (order[e.status], _seq_key(e.number.undated), -(e.number.year or 0)))


def _series_of(number: StandardNumber) -> str:
    """``GB 6675.4`` → ``GB 6675``; ``GB 17761`` → itself."""
    return f"{number.code} {number.seq.split('.')[0]}"


def _seq_key(undated: str) -> tuple[str, tuple[int, ...]]:
    code, _, seq = undated.partition(" ")
    return code, tuple(int(p) for p in seq.split(".") if p.isdigit())
