"""The command line's own words: help pages and usage errors in Chinese (English with --lang en or LANG=en*),
readable at 80 columns, and every typer/click English phrase replaced."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from helpers import EXAMPLES
from tstd.cli import app
from tstd.cli.chrome import split_bilingual, wrap

runner = CliRunner()
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_CHROME = ("Usage:", "Error", "No such", "Missing", "Invalid value", "Try '", "Show this message", "╭", "<list")


def invoke(*args: str, **env: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80", **env})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", [["check"], ["explain"], ["catalog", "search"], ["catalog", "show"],
                                     ["rules", "list"], ["evaluate"], ["extract"], []])
def test_help_at_80_columns_is_chinese_uncut_and_readable(command: list[str]) -> None:
    code, out, _ = invoke(*command, "--help")
    assert code == 0
    assert out.startswith("用法：tstd")
    assert all(cell_len(line) <= 80 for line in out.splitlines()), out
    for phrase in ENGLISH_CHROME:
        assert phrase not in out
    assert "…" not in out  # nothing cut off


def test_check_help_keeps_every_option_text_whole() -> None:
    _, out, _ = invoke("check", "--help")
    flat = re.sub(r"\n\s+", "", out)  # undo the wrapping
    for text in ("声明文件、目录（递归）、通配符、.zip 或 -（从标准输入读路径清单）",
                 "追加规则包文件或目录（可重复；同编号规则覆盖内置规则）",
                 "跳过指定文件中不是声明的 YAML/JSON（用于pre-commit）"):
        assert text in flat
    assert "用法：tstd check [选项] 文件..." in out
    assert re.search(r"^  --ignore 规则编号 +忽略规则", out, re.M)
    assert re.search(r"^  -o, --output 文件 ", out, re.M)
    assert "--fail-on error|warning|info|never" in out


@pytest.mark.parametrize("switch", [{"args": ("--lang", "en")}, {"env": {"LANG": "en_US.UTF-8"}},
                                    {"env": {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}}])
def test_help_in_english_with_lang_en_or_an_english_locale(switch: dict[str, object]) -> None:
    args = tuple(switch.get("args", ()))
    env = dict(switch.get("env", {}))  # type: ignore[call-overload]
    code, out, _ = invoke("check", "--help", *args, **env)
    assert code == 0 and out.startswith("Usage: tstd check [OPTIONS] FILE...")
    assert "Options:" in out and "--ignore RULE" in out and not CJK.search(out)


def test_lang_zh_wins_over_an_english_locale() -> None:
    _, out, _ = invoke("check", "--help", "--lang", "zh", LANG="en_US.UTF-8")
    assert out.startswith("用法：")


@pytest.mark.parametrize(("args", "zh", "en"), [
    (["check"], "缺少参数 文件", "missing argument FILE"),
    (["check", "x.yaml", "--fial-on", "error"], "没有选项 --fial-on；是否为 --fail-on？",
     "no such option: --fial-on; did you mean --fail-on?"),
    (["check", "x.yaml", "--fail-on", "Warning"], "--fail-on 的值无效：“Warning”不是可选值；可选：error | warning | info | never",
     "invalid value for --fail-on: 'Warning' is not one of: error | warning | info | never"),
    (["check", "x.yaml", "--jobs", "两个"], "--jobs/-j 的值无效：应为整数",
     "invalid value for --jobs/-j: must be a whole number"),
    (["check", "x.yaml", "--jobs", "-1"], "--jobs/-j 的值无效：应不小于 0", "invalid value for --jobs/-j: must be at least 0"),
    (["check", "x.yaml", "--format"], "选项 --format 需要一个值", "option --format needs a value"),
    (["chek", "x.yaml"], "没有命令 chek；是否为 check？", "no such command: chek; did you mean check?"),
    (["explain"], "缺少参数 规则编号", "missing argument RULE"),
])
def test_usage_errors_are_localised_exit_2_and_point_to_help(args: list[str], zh: str, en: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2 and out == ""
    assert err.startswith(f"tstd: 错误 / error: {zh}\n"), err
    assert "帮助：tstd" in err and f"tstd {args[0] if args[0] != 'chek' else ''}".strip() + " -h" in err
    for phrase in ENGLISH_CHROME:
        assert phrase not in err
    code, _, err = invoke(*args, LANG="en_US.UTF-8")
    assert code == 2 and err.startswith(f"tstd: error: {en}\n"), err
    assert "help: tstd" in err and not CJK.search(err.replace("两个", ""))


def test_no_arguments_prints_the_chinese_help_and_exits_2() -> None:
    code, _, err = invoke()
    assert code == 2 and err.startswith("用法：tstd [选项] 命令 [参数]...") and "检查团体标准声明" in err


def test_rules_and_explain_follow_lang_and_the_locale() -> None:
    _, zh, _ = invoke("explain", "TSTD-DISC-012")
    _, en, _ = invoke("explain", "TSTD-DISC-012", LANG="en_US.UTF-8")
    _, forced, _ = invoke("explain", "TSTD-DISC-012", "--lang", "en")
    assert zh.startswith("TSTD-DISC-012  团体标准编号格式") and "依据：" in zh and "[未核实]" in zh
    assert en == forced and en.startswith("TSTD-DISC-012  Group-standard number syntax")
    assert "basis:" in en and "[UNVERIFIED]" in en and "触发示例" not in en and "fails:" in en
    listed_zh = invoke("rules", "list", "--category", "fee")[1]
    listed_en = invoke("rules", "list", "--category", "fee", LANG="en_US.UTF-8")[1]
    assert listed_zh.splitlines()[0].split("\t")[:3] == listed_en.splitlines()[0].split("\t")[:3]  # ids stay
    assert CJK.search(listed_zh) and not CJK.search(listed_en)


def test_split_bilingual() -> None:
    assert split_bilingual("追加规则包 / add rule packs") == split_bilingual("追加规则包 / add rule packs")
    assert split_bilingual("配置文件（默认向上查找 tstd.toml / pyproject.toml） / config file").zh == \
        "配置文件（默认向上查找 tstd.toml / pyproject.toml）"
    assert split_bilingual("标准号或关键词 / a number or words (电动自行车 头盔)").en == "a number or words (电动自行车 头盔)"
    assert split_bilingual("规则编号，如 TSTD-DISC-012 / rule id").en == "rule id"
    assert split_bilingual("zh | en").get("en") == "zh | en"


@pytest.mark.parametrize("width", [20, 37, 60])
def test_wrap_keeps_every_character_within_the_width(width: int) -> None:
    text = "声明文件、目录（递归）、通配符、.zip 或 -（从标准输入读路径清单）, files, directories, globs and a-very-long-token"
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "，、）。" for line in lines)


def test_an_english_locale_changes_messages_but_not_the_report_language() -> None:
    code, _, err = invoke("check", "没有这个文件.yaml", LANG="en_US.UTF-8")
    assert code == 2 and err.startswith("tstd: error: no such file or directory: 没有这个文件.yaml")
    _, out, _ = invoke("check", str(EXAMPLES / "rushed-procedure.yaml"), LANG="en_US.UTF-8")
    assert "共检查 1 个文件" in out  # a compliance record does not change language with the machine's locale
    assert "Checked 1 files" in invoke("check", str(EXAMPLES / "rushed-procedure.yaml"), "--lang", "en")[1]


def test_placeholders_name_what_to_give() -> None:
    assert invoke("evaluate", "--help")[1].startswith("用法：tstd evaluate [选项] 目录\n")
    assert "--date 日期" in invoke("evaluate", "--help")[1]
    assert invoke("catalog", "show", "--help")[1].startswith("用法：tstd catalog show [选项] 标准号...\n")
    assert "Usage: tstd evaluate [OPTIONS] FOLDER" in invoke("evaluate", "--help", LANG="en_US.UTF-8")[1]
