"""The library entry point for checking: build an engine once, check paths, return a RunReport."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tstd import __version__
from tstd.engine.context import Context
from tstd.engine.pack import load_packs
from tstd.engine.runner import Engine
from tstd.inputs.declaration import DECLARATION_SUFFIXES, DeclarationLoader
from tstd.inputs.textfile import DEFAULT_MAX_BYTES
from tstd.model import FileResult, RunReport


@dataclass(frozen=True)
class CheckOptions:
    """Everything that configures a run (the CLI's options, as a value)."""

    rules: tuple[Path, ...] = ()
    builtin_rules: bool = True
    lang: str = "zh"
    max_bytes: int = DEFAULT_MAX_BYTES
    settings: dict[str, Any] = field(default_factory=dict)  # kind-specific settings (e.g. catalogue path)
    ignore: tuple[str, ...] = ()  # rule ids or id prefixes (TSTD-DISC-044, TSTD-FEE) to leave out


def build_engine(options: CheckOptions) -> Engine:
    """Load and validate packs (raises PackError) and prepare the loader; do this once per process."""
    packs = load_packs(options.rules, builtin=options.builtin_rules)
    ctx = Context(lang=options.lang, settings=dict(options.settings))
    return Engine(packs, ctx, DeclarationLoader(max_bytes=options.max_bytes), ignore=options.ignore)


def discover(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Files to check as (path, explicit). Directories are searched recursively for declaration files,
    skipping hidden folders; explicitly named files are always checked."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel = found.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if found.is_file() and found.suffix.lower() in DECLARATION_SUFFIXES:
                    yield found, False
                elif found.suffix.lower() == ".pdf" and not any(
                        found.with_suffix(s).is_file() for s in DECLARATION_SUFFIXES):
                    yield found, False  # a PDF without a declaration (one with one is checked with it)
        else:
            yield path, True


def check_paths(paths: Sequence[Path], engine: Engine) -> RunReport:
    """Check every declaration under ``paths`` in a deterministic order."""
    results: list[FileResult] = []
    for path, explicit in discover(paths):
        result = engine.check_path(path, require_declaration=explicit)
        if result is not None:
            results.append(result)
    return make_report(engine, results)


def make_report(engine: Engine, results: Iterable[FileResult]) -> RunReport:
    """The report of a run; a Sequence of results (a batch's spool on disk) is used as it is, not copied."""
    return RunReport(
        tool_version=__version__,
        packs=tuple((p.id, p.version) for p in engine.packs),
        rules=engine.rule_infos(),
        results=results if isinstance(results, Sequence) else tuple(results),
        lang=engine.ctx.lang,
    )
