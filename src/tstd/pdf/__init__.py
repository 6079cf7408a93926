"""The PDF layer: facts extracted from a group standard's PDF (cover, 目次, 前言, 引言, chapters 1–3).

Importing this package is cheap; pypdfium2 is imported when the first PDF is opened.
"""

from tstd.pdf.extract import DEFAULT_MAX_PAGES, DEFAULT_TIME_LIMIT, extract
from tstd.pdf.facts import (
    Chapter,
    Cover,
    Foreword,
    Introduction,
    Located,
    PdfFacts,
    Readability,
    Reference,
    Term,
)

__all__ = [
    "DEFAULT_MAX_PAGES", "DEFAULT_TIME_LIMIT", "Chapter", "Cover", "Foreword", "Introduction", "Located",
    "PdfFacts", "Readability", "Reference", "Term", "extract",
]
