"""Small helpers shared by CLI commands: error exits and writing output."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

import typer

from tstd.atomic import write_atomic
from tstd.errors import TstdError
from tstd.i18n import pick

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT (128 + 2); never confused with 1 (findings)


# Help of the catalogue options (tstd check, tstd explain): here, so that `tstd check` does not import the
# catalogue commands (and the catalogue) just to show them.
CATALOG_HELP = "用该目录文件替代内置目录 / use this catalogue instead of the built-in one"
CATALOG_ADD_HELP = "在内置目录之上追加条目（可重复） / add entries on top of the built-in catalogue (repeatable)"

_LANG = ["zh"]  # the language of the running command, once known (--lang or the config file)


def set_lang(lang: str) -> None:
    """Record the run's language for the messages the CLI writes itself (errors included)."""
    _LANG[0] = lang


def current_lang() -> str:
    return _LANG[0]


def fail(message: str, hint: str = "") -> NoReturn:
    """Exit 2 with a one-line error on stderr (and a hint on how to fix it)."""
    typer.echo(f"tstd: {pick(current_lang(), '错误 / error', 'error')}: {message}", err=True)
    if hint:
        typer.echo(f"  {hint}", err=True)
    raise typer.Exit(EXIT_USAGE)


def report_error(exc: TstdError) -> NoReturn:
    """The one place a :class:`TstdError` becomes output: message and hint in the run's language, exit 2."""
    lang = current_lang()
    fail(exc.message(lang), exc.hint(lang))


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Write text or its chunks to ``output`` atomically, or to stdout."""
    if output is None:
        sys.stdout.writelines([text] if isinstance(text, str) else text)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
