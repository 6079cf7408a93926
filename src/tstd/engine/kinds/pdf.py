"""Kinds that check the standard's PDF (the ``format`` pack): readability, cover, 前言, 引言, chapters 1–3
and their consistency with the declaration.

Every kind reads the facts through :func:`tstd.pdf.document.pdf_facts`, which extracts the PDF on first use
and keeps it on the Document; without a PDF the kinds are silent, and with an unreadable one only
``pdf-readable`` speaks (one clear finding instead of a finding per missing element). Hits carry the field
path in the declaration (for its line) and the page in the PDF.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tstd.engine.context import Context
from tstd.engine.kinds import Hit, kind
from tstd.engine.values import as_date, as_list, display, is_empty
from tstd.identifiers import normalize_ccs, normalize_ics, parse_standard_number, split_reference
from tstd.inputs.document import Document
from tstd.model import Severity
from tstd.normalize import identifier, nfkc, text_for_matching, unify_dashes
from tstd.pdf.document import declared_pdf, pdf_facts

if TYPE_CHECKING:  # the PDF layer's classes are loaded only once a document has a PDF (tstd.pdf.document)
    from tstd.pdf.facts import Located, PdfFacts

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


def has_pdf(doc: Document, ctx: Context) -> bool:
    """Whether the document comes with a PDF or Word text at all: without one every kind here is silent."""
    return pdf_facts(doc, ctx.settings) is not None


pdf_kind = functools.partial(kind, needs=has_pdf)  # every kind of this module: asked once per document


def solid(text: str) -> str:
    """Matching form without any whitespace: what two spellings of one sentence share."""
    return re.sub(r"\s+", "", text_for_matching(text))


def _located(check: Callable[[Document, Mapping[str, Any], Context], Iterator[Hit]]
             ) -> Callable[[Document, Mapping[str, Any], Context], Iterator[Hit]]:
    """For a Word draft the facts count paragraphs, not pages: move the number out of ``page`` (a PDF page
    in every report) into ``data.paragraph`` and say it in the evidence. Every hit also gets ``src``/``src_en``
    (PDF or Word 草案) for its message."""

    @functools.wraps(check)
    def wrapped(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
        facts = pdf_facts(doc, ctx.settings)
        paragraphs = facts is not None and facts.unit == "paragraph"
        # Messages name the source: "PDF" or "Word 草案" ({src} / {src_en}).
        src = {"src": "Word 草案", "src_en": "Word draft"} if paragraphs else {"src": "PDF", "src_en": "PDF"}
        for hit in check(doc, options, ctx):
            hit = replace(hit, params={**src, **hit.params})
            if paragraphs and hit.page is not None:
                where = f"第 {hit.page} 段 / paragraph {hit.page}"
                evidence = f"{where}: {hit.evidence}" if hit.evidence else where
                hit = replace(hit, page=None, evidence=evidence, data={**hit.data, "paragraph": hit.page})
            yield hit

    return wrapped


# GB/T 1.1 editions: (published, superseded in force). A standard published while an edition was in force —
# or after the next was published — may follow it; the 2009 wording is no defect in a 2017 standard.
EDITIONS: dict[str, tuple[dt.date, dt.date | None]] = {
    "2000": (dt.date(2000, 1, 1), dt.date(2010, 1, 1)),
    "2009": (dt.date(2009, 6, 17), dt.date(2020, 10, 1)),
    "2020": (dt.date(2020, 3, 31), None),
}


def _publish_date(doc: Document, facts: PdfFacts, ctx: Context) -> dt.date:
    """The date the standard was (or will be) published: the cover's, the declared one, else today (a
    draft without a date is judged by the rules in force now)."""
    if facts.cover.publish_date is not None:
        return facts.cover.publish_date.value
    declared = as_date(doc.get("standard.publish_date"))
    return declared if declared is not None else ctx.today


def allowed_editions(doc: Document, facts: PdfFacts, ctx: Context) -> set[str]:
    """The GB/T 1.1 editions a standard published on its date may follow."""
    day = _publish_date(doc, facts, ctx)
    return {e for e, (start, end) in EDITIONS.items() if start <= day and (end is None or day < end)} or {"2020"}


def legacy_allowed(doc: Document, facts: PdfFacts, ctx: Context) -> bool:
    """The 2009 wording is what the edition in force (or the one the standard follows) expects."""
    fw = facts.foreword
    allowed = allowed_editions(doc, facts, ctx)
    stated = fw.drafting_edition if fw is not None else None
    return bool(allowed & {"2000", "2009"}) or (stated in ("2000", "2009") and stated in allowed)


def engineering(facts: PdfFacts) -> bool:
    """Laid out after 《工程建设标准编写规定》 (1 总则, 2 术语 …): not held to GB/T 1.1's structure."""
    return facts.layout == "engineering"


