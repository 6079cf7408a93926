"""The library's checking pipeline, assembled once: options → engine (packs, policy, waivers) → discovered
inputs → the batch runner → baseline → RunReport.

``tstd check``, :func:`check_paths` (tests, benchmarks, scripts), the public API (:mod:`tstd.api`) and the
organisation-directory evaluation all go through here. Imports point one way: ``run`` → ``batch`` →
``inputs``; nothing here is imported by ``batch``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tstd import batch
from tstd.config import Config
from tstd.engine.context import Context
from tstd.errors import UsageError
from tstd.i18n import Text
from tstd.inputs.discover import Discovery, Input
from tstd.inputs.textfile import DEFAULT_MAX_BYTES
from tstd.model import Category, FileResult, Finding, Hit, RunReport, Severity
from tstd.policy import Policy, Selection, split_ids, unknown_ids

if TYPE_CHECKING:
    from tstd.baseline import Baseline
    from tstd.cache.frame import RunFrame

    # The engine, the declaration loader and the waiver reader are imported where they are used: a run whose
    # every file is answered by the result cache (tstd.session) never loads them.
    from tstd.engine.runner import Engine
    from tstd.suppressions import Waiver


@dataclass(frozen=True)
class CheckOptions:
    """Everything that configures a run (the CLI's options and the config file, as a value). Plain data:
    batch workers rebuild the engine from it."""

    rules: tuple[Path, ...] = ()
    builtin_rules: bool = True
    lang: str = "zh"
    max_bytes: int = DEFAULT_MAX_BYTES
    settings: dict[str, Any] = field(default_factory=dict)  # kind-specific settings (e.g. catalogue path)
    ignore: tuple[str, ...] = ()  # rule ids or id prefixes (TSTD-DISC-044, TSTD-FEE) to leave out
    policy: Policy = field(default_factory=Policy)  # select/ignore/severity, per-file (from the config file)
    waivers: tuple[Waiver, ...] = ()
    # The cache folder (tstd.cache: validated packs, parsed catalogue, per-file results); None: no cache.
    # Not part of any cache key.
    cache_dir: str | None = None
    # Whether per-file results are cached there (``--no-cache`` turns only this off: the start-up cache of
    # packs and catalogue is keyed by content and cannot go stale, and without it every worker of a batch
    # would parse and validate the packs again).
    cache_results: bool = True


def options_for(config: Config, *, lang: str | None = None, rules: Sequence[Path] = (), ignore: Sequence[str] = (),
                select: Sequence[str] = (), waivers: Path | None = None, settings: dict[str, Any] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> CheckOptions:
    """The run's options: explicit values (the command line, API arguments) over the config file.

    ``rules`` and ``ignore`` add to the config's; a ``select`` replaces the config's select (as in ruff).
    Raises DataFileError for a broken waiver file.
    """
    from tstd.suppressions import load_waivers

    cli_ignore, cli_select = split_ids(ignore), split_ids(select)
    base = config.policy.base
    if cli_select:
        base = Selection(base.ignore, (), base.severity, base.origin)
    policy = Policy(base, config.policy.per_file, Selection(cli_ignore, cli_select, origin="--ignore/--select"))
    waiver_file = waivers or config.waivers
    return CheckOptions(rules=(*config.rules, *rules), lang=lang or config.lang or "zh", max_bytes=max_bytes,
                        policy=policy, settings=dict(settings or {}),
                        waivers=load_waivers(waiver_file) if waiver_file is not None else ())


def build_engine(options: CheckOptions, validate_ids: bool = True) -> Engine:
    """Load and validate packs (raises PackError) and prepare the loader; do this once per process.

    Every rule id the options name (ignore, select, severity, per-file, waivers) must match a loaded rule:
    otherwise :class:`UsageError` with a did-you-mean.
    """
    from tstd.cache.store import activate  # the cache hook: packs and the catalogue consult it while loading
    from tstd.engine.pack import load_pack_set
    from tstd.engine.runner import Engine
    from tstd.inputs.declaration import DeclarationLoader

    store = activate(options.cache_dir)
    pack_set = load_pack_set(options.rules, builtin=options.builtin_rules)
    ctx = Context(lang=options.lang, settings=dict(options.settings), today=today())
    loader: DeclarationLoader
    if store is not None and options.cache_results:  # results will be cached: note which files each check reads
        from tstd.cache.recording import RecordingLoader

        loader = RecordingLoader(options.max_bytes)
    else:
        loader = DeclarationLoader(max_bytes=options.max_bytes)
    engine = Engine(pack_set.packs, ctx, loader, ignore=options.ignore,
                    policy=options.policy, waivers=options.waivers)
    engine.notes = pack_set.notes
    if validate_ids:
        check_ids(engine, options)
    return engine


def check_ids(engine: Engine, options: CheckOptions) -> None:
    """Raise UsageError for the first id in the options that names no rule (exact or prefix)."""
    named = [("ignore", i) for i in options.ignore]
    named += options.policy.ids()
    named += [(f"{w.source}: waivers", w.rule) for w in options.waivers]
    wrong = unknown_ids(named, engine.all_rule_ids)
    if wrong:
        where, rid, hint = wrong[0]
        raise UsageError(Text(f"{where}：没有编号或前缀为 {rid} 的规则" + (f"；是否为 {hint}？" if hint else ""),
                              f"{where}: no rule has the id or prefix {rid}" + (f"; did you mean {hint}?" if hint else "")),
                         Text("用 tstd rules list 查看全部规则编号", "list the rule ids with: tstd rules list"))


@dataclass
class EngineChecker:
    """The production checker of the batch runner: the rule engine built once per process."""

    engine: Engine

    def __post_init__(self) -> None:
        self._rules = {r.id: r for r in self.engine.rules}

    def check(self, path: Path, explicit: bool) -> FileResult | None:
        from tstd.engine.causes import fold_causes  # the checking side: off a cached run's import path

        result = self.engine.check_path(path, require_declaration=explicit)
        return fold_causes(result, self.engine.ctx.lang) if result is not None else None

    def __getattr__(self, name: str) -> Any:
        # ``dependencies`` exists only when the loader records (the result cache is on): batch asks getattr.
        engine = self.__dict__.get("engine")  # absent while copy/pickle rebuild the object
        if name == "dependencies" and engine is not None and hasattr(engine.loader, "dependencies"):
            return engine.loader.dependencies
        raise AttributeError(name)

    def problem(self, name: str, rule: str, detail: str) -> FileResult:
        known = self._rules.get(rule)
        if known is None:  # the batch pack is not loaded: a file went unchecked, still say so
            finding = Finding(rule, Category.INPUT, Severity.ERROR, detail)
        else:
            finding = self.engine.finding(known, Hit(params={"detail": detail}))
        return FileResult(name, findings=(finding,))


def engine_checker(options: CheckOptions) -> EngineChecker:
    """Worker factory: load and validate the packs once, in this process."""
    return EngineChecker(build_engine(options, validate_ids=False))


def production_pool(pool: batch.BatchOptions) -> batch.BatchOptions:
    """``pool`` with the engine checker's in-process start (:data:`batch.INLINE_FILES`): the production checker
    reaches native code only for PDFs, so a few declarations are checked here before any worker starts."""
    from dataclasses import replace

    return replace(pool, inline=batch.INLINE_FILES)


def results(items: Iterable[Input], engine: Engine, options: CheckOptions, pool: batch.BatchOptions,
            baseline: Baseline | None = None) -> Iterator[FileResult]:
    """Every input's result, in input order: checked on ``pool`` (``jobs=0``: in this process with
    ``engine``; a batch of a few files without PDFs, or a re-audit with few results not cached, is checked
    here too before any worker starts: :data:`batch.INLINE_FILES`), then matched against the baseline."""
    stream = batch.run(items, engine_checker, options, production_pool(pool), local=EngineChecker(engine),
                       cache=result_cache(engine, options))
    return baseline.apply(stream, engine.ctx.lang) if baseline is not None else stream


def result_cache(engine: Engine, options: CheckOptions) -> Any:
    """The run's result cache (:mod:`tstd.cache.results`), or None when caching is off or unavailable."""
    if options.cache_dir is None or not options.cache_results or not isinstance(engine.loader, _recording_loader()):
        return None

    from tstd.cache.results import ResultCache
    from tstd.cache.store import active

    store = active()
    if store is None:
        return None
    return ResultCache(store, run_fingerprint(options, engine.ctx.today))


