"""The one error model: every problem that stops a run (bad option, config, rule pack, waiver or baseline
file) is a :class:`TstdError` carrying a located message and a hint on how to fix it, in Chinese and English.

The CLI catches :class:`TstdError` in exactly one place (``tstd.cli``) and exits 2; library callers get the
exception. Problems *in the checked files* are never errors: they are findings.
"""

from __future__ import annotations

from pathlib import Path

from tstd.i18n import Text


class TstdError(Exception):
    """A problem with how tstd was asked to run. ``str()`` is the Chinese message (the default language)."""

    def __init__(self, message: Text, hint: Text | None = None, *, file: Path | str | None = None,
                 key: str | None = None) -> None:
        self.text = message
        self.hint_text = hint or Text("")
        self.file = Path(file) if file is not None else None
        self.key = key
        super().__init__(self.message("zh"))

    def message(self, lang: str) -> str:
        """The message in ``lang``, prefixed by the file and key it is about."""
        where = ""
        if self.file is not None:
            where = f"{self.file}: "
        if self.key:
            where += f"{self.key}: "
        return where + self.text.get(lang)

    def hint(self, lang: str) -> str:
        return self.hint_text.get(lang)


class UsageError(TstdError):
    """The command line cannot be carried out (unknown rule id, no input, bad option combination)."""


class ConfigError(TstdError):
    """A config file (tstd.toml, pyproject.toml [tool.tstd]) is wrong; names the file and the key."""


class DataFileError(TstdError):
    """One of tstd's own data files (rule pack, waiver, baseline, conduct model) cannot be read."""
