"""The public Python API, for scripts in publishing pipelines (see docs/api.md for the stability promise).

    import tstd
    report = tstd.check(["submissions/"], config="auto")
    if report.summary.errors: ...

Everything here is also reachable as ``tstd.check`` / ``tstd.evaluate`` (imported lazily, so ``import tstd``
stays cheap). Problems with how tstd was asked to run raise :class:`tstd.TstdError`; problems in the checked
files are findings in the returned report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tstd.config import Config, find_config, load_config
from tstd.model import RunReport

if TYPE_CHECKING:
    from tstd.evaluate.result import Evaluation

ConfigArg = Config | str | Path | Literal["auto"] | None


def _config(config: ConfigArg) -> Config:
    """None: no config file; "auto": found upwards from the working directory; a path: that file."""
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if config == "auto":
        found = find_config()
        return load_config(found) if found is not None else Config()
    return load_config(Path(config))


def check(paths: Sequence[str | Path], config: ConfigArg = None, *, lang: str | None = None,
          rules: Sequence[str | Path] = (), ignore: Sequence[str] = (), select: Sequence[str] = (),
          baseline: str | Path | None = None, jobs: int = 0) -> RunReport:
    """Check declarations, PDFs, folders, globs and zip archives; return the report (never prints).

    ``config`` is a config file, ``"auto"`` (discover tstd.toml / pyproject.toml like the CLI) or None (no
    config). ``jobs`` > 0 checks on worker processes. Raises :class:`tstd.TstdError` (unknown rule id, broken
    config/pack/baseline, nothing to check).
    """
    from tstd import batch
    from tstd.baseline import load_baseline
    from tstd.run import build_engine, discover, make_report, no_input, options_for, results

    cfg = _config(config)
    options = options_for(cfg, lang=lang, rules=[Path(r) for r in rules], ignore=ignore, select=select)
    engine = build_engine(options)
    compare = load_baseline(Path(baseline)) if baseline is not None else (
        load_baseline(cfg.baseline) if cfg.baseline is not None else None)
    with discover(paths, options.lang) as items:
        found = list(results(items, engine, options, batch.BatchOptions(jobs=jobs), compare))
    if not found:
        raise no_input()
    return make_report(engine, found, compare)


def evaluate(directory: str | Path, *, model: str | Path | None = None, date: dt.date | None = None,
             rules: Sequence[str | Path] = ()) -> Evaluation:
    """Score an organisation directory (organization.yaml + declarations) against the conduct model."""
    from tstd.evaluate import load_model
    from tstd.evaluate.orgdir import evaluate_directory
    from tstd.run import CheckOptions, build_engine

    today = date or dt.date.today()
    engine = build_engine(CheckOptions(rules=tuple(Path(r) for r in rules)))
    engine.ctx.today = today
    return evaluate_directory(Path(directory), engine, load_model(Path(model) if model else None), today)
