"""``tstd rules list|test|doc`` and ``tstd explain RULE-ID``."""

from __future__ import annotations

from pathlib import Path

import typer
import yaml

from tstd.cli.catalog import explain_section
from tstd.cli.chrome import split_bilingual
from tstd.cli.common import EXIT_FINDINGS, EXIT_OK, LANG_HELP, Lang, emit, resolve_lang, set_lang
from tstd.engine.pack import Rule, RulePack, load_packs, pack_files
from tstd.errors import UsageError
from tstd.i18n import Text, pick
from tstd.model import Category
from tstd.policy import prefixes, suggest
from tstd.report.common import CATEGORY_LABEL, category_label, severity_label

app = typer.Typer(help="规则包 / rule packs", no_args_is_help=True)


def _load(rules: list[Path]) -> list[Rule]:
    return [rule for pack in load_packs(rules) for rule in pack.rules]  # PackError → exit 2 in tstd.cli


def parse_category(value: str) -> Category:
    """A category by its id (``fee``), its English or Chinese label (``fees``, ``收费``); UsageError otherwise."""
    wanted = value.strip().lower()
    for category, label in CATEGORY_LABEL.items():
        if wanted in (category.value, label.en.lower(), label.zh):
            return category
    choices = ", ".join(f"{c.value} ({label.zh})" for c, label in CATEGORY_LABEL.items())
    raise UsageError(Text(f"未知的类别 {value!r}", f"unknown category {value!r}"),
                     Text(f"可选：{choices}", f"choose one of: {choices}"))


