"""The typer application: every command, its options and help, and the root group that reports errors.

Imported by :func:`tstd.cli.main` unless ``tstd check`` takes its quick path (:mod:`tstd.cli.quick`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer import _click
from typer.core import TyperGroup

from tstd.cli import cache as _cache
from tstd.cli import catalog as _catalog
from tstd.cli import check as _check
from tstd.cli import evaluate as _evaluate
from tstd.cli import extract as _extract
from tstd.cli import rules as _rules
from tstd.cli.chrome import chrome_lang, command_path, install, usage_error
from tstd.cli.common import EXIT_USAGE, current_lang, error_text, report_error, set_lang, version_text
from tstd.errors import TstdError
from tstd.i18n import pick


class _Group(TyperGroup):
    """The root command: every :class:`TstdError` a command raises is reported here, once (exit 2), and so is
    every usage error click raises while parsing, in the run's language (see :mod:`tstd.cli.chrome`)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TstdError as exc:
            report_error(exc)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        set_lang(chrome_lang(argv))  # before parsing: help pages and usage errors need it
        install(self, current_lang())
        try:
            code = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except _click.exceptions.NoArgsIsHelpError as exc:  # `tstd`, `tstd rules`: the help page, exit 2
            if not standalone_mode:
                raise
            typer.echo(exc.ctx.get_help(), err=True)
            sys.exit(EXIT_USAGE)
        except _click.exceptions.ClickException as exc:
            if not standalone_mode:
                raise
            message, hint = usage_error(exc, current_lang(), command_path(self, argv))
            typer.echo(error_text(message, hint), err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:  # end of input at a prompt
            if not standalone_mode:
                raise
            typer.echo("tstd: " + pick(current_lang(), "已中止", "aborted"), err=True)
            sys.exit(1)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="tstd",
    cls=_Group,
    help="团体标准合规检查：自我声明公开、强制性国家标准、收费、GB/T 1.1 格式、良好行为评价 / "
    "compliance checks for Chinese group standards (团体标准).",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    epilog="退出码：0 = 没有达到 --fail-on 级别的问题；1 = 有；2 = 用法或配置错误；3 = 内部错误（--debug 显示详情）；"
    "130 = Ctrl-C；143 = SIGTERM。 / Exit codes: 0 = nothing at or above --fail-on; 1 = findings at or above it; "
    "2 = usage or configuration error; 3 = internal error (--debug shows the traceback); 130 = Ctrl-C; 143 = SIGTERM.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(version_text())
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 / show version"),
) -> None:
    """团体标准合规检查 / compliance checks for Chinese group standards."""


app.command("check")(_check.check)
app.add_typer(_rules.app, name="rules")
app.command("explain")(_rules.explain)
app.command("evaluate")(_evaluate.evaluate)
app.command("extract")(_extract.extract)
app.add_typer(_catalog.app, name="catalog")
app.add_typer(_cache.app, name="cache")
