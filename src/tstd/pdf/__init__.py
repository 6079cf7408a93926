"""The PDF layer: facts extracted from a group standard's PDF (cover, 目次, 前言, 引言, chapters 1–3).

The names below are loaded on first access, so importing a submodule (the format pack's kinds import
``tstd.pdf.facts``) costs nothing for YAML-only runs; PDFium itself is loaded when the first PDF is opened.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "extract": "tstd.pdf.extraction", "DEFAULT_MAX_PAGES": "tstd.pdf.extraction",
    "DEFAULT_TIME_LIMIT": "tstd.pdf.extraction",
    "Chapter": "tstd.pdf.facts", "Cover": "tstd.pdf.facts", "Foreword": "tstd.pdf.facts",
    "Introduction": "tstd.pdf.facts", "Located": "tstd.pdf.facts", "PdfFacts": "tstd.pdf.facts",
    "Readability": "tstd.pdf.facts", "Reference": "tstd.pdf.facts", "Term": "tstd.pdf.facts",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tstd.pdf' has no attribute {name!r}")
