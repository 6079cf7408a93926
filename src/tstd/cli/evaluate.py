"""``tstd evaluate``: score an organisation directory and write the self-evaluation report."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path

import typer

from tstd.cli.common import EXIT_FINDINGS, EXIT_OK, emit, fail
from tstd.run import CheckOptions, build_engine


class Format(str, Enum):
    html = "html"
    markdown = "markdown"
    json = "json"
    pdf = "pdf"


class PdfEngine(str, Enum):
    auto = "auto"
    weasyprint = "weasyprint"
    chromium = "chromium"


def evaluate(
    directory: Path = typer.Argument(..., help="社会团体目录：organization.yaml 与各项标准的声明文件 / organisation directory"),
    output_format: Format = typer.Option(Format.html, "--format", "-f",
                                         help="报告格式；pdf 需 WeasyPrint 或 Chromium / report format"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件（原子写入）/ write to a file (atomically)"),
    model: Path | None = typer.Option(None, "--model", help="评价指标模型（默认 rules/conduct.yaml）/ indicator model"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包文件或目录 / add rule packs"),
    date: str | None = typer.Option(None, "--date", help="评价日期 YYYY-MM-DD（默认今天）/ evaluation date"),
    allow_incomplete: bool = typer.Option(
        False, "--allow-incomplete",
        help="自评答复有误（无效答复、未知指标）时仍以 0 退出 / exit 0 even when answers are invalid"),
    pdf_engine: PdfEngine = typer.Option(PdfEngine.auto, "--pdf-engine",
                                         help="PDF 引擎：auto 先用 WeasyPrint，否则 Chromium / PDF engine"),
) -> None:
    """团体标准化良好行为自我评价 / good-conduct self-evaluation of an organisation.

    自评答复有误（答复无效、指标不存在、证明材料文件不存在）时，问题列在标准错误输出上，退出码为 1；
    报告照常写出。加 --allow-incomplete 则退出码为 0。
    """
    # Imported here so that `tstd check` and `tstd --help` do not load the evaluation package.
    from tstd.evaluate import RENDERERS, ModelError, load_model
    from tstd.evaluate.orgdir import OrganizationDirError, evaluate_directory
    from tstd.evaluate.view import problem_text

    today = dt.date.today()
    if date is not None:
        try:
            today = dt.date.fromisoformat(date)
        except ValueError:
            fail(f"--date {date!r} 不是日期 / is not a date", "请写作 YYYY-MM-DD，例如 2025-03-01")
    if output_format is Format.pdf and output is None:
        fail("--format pdf 需要 --output 文件 / needs --output", "例如：--format pdf --output 自评报告.pdf")
    try:
        conduct = load_model(model)
    except ModelError as exc:
        fail(f"评价模型 / model {exc}", "见 schemas/conduct-model.schema.json 与 docs/evaluate.md")
    engine = build_engine(CheckOptions(rules=tuple(rules)))  # a TstdError (broken pack) → exit 2 in tstd.cli
    engine.ctx.today = today  # review-due and other date rules see the evaluation date
    try:
        result = evaluate_directory(directory, engine, conduct, today)
    except OrganizationDirError as exc:
        fail(str(exc))
    if output_format is Format.pdf:
        assert output is not None  # checked above, before the work
        _write_pdf(RENDERERS["html"][0](result), output, pdf_engine.value)
    else:
        render, _ = RENDERERS[output_format.value]
        emit(render(result), output)
    if result.problems:
        # The report lists them too, but a clerk reading only the terminal must see that the grade is
        # computed without these answers.
        label = "提示" if allow_incomplete else "错误"
        typer.echo(f"tstd: {label}：自评输入有 {len(result.problems)} 个问题，相关答复未计分：", err=True)
        for problem in result.problems:
            typer.echo(f"  {problem_text(problem)}", err=True)
        if not allow_incomplete:
            typer.echo("  修正后重新评价；如确需按现有答复出具报告，请加 --allow-incomplete。", err=True)
            raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


def _write_pdf(html: str, output: Path, engine: str) -> None:
    from tstd.evaluate.pdf import PdfError, render_pdf, write_pdf

    try:
        data = render_pdf(html, engine)
    except PdfError as exc:
        fail(str(exc))
    try:
        write_pdf(output, data)
    except OSError as exc:
        fail(f"无法写入 / cannot write {output}: {exc.strerror or exc}")
