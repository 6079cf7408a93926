"""Kinds of the `mandatory` pack: conflicts with mandatory national standards (强制性国家标准).

* ``mandatory-reference`` — normative references to withdrawn, outdated or superseded editions;
* ``mandatory-overlap`` — the subject overlaps a mandatory standard's scope (possible duplication);
* ``mandatory-limit`` — a quantified requirement looser than (or contradicting) a mandatory limit;
* ``mandatory-limit-unit`` — a requirement that matches a limit but cannot be compared (unit);
* ``mandatory-compliance`` — no compliance statement although mandatory standards are involved.

The catalogue and the overlap matcher are built once per process (``ctx.resource``); one document's analysis
(references resolved, overlaps, limit conflicts) is computed once and shared by the kinds. Findings from a
catalogue entry or limit whose confidence is ``unverified`` are lowered to warnings and say so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tstd.catalog.index import Catalogue, Resolution, State
from tstd.catalog.limits import BadRequirement, Conflict, Verdict, check_requirement, parse_requirement
from tstd.catalog.load import load_catalogue
from tstd.catalog.matching import Overlap, OverlapMatcher
from tstd.catalog.model import Confidence, Entry, Status
from tstd.engine.context import Context
from tstd.engine.kinds import Hit, kind
from tstd.engine.values import as_date, as_list, display
from tstd.identifiers import split_reference
from tstd.inputs.document import Document
from tstd.model import Severity

CATALOGUE = "mandatory.catalogue"
MATCHER = "mandatory.matcher"


# ---------------------------------------------------------------------------------------------- shared state


def catalogue_of(ctx: Context) -> Catalogue:
    """The catalogue for this run: ``settings["catalogue"]`` when the caller loaded one, else the built-in one
    plus ``settings["catalogue_paths"]`` (or only those with ``settings["catalogue_replace"]``)."""
    return ctx.resource(CATALOGUE, _build_catalogue)


def _build_catalogue(ctx: Context) -> Catalogue:
    given = ctx.settings.get("catalogue")
    if isinstance(given, Catalogue):
        return given
    paths = ctx.settings.get("catalogue_paths") or ()
    return load_catalogue(list(paths), replace=bool(ctx.settings.get("catalogue_replace")))


def _matcher(ctx: Context) -> OverlapMatcher:
    return ctx.resource(MATCHER, lambda c: OverlapMatcher(catalogue_of(c)))


@dataclass(frozen=True)
class Reference:
    path: str  # standard.normative_references[i]
    text: str  # as the user wrote it
    resolution: Resolution


@dataclass
class Analysis:
    """What one declaration touches in the catalogue; computed once per document."""

    references: list[Reference] = field(default_factory=list)  # every plain GB reference, known or not
    overlaps: list[Overlap] = field(default_factory=list)
    conflicts: list[tuple[str, Conflict]] = field(default_factory=list)  # (path of the requirement, conflict)
    unreadable_units: list[tuple[str, str, str]] = field(default_factory=list)  # (path, indicator, unit)

    @property
    def mandatory_refs(self) -> list[str]:
        return [r.resolution.reference.display for r in self.references]


def analyse(doc: Document, ctx: Context) -> Analysis:
    """The document's references, overlaps and limit conflicts (computed once per document)."""
    return doc.derive("mandatory.analysis", lambda d: _analyse(d, ctx))


