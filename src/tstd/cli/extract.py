"""``tstd extract FILE.pdf|FILE.docx``: draft a declaration from a standard's PDF or Word draft."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import typer

from tstd.cli.common import EXIT_FINDINGS, emit, fail


class DraftFormat(str, Enum):
    yaml = "yaml"
    json = "json"


def extract(
    pdf: Path = typer.Argument(..., help="标准 PDF 或 Word 草案（.docx） / the standard's PDF or Word draft"),
    output_format: DraftFormat = typer.Option(DraftFormat.yaml, "--format", "-f",
                                              help="输出格式 / output format: yaml | json"),
    output: Path | None = typer.Option(None, "--output", "-o",
                                       help="写入文件（原子写入） / write to a file (atomically)"),
    time_limit: float = typer.Option(10.0, "--time-limit", help="单个文件读取时限（秒） / seconds per file"),
    max_pages: int = typer.Option(12, "--max-pages", help="最多读取页数 / page cap"),
) -> None:
    """从标准 PDF 或 Word 草案生成声明草稿 / draft a declaration (format v1) from a PDF or .docx.

    找到的值注明页码，PDF 中没有的必填项标记为“待填写”。/ Values found carry their page; required
    fields the PDF cannot supply are marked "to fill in".
    """
    from tstd.pdf.classify import describe
    from tstd.pdf.document import SETTING_MAX_PAGES, SETTING_TIME_LIMIT, extract_with
    from tstd.pdf.draft import build_draft, to_json, to_yaml

    if not pdf.is_file():
        fail(f"no such file: {pdf}")
    facts = extract_with({SETTING_MAX_PAGES: max_pages, SETTING_TIME_LIMIT: time_limit}, pdf)
    # full_text.file is relative to the declaration, so point it from where the draft is written.
    base = output.parent if output is not None else Path.cwd()
    reference = Path(os.path.relpath(pdf.resolve(), base.resolve())).as_posix()
    draft = build_draft(facts, reference)
    text = to_yaml(draft, pdf.name) if output_format is DraftFormat.yaml else to_json(draft)
    emit(text, output)
    typer.echo(f"tstd: {len(draft.todo)} 个字段待填写 / fields to fill in: {', '.join(draft.todo)}", err=True)
    if not facts.readable:
        zh, en = describe(facts.readability)
        typer.echo(f"tstd: {zh} / {en}: {facts.problem}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
