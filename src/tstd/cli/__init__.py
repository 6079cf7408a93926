"""The ``tstd`` command line: a thin layer that parses options and calls the library."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from tstd import __version__
from tstd.cli import cache as _cache
from tstd.cli import catalog as _catalog
from tstd.cli import check as _check
from tstd.cli import evaluate as _evaluate
from tstd.cli import extract as _extract
from tstd.cli import rules as _rules
from tstd.cli.common import report_error
from tstd.errors import TstdError


class _Group(TyperGroup):
    """The root command: every :class:`TstdError` a command raises is reported here, once (exit 2)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TstdError as exc:
            report_error(exc)


app = typer.Typer(
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tstd {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 / show version"),
) -> None:
    """团体标准合规检查 — compliance checks for Chinese group standards."""


app.command("check")(_check.check)
app.add_typer(_rules.app, name="rules")
app.command("explain")(_rules.explain)
app.command("evaluate")(_evaluate.evaluate)
app.command("extract")(_extract.extract)
app.add_typer(_catalog.app, name="catalog")
app.add_typer(_cache.app, name="cache")


def main() -> None:
    """Console-script entry point."""
    app()
