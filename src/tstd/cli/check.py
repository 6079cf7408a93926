"""``tstd check``: check declarations and print or write a report.

Settings come from the command line, then the config file (tstd.toml / pyproject.toml [tool.tstd], see
:mod:`tstd.config`), then the defaults. The pipeline itself is :mod:`tstd.run`.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from enum import Enum
from pathlib import Path

import typer

from tstd import batch
from tstd.baseline import baseline_text, load_baseline
from tstd.cli.batch import Target, TargetError, output_targets, plan, with_progress
from tstd.cli.catalog import CATALOG_ADD_HELP, CATALOG_HELP, check_settings
from tstd.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    current_lang,
    emit,
    fail,
    interrupted_exit,
    set_lang,
    want_color,
)
from tstd.config import resolve_config
from tstd.errors import UsageError
from tstd.i18n import Text, pick
from tstd.inputs.discover import missing_arguments
from tstd.inputs.textfile import DEFAULT_MAX_BYTES
from tstd.model import RunReport, Severity
from tstd.report import format_names, get_formatter
from tstd.report.text import render_text, summary_line
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
from tstd.safety import overwrites_input
from tstd.suppressions import UNKNOWN_ID


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Executor(str, Enum):
    local = "local"
    dask = "dask"


class MinSeverity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


def check(
    paths: list[str] = typer.Argument(..., help="声明文件、目录（递归）、通配符、.zip 或 -（从标准输入读路径清单） / "
                                           "files, directories, globs, .zip archives, or - for a path list on stdin"),
    output_format: list[str] = typer.Option([], "--format", "-f", help="输出格式，可重复：text json sarif junit csv "
                                                 "markdown html concise github；FORMAT:PATH 直接指定文件 / "
                                                 "output format, repeatable: text json sarif junit csv "
                                                 "markdown html concise github"),
    output: list[Path] = typer.Option([], "--output", "-o", help="按顺序对应 --format，原子写入 / "
                                      "file for the --format at the same position (written atomically)"),
    fail_on: FailOn | None = typer.Option(None, "--fail-on", help="达到该级别则退出码为 1（默认 error） / "
                                          "exit 1 at or above (default: error)"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包文件或目录（可重复；同编号规则覆盖内置规则） / "
                                     "add a rule pack or a folder of packs (rules with a built-in id override it)"),
    min_severity: MinSeverity | None = typer.Option(None, "--min-severity",
                                                    help="文本输出只列出该级别及以上的问题（不影响退出码） / "
                                                         "list only findings at or above this level (exit code "
                                                         "unchanged)"),
    show_basis: bool = typer.Option(False, "--show-basis", help="在每个问题下列出依据（默认在末尾每条规则列一次） / "
                                    "cite the basis under every finding (default: once per rule at the end)"),
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
    run_lang = lang.value if lang is not None else cfg.lang or "zh"  # the report's language: never the locale's
    if lang is not None or cfg.lang:  # otherwise messages keep the help language (--lang, else LANG, else zh)
        set_lang(run_lang)
    try:
        targets = output_targets(output_format or list(cfg.formats), output, format_names())
    except TargetError as exc:
        fail(str(exc), "see docs/pipelines.md")
    missing = missing_arguments(paths)
    if missing:
        fail(pick(current_lang(), "文件或目录不存在 / no such file or directory: ", "no such file or directory: ")
             + ", ".join(missing))
    for target in targets:
        if target.path is not None and (named := overwrites_input(target.path, paths)):
            fail(pick(run_lang, f"--output {target.path} 会覆盖本次的输入文件 / would overwrite an input of this run（{named}）",
                      f"--output {target.path} would overwrite an input of this run ({named})"),
                 pick(run_lang, "请把报告写到别处", "write the report somewhere else"))
    options = options_for(cfg, lang=run_lang, rules=rules, ignore=ignore, select=select, waivers=waivers,
                          settings=check_settings(catalog or cfg.catalog, catalog_add), max_bytes=max_bytes)
    options = replace(options, cache_dir=None if no_cache else str(cache_dir or default_cache_dir()))
    try:
        engine = build_engine(options)  # TstdError (pack, unknown id) → exit 2 in tstd.cli
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        if not (rules or cfg.rules):
            raise  # the built-in packs failed: a bug (exit 3), not the user's configuration
        fail(f"rule pack {', '.join(map(str, rules or cfg.rules))}: {type(exc).__name__}: {exc}",
             pick(run_lang, "请修正该规则包（见 schemas/rulepack.schema.json）或不再加载它",
                  "fix the pack (see schemas/rulepack.schema.json) or leave it out"))
    baseline_file = baseline or cfg.baseline
    compare = load_baseline(baseline_file) if baseline_file is not None else None
    workers = jobs if jobs is not None else cfg.jobs if cfg.jobs is not None else batch.default_jobs()
    with discover(paths, run_lang, sys.stdin, named_must_be_declarations=not declarations_only) as discovery:
        inputs = plan(discovery, quiet)
        if inputs.empty and not declarations_only:
            raise no_input()
        items = list(inputs.items) if inputs.single else inputs.items
        # One file is checked in this process (a worker would cost more than the check) unless it leads into
        # native PDF code, which no in-process timer can interrupt: then a worker enforces --timeout.
        in_process = inputs.single and executor is Executor.local and not any(batch.needs_isolation(i) for i in items)
        pool = batch.BatchOptions(jobs=0 if in_process or workers == 0 else 1 if inputs.single else workers,
                                  timeout=timeout)
        try:
            spool = batch.ResultSpool()  # results wait on disk, not in memory, until the outputs are written
        except OSError as exc:
            fail(f"临时目录无法写入 / cannot write temporary files: {exc.strerror or exc}; 报告未写入 / "
                 "report not written", "free space in $TMPDIR or point TMPDIR elsewhere")
        try:
            if executor is Executor.dask:
                stream = dask_results(items, engine, options, pool, compare, scheduler)
            else:
                stream = results(items, engine, options, pool, compare)
            for result in with_progress(stream, inputs.total, "tstd check"):
                spool.append(result)
        except batch.BatchError as exc:
            fail(str(exc))
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: workers are stopped by the pool; no partial report
            typer.echo("tstd: " + pick(run_lang, "已中断", "interrupted"), err=True)
            raise typer.Exit(interrupted_exit(exc)) from None
        except OSError as exc:  # the temporary directory is full or unwritable (results, archive members)
            spool.close()
            reports = ", ".join(str(t.path or "stdout") for t in targets)
            fail(f"临时目录无法写入 / cannot write temporary files ({exc.strerror or exc}); "
                 f"报告未写入 / report not written: {reports}", "free space in $TMPDIR or point TMPDIR elsewhere")
    report = make_report(engine, spool, compare)
    if cfg.file is not None:
        report = _with_note(report, Text(f"配置文件：{cfg.file}", f"config file: {cfg.file}"))
    unwritable = cache_problem()
    if unwritable is not None:
        report = _with_note(report, Text(f"缓存目录不可写，本次未使用缓存：{unwritable}",
                                         f"cache folder not writable, run not cached: {unwritable}"))

    shown = Severity((min_severity.value if min_severity is not None else cfg.min_severity) or "info")
    for target in targets:
        if target.format == "text":
            color = target.path is None and want_color(sys.stdout)
            width = shutil.get_terminal_size().columns if color else 100
            emit(render_text(report, color=color, width=width, quiet=quiet and target.path is None,
                             show_basis=show_basis, min_severity=shown), target.path)
        else:
            emit(get_formatter(target.format).chunks(report), target.path)
    if write_baseline is not None:
        emit(baseline_text(report.results, report.tool_version), write_baseline)
    _tell_terminal(report, targets, write_baseline, run_lang, quiet)

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


def _tell_terminal(report: RunReport, targets: list[Target], write_baseline: Path | None, lang: str,
                   quiet: bool) -> None:
    """Reports written to files leave the terminal empty: say where they went (stderr, so pipes stay clean),
    and give the totals when nothing was printed on stdout."""
    if quiet:
        return
    written = [(t.path, t.format) for t in targets if t.path is not None]
    if write_baseline is not None:
        written.append((write_baseline, pick(lang, "基线", "baseline")))
    if not written:
        return
    if all(t.path is not None for t in targets):
        typer.echo(summary_line(report), err=True)
    for path, what in written:
        typer.echo(pick(lang, f"已写入 {path}（{what}）", f"written to {path} ({what})"), err=True)


def _with_note(report: RunReport, note: Text) -> RunReport:
    return replace(report, notes=(*report.notes, note))
