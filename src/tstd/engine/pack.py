"""Rule packs: YAML files of rules, validated against schemas/rulepack.schema.json when loaded.

A broken pack is a configuration error (:class:`PackError`, exit code 2) that names the file and the
problem; it is never silently skipped.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from tstd import limits, yamlfile
from tstd.engine import conditions
from tstd.engine.kinds import Kind, kind_named, registry

# Re-exported: they lived here first (tstd.engine.packfiles is their light home).
from tstd.engine.packfiles import PackError as PackError
from tstd.engine.packfiles import builtin_pack_files as builtin_pack_files
from tstd.engine.packfiles import pack_files as pack_files
from tstd.errors import DataFileError
from tstd.model import Basis, Category, RuleInfo, Severity, Text
from tstd.regex import linearize
from tstd.resources import load_schema, rules_dir
from tstd.validation import SchemaValidator

PROTECTED_PACKS = frozenset({"input", "batch"})  # rules the code raises itself; a user pack cannot remove them


class _Deferred:
    """A rule's options, prepared on first use. Only for built-in packs while the start-up cache is on: they
    were validated by this same tool (and every built-in rule's options are prepared by the tests), so a run
    that never reaches a rule — every file answered from the result cache, or checked by a worker that
    prepares its own — never pays for compiling its patterns."""

    __slots__ = ("_file", "_kind", "_raw", "_rule", "_value")

    def __init__(self, file: Path, rule_id: str, kind: Kind, raw: Any) -> None:
        self._file, self._rule, self._kind, self._raw = file, rule_id, kind, raw
        self._value: Any = _Deferred

    def get(self) -> Any:
        if self._value is _Deferred:
            try:
                self._value = self._kind.prepare(self._raw) if self._kind.prepare else self._raw
            except (ValueError, KeyError, TypeError) as exc:
                raise PackError(self._file, f"rule {self._rule}: options: {exc}") from None
        return self._value


@dataclass(frozen=True)
class Rule:
    """One rule of a pack, with its kind's options prepared (on first use for a pack from the cache)."""

    info: RuleInfo
    kind: Kind
    _options: Any
    message: Text
    when: Mapping[str, Any] | None = None
    examples: Mapping[str, Any] = field(default_factory=dict)
    reads: tuple[str, ...] = ()  # field patterns the rule reads (kinds with ``reads``); all empty: rule skipped

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def options(self) -> Any:
        """The kind's prepared options."""
        value = self._options
        return value.get() if isinstance(value, _Deferred) else value


@dataclass(frozen=True)
class RulePack:
    id: str
    version: str
    title: Text
    file: Path
    rules: tuple[Rule, ...]
    replace: bool = False  # a user pack that replaces the built-in pack of the same id as a whole
    tests: Mapping[str, Any] = field(default_factory=dict)  # rule id → fixture files (``tests:``), for `rules test`


def _text(value: Any) -> Text:
    if value is None:
        return Text("")
    if isinstance(value, str):
        return Text(value)
    return Text(value["zh"], value.get("en", ""))


def load_pack(file: Path, user: bool = False) -> RulePack:
    """Read, validate and prepare one pack file (``user``: its regexes must run on the linear engine)."""
    data = _read(file)
    return _build(file, data, user)


_TOP_LEVEL_PACK_KEY = re.compile(r"^(pack|rules)\s*:", re.MULTILINE)


def _looks_like_pack(file: Path) -> bool:
    try:
        return _TOP_LEVEL_PACK_KEY.search(file.read_text(encoding="utf-8-sig", errors="replace")) is not None
    except OSError:
        return True  # let _read report it


MAX_PACK_BYTES = 32 * 1024 * 1024  # the largest built-in pack is ~100 KB; a 100,000-term lexicon ~3 MB


def _read(file: Path) -> Any:
    # Bounded (tstd.yamlfile → tstd.safeyaml): an alias bomb, recursive alias, odd tag or non-text key is a PackError with
    # its line, never a hang or a traceback.
    try:
        return yamlfile.load(file)
    except DataFileError as exc:
        raise PackError(file, exc.text.zh, exc.text.en) from None


def _build(file: Path, data: Any, user: bool = False, validated: bool = False, defer: bool = False,
           built: Any = None) -> RulePack:
    """The pack from its parsed data; ``validated`` data (a built-in pack from the start-up cache) skips the
    schema checks; ``defer`` (and ``validated``) prepares each rule's options on first use; a ``user`` pack
    gets the safety checks (bounded options, plain templates, linear regexes) and is prepared at once.
    ``built`` (validated data only: :func:`_built_info` of the same pack, from the start-up cache) lets the
    rules name their kinds without importing the kinds' modules (:func:`_kind_by_name`)."""
    if not validated:
        error = _pack_validator().best_error(data)
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
            raise PackError(file, f"at {where}: {error.message}")

    known = _known_kinds(data, built) if validated else None
    kinds: Mapping[str, Kind] = known[0] if known is not None else registry()
    pack_id = data["pack"]["id"]
    rules = []
    for n, raw in enumerate(data["rules"]):
        reads = known[1][n] if known is not None else None
        rules.append(_rule(file, pack_id, raw, kinds, user, validated, defer and not user, reads))
    tests = {raw["id"]: tuple(raw["tests"]) for raw in data["rules"] if raw.get("tests")}
    return RulePack(pack_id, str(data["pack"]["version"]), _text(data["pack"]["title"]), file, tuple(rules),
                    bool(data["pack"].get("replace", False)), tests)


def _rule(file: Path, pack_id: str, raw: Mapping[str, Any], kinds: Mapping[str, Kind], user: bool = False,
          validated: bool = False, defer: bool = False, reads: tuple[str, ...] | None = None) -> Rule:
    rule_id = raw["id"]
    kind = kinds.get(raw["kind"])
    if kind is None:
        raise PackError(file, f"rule {rule_id}: unknown kind {raw['kind']!r} (known: {', '.join(sorted(kinds))})")
    options = raw.get("options", {})
    if user and (size := _leaves(options)) > MAX_USER_OPTION_ITEMS:  # lexicons: bounded load time
        raise PackError(file, f"rule {rule_id}: options hold {size} values, more than {MAX_USER_OPTION_ITEMS}")
    error = None if validated else kind.options_validator.best_error(options)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path)
        raise PackError(file, f"rule {rule_id}: options{'/' + where if where else ''}: {error.message}")
    when = raw.get("when")
    if when is not None and not validated:
        try:
            conditions.validate(when, linear=user)
        except ValueError as exc:
            raise PackError(file, f"rule {rule_id}: when: {exc}") from None
    messages = () if validated else (("zh", raw["message"]),) if isinstance(raw["message"], str) else \
        raw["message"].items()  # validated data (the start-up cache) passed these checks when it was stored
    for lang, template in messages:
        problem = _template_problem(template) if isinstance(template, str) else ""
        if problem:
            raise PackError(file, f"rule {rule_id}: message.{lang}: {problem}")
    prepared: Any
    if validated or defer:
        prepared = _Deferred(file, rule_id, kind, options)
    else:
        try:
            prepared = kind.prepare(options) if kind.prepare else options
            if user:  # a user's patterns run on the linear-time engine (tstd.regex): no pattern can hang a run
                prepared = linearize(prepared)
        except (ValueError, KeyError, TypeError, RecursionError) as exc:  # e.g. a regex that does not compile
            raise PackError(file, f"rule {rule_id}: options: {exc}") from None
    info = RuleInfo(
        id=rule_id,
        pack=pack_id,
        category=Category(raw["category"]),
        severity=Severity(raw["severity"]),
        title=_text(raw["title"]),
        description=_text(raw.get("description")),
        basis=tuple(Basis(b["document"], b.get("article", ""), b["verified"], b.get("note", ""), b.get("quote", ""),
              b.get("wording", ""), b.get("source", "")) for b in raw["basis"]),
        kind=kind.name,
        evidence=raw.get("evidence", "proven"),
    )
    if reads is None:
        reads = kind.reads(options) if kind.reads is not None else ()
    return Rule(info, kind, prepared, _text(raw["message"]), when, raw.get("examples", {}), reads)


