"""The quick path of ``tstd check``: plain invocations parsed without importing typer, click, pydantic or rich.

A pre-commit hook or an editor runs ``tstd check FILE`` again and again; importing the CLI framework costs
more than answering from the result cache. The command is still defined once, in :mod:`tstd.cli.check`:
:func:`build_spec` reads that definition (the parameters typer reads) into a table of plain values,
generated into :mod:`tstd.cli.check_spec` together with the digest of ``check.py``. At run time the table is
used only while that digest still matches, so an edited definition can never be parsed from a stale table.

Only what this parser fully understands takes the quick path: known long options (``--opt value``,
``--opt=value``), single short options (``-f json``, ``-fjson``), flags, ``--`` and positional paths, with
values in their canonical form (choices spelled exactly, plain decimal numbers within bounds). Anything else —
help, ``--version``, unknown or clustered options, values typer would have to interpret or reject, no paths —
goes to typer, which gives its usual help pages and usage errors. Both paths call the same
:func:`tstd.cli.check_run.run_check` with the same values.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:  # hashlib's BLAKE2 without hashlib's import, which loads OpenSSL (as tstd.cache.store)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b

_CHECK_SOURCE = Path(__file__).with_name("check.py")
_INT = re.compile(r"[0-9]+")
_FLOAT = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_REJECT = object()  # a value the quick path leaves to typer


def source_digest() -> str | None:
    """The digest of the command's definition (``check.py``), or None when its source is not readable."""
    try:
        return blake2b(_CHECK_SOURCE.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def current_spec() -> dict[str, Any] | None:
    """The generated table, when it was generated from the definition as it is now."""
    try:
        from tstd.cli import check_spec
    except ImportError:
        return None
    spec: dict[str, Any] = check_spec.SPEC
    return spec if spec.get("source") == source_digest() else None


def _convert(kind: str, choices: Sequence[str], low: float | None, raw: str) -> Any:
    if kind == "str":
        return raw
    if kind == "path":
        return Path(raw) if raw else _REJECT
    if kind == "choice":
        return raw if raw in choices else _REJECT
    if kind == "int" and _INT.fullmatch(raw):
        number: float = int(raw)
    elif kind == "float" and _FLOAT.fullmatch(raw):
        number = float(raw)
    else:
        return _REJECT
    return number if low is None or number >= low else _REJECT


def parse(args: Sequence[str], spec: dict[str, Any]) -> dict[str, Any] | None:
    """The command's arguments as keyword values (choices as strings), or None to let typer parse them."""
    table = {opt: entry for entry in spec["options"] for opt in entry[1]}
    values: dict[str, Any] = {name: list(default) if multiple else default
                              for name, _opts, _kind, multiple, _choices, _low, default in spec["options"]}
    positional: list[str] = []
    i, only_paths = 0, False
    while i < len(args):
        token = args[i]
        i += 1
        if only_paths or token == "-" or not token.startswith("-"):
            positional.append(token)
            continue
        if token == "--":
            only_paths = True
            continue
        long = token.startswith("--")
        name, eq, attached = token.partition("=") if long else (token[:2], "", token[2:])
        entry = table.get(name)
        if entry is None:
            return None
        key, _opts, kind, multiple, choices, low, _default = entry
        if kind == "flag":
            if eq or attached:  # --flag=x, or a cluster such as -qf: typer's business
                return None
            values[key] = True
            continue
        if eq or attached:
            raw = attached
        elif i < len(args):
            raw = args[i]
            i += 1
        else:
            return None
        if raw.startswith(("-", "=")) and raw != "-":
            return None  # an option where a value should be, or -f=json: let typer say what it makes of it
        value = _convert(kind, choices, low, raw)
        if value is _REJECT:
            return None
        if multiple:
            values[key].append(value)
        else:
            values[key] = value
    if not positional:
        return None
    values[spec["argument"]] = positional
    return values


def quick_check(argv: Sequence[str]) -> int | None:
    """Run ``tstd check`` from ``argv`` (without the program name) when the quick path understands it: the
    exit code; None when typer must parse the command line. ``tstd --version`` alone is answered here too
    (CI scripts and hook managers probe it)."""
    if list(argv) == ["--version"]:
        from tstd.cli.common import version_text

        sys.stdout.write(version_text() + "\n")
        return 0
    if not argv or argv[0] != "check" or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # another command, or a shell asking for completions: typer's business
    spec = current_spec()
    if spec is None:
        return None
    values = parse(argv[1:], spec)
    if values is None:
        return None
    from tstd.cli.check_run import CheckArgs, run_check
    from tstd.cli.common import EXIT_INTERRUPTED, chrome_lang, report_error, set_lang
    from tstd.errors import TstdError

    set_lang(chrome_lang(argv))  # as the typer root does before parsing
    try:
        return run_check(CheckArgs(**values))
    except TstdError as exc:
        report_error(exc)
    except KeyboardInterrupt:  # outside run_check's own handling: silent 130 as on typer's path (main()
        return EXIT_INTERRUPTED  # turns it into 143 after SIGTERM)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        # The reader went away (`tstd check … | head`): as click does on the typer path, no message, exit 1,
        # and nothing more written at exit (the interpreter's final flush would fail again).
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


# ---------------------------------------------------------------------------------------------- generation


def build_spec() -> dict[str, Any]:
    """The table of :func:`parse`, read from the definition of ``tstd check`` as typer reads it: each
    parameter's annotation and its ``typer.Option``/``typer.Argument`` (names, default, lower bound)."""
    import enum
    import inspect
    import types
    import typing

    import typer.models

    from tstd.cli.check import check

    hints = typing.get_type_hints(check)
    options: list[tuple[Any, ...]] = []
    argument = ""
    for name, param in inspect.signature(check).parameters.items():
        info = param.default
        annotation = hints[name]
        if isinstance(info, typer.models.ArgumentInfo):
            argument = name
            continue
        if not isinstance(info, typer.models.OptionInfo):
            raise TypeError(f"{name}: not a typer option")
        decls = tuple(d for d in (info.param_decls or ()) if d)
        if not decls or any("/" in d for d in decls):
            raise TypeError(f"{name}: give the option's names explicitly, without /--no- forms")
        multiple = typing.get_origin(annotation) is list
        base = typing.get_args(annotation)[0] if multiple else annotation
        if typing.get_origin(base) in (typing.Union, types.UnionType):
            base = next(a for a in typing.get_args(base) if a is not type(None))
        choices: tuple[str, ...] = ()
        if base is bool:
            kind = "flag"
        elif isinstance(base, type) and issubclass(base, enum.Enum):
            kind, choices = "choice", tuple(str(m.value) for m in base)
        else:
            kind = {str: "str", Path: "path", int: "int", float: "float"}[base]
        default = info.default
        if isinstance(default, enum.Enum):
            default = default.value
        if multiple:
            default = list(default or [])
        options.append((name, decls, kind, multiple, choices, info.min, default))
    return {"source": source_digest(), "argument": argument, "options": options}


def write_spec(target: Path | None = None) -> Path:
    """(Re)generate :mod:`tstd.cli.check_spec` from the definition; returns the file written."""
    import pprint

    target = target or Path(__file__).with_name("check_spec.py")
    text = ('"""Generated by ``python -m tstd.cli.quick`` from tstd/cli/check.py — do not edit.\n\n'
            "The quick path (:mod:`tstd.cli.quick`) uses it only while ``source`` is the digest of check.py.\n"
            '"""\n\nfrom typing import Any\n\nSPEC: dict[str, Any] = '
            + pprint.pformat(build_spec(), width=118, sort_dicts=False) + "\n")
    target.write_text(text, encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"written: {write_spec()}")
