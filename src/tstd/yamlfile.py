"""The one reader for tstd's own YAML files (rule packs, waivers, the conduct model, the catalogue's
YAML): UTF-8 with or without a BOM, read with a size cap from regular files only (tstd.safety) and parsed
with a node budget and depth limit (tstd.safeyaml), so a user's pack cannot hang or crash the run.
Declarations are not read here — they are user input with their own tolerant loader (GBK, UTF-16, line map) in ``tstd.inputs``.

Failures raise :class:`DataFileError` naming the file and, for syntax errors, the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tstd import safeyaml
from tstd.errors import DataFileError
from tstd.i18n import Text
from tstd.safety import ReadRefused, TooLarge, read_capped

ENCODING = "utf-8-sig"  # tstd's own files are UTF-8; a BOM written by Windows editors is accepted
MAX_BYTES = safeyaml.MAX_CONFIG_BYTES


def read_text(path: Path) -> str:
    """The file's text under the one encoding policy."""
    try:
        return read_capped(path, MAX_BYTES).decode(ENCODING)
    except TooLarge:
        raise DataFileError(Text(f"文件超过 {MAX_BYTES} 字节", f"larger than {MAX_BYTES} bytes"), file=path) from None
    except ReadRefused as exc:
        raise DataFileError(Text(exc.reason, exc.reason), file=path) from None
    except OSError as exc:
        raise DataFileError(Text(f"无法读取：{exc.strerror or exc}", f"cannot read: {exc.strerror or exc}"),
                            file=path) from None
    except UnicodeDecodeError:
        raise DataFileError(Text("不是 UTF-8 文本", "not UTF-8 text"),
                            Text("请以 UTF-8 编码保存该文件", "save the file as UTF-8"), file=path) from None


def parse_raw(text: str) -> Any:
    """Parse YAML text with the one bounded loader; yaml.YAMLError propagates (for callers with their own errors)."""
    return safeyaml.load(text)


def parse(text: str, path: Path) -> Any:
    """Parse YAML text read from ``path`` (named in errors)."""
    try:
        return safeyaml.load(text)
    except safeyaml.BoundedYamlError as exc:
        raise DataFileError(Text(f"YAML 超出限制或含不可用的值：{exc}", f"beyond a limit or an unusable value: {exc}"),
                            file=path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f"第 {mark.line + 1} 行：" if mark else ""
        line_en = f"line {mark.line + 1}: " if mark else ""
        raise DataFileError(Text(f"{line}YAML 语法错误：{exc.problem}", f"{line_en}not valid YAML: {exc.problem}"),
                            file=path) from None
    except yaml.YAMLError as exc:
        raise DataFileError(Text(f"YAML 无法解析：{exc}", f"not valid YAML: {exc}"), file=path) from None


def load(path: Path) -> Any:
    """Read and parse one of tstd's own YAML files."""
    return parse(read_text(path), path)
