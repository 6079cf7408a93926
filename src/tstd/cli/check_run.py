"""What ``tstd check`` does once its arguments are parsed: resolve the settings, check, write the reports, and
exit with the code the findings call for.

Kept free of typer, click and rich: the command-line definition (:mod:`tstd.cli.check`) and the quick path for
plain invocations (:mod:`tstd.cli.quick`) both end here, so an unchanged file answered by the result cache
costs the interpreter and a few digests, not the import of a CLI framework.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tstd import batch
from tstd.cli.batch import Target, TargetError, output_targets, plan, with_progress
from tstd.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    current_lang,
    echo_err,
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
from tstd.model import FileResult, RunReport, Severity
from tstd.report import format_names, get_formatter
from tstd.run import cache_problem, dask_results, default_cache_dir, discover, no_input, options_for
from tstd.safety import overwrites_input
from tstd.session import Session
from tstd.suppressions import UNKNOWN_ID


@dataclass(frozen=True)
class CheckArgs:
    """The arguments of ``tstd check`` as plain values (choices as their strings), named as in
    :func:`tstd.cli.check.check`; the defaults are that command's."""

    paths: list[str]
    output_format: list[str] = field(default_factory=list)
    output: list[Path] = field(default_factory=list)
    fail_on: str | None = None
    rules: list[Path] = field(default_factory=list)
    min_severity: str | None = None
    show_basis: bool = False
    lang: str | None = None
    quiet: bool = False
    ignore: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    config: Path | None = None
    isolated: bool = False
    waivers: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    catalog: Path | None = None
    catalog_add: list[Path] = field(default_factory=list)
    jobs: int | None = None
    timeout: float = 60.0
    declarations_only: bool = False
    no_cache: bool = False
    cache_dir: Path | None = None
    executor: str = "local"
    scheduler: str | None = None