# ---------------------------------------------------------------------------------------------- kinds by name
# A built-in pack from the start-up cache names its rules' kinds without importing their modules: the cache
# entry also holds, from the first build, which module registered each kind (and whether it runs ``last``)
# and what each rule ``reads``. A kind's module is imported when one of its rules first runs or prepares
# its options, so a declaration without fees or notices never loads the fee kinds and their vocabularies.


def _built_info(pack: RulePack) -> tuple[Any, ...]:
    """What :func:`_known_kinds` needs back from a built pack, as plain values: ((kind, module, last), …) and
    every rule's reads, in the order of the pack's rules."""
    kinds = {r.kind.name: (r.kind.name, r.kind.check.__module__, r.kind.last) for r in pack.rules}
    return tuple(kinds.values()), tuple(r.reads for r in pack.rules)


def _known_kinds(data: Any, built: Any) -> tuple[dict[str, Kind], list[tuple[str, ...]]] | None:
    """The kinds (by name, modules not imported) and reads of a cached pack's rules from :func:`_built_info`,
    or None when ``built`` is missing or of another shape (then the registry is imported as for any pack)."""
    try:
        kind_rows, reads = built
        kinds = {name: _kind_by_name(name, module, last) for name, module, last in kind_rows
                 if isinstance(name, str) and isinstance(module, str) and isinstance(last, bool)}
        rules = data["rules"]
        if len(reads) != len(rules) or any(r["kind"] not in kinds for r in rules):
            return None
        if not all(isinstance(r, tuple) and all(isinstance(f, str) for f in r) for r in reads):
            return None
        return kinds, list(reads)
    except (TypeError, ValueError, KeyError):
        return None


