"""Loading a catalogue file: read (UTF-8, UTF-8 with BOM or GBK), validate against the schema, check what a
schema cannot (numbers parse, successors exist, units are known, distinct indicators stay distinct), build the
indexed :class:`~tstd.catalog.index.Catalogue`.

Problems are collected, not raised one at a time, and each names the field path and YAML line so a user fixing
their own catalogue sees every mistake at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tstd.catalog.index import MANDATORY_CODES, Catalogue
from tstd.catalog.model import (
    Applicability,
    CatalogueInfo,
    Confidence,
    Entry,
    Indicator,
    Limit,
    Op,
    ProductClass,
    Status,
)
from tstd.catalog.units import parse_unit
from tstd.identifiers import is_ccs, is_ics, normalize_ccs, normalize_ics
from tstd.identifiers import parse_standard_number as parse_number
from tstd.inputs.textfile import TextDecodeError, decode
from tstd.normalize import text_for_matching
from tstd.resources import data_dir, load_schema
from tstd.validation import SchemaValidator

try:  # the C loader is much faster on the 3 000-line built-in file; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform build of PyYAML
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalogue file."""

    path: str  # standards[3].replaced_by
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}" + (f" (line {self.line})" if self.line else "")
        return f"{where}: {self.message}" if where else self.message


class CatalogueError(Exception):
    """A catalogue file that cannot be used; ``problems`` lists every reason with its location."""

    def __init__(self, source: str, problems: Sequence[Problem]):
        self.source = source
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"目录文件无效 / invalid catalogue {source}:\n{lines}")


# ---------------------------------------------------------------------------------------------- locations


def data_path(*parts: str) -> Path:
    """A file shipped with tstd (``rules/…``, ``schemas/…``), wherever tstd.resources finds the data."""
    return data_dir().joinpath(*parts)


DEFAULT_CATALOGUE = ("rules", "catalogue", "mandatory.yaml")
CATALOGUE_DIR = ("rules", "catalogue")


def builtin_files() -> list[Path]:
    """The built-in catalogue: ``mandatory.yaml`` first, then the family files (``food.yaml`` …) in name order."""
    first = data_path(*DEFAULT_CATALOGUE)
    folder = data_path(*CATALOGUE_DIR)
    others = sorted(p for p in folder.glob("*.yaml") if p.is_file() and p.name != first.name)
    return [first, *others]
SCHEMA = ("schemas", "catalogue.schema.json")


@lru_cache(maxsize=1)
def _validator() -> SchemaValidator:
    return SchemaValidator(load_schema(SCHEMA[-1]))


# ---------------------------------------------------------------------------------------------- reading