def run_fingerprint(options: CheckOptions, day: dt.date) -> str:
    """What every cached result of a run depends on (:func:`tstd.cache.results.fingerprint`): the tool, the
    options, the bytes of the built-in and the user's packs, the catalogue, the schemas and any file a setting
    names (a user catalogue), and the day. Needs no engine. Raises PackError for a ``--rules`` path that does
    not exist."""
    from dataclasses import replace

    from tstd.cache.results import fingerprint
    from tstd.engine.packfiles import pack_files
    from tstd.resources import data_dir

    files = pack_files(options.rules)
    for folder in (data_dir() / "rules", data_dir() / "schemas"):  # built-in packs, catalogue, schemas
        files.extend(p for p in folder.rglob("*") if p.is_file())
    files.extend(Path(v) for v in _paths_in(options.settings))
    return fingerprint(repr(replace(options, cache_dir=None, cache_results=True)), files, day)


def today() -> dt.date:
    """The run's date (复审 ages, waiver expiry), part of every result-cache key."""
    return dt.date.today()


def default_cache_dir() -> Path:
    """The cache folder when none is named: ``$TSTD_CACHE_DIR``, else the user cache folder (platformdirs)."""
    from tstd.cache.store import default_dir

    return default_dir()


def cache_problem() -> str | None:
    """Why this process's cache was turned off during the run (a read-only folder …), or None."""
    from tstd.cache.store import active

    store = active()
    return store.problem if store is not None else None


