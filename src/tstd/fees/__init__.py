"""Fee practices in Chinese text and fee schedules: the matcher library behind the ``fees`` pack.

* :mod:`tstd.fees.text` — normalisation with offsets back to the original, sentences and clauses;
* :mod:`tstd.fees.scope` — whether a phrase is affirmed or negated, disclaimed or asked about;
* :mod:`tstd.fees.lexicon` — the lexicon data format (kept in the pack's rule options) and its parser;
* :mod:`tstd.fees.matcher` — the compiled lexicon and its matches (term, offset, quote);
* :mod:`tstd.fees.items` — structured fee items (``organization.fees[]``) and conditions over them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tstd.fees.lexicon import Lexicon, LexiconError, parse_lexicon
    from tstd.fees.matcher import Matcher, TextMatch, compile_lexicon

# Loaded on first access: a submodule (tstd.fees.items for a declaration's fee list) is imported without the
# matcher and its vocabularies, which only a text with fee words needs.
_EXPORTS = {"Lexicon": "tstd.fees.lexicon", "LexiconError": "tstd.fees.lexicon", "parse_lexicon": "tstd.fees.lexicon",
            "Matcher": "tstd.fees.matcher", "TextMatch": "tstd.fees.matcher", "compile_lexicon": "tstd.fees.matcher"}
__all__ = ["Lexicon", "LexiconError", "Matcher", "TextMatch", "compile_lexicon", "parse_lexicon"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tstd.fees' has no attribute {name!r}")