def run_check(args: CheckArgs) -> int:
    """Run ``tstd check``; returns the exit code (0, or 1 for findings at ``--fail-on``). Usage problems exit
    through :func:`tstd.cli.common.fail` (SystemExit 2); :class:`tstd.errors.TstdError` propagates to the
    caller, which reports it."""
    a = args
    if a.lang is not None:
        set_lang(a.lang)
    cfg = resolve_config(a.config, a.isolated)
    run_lang = a.lang if a.lang is not None else cfg.lang or "zh"  # the report's language: never the locale's
    if a.lang is not None or cfg.lang:  # otherwise messages keep the help language (--lang, else LANG, else zh)
        set_lang(run_lang)
    try:
        targets = output_targets(a.output_format or list(cfg.formats), a.output, format_names())
    except TargetError as exc:
        fail(str(exc), "see docs/pipelines.md")
    missing = missing_arguments(a.paths)
    if missing:
        fail(pick(current_lang(), "文件或目录不存在 / no such file or directory: ", "no such file or directory: ")
             + ", ".join(missing))
    for target in targets:
        if target.path is not None and (named := overwrites_input(target.path, a.paths)):
            fail(pick(run_lang, f"--output {target.path} 会覆盖本次的输入文件 / would overwrite an input of this run（{named}）",
                      f"--output {target.path} would overwrite an input of this run ({named})"),
                 pick(run_lang, "请把报告写到别处", "write the report somewhere else"))
    catalog = a.catalog or cfg.catalog
    settings: dict[str, Any] = {}
    if catalog is not None or a.catalog_add:  # a user catalogue is loaded (and checked) before anything else
        from tstd.cli.catalog import check_settings

        settings = check_settings(catalog, a.catalog_add)
    options = options_for(cfg, lang=run_lang, rules=a.rules, ignore=a.ignore, select=a.select, waivers=a.waivers,
                          settings=settings, max_bytes=a.max_bytes)
    # --no-cache: no cached results; the start-up cache (packs, catalogue: keyed by their bytes) is still used.
    options = replace(options, cache_dir=str(a.cache_dir or default_cache_dir()), cache_results=not a.no_cache)
    try:
        session = Session(options)  # TstdError (pack, unknown id) → exit 2 in tstd.cli
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        if not (a.rules or cfg.rules):
            raise  # the built-in packs failed: a bug (exit 3), not the user's configuration
        fail(f"rule pack {', '.join(map(str, a.rules or cfg.rules))}: {type(exc).__name__}: {exc}",
             pick(run_lang, "请修正该规则包（见 schemas/rulepack.schema.json）或不再加载它",
                  "fix the pack (see schemas/rulepack.schema.json) or leave it out"))
    baseline_file = a.baseline or cfg.baseline
    compare = None
    if baseline_file is not None:
        from tstd.baseline import load_baseline  # a baseline run only: off the start-up path of a plain check

        compare = load_baseline(baseline_file)
    workers = a.jobs if a.jobs is not None else cfg.jobs if cfg.jobs is not None else batch.default_jobs()
    dask = a.executor == "dask"
    with discover(a.paths, run_lang, sys.stdin, named_must_be_declarations=not a.declarations_only) as discovery:
        inputs = plan(discovery, a.quiet)
        if inputs.empty and not a.declarations_only:
            raise no_input()
        items = list(inputs.items) if inputs.single else inputs.items
        # One file is checked in this process (a worker would cost more than the check) unless it leads into
        # native PDF code, which no in-process timer can interrupt: then a worker enforces --timeout.
        in_process = inputs.single and not dask and not any(batch.needs_isolation(i) for i in items)
        # A JSON report's lines are made by the workers as they check (tstd.report.json.fragment), and copied.
        encode = json_fragment() if any(t.format == "json" for t in targets) and compare is None else None
        # Only JSON written: the results themselves are never read again, their lines and counts stand for them.
        keep = not (encode is not None and all(t.format == "json" for t in targets) and a.write_baseline is None)
        pool = batch.BatchOptions(jobs=0 if in_process or workers == 0 else 1 if inputs.single else workers,
                                  timeout=a.timeout, encode=encode, keep=keep)
        try:
            spool = batch.ResultSpool(encode=encode, keep=keep)  # results wait on disk until written
        except OSError as exc:
            fail(f"临时目录无法写入 / cannot write temporary files: {exc.strerror or exc}; 报告未写入 / "
                 "report not written", "free space in $TMPDIR or point TMPDIR elsewhere")
        try:
            stream: Iterator[FileResult | batch.Packed]
            if dask:
                stream = dask_results(items, session.engine, options, pool, compare, a.scheduler)
            else:
                stream = session.stored_results(items, pool, compare)
            for result in with_progress(stream, inputs.total, "tstd check"):
                spool.append(result)
        except batch.BatchError as exc:
            fail(str(exc))
        except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: workers are stopped by the pool; no partial report
            echo_err("tstd: " + pick(run_lang, "已中断", "interrupted"))
            raise SystemExit(interrupted_exit(exc)) from None
        except OSError as exc:  # the temporary directory is full or unwritable (results, archive members)
            spool.close()
            reports = ", ".join(str(t.path or "stdout") for t in targets)
            fail(f"临时目录无法写入 / cannot write temporary files ({exc.strerror or exc}); "
                 f"报告未写入 / report not written: {reports}", "free space in $TMPDIR or point TMPDIR elsewhere")
    report = session.report(spool, compare)
    if cfg.file is not None:
        report = _with_note(report, Text(f"配置文件：{cfg.file}", f"config file: {cfg.file}"))
    unwritable = cache_problem() if not a.no_cache else None  # --no-cache: no result cache to speak of
    if unwritable is not None:
        report = _with_note(report, Text(f"缓存目录不可写，本次未使用缓存：{unwritable}",
                                         f"cache folder not writable, run not cached: {unwritable}"))

    shown = Severity(a.min_severity or cfg.min_severity or "info")
    for target in targets:
        if target.format == "text":
            from tstd.report.text import render_text  # json/sarif output never loads the text renderer

            color = target.path is None and want_color(sys.stdout)
            width = shutil.get_terminal_size().columns if color else 100
            emit(render_text(report, color=color, width=width, quiet=a.quiet and target.path is None,
                             show_basis=a.show_basis, min_severity=shown), target.path)
        else:
            emit(get_formatter(target.format).chunks(report), target.path)
    if a.write_baseline is not None:
        from tstd.baseline import baseline_text

        emit(baseline_text(report.results, report.tool_version), a.write_baseline)
    _tell_terminal(report, targets, a.write_baseline, run_lang, a.quiet)

    s = report.summary  # counted once already; a batch's results are not read back again for this
    if s.files == 0 and not a.declarations_only:
        raise UsageError(Text(f"没有可检查的文件：找到的 {s.skipped} 个文件都无法检查（见上方列出的原因）",
                              f"nothing was checked: all {s.skipped} files found were skipped (reasons listed above)"),
                         Text("请指定声明文件（.yaml/.yml/.json）、PDF 或 .zip",
                              "name declaration files (.yaml/.yml/.json), PDFs or .zip archives"))
    if s.by_rule.get(UNKNOWN_ID):
        echo_err("tstd: " + pick(run_lang, "豁免注释中有不存在的规则编号（见上）", "a suppression comment names an unknown "
                                 "rule id (see above)"))
        return EXIT_USAGE
    level = a.fail_on or cfg.fail_on or "error"
    if level == "never":
        return EXIT_OK
    failing = {"error": s.errors, "warning": s.errors + s.warnings, "info": s.errors + s.warnings + s.infos}[level]
    return EXIT_FINDINGS if failing else EXIT_OK


def json_fragment() -> batch.Encoder:
    """The JSON report's per-result encoder (imports the JSON formatter only for a run that writes JSON)."""
    from tstd.report.json import fragment

    return fragment


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
        from tstd.report.text import summary_line

        echo_err(summary_line(report))
    for path, what in written:
        echo_err(pick(lang, f"已写入 {path}（{what}）", f"written to {path} ({what})"))


def _with_note(report: RunReport, note: Text) -> RunReport:
    return replace(report, notes=(*report.notes, note))
