"""Word drafts (.docx): the same front-matter facts as a PDF gives, located by paragraph instead of page.

Standards offices draft in Word; the PDF comes last. :func:`tstd.docx.reader.extract` reads a ``.docx`` with
python-docx and returns :class:`tstd.pdf.facts.PdfFacts` with ``unit == "paragraph"``, so every format rule
applies unchanged. A binary ``.doc`` or a damaged file comes back unreadable with the reason.
"""

from __future__ import annotations

WORD_SUFFIXES = (".docx", ".doc")
