"""``tstd check``: check declarations and print or write a report.

Settings come from the command line, then the config file (tstd.toml / pyproject.toml [tool.tstd], see
:mod:`tstd.config`), then the defaults. The pipeline itself is :mod:`tstd.run`.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path

import typer

from tstd import batch
from tstd.baseline import baseline_text, load_baseline
from tstd.cli.batch import TargetError, output_targets, plan, with_progress
from tstd.cli.common import (
    CATALOG_ADD_HELP,
    CATALOG_HELP,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    emit,
    fail,
    set_lang,
)
from tstd.config import resolve_config
from tstd.errors import UsageError
from tstd.i18n import Text, pick
from tstd.inputs.discover import missing_arguments
from tstd.inputs.textfile import DEFAULT_MAX_BYTES
from tstd.model import RunReport
from tstd.report import format_names, get_formatter
from tstd.run import (
    build_engine,
    cache_problem,
    dask_results,
    default_cache_dir,
    discover,
    make_report,
    no_input,
    options_for,
    results,
)
from tstd.suppressions import UNKNOWN_ID


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Executor(str, Enum):
    local = "local"
    dask = "dask"


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
    fail_on: FailOn | None = typer.Option(None, "--fail-on", help="达到该级别则退出码为 1（默认 error） / "
                                          "exit 1 at or above (default: error)"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包文件或目录（可重复；同编号规则覆盖内置规则） / "
                                     "add a rule pack or a folder of packs (rules with a built-in id override it)"),
    lang: Lang | None = typer.Option(None, "--lang", help="消息语言（默认 zh） / message language (default: zh)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="只列出有问题的文件 / only files with findings"),
    ignore: list[str] = typer.Option([], "--ignore", help="忽略规则（编号或前缀，可重复或用逗号分隔） / "
                                     "skip rules by id or prefix (repeatable, or comma-separated)"),
    select: list[str] = typer.Option([], "--select", help="只运行这些规则（编号或前缀，可用逗号分隔） / "
                                     "run only these rules (ids or prefixes, comma-separated)"),
    config: Path | None = typer.Option(None, "--config", help="配置文件（默认向上查找 tstd.toml / pyproject.toml） / "
                                       "config file (default: found upwards from the current folder)"),
    isolated: bool = typer.Option(False, "--isolated", help="忽略所有配置文件 / ignore every config file"),
    waivers: Path | None = typer.Option(None, "--waivers", help="豁免文件（规则、文件通配符、理由、到期日） / "
                                        "waiver file (rule, file glob, reason, expiry date)"),
    baseline: Path | None = typer.Option(None, "--baseline", help="基线文件：其中记录的问题不再计入 / "
                                         "baseline file: the findings it records no longer count"),
    write_baseline: Path | None = typer.Option(None, "--write-baseline", help="把本次的问题写入基线文件 / "
                                               "write this run's findings to a baseline file"),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="单个声明文件大小上限 / size limit per file"),
    catalog: Path | None = typer.Option(None, "--catalog", help=CATALOG_HELP),
    catalog_add: list[Path] = typer.Option([], "--catalog-add", help=CATALOG_ADD_HELP),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=0,
                                    help="并行进程数（默认全部核心；0 为本进程） / worker processes (default: all cores)"),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="单个文件的检查时限（秒） / seconds per file"),
    declarations_only: bool = typer.Option(False, "--declarations-only", help="跳过指定文件中不是声明的 YAML/JSON"
                                           "（用于 pre-commit） / skip named YAML/JSON files that are not declarations"),
    no_cache: bool = typer.Option(False, "--no-cache", help="不读也不写缓存 / neither read nor write the cache"),
    cache_dir: Path | None = typer.Option(None, "--cache-dir", help="缓存目录（默认用户缓存目录，或 $TSTD_CACHE_DIR） / "
                                          "cache folder (default: the user cache folder, or $TSTD_CACHE_DIR)"),
    executor: Executor = typer.Option(Executor.local, "--executor", help="local：本机进程；dask：Dask 集群 / "
                                      "local: processes on this machine; dask: a Dask cluster (pip install 'tstd[dask]')"),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask 调度器地址，如 tcp://host:8786（默认本机临时集群） / "
                                         "Dask scheduler address (default: a local cluster for this run)"),
) -> None:
    """检查团体标准声明 / check group-standard declarations."""
    if lang is not None:
        set_lang(lang.value)
    cfg = resolve_config(config, isolated)
    run_lang = lang.value if lang is not None else cfg.lang or "zh"
    set_lang(run_lang)
    try:
        targets = output_targets(output_format or list(cfg.formats), output, format_names())
    except TargetError as exc:
        fail(str(exc), "see docs/pipelines.md")
    missing = missing_arguments(paths)
    if missing:
        fail(pick(run_lang, "文件或目录不存在 / no such file or directory: ", "no such file or directory: ") + ", ".join(missing))
    settings: dict[str, object] = {}
    if catalog or cfg.catalog or catalog_add:  # the catalogue commands load only when a catalogue is named
        from tstd.cli.catalog import check_settings

        settings = check_settings(catalog or cfg.catalog, catalog_add)
    options = options_for(cfg, lang=run_lang, rules=rules, ignore=ignore, select=select, waivers=waivers,
                          settings=settings, max_bytes=max_bytes)
    options = replace(options, cache_dir=None if no_cache else str(cache_dir or default_cache_dir()))
    engine = build_engine(options)  # TstdError (pack, unknown id) → exit 2 in tstd.cli
    baseline_file = baseline or cfg.baseline
    compare = load_baseline(baseline_file) if baseline_file is not None else None
    workers = jobs if jobs is not None else cfg.jobs if cfg.jobs is not None else batch.default_jobs()
    with discover(paths, run_lang, sys.stdin, named_must_be_declarations=not declarations_only) as discovery:
        inputs = plan(discovery, quiet)
        if inputs.empty and not declarations_only:
            raise no_input()
        pool = batch.BatchOptions(jobs=0 if inputs.single and executor is Executor.local else workers, timeout=timeout)
        spool = batch.ResultSpool()  # results wait on disk, not in memory, until the outputs are written
        if executor is Executor.dask:
            stream = dask_results(inputs.items, engine, options, pool, compare, scheduler)
        else:
            stream = results(inputs.items, engine, options, pool, compare)
        try:
            for result in with_progress(stream, inputs.total, "tstd check"):
                spool.append(result)
        except batch.BatchError as exc:
            fail(str(exc))
        except KeyboardInterrupt:  # workers are stopped by the pool; no partial report is written
            typer.echo("tstd: " + pick(run_lang, "已中断", "interrupted"), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
    report = make_report(engine, spool, compare)
    if cfg.file is not None:
        report = _with_note(report, Text(f"配置文件：{cfg.file}", f"config file: {cfg.file}"))
    unwritable = cache_problem()
    if unwritable is not None:
        report = _with_note(report, Text(f"缓存目录不可写，本次未使用缓存：{unwritable}",
                                         f"cache folder not writable, run not cached: {unwritable}"))

    for target in targets:
        if target.format == "text" and target.path is None:
            color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
            width = shutil.get_terminal_size().columns if color else 100
            from tstd.report.text import render_text  # rich loads only for text on a terminal

            emit(render_text(report, color=color, width=width, quiet=quiet), None)
        else:
            emit(get_formatter(target.format).chunks(report), target.path)
    if write_baseline is not None:
        emit(baseline_text(report.results, report.tool_version), write_baseline)

    s = report.summary  # counted once already; a batch's results are not read back again for this
    if s.files == 0 and not declarations_only:
        raise UsageError(Text(f"没有可检查的文件：找到的 {s.skipped} 个文件都无法检查（见上方列出的原因）",
                              f"nothing was checked: all {s.skipped} files found were skipped (reasons listed above)"),
                         Text("请指定声明文件（.yaml/.yml/.json）、PDF 或 .zip",
                              "name declaration files (.yaml/.yml/.json), PDFs or .zip archives"))
    if s.by_rule.get(UNKNOWN_ID):
        typer.echo("tstd: " + pick(run_lang, "豁免注释中有不存在的规则编号（见上）", "a suppression comment names an unknown "
                                   "rule id (see above)"), err=True)
        raise typer.Exit(EXIT_USAGE)
    level = fail_on.value if fail_on is not None else cfg.fail_on or "error"
    if level == "never":
        raise typer.Exit(EXIT_OK)
    failing = {"error": s.errors, "warning": s.errors + s.warnings, "info": s.errors + s.warnings + s.infos}[level]
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)


def _with_note(report: RunReport, note: Text) -> RunReport:
    return replace(report, notes=(*report.notes, note))
