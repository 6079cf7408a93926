"""``tstd check``: the command's definition — its arguments, options and help — and nothing else.

Settings come from the command line, then the config file (tstd.toml / pyproject.toml [tool.tstd], see
:mod:`tstd.config`), then the defaults. What the command does is :mod:`tstd.cli.check_run`; plain invocations
are parsed without typer by :mod:`tstd.cli.quick` from a table generated from this definition
(:mod:`tstd.cli.check_spec`, verified against this file's digest at run time and by the tests).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from tstd.cli.check_run import CheckArgs, run_check
from tstd.cli.common import CATALOG_ADD_HELP, CATALOG_HELP
from tstd.inputs.textfile import DEFAULT_MAX_BYTES


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
    no_cache: bool = typer.Option(False, "--no-cache", help="不读也不写结果缓存（规则包的启动缓存照用） / "
                                  "neither read nor write cached results (the packs' start-up cache is still used)"),
    cache_dir: Path | None = typer.Option(None, "--cache-dir", help="缓存目录（默认用户缓存目录，或 $TSTD_CACHE_DIR） / "
                                          "cache folder (default: the user cache folder, or $TSTD_CACHE_DIR)"),
    executor: Executor = typer.Option(Executor.local, "--executor", help="local：本机进程；dask：Dask 集群 / "
                                      "local: processes on this machine; dask: a Dask cluster (pip install 'tstd[dask]')"),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Dask 调度器地址，如 tcp://host:8786（默认本机临时集群） / "
                                         "Dask scheduler address (default: a local cluster for this run)"),
) -> None:
    """检查团体标准声明 / check group-standard declarations."""
    args = CheckArgs(paths=paths, output_format=output_format, output=output, fail_on=_value(fail_on), rules=rules,
                     min_severity=_value(min_severity), show_basis=show_basis, lang=_value(lang), quiet=quiet,
                     ignore=ignore, select=select, config=config, isolated=isolated, waivers=waivers, baseline=baseline,
                     write_baseline=write_baseline, max_bytes=max_bytes, catalog=catalog, catalog_add=catalog_add,
                     jobs=jobs, timeout=timeout, declarations_only=declarations_only, no_cache=no_cache,
                     cache_dir=cache_dir, executor=executor.value, scheduler=scheduler)
    raise typer.Exit(run_check(args))


def _value(choice: Enum | None) -> str | None:
    return None if choice is None else str(choice.value)
