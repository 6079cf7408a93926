"""The library entry point for checking: build an engine once, check paths, return a RunReport."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tstd import __version__
from tstd.engine.context import Context
from tstd.engine.pack import load_packs
from tstd.engine.runner import Engine
from tstd.inputs.declaration import DeclarationLoader
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


def check_paths(paths: Sequence[Path], engine: Engine) -> RunReport:
    """Check every declaration under ``paths`` in this process, in a deterministic order: the same discovery
    (directories, globs, archives, PDFs) and per-file handling as ``tstd check``, without worker processes."""
    # Imported here: tstd.batch builds engines through this module.
    from tstd.batch import BatchOptions, EngineChecker
    from tstd.batch import run as run_batch
    from tstd.inputs.discover import Discovery

    checker = EngineChecker(engine)
    with Discovery([str(p) for p in paths]) as items:
        results = list(run_batch(items, lambda _config: checker, None, BatchOptions(jobs=0), local=checker))
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
