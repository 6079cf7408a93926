"""``tstd check``: check declarations and print or write a report."""

from __future__ import annotations

import os
import shutil
import sys
from enum import Enum
from pathlib import Path

import typer

from tstd.cli.catalog import CATALOG_ADD_HELP, CATALOG_HELP, check_settings
from tstd.cli.common import EXIT_FINDINGS, EXIT_OK, emit, fail
from tstd.engine.pack import PackError
from tstd.engine.runner import count_at_or_above
from tstd.inputs.textfile import DEFAULT_MAX_BYTES
from tstd.model import Severity
from tstd.report import formatters
from tstd.report.text import render_text
from tstd.run import CheckOptions, build_engine, check_paths


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def check(
    paths: list[Path] = typer.Argument(..., help="声明文件或目录（递归查找） / declaration files or directories"),
    output_format: str = typer.Option("text", "--format", "-f", help="输出格式 / output format: text | json"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件（原子写入） / write to a file (atomically)"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="达到该级别则退出码为 1 / exit 1 at or above"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包文件或目录（可重复） / add a rule pack or a folder of packs"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="消息语言 / message language"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只列出有问题的文件 / only files with findings"),
    ignore: list[str] = typer.Option([], "--ignore", help="忽略规则（编号或前缀，可重复） / skip rules by id or prefix"),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="单个声明文件大小上限 / size limit per file"),
    catalog: Path | None = typer.Option(None, "--catalog", help=CATALOG_HELP),
    catalog_add: list[Path] = typer.Option([], "--catalog-add", help=CATALOG_ADD_HELP),
) -> None:
    """检查团体标准声明 / check group-standard declarations."""
    known = formatters()
    if output_format not in known:
        fail(f"unknown format {output_format!r}", f"choose one of: {', '.join(sorted(known))}")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}")
    try:
        engine = build_engine(CheckOptions(rules=tuple(rules), lang=lang.value, max_bytes=max_bytes, ignore=tuple(ignore),
                                           settings=check_settings(catalog, catalog_add)))
    except PackError as exc:
        fail(f"rule pack {exc.file}: {exc.problem}", "fix the pack (see schemas/rulepack.schema.json) or leave it out")
    report = check_paths(paths, engine)

    if output_format == "text" and output is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        width = shutil.get_terminal_size().columns if color else 100
        emit(render_text(report, color=color, width=width, quiet=quiet), None)
    else:
        emit(known[output_format].render(report), output)

    if fail_on is FailOn.never:
        raise typer.Exit(EXIT_OK)
    failing = count_at_or_above(report.results, Severity(fail_on.value))
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)
