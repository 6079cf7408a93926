"""The config file: ``[tool.tstd]`` in ``pyproject.toml`` or the same keys at the top of ``tstd.toml``.

Found like ruff finds its config: from the current directory upwards, the nearest folder holding either
file wins, and ``tstd.toml`` wins over ``pyproject.toml`` in the same folder (a ``pyproject.toml`` without
``[tool.tstd]`` does not count). ``--config FILE`` names one; ``--isolated`` ignores them all.

Keys mirror the command line (``fail-on``, ``min-severity``, ``lang``, ``jobs``, ``catalog``, ``rules``, ``format``) plus
``ignore``/``select`` (rule ids or prefixes), ``[severity]`` (id → error|warning|info|off), ``[[per-file]]``
(``files`` globs relative to the config file, with their own ``ignore``/``select``/``severity``),
``waivers`` (a waiver file) and ``baseline`` (a baseline file). Paths are relative to the config file.
A wrong key or value is a :class:`ConfigError` naming the file, the key and a fix.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tstd.errors import ConfigError
from tstd.i18n import LANGS, Text
from tstd.policy import SEVERITY_CHOICES, PerFile, Policy, Selection, split_ids


def _toml() -> Any:
    """The TOML parser, imported once a config file is read: a run in a folder without one never loads it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    return tomllib