@cache
def _kind_by_name(name: str, module: str, last: bool) -> Kind:
    """A stand-in for the kind ``name``: the first call of its check or prepare imports ``module`` (the one that
    registered it) and makes the stand-in the real kind, field by field, so later calls go straight to the
    kind's own functions (no detour per rule and document). ``last`` is known without the import (the engine
    orders its rules by it). Until then its options schema is empty: only validated data is built with it."""

    def become_real() -> Kind:
        real = kind_named(name, module)  # an interrupted import raises here: the stand-in stays as it was
        for attribute in ("check", "options_schema", "prepare", "doc", "reads", "needs"):
            object.__setattr__(stand_in, attribute, getattr(real, attribute))  # frozen: set as __init__ does
        return real

    def check(doc: Any, options: Any, ctx: Any) -> Any:
        return become_real().check(doc, options, ctx)

    def prepare(options: Mapping[str, Any]) -> Any:
        real = become_real()
        return real.prepare(options) if real.prepare is not None else options

    stand_in = Kind(name, check, {}, prepare, "", None, last)
    return stand_in


MAX_USER_OPTION_ITEMS = 20_000  # values in one user rule's options (a fee lexicon of ~2,000 terms and variants)


def _leaves(value: Any) -> int:
    """How many scalar values ``value`` holds, counted without recursion."""
    count = 0
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        else:
            count += 1
    return count


_PLACEHOLDER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _template_problem(template: str) -> str:
    """Why a message template is unsafe ('' when fine): only plain ``{name}`` placeholders are allowed —
    a format spec such as ``{path:>1000000000}`` would allocate a gigabyte per finding, and attribute or
    index access (``{value.__class__}``) reaches into objects."""
    if len(template) > limits.MAX_MESSAGE_CHARS:
        return f"longer than {limits.MAX_MESSAGE_CHARS} characters"
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(template):
            if name is None:
                continue
            if not _PLACEHOLDER.fullmatch(name) or spec or conversion:
                shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                return f"only plain {{name}} placeholders are allowed, not {shown}"
    except ValueError as exc:  # a single { or }
        return f"{exc} (write {{{{ and }}}} for literal braces)"
    return ""


@cache
def _pack_validator() -> SchemaValidator:
    return SchemaValidator(load_schema("rulepack.schema.json"))


@dataclass(frozen=True)
class PackSet:
    """The packs of a run and what the user's packs changed: ``notes`` are shown in the run header."""

    packs: list[RulePack]
    notes: tuple[Text, ...] = ()
    overridden: Mapping[str, Path] = field(default_factory=dict)  # rule id → the user pack that redefines it


def load_packs(extra: Iterable[Path] = (), builtin: bool = True) -> list[RulePack]:
    """The built-in packs (unless ``builtin`` is False) plus the user's (see :func:`load_pack_set`)."""
    return load_pack_set(extra, builtin).packs


def _files(paths: Iterable[Path], explicit: Iterable[Path],
           cache: bool = True) -> list[tuple[Path, Any, bytes | None, Any]]:
    """(file, data, bytes, built) of every pack file; ``bytes`` is None when ``data`` came validated from the
    start-up cache (:mod:`tstd.cache.data`, with ``built``: :func:`_built_info`), else the bytes to record once
    the pack has built without error. User packs (``cache=False``) are always read and checked in full: their
    safety checks are never skipped."""
    from tstd.cache import data as pack_cache  # the cache hook: validated packs as plain data
    from tstd.cache.store import active

    named = set(explicit)
    out: list[tuple[Path, Any, bytes | None, Any]] = []
    for file in paths:
        raw = pack_cache.read_bytes(file) if cache and active() is not None else None
        if raw is not None:
            hit = pack_cache.validated_pack(raw)
            if hit is not None:
                out.append((file, hit[0], None, hit[1]))
                continue
        # Folders of packs may also hold other data (the conduct model has `model:`, not `pack:`): a quick
        # look at the top-level keys skips it without parsing the whole file.
        if file not in named and not _looks_like_pack(file):
            continue
        data = _read(file)
        if file not in named and not (isinstance(data, dict) and ("pack" in data or "rules" in data)):
            continue
        out.append((file, data, raw if raw is not None else b"", None))  # b"": validate (the cache may be off)
    return out


