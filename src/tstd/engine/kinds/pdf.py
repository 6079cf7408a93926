"""Kinds that check the standard's PDF (the ``format`` pack): readability, cover, 前言, 引言, chapters 1–3
and their consistency with the declaration.

Every kind reads the facts through :func:`tstd.pdf.document.pdf_facts`, which extracts the PDF on first use
and keeps it on the Document; without a PDF the kinds are silent, and with an unreadable one only
``pdf-readable`` speaks (one clear finding instead of a finding per missing element). Hits carry the field
path in the declaration (for its line) and the page in the PDF.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from tstd.engine.context import Context
from tstd.engine.kinds import Hit, kind
from tstd.engine.values import as_date, as_list, display, is_empty
from tstd.identifiers import normalize_ccs, normalize_ics, parse_standard_number, split_reference
from tstd.inputs.document import Document
from tstd.model import Severity
from tstd.normalize import identifier, text_for_matching
from tstd.pdf.classify import describe
from tstd.pdf.document import declared_pdf, pdf_facts
from tstd.pdf.facts import NOTE_COVER_IMAGE, NOTE_PAGE_CAP, NOTE_TIME_LIMIT, Located, PdfFacts

FIELD = {"type": "string", "minLength": 1}

# Cover elements: attribute of Cover → (zh, en) name used in messages.
COVER_ELEMENTS: dict[str, tuple[str, str]] = {
    "ics": ("ICS 号", "ICS code"),
    "ccs": ("CCS 号", "CCS code"),
    "doc_type": ("文件类别“团体标准”", "document type 团体标准"),
    "number": ("标准编号", "standard number"),
    "title": ("中文名称", "Chinese title"),
    "title_en": ("英文名称", "English title"),
    "publish_date": ("发布日期", "publication date"),
    "implement_date": ("实施日期", "implementation date"),
    "organization": ("发布机构", "issuing organisation"),
}


def facts_of(doc: Document, ctx: Context) -> PdfFacts | None:
    """The document's PDF facts when there is a readable PDF, else None (other kinds stay silent)."""
    facts = pdf_facts(doc, ctx.settings)
    return facts if facts is not None and facts.readable else None


def solid(text: str) -> str:
    """Matching form without any whitespace: what two spellings of one sentence share."""
    return re.sub(r"\s+", "", text_for_matching(text))


# ---------------------------------------------------------------- reading


