"""The command line's own words: ``--help`` pages and usage errors, Chinese first, English on request.

Typer renders help in boxed English panels whose width arithmetic cuts Chinese text at 80 columns and shows
metavars such as ``<list[str]>``; click's usage errors are English ("No such option", "Missing argument").
This module replaces both for every command of the tree: a help page laid out by display width (a Chinese
character takes two cells), wrapped, never cut; readable metavars (``文件``, ``规则编号``); and usage errors
rebuilt from the exception's parts in the run's language, in the same one-line form as every other error.

The language is chosen before any option is parsed: ``--lang en|zh`` anywhere on the command line, else the
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``en*`` is English), else Chinese. Help strings are written
``中文 / English`` in the command modules; :func:`split_bilingual` picks one side.
"""

from __future__ import annotations

import difflib
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from typing import Any

from rich.cells import cell_len
from typer import _click

from tstd.cli.common import chrome_lang as chrome_lang  # re-exported: the language lives in common now
from tstd.cli.common import locale_lang as locale_lang
from tstd.i18n import Text, pick

_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
_SEPARATOR = re.compile(r"\s*/\s+(?=[A-Za-z(\-\"'`])")
# Lines never start with closing punctuation nor end with opening punctuation (Chinese line-breaking rules).
_CLOSING = set("，。、；：？！）》」』】〕…,.;:?!)]}%")
_OPENING = set("（《「『【〔([{“‘")

# Readable placeholders by parameter name (zh, en); anything else falls back to its type.
METAVARS: dict[str, tuple[str, str]] = {
    "paths": ("文件", "FILE"), "output_format": ("格式", "FORMAT"), "output": ("文件", "FILE"),
    "rules": ("规则包", "PACK"), "ignore": ("规则编号", "RULE"), "select": ("规则编号", "RULE"),
    "config": ("文件", "FILE"), "waivers": ("文件", "FILE"), "baseline": ("文件", "FILE"),
    "write_baseline": ("文件", "FILE"), "max_bytes": ("字节数", "BYTES"), "catalog": ("文件", "FILE"),
    "catalog_add": ("文件", "FILE"), "jobs": ("进程数", "N"), "timeout": ("秒", "SECONDS"),
    "rule_id": ("规则编号", "RULE"), "entry": ("标准号", "NUMBER"), "number": ("标准号", "NUMBER"),
    "parts": ("标准号", "NUMBER"), "words": ("关键词", "WORDS"), "text": ("关键词", "WORDS"),
    "limit": ("条数", "N"), "category": ("类别", "CATEGORY"), "packs": ("规则包", "PACK"),
    "csv_file": ("表格文件", "TABLE"), "source": ("文件", "FILE"), "file": ("文件", "FILE"),
    "directory": ("目录", "FOLDER"), "date": ("日期", "YYYY-MM-DD"), "pdf": ("文件", "FILE"), "model": ("文件", "FILE"),
    "time_limit": ("秒", "SECONDS"), "max_pages": ("页数", "PAGES"),
}
_BY_TYPE = {"path": ("文件", "FILE"), "int": ("整数", "N"), "float": ("数值", "NUMBER"), "str": ("文本", "TEXT")}


def split_bilingual(text: str) -> Text:
    """``中文 / English`` → Text(zh, en). The separator is the first `` / `` after which no Chinese follows,
    else the first one right after a Chinese character; a text without one is the same in both languages."""
    text = _join_lines(text.strip())
    candidates = list(_SEPARATOR.finditer(text))
    for m in candidates:
        if not _CJK.search(text[m.end():]) and _CJK.search(text[:m.start()]):
            return Text(text[:m.start()].strip(), text[m.end():].strip())
    for m in candidates:
        if m.start() > 0 and _CJK.match(text[m.start() - 1]):
            return Text(text[:m.start()].strip(), text[m.end():].strip())
    return Text(text, text)