def _build_cached(file: Path, data: Any, raw: bytes | None, built: Any = None) -> RulePack:
    """Build a pack; record its data in the start-up cache once it has validated and built."""
    if raw is None:
        return _build(file, data, validated=True, built=built)
    from tstd.cache import data as pack_cache
    from tstd.cache.store import active

    if active() is None:
        return _build(file, data)
    try:
        plain = pack_cache.to_plain(data)  # taken before building: preparing options may touch the data
    except (TypeError, ValueError):
        plain = None
    pack = _build(file, data, defer=True)  # validated now; options prepared where a rule first runs
    if plain is not None:
        pack_cache.remember_pack(raw, plain, _built_info(pack))
    return pack


def load_pack_set(extra: Iterable[Path] = (), builtin: bool = True) -> PackSet:
    """The built-in packs plus the user's packs (``--rules``, config ``rules``).

    A user pack *adds* rules; a rule whose id is already defined *overrides* that rule in place (same pack,
    same position). Only a pack declaring ``replace: true`` replaces the built-in pack of the same id as a
    whole; that is reported in :attr:`PackSet.notes`. Rule ids must otherwise be unique.
    """
    extra = list(extra)
    explicit = [p for p in extra if p.is_file()]
    packs: dict[str, RulePack] = {}
    for file, data, raw, built in _files(builtin_pack_files() if builtin else [], ()):
        pack = _build_cached(file, data, raw, built)
        packs[pack.id] = pack
    notes: list[Text] = []
    overridden: dict[str, Path] = {}
    defined_by_user: dict[str, Path] = {}
    for file, data, _raw, _built in _files(pack_files(extra), explicit, cache=False):
        pack = _build(file, data, user=True)
        if builtin and pack.replace and pack.id in PROTECTED_PACKS:
            raise PackError(file, f"规则包 {pack.id} 是内置的，不能整体替换（cannot be replaced）：其规则由 tstd 自身报告",
                            f"pack id {pack.id!r} is built in and cannot be replaced: tstd raises its rules "
                            "itself (unreadable files, crashes, timeouts); choose another pack id")
        for rule in pack.rules:
            if rule.id in defined_by_user:
                raise PackError(file, f"规则编号 {rule.id} 已在 {defined_by_user[rule.id]} 中定义",
                                f"rule id {rule.id} is also defined in {defined_by_user[rule.id]}")
            defined_by_user[rule.id] = file
        if pack.replace:
            if pack.id in packs:
                notes.append(Text(f"规则包 {pack.id} 已被 {file} 整体替换（replace: true）",
                                      f"rule pack {pack.id} replaced as a whole by {file} (replace: true)"))
            packs[pack.id] = pack
            continue
        new: list[Rule] = []
        for rule in pack.rules:
            owner = next((p for p in packs.values() if any(r.id == rule.id for r in p.rules)), None)
            if owner is None:
                new.append(rule)
                continue
            if owner.id in PROTECTED_PACKS:
                raise PackError(file, f"规则 {rule.id} 由 tstd 自身报告，不能被用户规则包改写（cannot be redefined）",
                                f"rule {rule.id} is raised by tstd itself and cannot be redefined by a user pack")
            moved = replace(rule, info=_with_pack(rule.info, owner.id))
            packs[owner.id] = _replace_rule(owner, moved)
            overridden[rule.id] = file
        if new:
            base = packs.get(pack.id)
            if base is not None:  # same pack id, no replace: the rules join that pack
                packs[pack.id] = RulePack(base.id, base.version, base.title, base.file, (*base.rules, *new),
                                          base.replace, {**base.tests, **pack.tests})
            else:
                packs[pack.id] = RulePack(pack.id, pack.version, pack.title, pack.file, tuple(new), False,
                                          pack.tests)
    if overridden:
        ids = ", ".join(sorted(overridden))
        notes.append(Text(f"用户规则包覆盖了内置规则：{ids}", f"user packs override built-in rules: {ids}"))
    if builtin and "input" not in packs:
        raise PackError(rules_dir() / "input.yaml", "缺少内置的 input 规则包", "the built-in input pack is missing")
    seen: dict[str, Path] = {}
    for pack in packs.values():
        for rule in pack.rules:
            if rule.id in seen:
                raise PackError(pack.file, f"规则编号 {rule.id} 已在 {seen[rule.id]} 中定义",
                                f"rule id {rule.id} is also defined in {seen[rule.id]}")
            seen[rule.id] = pack.file
    return PackSet(list(packs.values()), tuple(notes), overridden)


def _with_pack(info: RuleInfo, pack_id: str) -> RuleInfo:
    from dataclasses import replace

    return replace(info, pack=pack_id)


def _replace_rule(pack: RulePack, rule: Rule) -> RulePack:
    rules = tuple(rule if r.id == rule.id else r for r in pack.rules)
    return RulePack(pack.id, pack.version, pack.title, pack.file, rules, pack.replace, pack.tests)
