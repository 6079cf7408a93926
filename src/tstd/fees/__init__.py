"""Fee practices in Chinese text and fee schedules: the matcher library behind the ``fees`` pack.

* :mod:`tstd.fees.text` — normalisation with offsets back to the original, sentences and clauses;
* :mod:`tstd.fees.scope` — whether a phrase is affirmed or negated, disclaimed or asked about;
* :mod:`tstd.fees.lexicon` — the lexicon data format (kept in the pack's rule options) and its parser;
* :mod:`tstd.fees.matcher` — the compiled lexicon and its matches (term, offset, quote);
* :mod:`tstd.fees.items` — structured fee items (``organization.fees[]``) and conditions over them.
"""

from tstd.fees.lexicon import Lexicon, LexiconError, parse_lexicon
from tstd.fees.matcher import Matcher, TextMatch, compile_lexicon

__all__ = ["Lexicon", "LexiconError", "Matcher", "TextMatch", "compile_lexicon", "parse_lexicon"]
