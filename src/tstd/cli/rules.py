"""``tstd rules list`` and ``tstd explain RULE-ID``."""

from __future__ import annotations

from pathlib import Path

import typer
import yaml

from tstd.cli.catalog import explain_section
from tstd.cli.common import emit, fail
from tstd.engine.pack import PackError, Rule, load_packs

app = typer.Typer(help="规则包 / rule packs", no_args_is_help=True)


def _load(rules: list[Path]) -> list[Rule]:
    try:
        return [rule for pack in load_packs(rules) for rule in pack.rules]
    except PackError as exc:
        fail(f"rule pack {exc.file}: {exc.problem}")


@app.command("list")
def list_rules(
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包 / add rule packs"),
    category: str | None = typer.Option(None, "--category", help="只列出该类别 / only this category"),
    lang: str = typer.Option("zh", "--lang", help="zh | en"),
) -> None:
    """列出规则：编号、类别、级别、标题 / list rules: id, category, severity, title."""
    lines = []
    for rule in _load(rules):
        info = rule.info
        if category and info.category.value != category:
            continue
        lines.append(f"{info.id}\t{info.category.value}\t{info.severity.value}\t{info.title.get(lang)}")
    emit("\n".join(lines) + "\n", None)


def explain(
    rule_id: str = typer.Argument(..., help="规则编号，如 TSTD-DISC-012 / rule id"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包 / add rule packs"),
    lang: str = typer.Option("zh", "--lang", help="zh | en"),
    entry: str | None = typer.Option(None, "--entry", help="同时显示该目录条目 / also show this catalogue entry"),
) -> None:
    """说明一条规则：描述、依据、示例 / explain a rule: description, basis, examples."""
    wanted = rule_id.strip().upper()
    match = next((r for r in _load(rules) if r.id == wanted), None)
    if match is None:
        fail(f"unknown rule {rule_id!r}", "list the rules with: tstd rules list")
    emit(describe(match, lang) + explain_section(match, lang, entry), None)


def describe(rule: Rule, lang: str = "zh") -> str:
    """The text ``tstd explain`` prints for a rule."""
    info = rule.info
    zh = lang != "en"
    out = [
        f"{info.id}  {info.title.get(lang)}",
        f"{'规则包' if zh else 'pack'}: {info.pack}    {'类别' if zh else 'category'}: {info.category.value}    "
        f"{'级别' if zh else 'severity'}: {info.severity.value}    {'检查类型' if zh else 'kind'}: {info.kind}",
        "",
    ]
    if info.description.zh:
        out += [info.description.get(lang), ""]
    out.append("依据 / basis:" if zh else "basis:")
    for b in info.basis:
        flag = "已核实 verified" if b.verified else "未核实 UNVERIFIED"
        # quote/wording/source are read defensively: they are optional pack keys (docs/severity-policy.md).
        wording, quote, source = (getattr(b, k, "") or "" for k in ("wording", "quote", "source"))
        out.append(f"  - {b.document}{b.article}  [{flag}]" + (f"  用语 wording: {wording}" if wording else ""))
        out += [f"    {line}" for line in (f"原文 quote: “{quote}”" if quote else "", f"来源 source: {source}" if source else "",
                                          b.note) if line]
    out += ["", ("消息模板 / message: " if zh else "message: ") + rule.message.get(lang)]
    for label in ("fail", "pass"):
        if label in rule.examples:
            title = {"fail": "触发示例 / fails", "pass": "通过示例 / passes"}[label]
            snippet = yaml.safe_dump(rule.examples[label], allow_unicode=True, sort_keys=False).rstrip()
            out += ["", f"{title}:", *("  " + line for line in snippet.splitlines())]
    return "\n".join(out) + "\n"