def dask_results(items: Iterable[Input], engine: Engine, options: CheckOptions, pool: batch.BatchOptions,
                 baseline: Baseline | None = None, scheduler: str | None = None) -> Iterator[FileResult]:
    """Like :func:`results`, with the files checked on a Dask cluster (:mod:`tstd.executors.dask`)."""
    from tstd.executors.dask import run as dask_run

    stream = dask_run(items, engine_checker, options, local=EngineChecker(engine), chunk=pool.chunk,
                      scheduler=scheduler, cache=result_cache(engine, options), workers=max(1, pool.jobs))
    return baseline.apply(stream, engine.ctx.lang) if baseline is not None else stream


def _recording_loader() -> type:
    from tstd.cache.recording import RecordingLoader

    return RecordingLoader


def _paths_in(value: Any) -> Iterator[str]:
    """Every setting that names an existing file (a user catalogue …): its bytes are part of the cache key."""
    if isinstance(value, dict):
        for v in value.values():
            yield from _paths_in(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _paths_in(v)
    elif isinstance(value, (str, Path)) and str(value) and Path(value).is_file():
        yield str(value)


def discover(paths: Sequence[str | Path], lang: str = "zh", stdin: IO[str] | None = None,
             named_must_be_declarations: bool = True) -> Discovery:
    """The inputs ``paths`` name (files, folders, globs, archives, ``-`` for a list on ``stdin``)."""
    return Discovery([str(p) for p in paths], stdin, named_must_be_declarations=named_must_be_declarations, lang=lang)


def check_paths(paths: Sequence[Path], engine: Engine, *, baseline: Baseline | None = None,
                options: CheckOptions | None = None) -> RunReport:
    """Check every declaration under ``paths`` in this process, in a deterministic order: the same discovery
    (directories, globs, archives, PDFs) and per-file handling as ``tstd check``, without worker processes."""
    with discover(paths, engine.ctx.lang) as items:
        found = list(results(items, engine, options or CheckOptions(lang=engine.ctx.lang),
                             batch.BatchOptions(jobs=0), baseline))
    return make_report(engine, found, baseline)


def make_report(engine: Engine, results: Iterable[FileResult], baseline: Baseline | None = None) -> RunReport:
    """The report of a run; a Sequence of results (a batch's spool on disk) is used as it is, not copied."""
    return engine_frame(engine).report(results, engine.ctx.lang, baseline.file if baseline is not None else None)


def engine_frame(engine: Engine) -> RunFrame:
    """What a report takes from the engine (packs, the run's rules, notes): :mod:`tstd.cache.frame`."""
    from tstd.cache.frame import RunFrame

    return RunFrame(tuple((p.id, p.version) for p in engine.packs), engine.rule_infos(), tuple(engine.notes))


def no_input() -> UsageError:
    """The error for a run that found nothing to check at all."""
    return UsageError(Text("没有找到要检查的文件（目录为空，或路径清单为空）",
                           "nothing to check: no files were found (empty folder or empty path list)"),
                      Text("请指定声明文件（.yaml/.yml/.json）、PDF、.zip 或包含它们的目录",
                           "name declaration files (.yaml/.yml/.json), PDFs, .zip archives or folders holding them"))
