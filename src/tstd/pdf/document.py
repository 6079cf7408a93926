"""Bring a standard's PDF into the input layer: find it, extract it once, attach the facts to a Document.

A declaration names its PDF in ``standard.full_text.file`` (relative to the declaration), or the PDF sits
next to it with the same stem (``T-CECEA-012-2024.yaml`` + ``T-CECEA-012-2024.pdf``). A PDF given on its
own becomes a Document marked ``pdf_only`` whose data is the draft declaration built from the PDF (so
results show its number and organisation); only the ``format`` pack applies to it.

Extraction happens on first use by a check (:func:`pdf_facts`), so runs whose declarations name no PDF
never import a PDF library. A Word draft (``.docx``) goes the same way: :mod:`tstd.docx.reader` gives the
same facts, located by paragraph; a binary ``.doc`` gives one finding saying to save it as ``.docx``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tstd.safety import confine

if TYPE_CHECKING:  # annotations only: a declaration without a PDF never loads the facts' classes
    from tstd.pdf.facts import PdfFacts

DECLARATION_SUFFIXES = (".yaml", ".yml", ".json")
WORD_SUFFIXES = (".docx", ".doc")
DOCUMENT_SUFFIXES = (".pdf", *WORD_SUFFIXES)  # the standard's text: the published PDF or a Word draft
SETTING_TIME_LIMIT = "pdf_time_limit"
SETTING_MAX_PAGES = "pdf_max_pages"


def sibling_declaration(pdf: Path) -> Path | None:
    """The declaration with the same stem next to ``pdf``, if any (never one that leaves the submission)."""
    for suffix in DECLARATION_SUFFIXES:
        candidate = pdf.with_suffix(suffix)
        if candidate.is_file() and not confine(pdf, candidate.name)[1]:
            return candidate
    return None


def refused_sibling(declaration: Path) -> tuple[str, str] | None:
    """(name, reason) of a same-stem PDF/DOCX next to ``declaration`` that must not be read — a symbolic
    link leading out of the submission, a FIFO or device (tstd.safety) — else None. The loader reports it;
    :func:`declared_pdf` never follows it."""
    if declaration.suffix.lower() in DOCUMENT_SUFFIXES:
        return None
    for suffix in (".pdf", ".docx"):
        sibling = declaration.with_suffix(suffix)
        if not os.path.lexists(sibling):
            continue
        _target, refused = confine(declaration, sibling.name)
        return (sibling.name, refused) if refused else None  # the first sibling present is the one used
    return None


def declared_pdf(doc: Any) -> tuple[Path | None, str]:
    """(path of the PDF for this declaration, the field it came from) — ``standard.full_text.file`` or a
    same-stem sibling; (None, "") when there is none."""
    named = doc.get("standard.full_text.file")
    if isinstance(named, str) and named.strip():
        return (doc.path.parent / named.strip()), "standard.full_text.file"
    if doc.path.suffix.lower() in DOCUMENT_SUFFIXES:
        return None, ""
    for suffix in (".pdf", ".docx"):  # the published PDF first, else the Word draft
        sibling = doc.path.with_suffix(suffix)
        if not os.path.lexists(sibling):
            continue
        # a same-stem sibling is a reference too: one that leaves the submission is never read
        target, refused = confine(doc.path, sibling.name)
        if refused or target is None or not target.is_file():
            return None, ""
        return sibling, ""
    return None, ""


def extract_with(settings: dict[str, Any], path: Path) -> PdfFacts:
    """Extract ``path`` with the run's limits (``pdf_time_limit`` seconds, ``pdf_max_pages``); a Word file
    (by its suffix) is read by the DOCX reader."""
    if path.suffix.lower() in WORD_SUFFIXES:
        from tstd.docx.reader import extract as extract_docx

        return extract_docx(path)
    from tstd.pdf.extraction import DEFAULT_MAX_PAGES, DEFAULT_TIME_LIMIT, extract

    return extract(path, max_pages=int(settings.get(SETTING_MAX_PAGES, DEFAULT_MAX_PAGES)),
                   time_limit=float(settings.get(SETTING_TIME_LIMIT, DEFAULT_TIME_LIMIT)))


def pdf_facts(doc: Any, settings: dict[str, Any]) -> PdfFacts | None:
    """The facts of the document's PDF: the one checked with it (``doc.pdf``), else the one its declaration
    names, extracted once per document (every PDF rule asks); None without a PDF."""
    if doc.pdf is not None:
        facts: PdfFacts = doc.pdf
        return facts
    declared: PdfFacts | None = doc.derive("pdf.facts", lambda d: _declared_facts(d, settings))
    return declared


def _declared_facts(doc: Any, settings: dict[str, Any]) -> PdfFacts | None:
    path, _field = declared_pdf(doc)
    return None if path is None else extract_with(settings, path)


def pdf_document_data(facts: PdfFacts, pdf: Path) -> dict[str, Any]:
    """The declaration data a PDF-only Document carries: the draft built from the PDF."""
    from tstd.pdf.draft import build_draft

    return build_draft(facts, pdf.name).declaration()


def load_pdf(path: Path, loader: Any, settings: dict[str, Any]) -> Any:
    """Load a PDF given on the command line: with its same-stem declaration when there is one (the pair is
    checked as that declaration), else as a PDF-only Document. Returns the loader's ``Loaded``."""
    from tstd.inputs.declaration import Loaded
    from tstd.inputs.document import Document

    declaration = sibling_declaration(path)
    if declaration is not None:
        loaded = loader.load(declaration)
        if loaded.document is not None:
            loaded.document.pdf = extract_with(settings, path)
        return loaded
    facts = extract_with(settings, path)
    doc = Document(path=path, data=pdf_document_data(facts, path), pdf=facts, pdf_only=True)
    return Loaded(path, doc, [])
