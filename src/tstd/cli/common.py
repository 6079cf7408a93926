"""Small helpers shared by CLI commands: error exits, the run's language and writing output.

Free of typer, click and rich: ``tstd check``'s quick path (:mod:`tstd.cli.quick`) uses them too."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import NoReturn, TextIO

from tstd.atomic import write_atomic
from tstd.errors import TstdError
from tstd.i18n import pick

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT (128 + 2); never confused with 1 (findings)
EXIT_INTERNAL = 3  # a bug in tstd escaped every per-file guard: never confused with 1 (findings) or 2 (usage)
EXIT_TERMINATED = 143  # SIGTERM (128 + 15), as CI runners and `timeout` send it


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread like Ctrl-C so the same clean-up runs (workers stopped, temporary
    files removed, no partial report); the exit code differs (143)."""


def interrupted_exit(exc: BaseException) -> int:
    """The exit code for an interruption: 143 for SIGTERM, 130 for Ctrl-C."""
    return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED


# Help of the catalogue options (tstd check, tstd explain): here, so that `tstd check` does not import the
# catalogue commands (and the catalogue) just to show them.
CATALOG_HELP = "用该目录文件替代内置目录 / use this catalogue instead of the built-in one"
CATALOG_ADD_HELP = "在内置目录之上追加条目（可重复） / add entries on top of the built-in catalogue (repeatable)"

_LANG = ["zh"]  # the language of the running command, once known (--lang or the config file)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LANG_HELP = "语言（默认按 LANG 环境变量：en* 为英文，否则中文） / language (default: from LANG; en* is English)"


def set_lang(lang: str) -> str:
    """Record the run's language for the messages the CLI writes itself (errors included); returns it."""
    _LANG[0] = lang
    return lang


def resolve_lang(option: Lang | str | None) -> str:
    """``--lang`` when given, else the locale (``LANG=en_US.UTF-8`` → en), else zh."""
    if option is None:
        return locale_lang()
    return option.value if isinstance(option, Lang) else option


def current_lang() -> str:
    return _LANG[0]


def chrome_lang(args: Sequence[str]) -> str:
    """The language of help and usage errors: ``--lang`` on the command line, else the locale, else zh."""
    for n, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            args[n + 1] if arg == "--lang" and n + 1 < len(args) else None)
        if value in ("zh", "en"):
            return value
    return locale_lang()


def locale_lang() -> str:
    """``en`` when the locale asks for English (``LANG=en_US.UTF-8``), else ``zh`` (C, POSIX, zh_CN, unset)."""
    for key in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(key, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def version_text() -> str:
    """What ``tstd --version`` prints."""
    from tstd import __version__

    return f"tstd {__version__}"


def echo_err(text: str) -> None:
    """One message line on stderr, flushed (what ``typer.echo(..., err=True)`` does, without importing it)."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def error_text(message: str, hint: str = "") -> str:
    """The one shape of every error tstd writes: ``tstd: 错误 / error: message`` and an indented hint."""
    text = f"tstd: {pick(current_lang(), '错误 / error', 'error')}: {message}"
    return text + (f"\n  {hint}" if hint else "")


def fail(message: str, hint: str = "") -> NoReturn:
    """Exit 2 with a one-line error on stderr (and a hint on how to fix it)."""
    echo_err(error_text(message, hint))
    raise SystemExit(EXIT_USAGE)


def report_error(exc: TstdError) -> NoReturn:
    """The one place a :class:`TstdError` becomes output: message and hint in the run's language, exit 2."""
    lang = current_lang()
    fail(exc.message(lang), exc.hint(lang))


def emit(text: str | Iterable[str], output: Path | None) -> None:
    """Write text or its chunks to ``output`` atomically, or to stdout."""
    if output is None:
        with contextlib.suppress(AttributeError, ValueError):  # a file name that is not valid UTF-8 never fails
            sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        sys.stdout.writelines([text] if isinstance(text, str) else text)
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text)
    except OSError as exc:  # a full disk, a read-only directory: the report named is not written
        fail(f"报告未写入 / report not written: {output}: {exc.strerror or exc}")


def want_color(stream: TextIO) -> bool:
    """Whether to colour output on ``stream``: a terminal, or ``FORCE_COLOR`` set (CI logs render ANSI codes),
    and never when ``NO_COLOR`` is set (https://no-color.org: any non-empty value)."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR", "")
    if force and force.strip().lower() not in ("0", "false", "no", "off"):
        return True
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