# ---------------------------------------------------------------- reading


@pdf_kind("pdf-readable", {"type": "object", "additionalProperties": False})
def pdf_readable(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The PDF has a usable text layer: not image-only, undecodable, encrypted, corrupt or missing."""
    facts = pdf_facts(doc, ctx.settings)
    if facts is None or facts.readable:
        return
    from tstd.pdf.classify import describe  # an unreadable PDF: the PDF layer is loaded already

    zh, en = describe(facts.readability)
    _path, field = declared_pdf(doc) if not doc.pdf_only else (None, "")
    yield Hit(path=field, params={"reason_zh": zh, "reason_en": en, "detail": facts.problem,
                                  "file": facts.path, "readability": facts.readability.value},
              evidence=facts.problem or None)


@pdf_kind("pdf-incomplete", {"type": "object", "additionalProperties": False})
@_located
def pdf_incomplete(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Reading stopped early (time limit, page cap) or the cover has no text: some checks could not run."""
    facts = facts_of(doc, ctx)
    if facts is None:
        return
    from tstd.pdf import facts as facts_module  # a PDF was read: its module is loaded already

    for note in facts.notes:
        if note.startswith((facts_module.NOTE_TIME_LIMIT, facts_module.NOTE_PAGE_CAP)):
            yield Hit(params={"note": note}, page=facts.pages_read)
        elif note.startswith(facts_module.NOTE_COVER_IMAGE):
            yield Hit(params={"note": note}, page=1)


@pdf_kind("pdf-repaired", {"type": "object", "additionalProperties": False})
@_located
def pdf_repaired(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Garbled Latin glyphs (犌犅 for GB) were repaired before checking."""
    facts = facts_of(doc, ctx)
    if facts is not None and facts.repaired_glyphs:
        yield Hit(params={"count": facts.repaired_glyphs}, page=1)


# ---------------------------------------------------------------- cover


@pdf_kind("pdf-cover", {
    "type": "object", "additionalProperties": False, "required": ["elements"],
    "properties": {"elements": {"type": "array", "minItems": 1, "items": {"enum": list(COVER_ELEMENTS)}}},
})
@_located
def pdf_cover(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Each listed element is printed on the cover (page 1)."""
    facts = facts_of(doc, ctx)
    if facts is None or facts.cover.page is None:
        return
    for element in options["elements"]:
        if element == "doc_type" and engineering(facts):
            continue  # 工程建设 covers name the series (…协会标准) instead of the word 团体标准
        if element in ("number", "publish_date", "implement_date") and facts.cover.stage is not None:
            continue  # a draft (征求意见稿, 送审稿 …) receives its number and dates when it is approved
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
        if number is None:
            return identifier(text)
        # 012 and 12 are one sequence number (zero-padding is typesetting, not another standard).
        seq = ".".join(str(int(part)) for part in number.seq.split("."))
        return (number.code, seq, number.year)
    if compare == "date":
        return as_date(value)
    if compare == "ics":
        return normalize_ics(text)
    if compare == "ccs":
        return normalize_ccs(text)
    if compare == "latin":
        # Full-/half-width brackets, dashes and spacing are typesetting, not a different title.
        return re.sub(r"[\s\W_]+", "", unify_dashes(nfkc(text)).casefold())
    return solid(text)


def _ccs_in_range(declared: str, low: str, high: str) -> bool:
    """Whether a declared CCS lies in an older cover's range such as R 10/19."""
    code = normalize_ccs(declared)
    return len(code) == 3 and code[0] == low[0] and low[1:] <= code[1:] <= high[1:]


@pdf_kind("pdf-consistent", {
    "type": "object", "additionalProperties": False, "required": ["field", "element", "compare"],
    "properties": {"field": FIELD, "element": {"enum": [*COVER_ELEMENTS, "replaces"]},
                   "compare": {"enum": ["number", "text", "latin", "date", "ics", "ccs"]}},
})
@_located
def pdf_consistent(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The declared value equals what the cover prints (compared normalised; lists as sets). Skipped when
    either side is missing — the disclosure and cover rules report that."""
    facts = facts_of(doc, ctx)
    declared = doc.get(options["field"])
    if facts is None or is_empty(declared):
        return
    element = options["element"]
    printed = _printed(facts, "issuers" if element == "organization" and facts.cover.issuers else element)
    if not printed:
        return
    compare = options["compare"]
    want = {_key(compare, v) for v in as_list(declared)}
    have = {_key(compare, p.value) for p in printed}
    if element == "organization" and want <= have:
        return  # a joint publication: the declaring organisation is one of the issuers
    rng = facts.cover.ccs_range
    if element == "ccs" and rng and all(_ccs_in_range(display(v), *rng) for v in as_list(declared)):
        return
    if want != have:
        shown = "、".join(display(p.value) for p in printed)
        yield Hit(path=options["field"], page=printed[0].page, evidence=printed[0].text,
                  params={"declared": "、".join(display(v) for v in as_list(declared)), "printed": shown})


# ---------------------------------------------------------------- 前言 and 引言


@pdf_kind("pdf-drafting-statement", {"type": "object", "additionalProperties": False})
@_located
def pdf_drafting_statement(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The 前言 states the GB/T 1.1 edition it follows, and that edition may be followed on the standard's
    publication date (2009 until GB/T 1.1—2020 took effect on 2020-10-01; 2020 from its publication on
    2020-03-31). Engineering-construction layouts have no such statement."""
    facts = facts_of(doc, ctx)
    if facts is None or _cut_short(facts) or engineering(facts):
        return
    fw = facts.foreword
    if fw is None:
        return  # pdf-foreword-line reports the missing 前言
    allowed = allowed_editions(doc, facts, ctx)
    expected = "GB/T 1.1—" + max(allowed)
    day = _publish_date(doc, facts, ctx).isoformat()
    if fw.drafting_statement is None:
        yield Hit(params={"found": "未找到 / not found", "expected": expected, "date": day}, page=fw.page)
        return
    if fw.drafting_edition not in allowed:
        yield Hit(params={"found": fw.drafting_statement.value, "expected": expected, "date": day},
                  page=fw.drafting_statement.page, evidence=fw.drafting_statement.text)


@pdf_kind("pdf-patents", {
    "type": "object", "additionalProperties": False, "required": ["expect"],
    "properties": {"expect": {"enum": ["introduction", "no-introduction", "notice", "notice-2020"]}},
})
@_located
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
    elif expect == "notice" and notice is None and intro is None and not engineering(facts):
        # Under GB/T 1.1—2009 many published standards carry no notice: advice, not a defect of the text.
        yield Hit(path="standard.patents.involved", page=fw.page if fw else None,
                  severity=Severity.INFO if legacy_allowed(doc, facts, ctx) else None)
    elif (expect == "notice-2020" and notice is not None and fw is not None and fw.patent_edition != "2020"
          and not legacy_allowed(doc, facts, ctx)):
        yield Hit(page=notice.page, evidence=notice.text)


FOREWORD_ELEMENTS: dict[str, tuple[str, str]] = {
    "foreword": ("前言", "foreword"),
    "proposer": ("提出信息（本文件由……提出。）", "proposer (本文件由……提出。)"),
    "responsible": ("归口信息（本文件由……归口。）", "responsible body (本文件由……归口。)"),
    "drafting_units": ("起草单位（本文件起草单位：……）", "drafting units (本文件起草单位：……)"),
    "drafters": ("主要起草人（本文件主要起草人：……）", "drafters (本文件主要起草人：……)"),
}


@pdf_kind("pdf-foreword-line", {
    "type": "object", "additionalProperties": False, "required": ["elements"],
    "properties": {"elements": {"type": "array", "minItems": 1, "items": {"enum": list(FOREWORD_ELEMENTS)}}},
})
@_located
def pdf_foreword_line(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The 前言 exists (``foreword``) and carries each listed statement; without a 前言 only ``foreword``
    fires, so a missing foreword is one finding."""
    facts = facts_of(doc, ctx)
    if facts is None or _cut_short(facts):
        return
    fw = facts.foreword
    for element in options["elements"]:
        if element in ("drafting_units", "drafters") and engineering(facts):
            continue  # 工程建设 forewords name 主编/参编单位 in varying forms; not held to GB/T 1.1 wording
        missing = fw is None if element == "foreword" else fw is not None and getattr(fw, element) is None
        if missing:
            zh, en = FOREWORD_ELEMENTS[element]
            yield Hit(page=fw.page if fw else None, params={"element": zh, "element_en": en})


@pdf_kind("pdf-names", {
    "type": "object", "additionalProperties": False, "required": ["field", "element"],
    "properties": {"field": FIELD, "element": {"enum": ["drafting_units", "drafters"]}},
})
@_located
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
        # A name variant (the same body with or without 有限公司, a bracketed city) is no proven mismatch.
        variant = bool(missing) and len(missing) == len(extra) and all(
            any(_same_name(a, b) for b in extra) for a in missing)
        yield Hit(path=options["field"], page=printed.page, evidence=printed.text,
                  params={"missing": "、".join(missing) or "—", "extra": "、".join(extra) or "—"},
                  severity=Severity.WARNING if variant else None)


def _same_name(a: str, b: str) -> bool:
    x, y = re.sub(r"[（(][^）)]*[）)]", "", solid(a)), re.sub(r"[（(][^）)]*[）)]", "", solid(b))
    import difflib  # with a PDF only

    return x in y or y in x or difflib.SequenceMatcher(None, x, y).ratio() >= 0.8


# ---------------------------------------------------------------- chapters


def _cut_short(facts: PdfFacts) -> bool:
    """Reading stopped before the end of chapter 3: absence proves nothing (pdf-incomplete reports it)."""
    return facts.timed_out or facts.page_cap_reached


@pdf_kind("pdf-chapter", {
    "type": "object", "additionalProperties": False, "required": ["number", "title"],
    "properties": {"number": {"type": "integer", "minimum": 1}, "title": {"type": "string", "minLength": 1},
                   "also": {"type": "array", "items": {"type": "string", "minLength": 1}}},
})
@_located
def pdf_chapter(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Chapter ``number`` exists and is titled ``title`` (or one of the combined titles in ``also``, such as
    术语、定义和缩略语). Engineering-construction layouts (1 总则, 2 术语 …) are not held to this order."""
    facts = facts_of(doc, ctx)
    if facts is None or _cut_short(facts) or engineering(facts):
        return
    chapter = facts.chapter(options["number"])
    titles = {solid(t) for t in [options["title"], *options.get("also", [])]}
    if chapter is None:
        yield Hit(params={"number": options["number"], "title": options["title"], "found": "缺失 / missing"})
    elif solid(chapter.title) not in titles:
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


@pdf_kind("pdf-lead-in", {
    "type": "object", "additionalProperties": False, "required": ["chapter", "title", "accepted"],
    "properties": {"chapter": {"type": "integer", "minimum": 1}, "title": {"type": "string"},
                   "also": {"type": "array", "items": {"type": "string"}},
                   "accepted": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                   "legacy": {"type": "array", "items": {"type": "string"}}},
}, prepare=_prepare_lead_in)
@_located
def pdf_lead_in(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The chapter titled ``title`` opens with one of the ``accepted`` lead-in sentences (compared in matching
    form, "…" for any short text). A ``legacy`` lead-in (an older edition's wording) is reported with the
    rule's ``legacy`` severity: the hit is lowered to a warning."""
    facts = facts_of(doc, ctx)
    if facts is None or engineering(facts):
        return
    titles = {solid(t) for t in [options["title"], *options.get("also", [])]}
    chapter = next((c for c in facts.chapters if solid(c.title) in titles), None)
    if chapter is None:
        return  # pdf-chapter reports it
    # A combined chapter 3 opens with its first subclause heading ("3.1 术语和定义") before the lead-in.
    text = re.sub(r"^\d+\.\d+[\u4e00-\u9fff、和]{2,12}?(?=下列|本文件|本标准|GB|[A-Z]{2})", "", solid(chapter.text))
    if any(p.match(text) for p in options["accepted"]):
        return
    first = chapter.lead_in.text if chapter.lead_in else ""
    legacy = any(p.match(text) for p in options["legacy"])
    if legacy and legacy_allowed(doc, facts, ctx):
        return  # the wording of the edition the standard follows
    yield Hit(page=chapter.lead_in.page if chapter.lead_in else chapter.page, evidence=first or None,
              params={"number": chapter.number, "title": chapter.title, "found": first[:80] or "（空）"},
              severity=Severity.WARNING if legacy else None)


# ---------------------------------------------------------------- chapter 2 and scope


@pdf_kind("pdf-references-parse", {"type": "object", "additionalProperties": False})
@_located
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


@pdf_kind("pdf-references-consistent", {
    "type": "object", "additionalProperties": False, "required": ["field"], "properties": {"field": FIELD},
})
@_located
def pdf_references_consistent(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The declared normative references are those of chapter 2 (matched by number; a year on both sides
    must agree)."""
    facts = facts_of(doc, ctx)
    declared = as_list(doc.get(options["field"]))
    if facts is None or not declared or _cut_short(facts) or facts.chapter(2) is None or engineering(facts):
        return  # an engineering-construction standard lists 引用标准名录 at its end, not in chapter 2
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


@pdf_kind("pdf-scope", {
    "type": "object", "additionalProperties": False, "required": ["field"],
    "properties": {"field": FIELD, "min_similarity": {"type": "number", "minimum": 0, "maximum": 1}},
})
@_located
def pdf_scope(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The declared 范围 matches chapter 1: equal or contained after normalisation, else similar enough."""
    facts = facts_of(doc, ctx)
    declared = doc.get(options["field"])
    chapter = facts.chapter(1) if facts and not engineering(facts) else None  # 1 总则 is no 范围
    if chapter is None or is_empty(declared) or not chapter.text:
        return
    strip = re.compile(r"[\W_]+")  # punctuation differences (，vs ,) do not change a scope
    want, have = strip.sub("", solid(display(declared))), strip.sub("", solid(chapter.text))
    if want in have or have in want:
        return
    import difflib  # with a PDF only

    ratio = difflib.SequenceMatcher(None, want, have, autojunk=False).ratio()
    if ratio < options.get("min_similarity", 0.9):
        yield Hit(path=options["field"], page=chapter.page, evidence=chapter.text[:200],
                  params={"similarity": f"{ratio:.0%}"})


# ---------------------------------------------------------------- who issues it

# A body of government: 人民政府, a ministry, a 厅/局 (管理局, 监督管理局), or a 委员会 of a government
# (国家/省/市… at the front). Names of 社会团体 and their branches (协会、学会、…专业委员会) never are.
_GOVERNMENT = re.compile(
    r"(人民政府|(?:厅|局|管理局)|(?:部)$|^(?:国家|中华人民共和国|国务院).{0,16}委员会$"
    r"|^.{1,8}(?:省|市|自治区|县|区)(?:人民政府)?.{0,12}(?:委员会|办公室)$)")
_SOCIETY = re.compile(r"(协会|学会|研究会|商会|联合会|促进会|联盟|基金会|集团|公司|研究院|研究所|大学|学院|中心|俱乐部|"
                      r"标准化技术委员会|SAC/TC)")
_MINISTRY = re.compile(r"^(?:中华人民共和国)?[\u4e00-\u9fff]{2,10}部$")


def government_body(name: str) -> bool:
    """Whether an organisation name is a government body rather than a 社会团体 (规定第三条)."""
    core = re.sub(r"[（(][^）)]*[）)]", "", solid(name))
    if not core or _SOCIETY.search(core):
        return False
    if core.endswith("部"):
        return bool(_MINISTRY.match(core))
    return bool(_GOVERNMENT.search(core)) and core.endswith(("厅", "局", "政府", "委员会", "办公室", "部"))


@pdf_kind("pdf-issuer-government", {"type": "object", "additionalProperties": False})
@_located
def pdf_issuer_government(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The cover's issuing body, the 前言's 提出 or 归口 body is a government body (…厅, …局, a government's
    …委员会, 人民政府): a group standard is a 社会团体's standard. Drafting units are no evidence (public
    institutes draft group standards lawfully)."""
    facts = facts_of(doc, ctx)
    if facts is None:
        return
    fw = facts.foreword
    candidates: list[tuple[str, Located[str] | None]] = [("封面发布机构|cover issuer", i) for i in facts.cover.issuers]
    if fw is not None:
        candidates += [("前言“提出”单位|proposer in the foreword", fw.proposer),
                       ("前言“归口”单位|responsible body in the foreword", fw.responsible)]
    seen: set[tuple[str, str]] = set()  # "由X提出并归口": one finding, not one per role
    for role, located in candidates:
        if located is None:
            continue
        # 和 stays inside names: 住房和城乡建设厅, 工业和信息化部, 人力资源和社会保障局.
        names = re.split(r"[、，,；;]", located.value) if role.startswith("前言") else [located.value]
        for name in names:
            if government_body(name) and (name.strip(), located.text) not in seen:
                seen.add((name.strip(), located.text))
                yield Hit(page=located.page, evidence=located.text,
                          params={"role": role.split("|")[0], "role_en": role.split("|")[1], "body": name.strip(),
                                  "quote": located.text[:120]})
                break


# ---------------------------------------------------------------- every cited standard


@pdf_kind("pdf-cited-standards", {"type": "object", "additionalProperties": False})
@_located
def pdf_cited_standards(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Every standard number cited in the text read (前言, 引言, chapters; a Word draft in full) that the
    catalogue knows as withdrawn or replaced. The built-in catalogue holds mandatory national standards; a
    full catalogue given with ``--catalog`` covers recommended ones too. References the declaration lists
    are left to the ``mandatory`` pack (one finding per reference)."""
    facts = facts_of(doc, ctx)
    if facts is None or not facts.citations:
        return
    from tstd.catalog.index import State
    from tstd.engine.kinds.mandatory import catalogue_of

    catalogue = catalogue_of(ctx)
    # A lone PDF's "declaration" is the draft read from it: no mandatory pack runs, so nothing is left out.
    listed = () if doc.pdf_only else (
        split_reference(display(v))[0] for v in as_list(doc.get("standard.normative_references")))
    declared = {n.undated for n in listed if n is not None}
    for cited in facts.citations:
        number = parse_standard_number(cited.value)
        if number is None or number.undated in declared:
            continue
        res = catalogue.resolve(number)
        if res is not None:
            if res.state not in (State.WITHDRAWN, State.OUTDATED):
                continue
            current = res.current
            entry = res.entry
        else:  # a recommended or industry standard: only a full catalogue knows it
            entry = catalogue.get(number) if number.year else None
            if number.year and entry is None:
                continue
            if entry is None:
                editions = catalogue.editions(number.undated)
                if not editions or catalogue.current_edition(number.undated) is not None:
                    continue
                if editions[0].replaced_by_recommended:
                    continue  # the subject moved to a recommended standard: an undated citation means that edition
                entry = editions[0]
            if entry.status.value != "废止":
                continue
            current = catalogue.successors(entry)[1]
        recommended = "、".join(entry.replaced_by_recommended) if entry is not None and not current else ""
        now = ("、".join(e.number.display for e in current) or (f"{recommended}（推荐性 / recommended）" if recommended
                                                                 else "无现行版本 / none in force"))
        yield Hit(page=cited.page, evidence=cited.text,
                  params={"cited": number.display, "current": now})
