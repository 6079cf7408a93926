"""Syntax errors a clerk can fix: a YAML/JSON parser exception and the file's text → a located Chinese message.

The parsers say "while scanning a simple key could not find expected ':'" — in English, sometimes one line
below the mistake. Declarations are typed with a Chinese input method, so the commonest slips are a
full-width colon "：", a full-width space "　" used for indentation, a tab, a list dash without a space, an
unclosed quote, and content pasted from Word, Excel or a PDF. :func:`explain` recognises them in the source
text around the reported position, names the right line, and gives the message, the source line, a caret
under the column and a specific hint.

Two more helpers serve the loader: :func:`impossible_dates` finds dates such as 2025-02-30 that make the
YAML loader fail for the whole file (so they can be quoted, reported at their line, and the rest checked),
and :func:`json_lines` gives the line of every field of a JSON declaration (``json`` itself gives none).

Nothing here reads files or prints; the loader (``tstd.inputs.declaration``) decides how to report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from dataclasses import dataclass

__all__ = ["SyntaxHelp", "explain", "impossible_dates", "json_lines", "quote_impossible_dates"]


@dataclass(frozen=True)
class SyntaxHelp:
    """A located syntax error: 1-based line and column, the message, the source line and a hint."""

    line: int | None
    column: int | None
    message: str
    hint: str
    source_line: str = ""
    fmt: str = "YAML"

    def caret(self) -> str:
        """Spaces up to the column (by display width: a CJK character is two cells) and a ``^``."""
        if self.column is None:
            return ""
        before = self.source_line[: max(self.column - 1, 0)].replace("\t", " " * 4)
        from rich.cells import cell_len  # only for a syntax error: off the import path of a valid file

        return " " * cell_len(before) + "^"

    def render(self, lang: str = "zh") -> str:
        """The message as several lines: what, where (line and caret), and how to fix it."""
        where = ""
        if self.line is not None:
            where = (f"第 {self.line} 行" + (f"第 {self.column} 列" if self.column else "")) if lang != "en" else \
                (f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        head = f"{self.fmt} 语法错误（{where}）：{self.message}" if lang != "en" else \
            f"{self.fmt} syntax error ({where}): {self.message}"
        lines = [head.replace("（）", "").replace(" ()", "")]
        if self.source_line.strip():
            shown = self.source_line.replace("\t", " " * 4).rstrip()
            lines += [f"    {shown}", f"    {self.caret()}"]
        if self.hint:
            lines.append(("  提示：" if lang != "en" else "  hint: ") + self.hint)
        return "\n".join(lines)


# (pattern on the source line, what (zh), how to fix (zh), what (en), how to fix (en)). Checked on the
# reported line and the lines just above it: the parser notices most slips only on the next token.
_SLIPS: tuple[tuple[re.Pattern[str], str, str, str, str], ...] = (
    (re.compile(r"^[ \t]*(?:-[ \t]+)?[^\s:：#\"'][^:：#]*?："),
     "键后用了全角冒号“：”", "请改为半角冒号“:”，并在冒号后加一个空格（如 title: 智能门锁）",
     "a full-width colon '：' after the key", "use ':' followed by a space"),
    (re.compile(r"^[ \t]*\u3000|^\u3000"),
     "行首用了全角空格“　”缩进", "请改用半角空格（切换到英文输入法后输入空格）",
     "the line is indented with a full-width space", "use ordinary spaces"),
    (re.compile(r"^[ ]*\t"),
     "行首用了制表符（Tab）缩进", "YAML 只允许空格缩进，请把 Tab 换成空格（每级 2 个）",
     "the line is indented with a tab", "YAML allows spaces only"),
    (re.compile(r"^[ ]*-[^\s\-\d]"),
     "列表项的“-”后缺少空格", "请写作“- 内容”", "a list dash without a space after it", "write '- item'"),
    (re.compile(r"^[ ]*(?:-[ ]+)?[A-Za-z_][\w.]*:[^\s/]"),
     "冒号后缺少空格", "请写作“键: 值”（冒号后加一个空格）", "no space after the colon", "write 'key: value'"),
)
_OPEN_QUOTE = re.compile(r"""^[^#]*?:\s+(["'])(?:(?!\1).)*$""")
_PASTED = (
    (re.compile(r"\t.*\t.*\t"), "此行像是从 Excel 表格复制的（以制表符分隔的多列）：请按“键: 值”逐项填写",
     "this line looks copied from a spreadsheet (tab-separated columns): write 'key: value' lines"),
    (re.compile(r"[\u2022\u25cf\u25aa\uf0b7]"), "此行含有从 Word/PDF 复制来的项目符号（•）：请改为“- ”开头的列表项",
     "a bullet copied from Word/PDF: start list items with '- '"),
)

# English parser problems → Chinese. The first matching fragment wins.
_YAML_PROBLEMS = (
    ("could not find expected ':'", "缺少冒号“:”，或此行的键写法不对", "a ':' is missing"),
    ("mapping values are not allowed", "此处不能出现“键: 值”：可能是上一行缺少冒号、缩进不一致，或值中含有未加引号的“: ”",
     "a 'key: value' is not allowed here: a missing colon above, inconsistent indentation, or an unquoted ': '"),
    ("found character '\\t'", "含有制表符（Tab）", "contains a tab"),
    ("found character that cannot start any token", "含有不能出现在此处的字符", "a character that cannot start a value"),
    ("found unexpected end of stream", "引号未闭合，文件在引号内结束", "a quote is not closed before the end of the file"),
    ("while scanning a quoted scalar", "引号未闭合", "a quote is not closed"),
    ("did not find expected key", "缩进不一致，或列表项缺少“-”", "inconsistent indentation or a missing '-'"),
    ("did not find expected '-' indicator", "列表项的缩进不一致", "list items are not aligned"),
    ("expected <block end>", "缩进不一致：同一层级的键应左对齐", "inconsistent indentation"),
    ("found duplicate anchor", "锚点（&）重复", "a duplicate anchor"),
    ("found undefined alias", "引用了未定义的锚点（*）", "an undefined alias"),
    ("found unknown escape character", "双引号内有无效的反斜杠转义：请改用单引号，或把 \\ 写作 \\\\",
     "an invalid backslash escape inside double quotes"),
)
_JSON_PROBLEMS = (
    ("Expecting ',' delimiter", "缺少逗号“,”（上一项末尾）", "a ',' is missing"),
    ("Expecting ':' delimiter", "缺少冒号“:”", "a ':' is missing"),
    ("Expecting property name enclosed in double quotes",
     "此处应为用英文双引号括起的键名：可能多了一个逗号，或用了中文引号/单引号", "a key in double quotes is expected"),
    ("Expecting value", "此处缺少值：可能多了一个逗号，或值未加英文双引号", "a value is expected"),
    ("Unterminated string", "引号未闭合", "a string is not closed"),
    ("Invalid control character", "字符串中含有换行或制表符：请写作 \\n 或 \\t", "a raw line break or tab in a string"),
    ("Extra data", "JSON 结束后还有多余内容", "extra content after the JSON value"),
    ("Invalid \\escape", "无效的反斜杠转义", "an invalid backslash escape"),
)


def _problem_text(problem: str, table: tuple[tuple[str, str, str], ...], lang: str) -> str:
    for fragment, zh, en in table:
        if fragment in problem:
            return en if lang == "en" else zh
    return problem


def _line(lines: list[str], number: int | None) -> str:
    return lines[number - 1] if number is not None and 0 < number <= len(lines) else ""


def _find_slip(lines: list[str], line: int | None, lang: str) -> tuple[int, int, str, str] | None:
    """The slip nearest above (or on) the reported line: (line, column, what, how to fix)."""
    if line is None:
        return None
    en = lang == "en"
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        text = lines[number - 1]
        for pattern, what_zh, fix_zh, what_en, fix_en in _SLIPS:
            match = pattern.search(text)
            if match:
                return (number, _slip_column(text, match), what_en if en else what_zh, fix_en if en else fix_zh)
        quoted = _OPEN_QUOTE.search(text)
        if quoted is not None:
            return (number, quoted.start(1) + 1, "the quote is not closed" if en else "引号未闭合",
                    "add the same quote at the end of the value" if en else "请在值的末尾补上同样的引号")
        for pattern, zh, en_text in _PASTED:
            if pattern.search(text):
                return number, 1, en_text if en else zh, ""
        bare = text.strip()
        if number < line and bare and not bare.startswith(("-", "#", "[", "{", "\"", "'")) and ":" not in bare \
                and "：" not in bare:
            # a key without its colon: YAML reads it as text running on into the next line, and complains there
            column = len(text) - len(text.lstrip()) + len(bare.split()[0]) + 1
            return (number, column, "a key without its ':'" if en else "此行的键后缺少冒号“:”",
                    "write 'key: value'" if en else "请写作“键: 值”（半角冒号后加一个空格）")
    return _indent_slip(lines, line, en) or _open_quote_above(lines, line, en)


def _open_quote_above(lines: list[str], line: int, en: bool) -> tuple[int, int, str, str] | None:
    """A quoted value left open runs on over the following lines until the next quote, so the parser
    complains many lines below: the nearest line above whose value opens a quote it does not close."""
    for number in range(min(line, len(lines)) - 1, max(line - 40, 0), -1):
        text = lines[number - 1]
        quoted = _OPEN_QUOTE.search(text)
        if quoted is not None and text.count(quoted.group(1)) % 2 == 1:
            return (number, quoted.start(1) + 1, "the quote is not closed" if en else "引号未闭合",
                    "add the same quote at the end of the value" if en else "请在值的末尾补上同样的引号")
    return None


def _indent_slip(lines: list[str], line: int, en: bool) -> tuple[int, int, str, str] | None:
    """A key indented more than the key above it, although that key has a value (not a parent)."""
    if not 1 < line <= len(lines):
        return None
    text = lines[line - 1]
    above = next((x for x in reversed(lines[: line - 1]) if x.strip() and not x.lstrip().startswith("#")), None)
    if above is None:
        return None
    indent, above_indent = len(text) - len(text.lstrip(" ")), len(above) - len(above.lstrip(" "))
    if indent > above_indent and not above.rstrip().endswith(":"):
        if en:
            return (line, indent + 1, f"indented {indent} spaces, the line above {above_indent}",
                    "keys of the same level must start in the same column")
        return (line, indent + 1, f"缩进不一致：此行缩进 {indent} 个空格，上一行为 {above_indent} 个",
                "同一层级的键须左对齐（通常每级缩进 2 个空格）")
    return None


def _slip_column(text: str, match: re.Match[str]) -> int:
    """The column of the offending character: the full-width colon, the tab, the first character."""
    for char in ("：", "\u3000", "\t"):
        at = text.find(char)
        if at >= 0 and at < match.end() + 1:
            return at + 1
    if re.match(r"^[ ]*-[^\s]", text):
        return text.index("-") + 2
    colon = text.find(":")
    return colon + 2 if colon >= 0 else 1


def _binary_kind(text: str) -> str | None:
    """Word/Excel (zip), old Office (OLE), PDF or RTF content mistaken for a declaration."""
    head = text[:8]
    if head.startswith("PK\x03\x04") or head.startswith("PK"):
        return "Word/Excel（.docx/.xlsx）"
    if head.startswith("\u00d0\u00cf\u0011\u00e0") or head.startswith("\ufffd\ufffd\u0011"):
        return "Word/Excel（.doc/.xls）"
    if head.startswith("%PDF"):
        return "PDF"
    if head.startswith("{\\rtf"):
        return "RTF/Word"
    return None


def explain(exc: BaseException, text: str, fmt: str = "YAML", lang: str = "zh") -> SyntaxHelp:
    """Turn a ``yaml.YAMLError`` or ``json.JSONDecodeError`` raised on ``text`` into a :class:`SyntaxHelp`."""
    lines = text.splitlines()
    kind = _binary_kind(text)
    if kind is not None:
        msg = f"这是 {kind} 文件的内容，不是 {fmt} 文本" if lang != "en" else f"this is {kind} content, not {fmt}"
        hint = ("请在编辑器中按 examples/ 中的样例填写声明文件，不要把 Word/Excel/PDF 文件改名为 .yaml"
                if lang != "en" else "write the declaration as text (see examples/); do not rename a document")
        return SyntaxHelp(1, 1, msg, hint, "", fmt)
    line, column, problem = _position(exc)
    table = _JSON_PROBLEMS if isinstance(exc, json.JSONDecodeError) else _YAML_PROBLEMS
    message = _problem_text(problem, table, lang)
    is_json = isinstance(exc, json.JSONDecodeError)
    slip = None if is_json else _find_slip(lines, line, lang)
    if slip is not None:
        line, column, message, hint = slip
    elif is_json and any(q in _line(lines, line) for q in "“”‘’"):
        hint = "用了中文引号“ ”：JSON 的键和值须用英文双引号 \"" if lang != "en" else "use ASCII double quotes"
    elif is_json:
        if "Expecting ',' delimiter" in problem and line is not None:
            line, column = _end_of_previous(lines, line, column)
        hint = ("请检查上一项末尾的逗号、键和文本值两侧的英文双引号，以及括号是否成对"
                if lang != "en" else "check the commas, the double quotes and that brackets pair up")
    else:
        hint = ("请检查此行及上一行的缩进（同级对齐、只用空格）、冒号（半角“:”后加空格）和引号（成对）"
                if lang != "en" else "check indentation (spaces only), colons (':' then a space) and quotes")
    return SyntaxHelp(line, column, message, hint, _line(lines, line), fmt)


def _end_of_previous(lines: list[str], line: int, column: int | None) -> tuple[int, int | None]:
    """A missing comma is noticed at the next item; it belongs after the last item, on the line above."""
    text = _line(lines, line)
    if column is not None and text[: column - 1].strip():
        return line, column  # the next item is on the same line: the position is right
    for number in range(line - 1, 0, -1):
        above = lines[number - 1].rstrip()
        if above.strip():
            return number, len(above) + 1
    return line, column


def _position(exc: BaseException) -> tuple[int | None, int | None, str]:
    """(line, column, English problem) from a parser exception, the line corrected where parsers misreport."""
    if isinstance(exc, json.JSONDecodeError):
        return exc.lineno, exc.colno, exc.msg
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = " ".join(str(x) for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x)
    mark = problem_mark or context_mark
    # "could not find expected ':'" is noticed on the line after the key; the key started at context_mark.
    if "could not find expected ':'" in problem and context_mark is not None:
        mark = context_mark
    if mark is None:
        return None, None, problem or str(exc)
    return mark.line + 1, mark.column + 1, problem or str(exc)


# ------------------------------------------------------------------------------------------ impossible dates

_DATE_VALUE = re.compile(r"^(?P<lead>[^#\"']*?(?::\s+|-\s+))(?P<date>(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2}))"
                         r"(?P<tail>\s*(?:#.*)?)$")


@dataclass(frozen=True)
class BadDate:
    """A date that does not exist, as written in the source."""

    line: int
    column: int
    text: str

    def message(self, lang: str = "zh") -> str:
        if lang == "en":
            return f"{self.text} is not a real date (check the month and day)"
        return f"日期 {self.text} 不存在（请核对月份和日期，如 2 月没有 30 日）"


# Any y-m-d in the text: when none is impossible, no line needs the line-by-line match (most files).
_ANY_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _all_possible(text: str) -> bool:
    for match in _ANY_DATE.finditer(text):
        try:
            dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return False
    return True


def impossible_dates(text: str) -> list[BadDate]:
    """Unquoted values such as ``2025-02-30`` or ``2024-13-01``, which YAML would turn into an exception."""
    if _all_possible(text):  # every date a line could hold is among these (it stands between spaces)
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _DATE_VALUE.match(line)
        if match is None:
            continue
        try:
            dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            found.append(BadDate(number, match.start("date") + 1, match["date"]))
    return found


def quote_impossible_dates(text: str) -> tuple[str, list[BadDate]]:
    """``text`` with every impossible date quoted (so the rest of the file loads) and the dates found."""
    bad = impossible_dates(text)
    if not bad:
        return text, []
    lines = text.splitlines(keepends=True)
    for b in bad:
        line = lines[b.line - 1]
        start = b.column - 1
        lines[b.line - 1] = f"{line[:start]}\"{b.text}\"{line[start + len(b.text):]}"
    return "".join(lines), bad


# ------------------------------------------------------------------------------------------ JSON lines


def json_lines(text: str) -> dict[str, int]:
    """The 1-based line of every key and list item of a JSON document, by dotted path (as YAML gets them).

    ``json`` reports no positions, so this walks the text once with the standard decoder's own scanners;
    on text that is not valid JSON it returns what it found so far.
    """
    decoder = json.JSONDecoder()
    lines: dict[str, int] = {}
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)

    def line_of(index: int) -> int:
        import bisect

        return bisect.bisect_right(starts, index)

    ws = re.compile(r"[ \t\n\r]*")

    def skip(i: int) -> int:
        match = ws.match(text, i)
        return match.end() if match else i

    def value(i: int, path: str) -> int:
        i = skip(i)
        if i >= len(text):
            raise ValueError("end")
        ch = text[i]
        if ch == "{":
            i = skip(i + 1)
            if text[i:i + 1] == "}":
                return i + 1
            while True:
                i = skip(i)
                key, end = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
                child = f"{path}.{key}" if path else str(key)
                lines.setdefault(child, line_of(i))
                i = skip(end)
                if text[i:i + 1] != ":":
                    raise ValueError("colon")
                i = value(i + 1, child)
                i = skip(i)
                if text[i:i + 1] == ",":
                    i += 1
                    continue
                if text[i:i + 1] == "}":
                    return i + 1
                raise ValueError("object")
        if ch == "[":
            i = skip(i + 1)
            if text[i:i + 1] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(i)
                child = f"{path}[{index}]"
                lines.setdefault(child, line_of(i))
                i = skip(value(i, child))
                index += 1
                if text[i:i + 1] == ",":
                    i += 1
                    continue
                if text[i:i + 1] == "]":
                    return i + 1
                raise ValueError("array")
        _, end = decoder.raw_decode(text, i)
        return int(end)

    with contextlib.suppress(ValueError, IndexError):  # invalid JSON: keep the lines found before the error
        value(1 if text.startswith("\ufeff") else 0, "")
    return lines

