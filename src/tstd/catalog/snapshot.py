"""A built catalogue as plain data (tuples, strings, numbers) for the start-up cache, and back.

Loading the built-in catalogue from parsed YAML normalises some 12,000 strings, parses every standard number and
builds the overlap matcher's term tables; a one-file ``tstd check`` (a pre-commit hook on an edited file) would pay
that on every run. The snapshot stores the result of that work — entries, limits and indicators after
normalisation and class expansion, plus the matcher's terms — so a hit only calls the dataclass constructors.

Only :mod:`marshal`-able values are produced (no pickle: reading an entry never runs code). :func:`decode`
raises TypeError/ValueError/KeyError/IndexError on anything it does not recognise, which the cache treats as a
miss and rebuilds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tstd.catalog.index import Catalogue
from tstd.catalog.matching import TERMS_KEY as MATCHER_TERMS
from tstd.catalog.model import (
    Applicability,
    CatalogueInfo,
    Confidence,
    Entry,
    Indicator,
    Limit,
    Op,
    Status,
)
from tstd.identifiers import StandardNumber

FORMAT = "catalogue-snapshot-2"  # checked on decode: a change of layout here is a miss, never a misread


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("not a date")
    return dt.date.fromisoformat(value)


def _entry(e: Entry) -> tuple[Any, ...]:
    n = e.number
    return ((n.code, n.seq, n.year, n.original), e.title, e.status.value, e.keywords, e.replaced_by,
            e.replaced_by_recommended, e.ics, e.ccs, e.category, e.confidence.value, _iso(e.publish_date),
            _iso(e.implement_date), _iso(e.withdraw_date), e.partial, e.source, e.note)


def _limit(lim: Limit) -> tuple[Any, ...]:
    a = lim.applies
    return (lim.standard, lim.indicator, lim.label, lim.op.value, lim.value, lim.unit,
            (a.text, a.products, a.classes, a.exclude), lim.confidence.value, lim.source, lim.note, lim.basis,
            lim.method)


def encode(catalogue: Catalogue) -> tuple[Any, ...]:
    """The catalogue (and the matcher terms it was given, if any) as plain nested tuples."""
    i = catalogue.info
    info = (i.title, i.version, i.compiled, i.note, i.sources, i.family)
    terms = catalogue.precomputed.get(MATCHER_TERMS)
    return (FORMAT, info, tuple(_entry(e) for e in catalogue.entries.values()),
            tuple(_limit(lim) for lim in catalogue.limits),
            tuple((d.name, d.synonyms, d.distinct_from, d.note) for d in catalogue.indicators.values()),
            terms, catalogue.name_index)


def _strs(value: Any) -> tuple[str, ...]:
    # Only the container is checked: the entry is keyed by the digest of the files and the tool, so its contents
    # are what encode() wrote; a foreign shape fails here or when unpacked.
    if type(value) is not tuple:
        raise TypeError("not a tuple")
    return value


_STATUS = {s.value: s for s in Status}
_CONFIDENCE = {c.value: c for c in Confidence}
_OP = {o.value: o for o in Op}


def decode(plain: Any) -> Catalogue:
    """The inverse of :func:`encode`; TypeError/ValueError/KeyError/IndexError on a foreign or damaged value."""
    if not isinstance(plain, tuple) or len(plain) != 7 or plain[0] != FORMAT:
        raise ValueError("not a catalogue snapshot")
    _, info_t, entries_t, limits_t, indicators_t, terms, names = plain
    if not isinstance(names, dict):
        raise TypeError("the name index is not a mapping")
    title, version, compiled, note, sources, family = info_t
    info = CatalogueInfo(title, version, compiled, note, _strs(sources), family)
    entries = [
        Entry(StandardNumber(*num), title, _STATUS[status], _strs(keywords), _strs(replaced_by), _strs(recommended),
              _strs(ics), _strs(ccs), category, _CONFIDENCE[confidence], _day(publish), _day(implement),
              _day(withdraw), partial, source, note)
        for (num, title, status, keywords, replaced_by, recommended, ics, ccs, category, confidence, publish,
             implement, withdraw, partial, source, note) in entries_t
    ]
    limits = [
        Limit(standard, indicator, label, _OP[op], float(value), unit,
              Applicability(applies[0], _strs(applies[1]), _strs(applies[2]), _strs(applies[3])),
              _CONFIDENCE[confidence], source, note, basis, method)
        for (standard, indicator, label, op, value, unit, applies, confidence, source, note, basis, method)
        in limits_t
    ]
    indicators = [Indicator(name, _strs(syn), _strs(distinct), note) for name, syn, distinct, note in indicators_t]
    catalogue = Catalogue.build(info, entries, limits, indicators, names)
    if terms is not None:
        if not isinstance(terms, dict):
            raise TypeError("matcher terms are not a mapping")
        catalogue.precomputed[MATCHER_TERMS] = terms
    return catalogue
