"""The ``tstd`` command line: a thin layer that parses options and calls the library."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from tstd import __version__
from tstd.errors import TstdError

# Every command: (module, attribute, a command function or a Typer sub-app). Modules are imported only for
# the commands an app is built with, so `tstd check FILE` does not load the catalogue, evaluation or
# extraction commands (start-up; see benchmarks/bench_startup.py).
_COMMANDS: dict[str, tuple[str, str, bool]] = {
    "check": ("tstd.cli.check", "check", False),
    "rules": ("tstd.cli.rules", "app", True),
    "explain": ("tstd.cli.rules", "explain", False),
    "evaluate": ("tstd.cli.evaluate", "evaluate", False),
    "extract": ("tstd.cli.extract", "extract", False),
    "catalog": ("tstd.cli.catalog", "app", True),
    "cache": ("tstd.cli.cache", "app", True),
}


class _Group(TyperGroup):
    """The root command: every :class:`TstdError` a command raises is reported here, once (exit 2)."""

    def invoke(self, ctx: Any) -> Any:
        from tstd.cli.common import report_error

        try:
            return super().invoke(ctx)
        except TstdError as exc:
            report_error(exc)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tstd {__version__}")
        raise typer.Exit(0)


def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 / show version"),
) -> None:
    """团体标准合规检查 — compliance checks for Chinese group standards."""


def make_app(only: str | None = None) -> typer.Typer:
    """The ``tstd`` app with every command, or with the command ``only`` (same options, help and errors)."""
    built = typer.Typer(
        name="tstd",
        cls=_Group,
        help="团体标准合规检查 — compliance checks for Chinese group standards (团体标准).",
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        epilog="退出码 / exit codes: 0 = 无达到 --fail-on 级别的问题 / nothing at or above --fail-on; "
        "1 = 有 / findings at or above it; 2 = 用法或配置错误 / usage or configuration error.",
    )
    built.callback()(_root)
    for name, (module, attribute, group) in _COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(module), attribute)
        if group:
            built.add_typer(target, name=name)
        else:
            built.command(name)(target)
    return built


_APP: list[typer.Typer] = []


def __getattr__(name: str) -> Any:
    # ``tstd.cli.app`` (tests, embedding) is the full app, built on first use.
    if name == "app":
        if not _APP:
            _APP.append(make_app())
        return _APP[0]
    raise AttributeError(f"module 'tstd.cli' has no attribute {name!r}")


def main() -> None:
    """Console-script entry point: only the named command's module is loaded."""
    first = sys.argv[1] if len(sys.argv) > 1 else None
    make_app(first if first in _COMMANDS else None)()