def paragraphs(text: str, lang: str) -> list[str]:
    """A docstring's paragraphs (separated by blank lines), each in ``lang``."""
    return [split_bilingual(p).get(lang) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _join_lines(text: str) -> str:
    """A docstring's wrapped lines as one paragraph: Chinese joins without a space, other text with one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        glue = "" if _CJK.match(out[-1]) or _CJK.match(line[0]) else " "
        out += glue + line
    return out


def _tokens(text: str) -> Iterator[str]:
    """Units a line may break between: a Latin word (with its trailing space), or one Chinese character;
    closing punctuation stays with what precedes it, opening punctuation with what follows."""
    units: list[str] = []
    for piece in re.findall(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+\s*|\s+|.", text):
        if units and (piece[0] in _CLOSING or units[-1][-1] in _OPENING or units[-1].isspace()):
            units[-1] += piece
        else:
            units.append(piece)
    yield from units


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` display cells (Chinese characters count two); nothing is ever cut."""
    lines: list[str] = []
    current = ""
    for unit in _tokens(text):
        if current and cell_len(current + unit.rstrip()) > width:
            lines.append(current.rstrip())
            current = unit.lstrip()
        else:
            current += unit
        while cell_len(current.rstrip()) > width:  # one unit longer than the line: split it by cells
            cut = 1
            while cell_len(current[:cut + 1]) <= width:
                cut += 1
            lines.append(current[:cut])
            current = current[cut:]
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def metavar(param: Any, lang: str) -> str:
    """The placeholder shown for a parameter's value: its choices, a readable name, or its type."""
    if getattr(param, "is_flag", False):
        return ""
    if param.metavar:
        return str(param.metavar).rstrip(".")
    desc = param.type_descriptor
    if desc.is_choice and desc.choices:
        return "|".join(str(c.value if isinstance(c, Enum) else c) for c in desc.choices)
    names = METAVARS.get(param.name or "")
    if names is None:
        kind = "path" if desc.is_path else getattr(desc.annotation, "__name__", "str")
        names = _BY_TYPE.get(kind, _BY_TYPE["str"])
    return names[0] if lang != "en" else names[1]


def _opts(param: Any, lang: str) -> str:
    opts = sorted(param.opts, key=lambda o: (o.startswith("--"), o))  # -f, --format
    shown = ", ".join(opts + list(param.secondary_opts))
    value = metavar(param, lang)
    return f"{shown} {value}" if value else shown


def _param_help(param: Any, lang: str) -> str:
    if param.name == "help":  # click's own --help option
        return pick(lang, "显示本帮助并退出", "show this help and exit")
    help_text = split_bilingual(getattr(param, "help", None) or "").get(lang)
    extras = []
    if param.required and param.param_type_name != "argument":  # arguments are positional: required goes unsaid
        extras.append(pick(lang, "必填", "required"))
    default = param.default
    if (not param.required and not getattr(param, "is_flag", False) and default not in (None, [], (), "")
            and not callable(default) and not re.search("默认|default", help_text)):
        value = default.value if isinstance(default, Enum) else default
        extras.append(pick(lang, f"默认 {value}", f"default {value}"))
    if getattr(param, "multiple", False) and not re.search("重复|repeat", help_text):
        extras.append(pick(lang, "可重复", "repeatable"))
    if extras:
        help_text += pick(lang, f"（{'，'.join(extras)}）", f" ({', '.join(extras)})")
    return help_text


def usage_line(command: Any, ctx: Any, lang: str) -> str:
    """``用法：tstd check [选项] 文件...`` with the command's own arguments."""
    pieces = [ctx.command_path, pick(lang, "[选项]", "[OPTIONS]")]
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            name = metavar(param, lang)
            name += "..." if param.nargs == -1 else ""
            pieces.append(name if param.required else f"[{name}]")
    if hasattr(command, "commands"):
        pieces.append(pick(lang, "命令 [参数]...", "COMMAND [ARGS]..."))
    return pick(lang, "用法：", "Usage: ") + " ".join(pieces)


def render_help(command: Any, ctx: Any, lang: str, width: int | None = None) -> str:
    """The whole ``--help`` page of ``command``, wrapped to ``width`` cells (default: the terminal, at most 100)."""
    width = width or max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))
    out = [usage_line(command, ctx, lang), ""]
    for paragraph in paragraphs(command.help or "", lang):
        out += ["  " + line for line in wrap(paragraph, width - 2)] + [""]
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    sections = (("参数", "Arguments", [p for p in params if p.param_type_name == "argument"]),
                ("选项", "Options", [p for p in params if p.param_type_name != "argument"]))
    for zh, en, group in sections:
        if not group:
            continue
        rows = [(("  " + _opts(p, lang)) if p.param_type_name != "argument" else "  " + metavar(p, lang)
                 + ("..." if p.nargs == -1 else ""), _param_help(p, lang)) for p in group]
        out += [pick(lang, f"{zh}：", f"{en}:"), *_table(rows, width), ""]
    commands = getattr(command, "commands", None)
    if commands:
        rows = []
        for name, sub in commands.items():
            if getattr(sub, "hidden", False):
                continue
            rows.append((f"  {name}", (paragraphs(sub.short_help or sub.help or "", lang) or [""])[0]))
        out += [pick(lang, "命令：", "Commands:"), *_table(rows, width), ""]
    if command.epilog:
        out += [*wrap(split_bilingual(command.epilog).get(lang), width), ""]
    return "\n".join(out).rstrip() + "\n"


