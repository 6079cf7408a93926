"""``tstd catalog import|search|show`` and the catalogue options of ``tstd check`` and ``tstd explain``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
import yaml

from tstd.catalog import Catalogue, CatalogueError, Confidence, Entry, load_catalogue
from tstd.catalog.coverage import coverage_by_family, format_coverage
from tstd.catalog.csv_import import CsvImportError, ImportResult, import_csv, import_text
from tstd.catalog.table_import import LimitImport, import_limits, is_limits_table, read_rows
from tstd.catalog.units import format_quantity
from tstd.cli.common import CATALOG_ADD_HELP, CATALOG_HELP, LANG_HELP, Lang, emit, fail, resolve_lang
from tstd.engine.context import Context
from tstd.engine.kinds.mandatory import CATALOGUE, entries_for_example
from tstd.engine.pack import Rule
from tstd.model import Category
from tstd.safeyaml import preflight

__all__ = ["CATALOG_ADD_HELP", "CATALOG_HELP", "app", "check_settings", "load_or_fail"]

app = typer.Typer(help="强制性国家标准目录 / the mandatory-standard catalogue", no_args_is_help=True)



def load_or_fail(catalog: Path | None, add: list[Path]) -> Catalogue:
    """The catalogue the options ask for; exit 2 listing every problem when a file is unusable."""
    paths = ([catalog] if catalog else []) + list(add)
    for path in paths:  # bounded first (alias bombs, recursive aliases, odd tags): never a hang or traceback
        problem = preflight(path)
        if problem:
            fail(f"目录文件无效 / invalid catalogue {path}: {problem}",
                 "see docs/catalogue.md and schemas/catalogue.schema.json")
    try:
        return load_catalogue(paths, replace=catalog is not None)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError) as exc:
        fail(f"目录文件无效 / invalid catalogue {', '.join(map(str, paths))}: {type(exc).__name__}: {exc}",
             "see docs/catalogue.md and schemas/catalogue.schema.json")
    except CatalogueError as exc:
        lines = "\n".join(f"  - {p}" for p in exc.problems)
        fail(f"目录文件无效 / invalid catalogue {exc.source}\n{lines}",
             "see docs/catalogue.md and schemas/catalogue.schema.json")


def check_settings(catalog: Path | None, add: list[Path]) -> dict[str, Any]:
    """Engine settings for ``tstd check``: a catalogue loaded up front when the user gave one (so a broken file
    is a usage error before any declaration is read); nothing otherwise (the built-in one loads lazily)."""
    if catalog is None and not add:
        return {}
    return {"catalogue": load_or_fail(catalog, add)}


def _entry_yaml(entry: Entry) -> str:
    return yaml.safe_dump(entry.to_dict(), allow_unicode=True, sort_keys=False, width=100, default_flow_style=None).rstrip()


def describe_entry(entry: Entry, cat: Catalogue, lang: str = "zh") -> str:
    """An entry as ``catalogue show`` and ``explain`` print it: the entry, its chain and its limits."""
    zh = lang != "en"
    out = [_entry_yaml(entry)]
    res = cat.resolve(entry.number)
    if res is not None and res.current and res.current[0].key != entry.key:
        label = "现行版本 / in force" if zh else "in force"
        out.append(f"# {label}: " + "、".join(e.display for e in res.current))
    limits = cat.limits_of(entry.key)
    if limits:
        out.append("# 限值 / limits:" if zh else "# limits:")
        out.extend(f"#   {lim.label} {lim.op.symbol} {format_quantity(lim.value, lim.unit)}（{lim.applies.text}）"
                   f"[{lim.confidence.value}]" + (f" 来源/source: {lim.source}" if lim.source else "")
                   for lim in limits)
    return "\n".join(out)


@app.command("search")
def search(
    words: list[str] = typer.Argument(..., metavar="关键词...",
                                      help="标准号或关键词，可不加引号；多个词须全部出现 / a number (GB 17761) or "
                                           "words, unquoted; every word must match (电动自行车 头盔)"),
    catalog: Path | None = typer.Option(None, "--catalog", help=CATALOG_HELP),
    catalog_add: list[Path] = typer.Option([], "--catalog-add", help=CATALOG_ADD_HELP),
    limit: int = typer.Option(20, "--limit", min=1, help="最多列出条数 / at most this many"),
) -> None:
    """按标准号或关键词查找目录条目 / find catalogue entries by number or words."""
    text = " ".join(words)  # `catalog search 电动自行车 头盔` as written: the words are joined, all must match
    cat = load_or_fail(catalog, catalog_add)
    hits = cat.search(text, limit=limit)
    if not hits and not cat.search_limits(text, limit=1):
        typer.echo(f"未找到 / nothing found: {text}", err=True)
        raise typer.Exit(1)
    lines = [f"{e.number.display}\t{e.status.value}\t{e.confidence.value}\t{e.title}"
             + (f"\t→ {', '.join(e.replaced_by)}" if e.replaced_by else "")
             + (f"\t限值 {n} 项 / {n} limits" if (n := len(cat.limits_of(e.key))) else "") for e in hits]
    limit_hits = cat.search_limits(text, limit=limit)
    if limit_hits:
        lines.append("# 限值 / limits:")
        lines.extend(f"{lim.standard}\t{lim.label} {lim.op.symbol} {format_quantity(lim.value, lim.unit)}\t{lim.applies.text}"
                     f"\t[{lim.confidence.value}]" for lim in limit_hits)
    emit("\n".join(lines) + "\n", None)


@app.command("show")
def show(
    parts: list[str] = typer.Argument(..., metavar="标准号",
                                      help="标准号，如 GB 18401—2010，可不加引号；不注年代号则显示全部版本 / "
                                           "standard number, quotes optional (GB 17761)"),
    catalog: Path | None = typer.Option(None, "--catalog", help=CATALOG_HELP),
    catalog_add: list[Path] = typer.Option([], "--catalog-add", help=CATALOG_ADD_HELP),
    language: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """显示目录条目（含替代关系和限值） / show a catalogue entry with its successors and limits."""
    lang = resolve_lang(language)
    number = " ".join(parts)  # `catalog show GB 17761` as written: the shell splits the number at the space
    cat = load_or_fail(catalog, catalog_add)
    entry = cat.get(number)
    entries = [entry] if entry else cat.search(number)
    if not entries:
        fail(f"目录中没有 / not in the catalogue: {number}", "find it with: tstd catalog search TEXT")
    emit("\n---\n".join(describe_entry(e, cat, lang) for e in entries) + "\n", None)


@app.command("import")
def import_(
    csv_file: Path = typer.Argument(..., help="CSV/XLSX 表格（UTF-8/UTF-8-BOM/GBK）：标准清单或限值表 / "
                                              "editions or limits table"),
    output: Path = typer.Option(..., "--output", "-o", help="写出的目录 YAML / catalogue YAML to write"),
    confidence: Confidence | None = typer.Option(None, "--confidence",
                                                 help="条目可信度（默认：标准清单 secondary，限值表 unverified）/ "
                                                      "confidence of what is imported"),
) -> None:
    """把带中文表头的 CSV/XLSX 转换为目录格式：标准清单（标准号、标准名称、状态…）或限值表（标准号、指标、符号、限值、
    单位、适用产品、来源）/ convert a table with Chinese headers into a catalogue: editions or limits."""
    try:
        rows = read_rows(csv_file)
        limits_table = bool(rows) and is_limits_table(rows[0])
        if limits_table:
            result: ImportResult | LimitImport = import_limits(
                rows, confidence=confidence or Confidence.UNVERIFIED, source=f"imported from {csv_file.name}")
        elif csv_file.suffix.lower() in (".xlsx", ".xlsm"):
            text = "\n".join(",".join(_csv_cell(c) for c in row) for row in rows)
            result = import_text(text, confidence=confidence or Confidence.SECONDARY,
                                 source=f"XLSX import of {csv_file.name}")
        else:
            result = import_csv(csv_file, confidence=confidence or Confidence.SECONDARY)
    except CsvImportError as exc:
        fail(str(exc), "expected columns: 标准号, 标准名称, 状态, 发布日期, 实施日期, 代替标准, ICS, CCS "
                       "— or for limits: 标准号, 指标, 符号, 限值, 单位, 适用产品, 来源")
    data = {"catalogue": {"title": f"导入自 / imported from {csv_file.name}"}, **result.data}
    if not data.get("standards") and limits_table:
        data["standards"] = []
    emit(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), output)
    for problem in result.problems:
        typer.echo(f"  {problem}", err=True)
    skipped = sum(1 for p in result.problems if p.skipped)
    what = ("限值", "limits") if limits_table else ("条", "entries")
    typer.echo(f"已导入 {result.imported} {what[0]}，跳过 {skipped} 行 / imported {result.imported} {what[1]}, "
               f"skipped {skipped} of {result.rows} rows → {output}", err=True)
    try:  # what we wrote must load: limits on top of the built-in catalogue (their standards live there)
        load_catalogue([output], replace=not limits_table)
    except CatalogueError as exc:
        fail(f"写出的目录未通过校验 / the written catalogue does not validate: {exc}",
             "a limit's 标准号 must be in the built-in catalogue, or give its 标准名称 column" if limits_table else "")


def _csv_cell(value: str) -> str:
    text = str(value)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


@app.command("coverage")
def coverage(
    catalog: Path | None = typer.Option(None, "--catalog", help=CATALOG_HELP),
    catalog_add: list[Path] = typer.Option([], "--catalog-add", help=CATALOG_ADD_HELP),
    fmt: str = typer.Option("text", "--format", help="text | json"),
) -> None:
    """按类别列出目录覆盖：版本数、现行/废止、限值数、带限值的标准数、已核实比例 / coverage of the catalogue by family."""
    cat = load_or_fail(catalog, catalog_add)
    rows = coverage_by_family(cat)
    if fmt == "json":
        emit(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n", None)
        return
    emit(format_coverage(rows) + "\n", None)


def explain_section(rule: Rule, lang: str = "zh", number: str | None = None) -> str:
    """For ``tstd explain``: the catalogue entries a mandatory rule's example involves (or ``number``)."""
    if rule.info.category is not Category.MANDATORY and number is None:
        return ""
    ctx = Context(lang=lang)
    cat: Catalogue = ctx.resource(CATALOGUE, lambda c: load_catalogue())
    if number is not None:
        entry = cat.get(number)
        entries = [entry] if entry else cat.search(number, limit=3)
        head = f"目录条目 / catalogue entry {number}:"
    else:
        example = rule.examples.get("fail")
        entries = entries_for_example(rule.kind.check, rule.options, example, ctx) if example else []
        head = "示例涉及的目录条目 / catalogue entries in the example:"
    if not entries:
        return ""
    body = "\n".join("  " + line for e in entries for line in describe_entry(e, cat, lang).splitlines())
    return f"\n{head}\n{body}\n"
