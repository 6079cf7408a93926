"""Bilingual text, resolved in one place.

Everything tstd itself writes for people (errors, hints, report headings) is a :class:`Text` with a Chinese
and an English form; the language is chosen once per run (``--lang`` or the config file) and applied with
:meth:`Text.get`. Rule messages come from the packs and are resolved the same way by the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Text:
    """A bilingual text; Chinese first, English optional (falls back to Chinese)."""

    zh: str
    en: str = ""

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.zh

    def format(self, **params: object) -> Text:
        """Both forms with ``{name}`` placeholders filled."""
        return Text(self.zh.format(**params), self.en.format(**params) if self.en else "")


def pick(lang: str, zh: str, en: str) -> str:
    """``zh`` or ``en`` for ``lang`` (for one-off labels that are not worth a :class:`Text`)."""
    return en if lang == "en" else zh
