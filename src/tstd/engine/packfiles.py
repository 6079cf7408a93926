"""Which files are rule packs, and the error a pack that cannot be used raises.

Kept apart from :mod:`tstd.engine.pack` (which validates and builds packs) so that a run answered from the
result cache can name the pack files its cache key depends on without importing the checking side.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tstd.errors import DataFileError
from tstd.i18n import Text
from tstd.resources import rules_dir

PACK_SUFFIXES = (".yaml", ".yml")


class PackError(DataFileError):
    """A rule pack cannot be used. ``str()`` says which file and what is wrong."""

    def __init__(self, file: Path, problem: str, problem_en: str = "") -> None:
        super().__init__(Text(problem, problem_en or problem),
                         Text("修正该规则包（见 schemas/rulepack.schema.json），或不再加载它",
                                  "fix the pack (see schemas/rulepack.schema.json) or leave it out"), file=file)
        self.file: Path = file
        self.problem = problem


def builtin_pack_files() -> list[Path]:
    """The packs shipped with tstd, in a stable order."""
    return sorted(p for p in rules_dir().iterdir() if p.suffix in PACK_SUFFIXES and p.is_file())


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """Expand ``--rules`` arguments: a pack file, or a directory of pack files."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and p.is_file()))
        elif path.is_file():
            out.append(path)
        else:
            raise PackError(path, "no such file or directory")
    return out
