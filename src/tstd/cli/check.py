"""``tstd check``: check declarations and print or write a report."""

from __future__ import annotations

import os
import shutil
import sys
from enum import Enum
from pathlib import Path

import typer

from tstd import batch
from tstd.cli.batch import TargetError, output_targets, plan, with_progress
from tstd.cli.catalog import CATALOG_ADD_HELP, CATALOG_HELP, check_settings
from tstd.cli.common import EXIT_FINDINGS, EXIT_OK, emit, fail, interrupted_exit
from tstd.engine.pack import PackError
from tstd.inputs.discover import Discovery, missing_arguments
from tstd.inputs.textfile import DEFAULT_MAX_BYTES
from tstd.report import formatters
from tstd.report.text import render_text
from tstd.run import CheckOptions, build_engine, make_report
from tstd.safety import overwrites_input


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def check(
    paths: list[str] = typer.Argument(..., help="声明文件、目录（递归）、通配符、.zip 或 -（从标准输入读路径清单） / "
                                           "files, directories, globs, .zip archives, or - for a path list on stdin"),
    output_format: list[str] = typer.Option([], "--format", "-f", help="输出格式，可重复；FORMAT:PATH 直接指定文件 / "
                                            "output format, repeatable: text json sarif junit csv markdown html"),
    output: list[Path] = typer.Option([], "--output", "-o", help="按顺序对应 --format，原子写入 / "
                                      "file for the --format at the same position (written atomically)"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="达到该级别则退出码为 1 / exit 1 at or above"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包文件或目录（可重复） / add a rule pack or a folder of packs"),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="消息语言 / message language"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只列出有问题的文件 / only files with findings"),
    ignore: list[str] = typer.Option([], "--ignore", help="忽略规则（编号或前缀，可重复） / skip rules by id or prefix"),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="单个声明文件大小上限 / size limit per file"),
    catalog: Path | None = typer.Option(None, "--catalog", help=CATALOG_HELP),
    catalog_add: list[Path] = typer.Option([], "--catalog-add", help=CATALOG_ADD_HELP),
    jobs: int = typer.Option(batch.default_jobs(), "--jobs", "-j", min=0,
                             help="并行进程数（默认全部核心；0 为本进程） / worker processes (default: all cores)"),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="单个文件的检查时限（秒） / seconds per file"),
    declarations_only: bool = typer.Option(False, "--declarations-only", help="跳过指定文件中不是声明的 YAML/JSON"
                                           "（用于 pre-commit） / skip named YAML/JSON files that are not declarations"),
) -> None:
    """检查团体标准声明 / check group-standard declarations."""
    try:
        targets = output_targets(output_format, output, formatters())
    except TargetError as exc:
        fail(str(exc), "see docs/pipelines.md")
    missing = missing_arguments(paths)
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}")
    for target in targets:
        if target.path is not None and (named := overwrites_input(target.path, paths)):
            fail(f"--output {target.path} 会覆盖输入 / would overwrite an input of this run ({named})",
                 "write the report somewhere else")
    options = CheckOptions(rules=tuple(rules), lang=lang.value, max_bytes=max_bytes, ignore=tuple(ignore),
                           settings=check_settings(catalog, catalog_add))
    try:
        engine = build_engine(options)
    except PackError as exc:
        fail(f"rule pack {exc.file}: {exc.problem}", "fix the pack (see schemas/rulepack.schema.json) or leave it out")
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        if not rules:
            raise  # the built-in packs failed: a bug (exit 3), not the user's configuration
        fail(f"rule pack {', '.join(map(str, rules))}: {type(exc).__name__}: {exc}",
             "fix the pack (see schemas/rulepack.schema.json) or leave it out")
    with Discovery(paths, sys.stdin, named_must_be_declarations=not declarations_only) as discovery:
        inputs = plan(discovery, quiet)
        items = list(inputs.items) if inputs.single else inputs.items
        # One file is checked in this process (a worker would cost more than the check) unless it leads into
        # native PDF code, which no in-process timer can interrupt: then a worker enforces --timeout.
        in_process = inputs.single and not any(batch.needs_isolation(i) for i in items)
        workers = 0 if in_process or jobs == 0 else 1 if inputs.single else jobs
        pool = batch.BatchOptions(jobs=workers, timeout=timeout)
        stream = batch.run(items, batch.engine_checker, options, pool, local=batch.EngineChecker(engine))
        try:
            spool = batch.ResultSpool()  # results wait on disk, not in memory, until the outputs are written
        except OSError as exc:
            fail(f"临时目录无法写入 / cannot write temporary files: {exc.strerror or exc}; 报告未写入 / "
                 "report not written", "free space in $TMPDIR or point TMPDIR elsewhere")
        try:
            for result in with_progress(stream, inputs.total, "tstd check"):
                spool.append(result)
        except batch.BatchError as exc:
            fail(str(exc))
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: workers are stopped by the pool; no partial report
            typer.echo("tstd: 已中断 / interrupted", err=True)
            raise typer.Exit(interrupted_exit(exc)) from None
        except OSError as exc:  # the temporary directory is full or unwritable (results, archive members)
            spool.close()
            reports = ", ".join(str(t.path or "stdout") for t in targets)
            fail(f"临时目录无法写入 / cannot write temporary files ({exc.strerror or exc}); "
                 f"报告未写入 / report not written: {reports}", "free space in $TMPDIR or point TMPDIR elsewhere")
    report = make_report(engine, spool)

    for target in targets:
        if target.format == "text" and target.path is None:
            color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
            width = shutil.get_terminal_size().columns if color else 100
            emit(render_text(report, color=color, width=width, quiet=quiet), None)
        else:
            emit(formatters()[target.format].chunks(report), target.path)

    if fail_on is FailOn.never:
        raise typer.Exit(EXIT_OK)
    s = report.summary  # counted once already; a batch's results are not read back again for this
    failing = {FailOn.error: s.errors, FailOn.warning: s.errors + s.warnings,
               FailOn.info: s.errors + s.warnings + s.infos}[fail_on]
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)