def _analyse(doc: Document, ctx: Context) -> Analysis:
    cat = catalogue_of(ctx)
    out = Analysis()
    for path, value in doc.expand("standard.normative_references[]"):
        if not isinstance(value, str):
            continue
        number, _title = split_reference(value)
        if number is None:
            continue
        resolution = cat.resolve(number)
        if resolution is None:
            continue
        out.references.append(Reference(path, value.strip(), resolution))
    title = _text(doc.get("standard.title"))
    scope = _text(doc.get("standard.scope"))
    if title:
        out.overlaps = _matcher(ctx).match(title, scope, _codes(doc, "standard.ics"), _codes(doc, "standard.ccs"))
    for path, item in doc.expand("standard.requirements[]"):
        if not isinstance(item, Mapping):
            continue
        parsed = parse_requirement(item)
        if isinstance(parsed, BadRequirement):
            if parsed.field == "unit" and cat.indicators_named(str(item.get("indicator", ""))):
                out.unreadable_units.append((path, str(item.get("indicator")), str(item.get("unit"))))
            continue
        for conflict in check_requirement(cat, parsed, title, scope):
            out.conflicts.append((path, conflict))
    return out


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _codes(doc: Document, path: str) -> list[str]:
    return [display(v) for v in as_list(doc.get(path)) if v is not None]


# ---------------------------------------------------------------------------------------------- wording


def _say(ctx: Context, zh: str, en: str) -> str:
    return en if ctx.lang == "en" else zh


def _unverified_note(ctx: Context) -> str:
    return _say(ctx, "（目录条目未经核实，仅作警告，请在 openstd.samr.gov.cn 核对）",
                " (unverified catalogue entry: a warning only; verify it at openstd.samr.gov.cn)")


def _shown(entries: Sequence[Entry], ctx: Context) -> str:
    if not entries:
        return _say(ctx, "无（已废止且无替代标准）", "none (withdrawn without a successor)")
    return "、".join(e.display for e in entries)


