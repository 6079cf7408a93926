"""``tstd catalog import|search|show`` and the catalogue options of ``tstd check`` and ``tstd explain``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
import yaml

from tstd.catalog import Catalogue, CatalogueError, Confidence, Entry, load_catalogue
from tstd.catalog.csv_import import CsvImportError, import_csv
from tstd.cli.common import CATALOG_ADD_HELP, CATALOG_HELP, emit, fail
from tstd.engine.context import Context
from tstd.engine.kinds.mandatory import CATALOGUE, entries_for_example
from tstd.engine.pack import Rule
from tstd.model import Category

__all__ = ["CATALOG_ADD_HELP", "CATALOG_HELP", "app", "check_settings", "load_or_fail"]

app = typer.Typer(help="强制性国家标准目录 / the mandatory-standard catalogue", no_args_is_help=True)



def load_or_fail(catalog: Path | None, add: list[Path]) -> Catalogue:
    """The catalogue the options ask for; exit 2 listing every problem when a file is unusable."""
    paths = ([catalog] if catalog else []) + list(add)
    try:
        return load_catalogue(paths, replace=catalog is not None)
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
        out.extend(f"#   {lim.label} {lim.op.symbol} {lim.value:g} {lim.unit}（{lim.applies.text}）[{lim.confidence.value}]"
                   for lim in limits)
    return "\n".join(out)


@app.command("search")
def search(
    text: str = typer.Argument(..., help="标准号或关键词 / a number (GB 17761, 17761) or words (电动自行车 头盔)"),
    catalog: Path | None = typer.Option(None, "--catalog", help=CATALOG_HELP),
    catalog_add: list[Path] = typer.Option([], "--catalog-add", help=CATALOG_ADD_HELP),
    limit: int = typer.Option(20, "--limit", min=1, help="最多列出条数 / at most this many"),
) -> None:
    """按标准号或关键词查找目录条目 / find catalogue entries by number or words."""
    cat = load_or_fail(catalog, catalog_add)
    hits = cat.search(text, limit=limit)
    if not hits:
        typer.echo(f"未找到 / nothing found: {text}", err=True)
        raise typer.Exit(1)
    lines = [f"{e.number.display}\t{e.status.value}\t{e.confidence.value}\t{e.title}"
             + (f"\t→ {', '.join(e.replaced_by)}" if e.replaced_by else "") for e in hits]
    emit("\n".join(lines) + "\n", None)


@app.command("show")
def show(
    number: str = typer.Argument(..., help="标准号，如 GB 18401—2010；不注年代号则显示全部版本 / number"),
    catalog: Path | None = typer.Option(None, "--catalog", help=CATALOG_HELP),
    catalog_add: list[Path] = typer.Option([], "--catalog-add", help=CATALOG_ADD_HELP),
    lang: str = typer.Option("zh", "--lang", help="zh | en"),
) -> None:
    """显示目录条目（含替代关系和限值） / show a catalogue entry with its successors and limits."""
    cat = load_or_fail(catalog, catalog_add)
    entry = cat.get(number)
    entries = [entry] if entry else cat.search(number)
    if not entries:
        fail(f"目录中没有 / not in the catalogue: {number}", "find it with: tstd catalog search TEXT")
    emit("\n---\n".join(describe_entry(e, cat, lang) for e in entries) + "\n", None)


@app.command("import")
def import_(
    csv_file: Path = typer.Argument(..., help="CSV 导出文件（UTF-8/UTF-8-BOM/GBK） / CSV export"),
    output: Path = typer.Option(..., "--output", "-o", help="写出的目录 YAML / catalogue YAML to write"),
    confidence: Confidence = typer.Option(Confidence.SECONDARY, "--confidence",
                                          help="条目可信度 / confidence of the imported entries"),
) -> None:
    """把带中文表头的 CSV 导出转换为目录格式 / convert a CSV export with Chinese headers into a catalogue."""
    try:
        result = import_csv(csv_file, confidence=confidence)
    except CsvImportError as exc:
        fail(str(exc), "expected columns: 标准号, 标准名称, 状态/标准状态, 发布日期, 实施日期, 代替标准, ICS, CCS")
    result.data = {"catalogue": {"title": f"导入自 / imported from {csv_file.name}"}, **result.data}
    emit(yaml.safe_dump(result.data, allow_unicode=True, sort_keys=False, width=120), output)
    for problem in result.problems:
        typer.echo(f"  {problem}", err=True)
    skipped = sum(1 for p in result.problems if p.skipped)
    typer.echo(f"已导入 {result.imported} 条，跳过 {skipped} 行 / imported {result.imported} entries, "
               f"skipped {skipped} of {result.rows} rows → {output}", err=True)
    try:  # what we wrote must load: a bug here would otherwise surface only at check time
        load_catalogue([output], replace=True)
    except CatalogueError as exc:
        fail(f"写出的目录未通过校验 / the written catalogue does not validate: {exc}")


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
