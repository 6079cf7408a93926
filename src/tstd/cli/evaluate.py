"""``tstd evaluate``: score an organisation directory and write the self-evaluation report."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path

import typer

from tstd.cli.common import EXIT_OK, emit, fail
from tstd.run import CheckOptions, build_engine


class Format(str, Enum):
    html = "html"
    markdown = "markdown"
    json = "json"


def evaluate(
    directory: Path = typer.Argument(..., help="社会团体目录：organization.yaml 与各项标准的声明文件 / organisation directory"),
    output_format: Format = typer.Option(Format.html, "--format", "-f", help="报告格式 / report format"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件（原子写入）/ write to a file (atomically)"),
    model: Path | None = typer.Option(None, "--model", help="评价指标模型（默认 rules/conduct.yaml）/ indicator model"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包文件或目录 / add rule packs"),
    date: str | None = typer.Option(None, "--date", help="评价日期 YYYY-MM-DD（默认今天）/ evaluation date"),
) -> None:
    """团体标准化良好行为自我评价 / good-conduct self-evaluation of an organisation."""
    # Imported here so that `tstd check` and `tstd --help` do not load the evaluation package.
    from tstd.evaluate import RENDERERS, ModelError, load_model
    from tstd.evaluate.orgdir import OrganizationDirError, evaluate_directory

    today = dt.date.today()
    if date is not None:
        try:
            today = dt.date.fromisoformat(date)
        except ValueError:
            fail(f"--date {date!r} is not a date", "write it as YYYY-MM-DD")
    try:
        conduct = load_model(model)
    except ModelError as exc:
        fail(f"model {exc}", "see schemas/conduct-model.schema.json and docs/evaluate.md")
    engine = build_engine(CheckOptions(rules=tuple(rules)))  # a TstdError (broken pack) → exit 2 in tstd.cli
    engine.ctx.today = today  # review-due and other date rules see the evaluation date
    try:
        result = evaluate_directory(directory, engine, conduct, today)
    except OrganizationDirError as exc:
        fail(str(exc))
    render, _ = RENDERERS[output_format.value]
    emit(render(result), output)
    raise typer.Exit(EXIT_OK)