CONFIG_NAMES = ("tstd.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
MIN_SEVERITY = ("error", "warning", "info")
KEYS = ("fail-on", "min-severity", "lang", "jobs", "catalog", "rules", "format", "ignore", "select", "severity", "per-file",
        "waivers", "baseline")
PER_FILE_KEYS = ("files", "ignore", "select", "severity")


@dataclass(frozen=True)
class Config:
    """The settings of one config file (None/empty where it says nothing)."""

    file: Path | None = None
    fail_on: str | None = None
    lang: str | None = None
    jobs: int | None = None
    catalog: Path | None = None
    rules: tuple[Path, ...] = ()
    formats: tuple[str, ...] = ()
    policy: Policy = field(default_factory=Policy)
    waivers: Path | None = None
    baseline: Path | None = None
    min_severity: str | None = None  # what the text output lists; never changes the exit code


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (the working directory) upwards, or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        toml = folder / "tstd.toml"
        if toml.is_file():
            return toml
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_tstd(pyproject):
            return pyproject
    return None


def _has_tool_tstd(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if "tstd" not in text:  # no [tool.tstd] table can be there: most projects' pyproject stops here, unparsed
        return False
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False  # someone else's broken pyproject is not ours to report, unless named with --config
    tool = data.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("tstd"), dict)


def load_config(path: Path) -> Config:
    """Read and validate one config file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(Text(f"无法读取配置文件：{exc.strerror or exc}", f"cannot read the config file: {exc.strerror or exc}"),
                          Text("检查 --config 给出的路径", "check the path given to --config"), file=path) from None
    except UnicodeDecodeError:
        raise ConfigError(Text("配置文件不是 UTF-8 文本", "the config file is not UTF-8 text"),
                          Text("请以 UTF-8 保存", "save it as UTF-8"), file=path) from None
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(Text(f"TOML 语法错误：{exc}", f"not valid TOML: {exc}"),
                          Text("检查该行的引号、等号和方括号", "check the quotes, '=' and brackets on that line"),
                          file=path) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("tstd", {}) if isinstance(tool, dict) else {}
    return parse_config(data, path)


def parse_config(data: Mapping[str, Any], path: Path) -> Config:
    """Validate the keys of a config table (the top of tstd.toml, or [tool.tstd])."""
    root = path.resolve().parent
    _known_keys(data, KEYS, path, "")
    fail_on = _choice(data, "fail-on", FAIL_ON, path)
    lang = _choice(data, "lang", LANGS, path)
    jobs = data.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 0):
        raise _bad(path, "jobs", Text("应为不小于 0 的整数", "must be an integer ≥ 0"), Text("例如 jobs = 4", "e.g. jobs = 4"))
    catalog = _path(data, "catalog", path, root)
    rules = tuple(root / p for p in _strings(data, "rules", path))
    for n, pack in enumerate(rules):
        if not pack.exists():
            raise _bad(path, f"rules[{n}]", Text(f"规则包 {pack} 不存在", f"no rule pack at {pack}"),
                       Text("路径相对于配置文件所在目录", "paths are relative to the config file's folder"))
    formats = _strings(data, "format", path)
    base = _selection(data, path, "")
    per_file = []
    raw_per_file = data.get("per-file", [])
    if not isinstance(raw_per_file, list):
        raise _bad(path, "per-file", Text("应为表数组 [[tool.tstd.per-file]]",
                                          "must be an array of tables [[tool.tstd.per-file]]"),
                   Text('[[tool.tstd.per-file]]\nfiles = ["legacy/**"]\nignore = ["TSTD-FMT"]', ""))
    for n, entry in enumerate(raw_per_file):
        key = f"per-file[{n}]"
        if not isinstance(entry, dict):
            raise _bad(path, key, Text("应为表", "must be a table"))
        _known_keys(entry, PER_FILE_KEYS, path, key + ".")
        files = _strings(entry, "files", path, key + ".")
        if not files:
            raise _bad(path, f"{key}.files", Text("缺少 files（相对于配置文件的通配符列表）",
                                                  "files is missing (globs relative to the config file)"),
                       Text('例如 files = ["legacy/**"]', 'e.g. files = ["legacy/**"]'))
        per_file.append(PerFile(str(root), files, _selection(entry, path, key + ".")))
    return Config(path, fail_on, lang, jobs, catalog, rules, formats, Policy(base, tuple(per_file)),
                  _path(data, "waivers", path, root), _path(data, "baseline", path, root),
                  _choice(data, "min-severity", MIN_SEVERITY, path))


def _selection(data: Mapping[str, Any], path: Path, prefix: str) -> Selection:
    ignore = split_ids(_strings(data, "ignore", path, prefix))
    select = split_ids(_strings(data, "select", path, prefix))
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise _bad(path, prefix + "severity", Text("应为表（规则编号 = 级别）", "must be a table (rule id = level)"),
                   Text('[tool.tstd.severity]\n"TSTD-DISC-030" = "warning"', ""))
    pairs = []
    for rid, level in severity.items():
        if not isinstance(level, str) or level.strip().lower() not in SEVERITY_CHOICES:
            raise _bad(path, f"{prefix}severity.{rid}", Text(f"级别“{level}”无效", f"invalid level {level!r}"),
                       Text(f"可选：{' | '.join(SEVERITY_CHOICES)}", f"choose one of: {' | '.join(SEVERITY_CHOICES)}"))
        pairs.append((rid.strip().upper(), level.strip().lower()))
    return Selection(ignore, select, tuple(pairs), str(path))


def _known_keys(data: Mapping[str, Any], known: tuple[str, ...], path: Path, prefix: str) -> None:
    for key in data:
        if key not in known:
            import difflib  # only for a wrong key

            close = difflib.get_close_matches(key.replace("_", "-"), known, n=1)
            hint = Text(f"是否为 {close[0]}？" if close else f"可用的键：{', '.join(known)}",
                        f"did you mean {close[0]}?" if close else f"known keys: {', '.join(known)}")
            raise _bad(path, prefix + key, Text("未知的配置项", "unknown key"), hint)


def _choice(data: Mapping[str, Any], key: str, choices: tuple[str, ...], path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or value not in choices:
        raise _bad(path, key, Text(f"取值“{value}”无效", f"invalid value {value!r}"),
                   Text(f"可选：{' | '.join(choices)}", f"choose one of: {' | '.join(choices)}"))
    return value


def _strings(data: Mapping[str, Any], key: str, path: Path, prefix: str = "") -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise _bad(path, prefix + key, Text("应为字符串列表", "must be a list of strings"),
               Text(f'例如 {key} = ["…"]', f'e.g. {key} = ["…"]'))


def _path(data: Mapping[str, Any], key: str, path: Path, root: Path) -> Path | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _bad(path, key, Text("应为文件路径（相对于配置文件）", "must be a file path (relative to the config file)"))
    return root / value


def _bad(path: Path, key: str, problem: Text, hint: Text | None = None) -> ConfigError:
    return ConfigError(problem, hint, file=path, key=key)


def resolve_config(explicit: Path | None, isolated: bool, start: Path | None = None) -> Config:
    """The config of this run: ``--config FILE``, else the discovered one, else none (``--isolated``)."""
    if isolated:
        return Config()
    path = explicit if explicit is not None else find_config(start)
    return load_config(path) if path is not None else Config()