def _plain(value: Any) -> Any:
    """YAML dates → ISO strings, so that the JSON schema sees what a JSON catalogue would hold."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def parse_file(path: Path) -> tuple[dict[str, Any], str]:
    """(data, text) of a catalogue file (YAML or JSON); CatalogueError when it does not parse to a mapping."""
    source = str(path)
    try:
        text = decode(path.read_bytes()).text  # UTF-8 with or without BOM, UTF-16, GBK
    except OSError as exc:
        raise CatalogueError(source, [Problem("", f"无法读取 / cannot read: {exc.strerror or exc}")]) from exc
    except TextDecodeError as exc:
        raise CatalogueError(source, [Problem("", f"无法识别的编码 / unreadable text: {exc}")]) from exc
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = Problem("", f"YAML 语法错误 / YAML syntax error: {exc}", line)
        raise CatalogueError(source, [problem]) from exc
    if not isinstance(data, dict):
        problem = Problem("", "顶层应为映射 / top level must be a mapping with `standards:`")
        raise CatalogueError(source, [problem])
    return _plain(data), text


def _line_map(text: str) -> dict[str, int]:
    """Field path → 1-based line, computed only when there are problems to locate."""
    out: dict[str, int] = {}

    def walk(node: yaml.Node, path: str) -> None:
        out.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = str(key.value)
                walk(value, f"{path}.{name}" if path else name)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{path}[{i}]")

    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return out
    if root is not None:
        walk(root, "")
    return out


def _locate(problems: list[Problem], text: str) -> list[Problem]:
    if not problems:
        return problems
    lines = _line_map(text)
    located = []
    for p in problems:
        probe, line = p.path, None
        while probe and line is None:
            line = lines.get(probe)
            probe = probe.rsplit("[", 1)[0] if probe.endswith("]") else probe.rpartition(".")[0]
        located.append(Problem(p.path, p.message, line))
    return located


# ---------------------------------------------------------------------------------------------- building


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(v).strip() for v in items if str(v).strip())


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


@dataclass
class Parts:
    """What one file contributed, before combining with other files and indexing."""

    info: CatalogueInfo
    entries: list[Entry]
    limits: list[Limit]
    indicators: list[Indicator]
    classes: list[ProductClass]


def _build_entry(item: dict[str, Any], path: str, problems: list[Problem]) -> Entry | None:
    number = parse_number(item["number"])
    if number is None:
        problems.append(Problem(f"{path}.number",
                                f"无法识别的标准号 / unreadable standard number {item['number']!r}"))
        return None
    if number.code not in MANDATORY_CODES:
        problems.append(Problem(f"{path}.number",
                                f"{item['number']} 不是强制性国家标准（GB）/ "
                                "not a mandatory national standard (GB); GB/T and GB/Z are recommended"))
        return None
    if number.year is None:
        problems.append(Problem(f"{path}.number",
                                f"标准号缺少年代号 / {item['number']} has no year: an entry is one edition"))
        return None
    successors = []
    for text in _strings(item.get("replaced_by")):
        succ = parse_number(text)
        if succ is None or succ.year is None:
            problems.append(Problem(f"{path}.replaced_by",
                                    f"无法识别的替代标准号 / unreadable successor {text!r}"))
            continue
        if succ.canonical == number.canonical:
            problems.append(Problem(f"{path}.replaced_by",
                                    "标准不能替代自身 / an edition cannot replace itself"))
            continue
        successors.append(succ.canonical)
    ics = tuple(normalize_ics(c) for c in _strings(item.get("ics")))
    ccs = tuple(normalize_ccs(c) for c in _strings(item.get("ccs")))
    problems.extend(Problem(f"{path}.ics", f"ICS 格式错误 / malformed ICS {c!r}")
                    for c in ics if not is_ics(c))
    problems.extend(Problem(f"{path}.ccs", f"CCS 格式错误 / malformed CCS {c!r}")
                    for c in ccs if not is_ccs(c))
    publish, implement = _date(item.get("publish_date")), _date(item.get("implement_date"))
    if publish and implement and implement < publish:
        problems.append(Problem(f"{path}.implement_date",
                                "实施日期早于发布日期 / implement_date before publish_date"))
    return Entry(
        number=number,
        title=" ".join(str(item["title"]).split()),
        status=Status(item["status"]),
        keywords=tuple(dict.fromkeys(text_for_matching(k) for k in item["keywords"] if k.strip())),
        replaced_by=tuple(successors),
        replaced_by_recommended=_strings(item.get("replaced_by_recommended")),
        ics=ics,
        ccs=ccs,
        category=item.get("category", ""),
        confidence=Confidence(item.get("confidence", "unverified")),
        publish_date=publish,
        implement_date=implement,
        withdraw_date=_date(item.get("withdraw_date")),
        partial=item.get("partial", ""),
        source=item.get("source", ""),
        note=item.get("note", ""),
    )


def _build_limit(item: dict[str, Any], path: str, problems: list[Problem]) -> Limit | None:
    number = parse_number(item["standard"])
    if number is None or number.year is None:
        problems.append(Problem(f"{path}.standard", f"无法识别的标准号 / unreadable standard number "
                                                   f"{item['standard']!r} (a limit names one dated edition)"))
        return None
    if parse_unit(item["unit"]) is None:
        problems.append(Problem(f"{path}.unit", f"未知单位 / unknown unit {item['unit']!r}"))
        return None
    scope = item.get("scope") or {}
    applies = Applicability(
        text=item["applies_to"],
        products=tuple(text_for_matching(t) for t in scope.get("products", ())),
        classes=tuple(text_for_matching(t) for t in scope.get("classes", ())),
        exclude=tuple(text_for_matching(t) for t in scope.get("exclude", ())),
    )
    return Limit(
        standard=number.canonical,
        indicator=text_for_matching(item["indicator"]),
        label=item.get("label") or item["indicator"],
        op=Op(item["op"]),
        value=float(item["value"]),
        unit=item["unit"],
        applies=applies,
        confidence=Confidence(item.get("confidence", "unverified")),
        source=item.get("source", ""),
        note=item.get("note", ""),
        basis=item.get("basis", ""),
        method=item.get("method", ""),
    )


def parse_parts(data: dict[str, Any], text: str, source: str, *, validate: bool = True) -> Parts:
    """Validate one parsed catalogue file and turn it into model objects; CatalogueError lists every problem.

    ``validate=False`` skips the JSON-schema pass (a tenth of a second): only for the built-in file, which the
    test suite validates."""
    problems: list[Problem] = []
    errors = _validator().iter_errors(data) if validate else iter(())
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        problems.append(Problem(path, f"不符合目录格式 / schema: {error.message}"))
    if problems:
        raise CatalogueError(source, _locate(problems, text))
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(data.get("standards", [])):
        entry = _build_entry(item, f"standards[{i}]", problems)
        if entry is None:
            continue
        if entry.key in seen:
            problems.append(Problem(f"standards[{i}].number", f"重复条目 / duplicate entry {entry.key} "
                                                               f"(first at {seen[entry.key]})"))
            continue
        seen[entry.key] = f"standards[{i}]"
        entries.append(entry)
    limits = [lim for i, item in enumerate(data.get("limits", []))
              if (lim := _build_limit(item, f"limits[{i}]", problems)) is not None]
    indicators = [
        Indicator(
            name=text_for_matching(item["name"]),
            synonyms=tuple(text_for_matching(s) for s in item.get("synonyms", ())),
            distinct_from=tuple(text_for_matching(s) for s in item.get("distinct_from", ())),
            note=item.get("note", ""),
        )
        for item in data.get("indicators", [])
    ]
    classes = [
        ProductClass(
            name=text_for_matching(item["name"]),
            terms=tuple(text_for_matching(t) for t in item.get("terms", ())),
            includes=tuple(text_for_matching(t) for t in item.get("includes", ())),
        )
        for item in data.get("product_classes", [])
    ]
    if problems:
        raise CatalogueError(source, _locate(problems, text))
    head = data.get("catalogue", {})
    info = CatalogueInfo(head.get("title", ""), str(head.get("version", "")), head.get("compiled", ""),
                         head.get("note", ""), (source,), head.get("family", ""))
    return Parts(info, entries, limits, indicators, classes)


def check_references(catalogue: Catalogue) -> list[Problem]:
    """Cross-entry problems of a combined catalogue: dangling successors, replacement cycles, limits of unknown
    standards, indicator names that merge what ``distinct_from`` keeps apart."""
    problems: list[Problem] = []
    for entry in catalogue.entries.values():
        for succ in entry.replaced_by:
            if succ not in catalogue.entries:
                problems.append(Problem(entry.key,
                                        f"替代标准 {succ} 不在目录中 / "
                                        f"successor {succ} is not in the catalogue"))
        if _cycles(catalogue, entry):
            problems.append(Problem(entry.key, "replaced_by 形成循环 / replaced_by chain loops back"))
    for limit in catalogue.limits:
        if limit.standard not in catalogue.entries:
            problems.append(Problem(f"limits[{limit.standard} {limit.indicator}]",
                                    f"限值所属标准 {limit.standard} 不在目录中 / "
                                    "standard not in the catalogue"))
    for limit in catalogue.limits:
        for ref in (*limit.applies.products, *limit.applies.exclude):
            if ref.startswith("@"):
                problems.append(Problem(f"limits[{limit.standard} {limit.indicator}]",
                                        f"未定义的产品类别 {ref} / product class {ref[1:]} is not defined "
                                        "(product_classes)"))
    for ind in catalogue.indicators.values():
        for other in ind.distinct_from:
            twin = catalogue.indicators.get(other)
            merged = other in ind.synonyms or (twin is not None and ind.name in twin.synonyms)
            if merged:
                problems.append(Problem(f"indicators[{ind.name}]",
                                        f"{ind.name} 与 {other} 应区分，却被列为同义词 / "
                                        f"{ind.name} and {other} are declared distinct but one lists the "
                                        "other as a synonym"))
    return problems


def _cycles(catalogue: Catalogue, start: Entry) -> bool:
    seen = {start.key}
    frontier = list(start.replaced_by)
    while frontier:
        key = frontier.pop()
        if key == start.key:
            return True
        if key in seen or key not in catalogue.entries:
            continue
        seen.add(key)
        frontier.extend(catalogue.entries[key].replaced_by)
    return False


def combine(parts: Iterable[Parts]) -> Catalogue:
    """One catalogue from several files, later files overriding earlier entries with the same number and adding
    their limits and indicators (an indicator of the same name gains the later file's synonyms)."""
    infos: list[CatalogueInfo] = []
    entries: list[Entry] = []
    limits: list[Limit] = []
    indicators: dict[str, Indicator] = {}
    classes: dict[str, ProductClass] = {}
    for part in parts:
        infos.append(part.info)
        for cls in part.classes:
            old_cls = classes.get(cls.name)
            if old_cls is not None:  # a later file extends a class (a user adds 富硒米 to 大米)
                cls = ProductClass(cls.name, tuple(dict.fromkeys(old_cls.terms + cls.terms)),
                                   tuple(dict.fromkeys(old_cls.includes + cls.includes)))
            classes[cls.name] = cls
        entries.extend(part.entries)
        replaced = {e.key for e in part.entries}
        # An entry redefined with its own limits drops the earlier file's limits for it.
        limits = [lim for lim in limits
                  if lim.standard not in replaced or not _has_limits(part, lim.standard)]
        limits.extend(part.limits)
        for ind in part.indicators:
            old = indicators.get(ind.name)
            if old is not None:
                ind = Indicator(ind.name,
                                tuple(dict.fromkeys(old.synonyms + ind.synonyms)),
                                tuple(dict.fromkeys(old.distinct_from + ind.distinct_from)),
                                ind.note or old.note)
            indicators[ind.name] = ind
    first = infos[0] if infos else CatalogueInfo()
    info = CatalogueInfo(first.title, first.version, first.compiled, first.note,
                         tuple(s for i in infos for s in i.sources))
    limits = [_expanded(lim, classes) for lim in limits]
    known = {lim.indicator for lim in limits}
    for name in sorted(known - indicators.keys()):
        indicators[name] = Indicator(name)  # a user limit may name an indicator without declaring synonyms
    return Catalogue.build(info, entries, limits, indicators.values())


def class_terms(name: str, classes: dict[str, ProductClass], seen: frozenset[str] = frozenset()) -> list[str]:
    """Every term of a product class and of the classes it includes (cycles end the walk)."""
    cls = classes.get(name)
    if cls is None or name in seen:
        return []
    out = list(cls.terms)
    for sub_name in cls.includes:
        out.extend(class_terms(sub_name, classes, seen | {name}))
    return out


def _expand(terms: tuple[str, ...], classes: dict[str, ProductClass]) -> tuple[str, ...]:
    out: list[str] = []
    for term in terms:
        if term.startswith("@") and term[1:] in classes:
            out.extend(class_terms(term[1:], classes))
        else:
            out.append(term)  # an unknown @class stays as it is: check_references reports it
    return tuple(dict.fromkeys(out))


def _expanded(limit: Limit, classes: dict[str, ProductClass]) -> Limit:
    applies = limit.applies
    if not any(t.startswith("@") for t in (*applies.products, *applies.exclude)):
        return limit
    return replace(limit, applies=replace(applies, products=_expand(applies.products, classes),
                                          exclude=_expand(applies.exclude, classes)))


def _has_limits(part: Parts, standard: str) -> bool:
    return any(lim.standard == standard for lim in part.limits)


def load_catalogue(paths: Sequence[Path | str] = (), *, replace: bool = False) -> Catalogue:
    """The catalogue to check against: the built-in one plus ``paths`` (added on top), or only ``paths`` when
    ``replace`` is true. Raises CatalogueError with every problem found."""
    files = [Path(p) for p in paths]
    builtin = builtin_files()
    if not replace or not files:
        files[:0] = builtin
    # Cache hook: the combined catalogue (normalised, indexed, with the matcher's terms) is reused while the files'
    # bytes are unchanged; a file-new ``tstd check`` then skips parsing, normalising and checking it again.
    from tstd.cache.data import built_catalogue
    from tstd.catalog import snapshot

    return built_catalogue(files, lambda: _load(files, builtin), _snapshot_of, snapshot.decode)


def _snapshot_of(catalogue: Catalogue) -> Any:
    from tstd.catalog import snapshot
    from tstd.catalog.matching import OverlapMatcher

    OverlapMatcher(catalogue)  # computes the matcher's terms into catalogue.precomputed, stored with it
    return snapshot.encode(catalogue)


def _load(files: list[Path], builtin: list[Path]) -> Catalogue:
    from tstd.cache.data import catalogue_file  # cache hook: a file's parse is reused while its bytes are unchanged

    parts = []
    for path in files:
        data, text = catalogue_file(path, parse_file)
        parts.append(parse_parts(data, text, str(path), validate=path not in builtin))
    catalogue = combine(parts)
    problems = check_references(catalogue)
    if problems:
        raise CatalogueError(", ".join(str(p) for p in files), problems)
    return catalogue