def _entry_data(entry: Entry | None, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = dict(extra or {})
    if entry is not None:
        data.update({"catalogue_entry": entry.key, "catalogue_title": entry.title,
                     "catalogue_status": entry.status.value, "catalogue_confidence": entry.confidence.value})
    return data


def _lowered(*confidences: Confidence) -> Severity | None:
    """Warning when any evidence is unverified (never an error from an unchecked entry), else the rule's own."""
    return Severity.WARNING if any(not c.may_drive_errors for c in confidences) else None


# ---------------------------------------------------------------------------------------------- references

_STATES = [s.value for s in State if s is not State.CURRENT and s is not State.UNKNOWN]


def withdrawal_date(entry: Entry, cat: Catalogue) -> dt.date | None:
    """When an edition stopped being in force: its own date, else its successors' implementation date."""
    if entry.withdraw_date:
        return entry.withdraw_date
    dates = [s.implement_date for n in entry.replaced_by if (s := cat.entries.get(n)) and s.implement_date]
    return min(dates) if dates else None


@kind("mandatory-reference", {
    "type": "object", "additionalProperties": False, "required": ["states"],
    "properties": {"states": {"type": "array", "minItems": 1, "items": {"enum": _STATES}}},
})
def mandatory_reference(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A normative reference to a mandatory standard in one of ``states``: withdrawn (废止; with the edition in
    force), outdated (an older edition than the catalogue's current one), successor_published (in force, but a
    newer edition is published), upcoming (not yet in force). Undated references mean the current edition."""
    wanted = set(options["states"])
    cat = catalogue_of(ctx)
    published = as_date(doc.get("standard.publish_date"))
    for ref in analyse(doc, ctx).references:
        res = ref.resolution
        if res.state.value not in wanted:
            continue
        named = res.entry
        confidences = [e.confidence for e in res.involved]
        severity = _lowered(*confidences)
        notes = []
        if severity is not None:
            notes.append(_unverified_note(ctx))
        detail = ""
        if res.state is State.WITHDRAWN and named is not None:
            gone = withdrawal_date(named, cat)
            if gone and published and published < gone:
                # Current when this standard was published: out of date now, not a violation at publication.
                severity = Severity.WARNING
                notes.append(_say(ctx, f"（本标准发布时该版本尚现行，{gone.isoformat()} 起废止，应复审修订）",
                                  f" (in force when this standard was published; withdrawn from {gone.isoformat()}:"
                                  " review and revise)"))
            detail = _say(ctx, f"已废止，现行版本为 {_shown(res.current, ctx)}",
                          f"withdrawn; the edition in force is {_shown(res.current, ctx)}")
            if named.replaced_by_recommended and not res.current:
                rec = "、".join(named.replaced_by_recommended)
                detail = _say(ctx, f"已废止，由推荐性标准 {rec} 代替（不再有强制性版本）",
                              f"withdrawn; replaced by the recommended standard {rec} (no mandatory edition)")
        elif res.state is State.OUTDATED:
            detail = _say(ctx, f"目录中现行版本为 {_shown(res.current, ctx)}",
                          f"the edition in force is {_shown(res.current, ctx)}")
        elif res.state is State.SUCCESSOR_PUBLISHED:
            start = "、".join(f"{e.number.display}" + (f"（{e.implement_date.isoformat()} 实施）" if e.implement_date
                                                        else "") for e in res.current)
            detail = _say(ctx, f"新版本 {start} 已发布，请准备过渡", f"a new edition {start} is published; prepare")
        elif res.state is State.UPCOMING and named is not None:
            when = named.implement_date.isoformat() if named.implement_date else _say(ctx, "日期未定", "date unknown")
            detail = _say(ctx, f"该版本尚未实施（{when}）", f"this edition is not yet in force ({when})")
        yield Hit(
            path=ref.path,
            params={"reference": res.reference.display, "title": named.title if named else "",
                    "detail": detail, "note": "".join(notes),
                    "replacement": _shown(res.current, ctx)},
            severity=severity,
            evidence=ref.text,
            data=_entry_data(named or (res.current[0] if res.current else None),
                             {"state": res.state.value, "replaced_by": ", ".join(e.key for e in res.current)}),
        )


# ---------------------------------------------------------------------------------------------- overlap


@kind("mandatory-overlap", {"type": "object", "additionalProperties": False, "properties": {}})
def mandatory_overlap(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The title (and scope, ICS, CCS) overlaps the scope of a mandatory standard the declaration does not
    reference: confirm it does not duplicate that standard (意见2022 八) and reference it."""
    analysis = analyse(doc, ctx)
    referenced = {e.number.undated for r in analysis.references for e in r.resolution.involved}
    for overlap in analysis.overlaps:
        entry = overlap.entry
        if entry.number.undated in referenced:
            continue
        note = _unverified_note(ctx) if not entry.confidence.may_drive_errors else ""
        yield Hit(
            path="standard.title",
            params={"mandatory": entry.display, "terms": overlap.evidence, "note": note},
            evidence=overlap.evidence,
            data=_entry_data(entry, {"score": f"{overlap.score:.1f}"}),
        )


# ---------------------------------------------------------------------------------------------- limits


@kind("mandatory-limit", {
    "type": "object", "additionalProperties": False, "required": ["verdicts"],
    "properties": {"verdicts": {"type": "array", "minItems": 1, "items": {"enum": ["looser", "contradicts"]}}},
})
def mandatory_limit(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A quantified requirement (standard.requirements[]) that allows what a mandatory limit forbids (looser)
    or demands what it forbids (contradicts), for the same indicator (synonyms in the catalogue), product and
    class, after unit conversion."""
    wanted = set(options["verdicts"])
    for path, conflict in analyse(doc, ctx).conflicts:
        if conflict.verdict.value not in wanted:
            continue
        limit, entry, req = conflict.limit, conflict.entry, conflict.requirement
        severity = _lowered(limit.confidence, entry.confidence)
        notes = [_unverified_note(ctx)] if severity else []
        if entry.status is Status.UPCOMING:
            severity = Severity.WARNING
            notes.append(_say(ctx, "（该强制性标准尚未实施）", " (that mandatory standard is not yet in force)"))
        if limit.source:  # the finding names where the limit was read, so a reviewer can check it
            notes.append(_say(ctx, f"（限值来源：{limit.source}）", f" (limit source: {limit.source})"))
        converted = f"（= {conflict.converted_shown}）" if conflict.converted_shown else ""
        yield Hit(
            path=f"{path}.value",
            params={"indicator": req.indicator, "requirement": req.shown + converted,
                    "limit": conflict.limit_shown, "label": limit.label, "mandatory": entry.display,
                    "applies_to": limit.applies.text,
                    "verdict": _say(ctx, "宽于" if conflict.verdict is Verdict.LOOSER else "与之矛盾：",
                                    "looser than" if conflict.verdict is Verdict.LOOSER else "contradicts"),
                    "note": "".join(notes)},
            severity=severity,
            evidence=f"{req.indicator} {req.shown}",
            data=_entry_data(entry, {"limit": f"{limit.label} {conflict.limit_shown}",
                                     "limit_applies_to": limit.applies.text,
                                     "limit_confidence": limit.confidence.value,
                                     "limit_source": limit.source,
                                     **({"limit_basis": limit.basis} if limit.basis else {})}),
        )


@kind("mandatory-limit-unit", {"type": "object", "additionalProperties": False, "properties": {}})
def mandatory_limit_unit(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """A requirement on an indicator a mandatory standard limits, whose unit is unknown or cannot be converted
    to the limit's unit, so the comparison could not be made."""
    analysis = analyse(doc, ctx)
    for path, conflict in analysis.conflicts:
        if conflict.verdict is not Verdict.UNITS:
            continue
        yield Hit(
            path=f"{path}.unit",
            params={"indicator": conflict.requirement.indicator, "unit": conflict.requirement.unit_text or "—",
                    "limit_unit": conflict.limit.unit, "mandatory": conflict.entry.display},
            data=_entry_data(conflict.entry),
        )
    for path, indicator, unit in analysis.unreadable_units:
        yield Hit(path=f"{path}.unit", params={"indicator": indicator, "unit": unit,
                                                "limit_unit": _say(ctx, "（未知单位）", "(unknown unit)"),
                                                "mandatory": ""})


# ---------------------------------------------------------------------------------------------- compliance


@kind("mandatory-compliance", {"type": "object", "additionalProperties": False, "properties": {}})
def mandatory_compliance(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """``standard.compliance_statement`` is not true although the standard references a mandatory national
    standard (any plain GB) or its subject overlaps one (a warning when that rests only on unverified entries)."""
    if doc.get("standard.compliance_statement") is True:
        return
    analysis = analyse(doc, ctx)
    involved = list(dict.fromkeys(analysis.mandatory_refs + [o.entry.number.display for o in analysis.overlaps]))
    if not involved:
        return
    first = analysis.references[0].resolution.entry if analysis.references else None
    if first is None and analysis.overlaps:
        first = analysis.overlaps[0].entry
    # A cited GB is mandatory whatever the catalogue says; an overlap alone rests on the catalogue entries.
    severity = None if analysis.mandatory_refs else _lowered(*(o.entry.confidence for o in analysis.overlaps))
    note = _unverified_note(ctx) if severity else ""
    yield Hit(path="standard.compliance_statement", params={"mandatory": "、".join(involved), "note": note},
              severity=severity, data=_entry_data(first, {"involved": ", ".join(involved)}))


# ---------------------------------------------------------------------------------------------- explain


def entries_for_example(check: Any, options: Any, example: Mapping[str, Any], ctx: Context) -> list[Entry]:
    """The catalogue entries a rule's example touches (for ``tstd explain``): run the rule's check on it."""
    cat = catalogue_of(ctx)
    doc = Document(path=Path("example.yaml"), data=dict(example))
    keys: list[str] = []
    for hit in check(doc, options, ctx):
        key = hit.data.get("catalogue_entry")
        if isinstance(key, str):
            keys.append(key)
        keys.extend(k.strip() for k in str(hit.data.get("replaced_by", "")).split(",") if k.strip())
    return [cat.entries[k] for k in dict.fromkeys(keys) if k in cat.entries]