@kind("pdf-readable", {"type": "object", "additionalProperties": False})
def pdf_readable(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The PDF has a usable text layer: not image-only, undecodable, encrypted, corrupt or missing."""
    facts = pdf_facts(doc, ctx.settings)
    if facts is None or facts.readable:
        return
    zh, en = describe(facts.readability)
    _path, field = declared_pdf(doc) if not doc.pdf_only else (None, "")
    yield Hit(path=field, params={"reason_zh": zh, "reason_en": en, "detail": facts.problem,
                                  "file": facts.path, "readability": facts.readability.value},
              evidence=facts.problem or None)


@kind("pdf-incomplete", {"type": "object", "additionalProperties": False})
def pdf_incomplete(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Reading stopped early (time limit, page cap) or the cover has no text: some checks could not run."""
    facts = facts_of(doc, ctx)
    if facts is None:
        return
    for note in facts.notes:
        if note.startswith((NOTE_TIME_LIMIT, NOTE_PAGE_CAP)):
            yield Hit(params={"note": note}, page=facts.pages_read)
        elif note.startswith(NOTE_COVER_IMAGE):
            yield Hit(params={"note": note}, page=1)


@kind("pdf-repaired", {"type": "object", "additionalProperties": False})
def pdf_repaired(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Garbled Latin glyphs (犌犅 for GB) were repaired before checking."""
    facts = facts_of(doc, ctx)
    if facts is not None and facts.repaired_glyphs:
        yield Hit(params={"count": facts.repaired_glyphs}, page=1)


# ---------------------------------------------------------------- cover


@kind("pdf-cover", {
    "type": "object", "additionalProperties": False, "required": ["elements"],
    "properties": {"elements": {"type": "array", "minItems": 1, "items": {"enum": list(COVER_ELEMENTS)}}},
})
def pdf_cover(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Each listed element is printed on the cover (page 1)."""
    facts = facts_of(doc, ctx)
    if facts is None or facts.cover.page is None:
        return
    for element in options["elements"]:
        value = getattr(facts.cover, element)
        if value is None or value == ():
            zh, en = COVER_ELEMENTS[element]
            yield Hit(params={"element": zh, "element_en": en}, page=facts.cover.page)


def _printed(facts: PdfFacts, element: str) -> list[Located[Any]]:
    value = getattr(facts.cover, element)
    if value is None:
        return []
    return list(value) if isinstance(value, tuple) else [value]


def _key(compare: str, value: Any) -> Any:
    """The comparison key of a value under ``compare``."""
    text = display(value)
    if compare == "number":
        number = parse_standard_number(text)
        return number.canonical if number else identifier(text)
    if compare == "date":
        return as_date(value)
    if compare == "ics":
        return normalize_ics(text)
    if compare == "ccs":
        return normalize_ccs(text)
    if compare == "latin":
        return " ".join(text.casefold().split())
    return solid(text)


@kind("pdf-consistent", {
    "type": "object", "additionalProperties": False, "required": ["field", "element", "compare"],
    "properties": {"field": FIELD, "element": {"enum": [*COVER_ELEMENTS, "replaces"]},
                   "compare": {"enum": ["number", "text", "latin", "date", "ics", "ccs"]}},
})
def pdf_consistent(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The declared value equals what the cover prints (compared normalised; lists as sets). Skipped when
    either side is missing — the disclosure and cover rules report that."""
    facts = facts_of(doc, ctx)
    declared = doc.get(options["field"])
    if facts is None or is_empty(declared):
        return
    printed = _printed(facts, options["element"])
    if not printed:
        return
    compare = options["compare"]
    want = {_key(compare, v) for v in as_list(declared)}
    have = {_key(compare, p.value) for p in printed}
    if want != have:
        shown = "、".join(display(p.value) for p in printed)
        yield Hit(path=options["field"], page=printed[0].page, evidence=printed[0].text,
                  params={"declared": "、".join(display(v) for v in as_list(declared)), "printed": shown})


# ---------------------------------------------------------------- 前言 and 引言


@kind("pdf-drafting-statement", {"type": "object", "additionalProperties": False})
def pdf_drafting_statement(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The 前言 says it was drafted under GB/T 1.1—2020; an older edition (2009) lowers the hit to warning."""
    facts = facts_of(doc, ctx)
    if facts is None or _cut_short(facts):
        return
    fw = facts.foreword
    if fw is None:
        return  # pdf-foreword-line reports the missing 前言
    if fw.drafting_statement is None:
        yield Hit(params={"found": "未找到 / not found"}, page=fw.page)
        return
    if fw.drafting_edition != "2020":
        yield Hit(params={"found": fw.drafting_statement.value}, page=fw.drafting_statement.page,
                  evidence=fw.drafting_statement.text, severity=Severity.WARNING)


@kind("pdf-patents", {
    "type": "object", "additionalProperties": False, "required": ["expect"],
    "properties": {"expect": {"enum": ["introduction", "no-introduction", "notice", "notice-2020"]}},
})
def pdf_patents(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Patent statements: ``introduction`` — the 引言 carries the patent declaration; ``no-introduction`` —
    it does not; ``notice`` — the 前言 has the 请注意…可能涉及专利 notice; ``notice-2020`` — that notice
    uses the GB/T 1.1-2020 wording, not the 2009 one. Pair with ``when`` on ``standard.patents.involved``."""
    facts = facts_of(doc, ctx)
    if facts is None or _cut_short(facts):
        return
    intro = facts.introduction.patent_text if facts.introduction else None
    fw = facts.foreword
    notice = fw.patent_notice if fw else None
    expect = options["expect"]
    if expect == "introduction" and intro is None:
        page = facts.introduction.page if facts.introduction else (fw.page if fw else None)
        yield Hit(path="standard.patents.involved", page=page)
    elif expect == "no-introduction" and intro is not None:
        yield Hit(path="standard.patents.involved", page=intro.page, evidence=intro.text[:120])
    elif expect == "notice" and notice is None and intro is None:
        yield Hit(path="standard.patents.involved", page=fw.page if fw else None)
    elif expect == "notice-2020" and notice is not None and fw is not None and fw.patent_edition != "2020":
        yield Hit(page=notice.page, evidence=notice.text)


FOREWORD_ELEMENTS: dict[str, tuple[str, str]] = {
    "foreword": ("前言", "foreword"),
    "proposer": ("提出信息（本文件由……提出。）", "proposer (本文件由……提出。)"),
    "responsible": ("归口信息（本文件由……归口。）", "responsible body (本文件由……归口。)"),
    "drafting_units": ("起草单位（本文件起草单位：……）", "drafting units (本文件起草单位：……)"),
    "drafters": ("主要起草人（本文件主要起草人：……）", "drafters (本文件主要起草人：……)"),
}


@kind("pdf-foreword-line", {
    "type": "object", "additionalProperties": False, "required": ["elements"],
    "properties": {"elements": {"type": "array", "minItems": 1, "items": {"enum": list(FOREWORD_ELEMENTS)}}},
})
def pdf_foreword_line(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The 前言 exists (``foreword``) and carries each listed statement; without a 前言 only ``foreword``
    fires, so a missing foreword is one finding."""
    facts = facts_of(doc, ctx)
    if facts is None or _cut_short(facts):
        return
    fw = facts.foreword
    for element in options["elements"]:
        missing = fw is None if element == "foreword" else fw is not None and getattr(fw, element) is None
        if missing:
            zh, en = FOREWORD_ELEMENTS[element]
            yield Hit(page=fw.page if fw else None, params={"element": zh, "element_en": en})


@kind("pdf-names", {
    "type": "object", "additionalProperties": False, "required": ["field", "element"],
    "properties": {"field": FIELD, "element": {"enum": ["drafting_units", "drafters"]}},
})
def pdf_names(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The 起草单位 / 主要起草人 listed in the 前言 match the declaration (order ignored). Skipped when the
    前言 lists none (pdf-foreword-line reports that)."""
    facts = facts_of(doc, ctx)
    fw = facts.foreword if facts else None
    printed = getattr(fw, options["element"]) if fw else None
    if printed is None:
        return
    declared = [display(v) for v in as_list(doc.get(options["field"]))]
    if not declared:
        return
    want = {solid(v): v for v in declared}
    have = {solid(v): v for v in printed.value}
    missing = [v for k, v in want.items() if k not in have]  # declared, not printed
    extra = [v for k, v in have.items() if k not in want]  # printed, not declared
    if missing or extra:
        yield Hit(path=options["field"], page=printed.page, evidence=printed.text,
                  params={"missing": "、".join(missing) or "—", "extra": "、".join(extra) or "—"})


# ---------------------------------------------------------------- chapters


def _cut_short(facts: PdfFacts) -> bool:
    """Reading stopped before the end of chapter 3: absence proves nothing (pdf-incomplete reports it)."""
    return facts.timed_out or facts.page_cap_reached


@kind("pdf-chapter", {
    "type": "object", "additionalProperties": False, "required": ["number", "title"],
    "properties": {"number": {"type": "integer", "minimum": 1}, "title": {"type": "string", "minLength": 1}},
})
def pdf_chapter(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Chapter ``number`` exists and is titled ``title``."""
    facts = facts_of(doc, ctx)
    if facts is None or _cut_short(facts):
        return
    chapter = facts.chapter(options["number"])
    if chapter is None:
        yield Hit(params={"number": options["number"], "title": options["title"], "found": "缺失 / missing"})
    elif solid(chapter.title) != solid(options["title"]):
        yield Hit(params={"number": options["number"], "title": options["title"], "found": chapter.title},
                  page=chapter.page, evidence=f"{chapter.number} {chapter.title}")


def lead_in_pattern(text: str) -> re.Pattern[str]:
    """A lead-in sentence as a prefix pattern: compared in matching form; "…" stands for any short text
    (the referenced document in "GB/T xxxx界定的以及下列术语和定义适用于本文件。")."""
    parts = [re.escape(solid(part)) for part in text.split("…")]
    return re.compile(".{1,200}?".join(parts))


def _prepare_lead_in(options: Mapping[str, Any]) -> dict[str, Any]:
    return {**options, "accepted": [lead_in_pattern(t) for t in options["accepted"]],
            "legacy": [lead_in_pattern(t) for t in options.get("legacy", [])]}


@kind("pdf-lead-in", {
    "type": "object", "additionalProperties": False, "required": ["chapter", "title", "accepted"],
    "properties": {"chapter": {"type": "integer", "minimum": 1}, "title": {"type": "string"},
                   "accepted": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                   "legacy": {"type": "array", "items": {"type": "string"}}},
}, prepare=_prepare_lead_in)
def pdf_lead_in(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The chapter titled ``title`` opens with one of the ``accepted`` lead-in sentences (compared in matching
    form, "…" for any short text). A ``legacy`` lead-in (an older edition's wording) is reported with the
    rule's ``legacy`` severity: the hit is lowered to a warning."""
    facts = facts_of(doc, ctx)
    if facts is None:
        return
    chapter = next((c for c in facts.chapters if solid(c.title) == solid(options["title"])), None)
    if chapter is None:
        return  # pdf-chapter reports it
    text = solid(chapter.text)
    if any(p.match(text) for p in options["accepted"]):
        return
    first = chapter.lead_in.text if chapter.lead_in else ""
    legacy = any(p.match(text) for p in options["legacy"])
    yield Hit(page=chapter.lead_in.page if chapter.lead_in else chapter.page, evidence=first or None,
              params={"number": chapter.number, "title": chapter.title, "found": first[:80] or "（空）"},
              severity=Severity.WARNING if legacy else None)


# ---------------------------------------------------------------- chapter 2 and scope


@kind("pdf-references-parse", {"type": "object", "additionalProperties": False})
def pdf_references_parse(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Every entry of 规范性引用文件 starts with a parseable document number."""
    facts = facts_of(doc, ctx)
    if facts is None:
        return
    for ref in facts.references:
        if ref.number is None:
            yield Hit(page=ref.page, evidence=ref.text, params={"entry": ref.text[:60]})


def _ref_key(text: str) -> tuple[str, int | None] | None:
    number, _title = split_reference(text)
    return (number.undated, number.year) if number else None


@kind("pdf-references-consistent", {
    "type": "object", "additionalProperties": False, "required": ["field"], "properties": {"field": FIELD},
})
def pdf_references_consistent(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The declared normative references are those of chapter 2 (matched by number; a year on both sides
    must agree)."""
    facts = facts_of(doc, ctx)
    declared = as_list(doc.get(options["field"]))
    if facts is None or not declared or _cut_short(facts) or facts.chapter(2) is None:
        return
    printed: dict[str, tuple[int | None, Any]] = {}
    for ref in facts.references:
        key = _ref_key(ref.text)
        if key:
            printed[key[0]] = (key[1], ref)
    seen = set()
    for i, entry in enumerate(declared):
        key = _ref_key(display(entry))
        if key is None:
            continue  # the disclosure pack checks the declared spelling
        seen.add(key[0])
        found = printed.get(key[0])
        if found is None:
            yield Hit(path=f"{options['field']}[{i}]", page=facts.chapter(2).page,  # type: ignore[union-attr]
                      params={"problem": "第2章未列出 / not listed in chapter 2", "entry": display(entry)})
        elif key[1] and found[0] and key[1] != found[0]:
            yield Hit(path=f"{options['field']}[{i}]", page=found[1].page, evidence=found[1].text,
                      params={"problem": f"年份不一致，PDF 为 {found[1].display} / different edition",
                              "entry": display(entry)})
    for undated, (_year, ref) in printed.items():
        if undated not in seen:
            yield Hit(path=options["field"], page=ref.page, evidence=ref.text,
                      params={"problem": "声明中未列出 / not in the declaration", "entry": ref.display})


@kind("pdf-scope", {
    "type": "object", "additionalProperties": False, "required": ["field"],
    "properties": {"field": FIELD, "min_similarity": {"type": "number", "minimum": 0, "maximum": 1}},
})
def pdf_scope(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The declared 范围 matches chapter 1: equal or contained after normalisation, else similar enough."""
    facts = facts_of(doc, ctx)
    declared = doc.get(options["field"])
    chapter = facts.chapter(1) if facts else None
    if chapter is None or is_empty(declared) or not chapter.text:
        return
    strip = re.compile(r"[\W_]+")  # punctuation differences (，vs ,) do not change a scope
    want, have = strip.sub("", solid(display(declared))), strip.sub("", solid(chapter.text))
    if want in have or have in want:
        return
    ratio = difflib.SequenceMatcher(None, want, have, autojunk=False).ratio()
    if ratio < options.get("min_similarity", 0.9):
        yield Hit(path=options["field"], page=chapter.page, evidence=chapter.text[:200],
                  params={"similarity": f"{ratio:.0%}"})