def _table(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns; a left cell too wide for the column puts its description on the next line."""
    column = min(max((cell_len(left) for left, _ in rows), default=0) + 2, 30)
    lines: list[str] = []
    for left, text in rows:
        body = wrap(text, max(20, width - column)) if text else []
        if cell_len(left) + 2 <= column and body:
            lines.append(left + " " * (column - cell_len(left)) + body[0])
            body = body[1:]
        else:
            lines.append(left)
        lines += [" " * column + line for line in body]
    return lines


# --- usage errors -------------------------------------------------------------------------------------------

_Words = Callable[[re.Match[str]], tuple[str, str]]
_INNER: tuple[tuple[re.Pattern[str], _Words], ...] = (  # typer/pydantic wording of a bad value → (zh, en)
    (re.compile(r"(?:Value error, )?'(.*)' is not one of (.*?)\.?$"),
     lambda m: (f"“{m[1]}”不是可选值；可选：{_choices(m[2])}", f"{m[1]!r} is not one of: {_choices(m[2])}")),
    (re.compile(r"Input should be a valid integer"), lambda m: ("应为整数", "must be a whole number")),
    (re.compile(r"Input should be a valid (?:number|float)"), lambda m: ("应为数字", "must be a number")),
    (re.compile(r"Input should be greater than or equal to (\S+)"),
     lambda m: (f"应不小于 {m[1]}", f"must be at least {m[1]}")),
    (re.compile(r"Input should be greater than (\S+)"), lambda m: (f"应大于 {m[1]}", f"must be more than {m[1]}")),
    (re.compile(r"Input should be less than or equal to (\S+)"),
     lambda m: (f"应不大于 {m[1]}", f"must be at most {m[1]}")),
    (re.compile(r"Input should be less than (\S+)"), lambda m: (f"应小于 {m[1]}", f"must be less than {m[1]}")),
)


def _choices(text: str) -> str:
    return " | ".join(re.findall(r"'([^']*)'", text)) or text


def _bad_value(message: str, lang: str) -> str:
    for pattern, words in _INNER:
        m = pattern.search(message.strip())
        if m:
            zh, en = words(m)
            return pick(lang, zh, en)
    return message


def _param_name(param: Any, lang: str) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return metavar(param, lang)
    return "/".join(sorted(param.opts, key=lambda o: (not o.startswith("--"), o)))


def command_path(root: Any, args: Sequence[str], prog: str = "tstd") -> str:
    """``tstd catalog show`` for ``args`` — the (sub)command the words name, for errors raised without a context."""
    path, command = [prog], root
    for arg in args:
        sub = getattr(command, "commands", {}).get(arg)
        if sub is None:
            break
        path.append(arg)
        command = sub
    return " ".join(path)


def usage_error(exc: Exception, lang: str, fallback: str = "tstd") -> tuple[str, str]:
    """(message, hint) for a click usage error, in ``lang``; the hint names the usage and the help option
    (``fallback``: the command path, when the parser raised the error before a context existed)."""
    ctx = getattr(exc, "ctx", None)
    message = str(getattr(exc, "message", "") or exc)
    param = getattr(exc, "param", None)
    if isinstance(exc, _click.exceptions.MissingParameter):
        name = _param_name(param, lang) or "?"
        kind = getattr(param, "param_type_name", "argument")
        text = pick(lang, f"缺少{'参数' if kind == 'argument' else '选项'} {name}",
                    f"missing {'argument' if kind == 'argument' else 'option'} {name}")
    elif isinstance(exc, _click.exceptions.NoSuchOption):
        text = pick(lang, f"没有选项 {exc.option_name}", f"no such option: {exc.option_name}")
        known = [o for p in (ctx.command.get_params(ctx) if ctx else []) for o in p.opts if o.startswith("--")]
        close = difflib.get_close_matches(exc.option_name, known, n=1, cutoff=0.75)
        if close:
            text += pick(lang, f"；是否为 {close[0]}？", f"; did you mean {close[0]}?")
    elif isinstance(exc, _click.exceptions.BadParameter):
        name = _param_name(param, lang) or (exc.param_hint if isinstance(exc.param_hint, str) else "")
        text = pick(lang, f"{name} 的值无效：", f"invalid value for {name}: ") + _bad_value(message, lang)
    else:
        text = _other_usage(message, ctx, lang)
    if ctx is None:
        return text, pick(lang, f"帮助：{fallback} -h", f"help: {fallback} -h")
    help_cmd = f"{ctx.command_path} -h"
    return text, usage_line(ctx.command, ctx, lang) + pick(lang, f"；帮助：{help_cmd}", f"; help: {help_cmd}")


def _other_usage(message: str, ctx: Any, lang: str) -> str:
    m = re.match(r"No such command '([^']+)'", message)
    if m:
        names = list(getattr(ctx.command, "commands", {})) if ctx else []
        close = difflib.get_close_matches(m[1], names, n=1)
        return pick(lang, f"没有命令 {m[1]}", f"no such command: {m[1]}") + (
            pick(lang, f"；是否为 {close[0]}？", f"; did you mean {close[0]}?") if close else "")
    m = re.match(r"Option '(.+)' requires (an argument|\d+ arguments)", message)
    if m:
        return pick(lang, f"选项 {m[1]} 需要一个值", f"option {m[1]} needs a value")
    m = re.match(r"Option '(.+)' does not take a value", message)
    if m:
        return pick(lang, f"选项 {m[1]} 不接受值", f"option {m[1]} takes no value")
    m = re.match(r"Got unexpected extra arguments? \((.*)\)", message)
    if m:
        return pick(lang, f"多余的参数：{m[1]}", f"unexpected extra arguments: {m[1]}")
    return message


def install(command: Any, lang: str) -> None:
    """Give ``command`` and every command under it the localised help page (idempotent)."""
    def format_help(ctx: Any, formatter: Any, _command: Any = command) -> None:
        formatter.write(render_help(_command, ctx, lang))

    command.format_help = format_help
    for sub in getattr(command, "commands", {}).values():
        install(sub, lang)