@app.command("list")
def list_rules(
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包 / add rule packs"),
    category: str | None = typer.Option(None, "--category", help="只列出该类别（编号或中文名，如 fee / 收费） / "
                                        "only this category (id or label, e.g. fee / 收费)"),
    language: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """列出规则：编号、类别、级别、标题 / list rules: id, category, severity, title."""
    lang = set_lang(resolve_lang(language))
    only = parse_category(category) if category else None
    lines = []
    for rule in _load(rules):
        info = rule.info
        if only is not None and info.category is not only:
            continue
        lines.append(f"{info.id}\t{info.category.value}\t{info.severity.value}\t{info.title.get(lang)}")
    emit("\n".join(lines) + "\n", None)


def _packs_named(rules: list[Path], names: list[Path]) -> tuple[list[RulePack], list[RulePack]]:
    """(all packs loaded, the packs to test): the named pack files (loaded on top of the built-ins), or every
    pack when none is named."""
    packs = load_packs([*rules, *names])
    if not names:
        return packs, packs
    wanted = {p.resolve() for p in pack_files(names)}
    chosen = [p for p in packs if p.file.resolve() in wanted]
    if not chosen:  # nothing to test must not read as "0 failed"
        shown = ", ".join(str(n) for n in names)
        raise UsageError(Text(f"{shown} 中没有规则包", f"no rule pack in {shown}"),
                         Text("给出含 pack: 与 rules: 的 YAML 文件", "name YAML files with pack: and rules:"))
    return packs, chosen


@app.command("test")
def test_rules(
    packs: list[Path] = typer.Argument(None, help="要测试的规则包（默认全部内置规则包） / packs to test (default: all)"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包 / add rule packs"),
    language: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """运行每条规则的示例（examples.pass / examples.fail）与 tests 文件 / run every rule's examples and fixtures."""
    from tstd.packtest import run_pack_tests
    from tstd.run import CheckOptions, build_engine

    lang = set_lang(resolve_lang(language))
    named = list(packs or [])
    _, chosen = _packs_named(rules, named)
    engine = build_engine(CheckOptions(rules=tuple([*rules, *named]), lang=lang))
    cases = list(run_pack_tests(chosen, engine))
    failed = [c for c in cases if not c.ok]
    lines = [f"FAIL {c.rule} {c.case}: {c.detail}" for c in failed]
    rules_tested = len({c.rule for c in cases})
    summary = Text(f"{rules_tested} 条规则、{len(cases)} 个示例：{len(failed)} 个失败",
                   f"{rules_tested} rules, {len(cases)} examples: {len(failed)} failed")
    emit("\n".join([*lines, summary.get(lang)]) + "\n", None)
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


@app.command("doc")
def doc_rules(
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件（默认标准输出） / write to a file"),
) -> None:
    """生成规则参考（docs/rules.md） / write the rule reference (docs/rules.md)."""
    from tstd.rulesdoc import render_rules_doc

    emit(render_rules_doc(load_packs()), output)


def explain(
    rule_id: str = typer.Argument(..., help="规则编号，如 TSTD-DISC-012 / rule id"),
    rules: list[Path] = typer.Option([], "--rules", help="追加规则包 / add rule packs"),
    language: Lang | None = typer.Option(None, "--lang", help=LANG_HELP),
    entry: str | None = typer.Option(None, "--entry", help="同时显示该目录条目 / also show this catalogue entry"),
) -> None:
    """说明一条规则：描述、依据、示例 / explain a rule: description, basis, examples."""
    lang = set_lang(resolve_lang(language))
    wanted = rule_id.strip().upper()
    loaded = _load(rules)
    match = next((r for r in loaded if r.id == wanted), None)
    if match is None:
        hint = suggest(wanted, prefixes(r.id for r in loaded))
        raise UsageError(Text(f"没有编号为 {rule_id!r} 的规则" + (f"；是否为 {hint}？" if hint else ""),
                              f"unknown rule {rule_id!r}" + (f"; did you mean {hint}?" if hint else "")),
                         Text("用 tstd rules list 查看全部规则", "list the rules with: tstd rules list"))
    emit(describe(match, lang) + explain_section(match, lang, entry), None)


def describe(rule: Rule, lang: str = "zh") -> str:
    """The text ``tstd explain`` prints for a rule."""
    info = rule.info
    zh = lang != "en"
    out = [
        f"{info.id}  {info.title.get(lang)}",
        f"{'规则包' if zh else 'pack'}: {info.pack}    {'类别' if zh else 'category'}: "
        f"{category_label(info.category, lang)} ({info.category.value})    {'级别' if zh else 'severity'}: "
        f"{severity_label(info.severity, lang)} ({info.severity.value})    {'检查类型' if zh else 'kind'}: {info.kind}",
        "",
    ]
    if info.description.zh:
        out += [info.description.get(lang), ""]
    out.append("依据：" if zh else "basis:")
    for b in info.basis:
        flag = ("已核实" if b.verified else "未核实") if zh else ("verified" if b.verified else "UNVERIFIED")
        wording, quote, source = b.wording, b.quote, b.source  # optional pack keys (docs/severity-policy.md)
        out.append(f"  - {b.document}{b.article}  [{flag}]" + (f"  {pick(lang, '用语', 'wording')}: {wording}"
                                                                if wording else ""))
        out += [f"    {line}" for line in (f"{pick(lang, '原文', 'quote')}: “{quote}”" if quote else "",
                                          f"{pick(lang, '来源', 'source')}: {source}" if source else "",
                                          split_bilingual(b.note).get(lang) if b.note else "") if line]
    out += ["", ("消息模板：" if zh else "message: ") + rule.message.get(lang)]
    if "today" in rule.examples:
        out += ["", pick(lang, f"示例按 {rule.examples['today']} 检查（与当天日期有关）。",
                     f"The examples are checked as on {rule.examples['today']} (the rule depends on today's date).")]
    for label in ("fail", "pass"):
        if label in rule.examples:
            title = {"fail": pick(lang, "触发示例", "fails"), "pass": pick(lang, "通过示例", "passes")}[label]
            snippet = yaml.safe_dump(rule.examples[label], allow_unicode=True, sort_keys=False).rstrip()
            out += ["", f"{title}:", *("  " + line for line in snippet.splitlines())]
    return "\n".join(out) + "\n"
