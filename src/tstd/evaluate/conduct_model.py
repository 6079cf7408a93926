"""The good-conduct indicator model (指标模型): a tree of indicators loaded from YAML and validated once.

The model is data so that the points of GB/T 20004.2 (not public to us) or a local table can replace the
tool's default model without code changes. A leaf carries its points and one or more *measures* (how its
share of the points is earned); a parent's points are the sum of its children's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tstd import yamlfile
from tstd.model import Basis, Category, Finding, Severity, Text
from tstd.resources import load_schema, rules_dir
from tstd.validation import SchemaValidator

DEFAULT_MODEL = "conduct.yaml"


class ModelError(ValueError):
    """A model file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Condition:
    """``applies_if``: a standard counts for a measure only when ``field`` equals ``equals``."""

    field: str
    equals: Any


@dataclass(frozen=True)
class Selector:
    """Which findings a measure or veto looks at.

    A finding is in scope when its category, rule id or rule-id prefix is listed (nothing listed means
    every finding), and then only if its path starts with one of ``paths`` (when given), not with one of
    ``exclude_paths``, its rule is not excluded, and its severity is listed.
    """

    categories: frozenset[Category] = frozenset()
    rules: frozenset[str] = frozenset()
    rule_prefixes: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    exclude_paths: tuple[str, ...] = ()
    exclude_rules: frozenset[str] = frozenset()
    severities: frozenset[Severity] = frozenset(Severity)

    def matches(self, finding: Finding) -> bool:
        """True when ``finding`` counts for this selector."""
        scoped = not (self.categories or self.rules or self.rule_prefixes) or (
            finding.category in self.categories
            or finding.rule in self.rules
            or finding.rule.startswith(self.rule_prefixes)
        )
        return (
            scoped
            and finding.severity in self.severities
            and finding.rule not in self.exclude_rules
            and (not self.paths or _under(finding.path, self.paths))
            and not _under(finding.path, self.exclude_paths)
        )


def any_match(selectors: tuple[Selector, ...], finding: Finding) -> bool:
    """A ``select:`` may list several selectors: a finding counts when any of them matches."""
    return any(s.matches(finding) for s in selectors)


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    """``standard.patents.items[0]`` is under ``standard.patents`` (but not under ``standard.pat``)."""
    return any(path == p or path.startswith((p + ".", p + "[")) for p in prefixes)


@dataclass(frozen=True)
class Measure:
    """One way a leaf earns points. ``kind`` is one of fields | count | findings_free | self_assessment."""

    kind: str
    weight: float = 1.0
    scope: str = "standard"  # organization | standard (fields, count)
    fields: tuple[tuple[str, ...], ...] = ()  # each entry: alternative paths, any one present is enough
    field: str = ""  # count
    full: float = 0.0  # count
    select: tuple[Selector, ...] = ()  # findings_free: any of these
    applies_if: Condition | None = None

    @property
    def automatic(self) -> bool:
        return self.kind != "self_assessment"


@dataclass(frozen=True)
class Indicator:
    """A node of the tree. Leaves have ``points`` and ``measures``; parents have ``children``."""

    id: str
    title: Text
    points: float = 0.0
    measures: tuple[Measure, ...] = ()
    children: tuple[Indicator, ...] = ()
    description: Text | None = None
    evidence: Text | None = None
    action: Text | None = None
    basis: tuple[Basis, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def max_points(self) -> float:
        return self.points if self.is_leaf else sum(c.max_points for c in self.children)

    @property
    def method(self) -> str | None:
        """auto, self or both for a leaf (derived from its measures); None for a parent."""
        if not self.is_leaf:
            return None
        kinds = {m.automatic for m in self.measures}
        return "both" if len(kinds) == 2 else ("auto" if True in kinds else "self")

    def walk(self) -> Iterator[Indicator]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Level:
    id: str
    title: Text
    min_percent: float


@dataclass(frozen=True)
class Veto:
    """Findings that cap the level (否决项): ``cap`` is the highest level allowed, None for no level at all."""

    id: str
    title: Text
    select: tuple[Selector, ...]
    cap: str | None
    basis: tuple[Basis, ...] = ()


@dataclass(frozen=True)
class ConductModel:
    id: str
    version: str
    title: Text
    official: bool
    complete: bool
    notice: Text
    indicators: tuple[Indicator, ...]
    levels: tuple[Level, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    basis: tuple[Basis, ...] = ()
    unevidenced_factor: float = 0.5
    source: str = ""

    @property
    def max_points(self) -> float:
        return sum(i.max_points for i in self.indicators)

    def walk(self) -> Iterator[Indicator]:
        for indicator in self.indicators:
            yield from indicator.walk()

    def find(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.walk() if i.id == indicator_id), None)

    def level_rank(self, level_id: str) -> int:
        """Position of a level from the lowest threshold up (for capping)."""
        ordered = sorted(self.levels, key=lambda lv: lv.min_percent)
        return next(i for i, lv in enumerate(ordered) if lv.id == level_id)


# ---------------------------------------------------------------- loading


@cache
def _validator() -> SchemaValidator:
    return SchemaValidator(load_schema("conduct-model.schema.json"))


def default_model_path() -> Path:
    """The tool's default model, ``rules/conduct.yaml``."""
    return rules_dir() / DEFAULT_MODEL


def load_model(path: Path | None = None) -> ConductModel:
    """Load and validate a model file (the default model when ``path`` is None); raises ModelError."""
    path = path or default_model_path()
    try:
        raw = yamlfile.parse_raw(path.read_text(encoding=yamlfile.ENCODING))  # tstd's one YAML policy
    except OSError as exc:
        raise ModelError(f"{path}: 无法读取模型文件 / cannot read the model: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise ModelError(f"{path}: 模型文件应为 UTF-8 编码 / the model must be UTF-8 ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        raise ModelError(f"{path}: 模型文件不是有效的 YAML / not valid YAML: {exc}") from exc
    return parse_model(raw, str(path))


def parse_model(raw: Any, source: str = "<model>") -> ConductModel:
    """Validate a parsed model mapping against the schema and the tree's own rules; raises ModelError."""
    error = _validator().best_error(raw)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise ModelError(f"{source}: {where}: {error.message}")
    head = raw["model"]
    model = ConductModel(
        id=head["id"],
        version=head["version"],
        title=_text(head["title"]),
        official=head["official"],
        complete=head.get("complete", True),
        notice=_text(head["notice"]),
        basis=_bases(head.get("basis")),
        indicators=tuple(_indicator(i) for i in raw["indicators"]),
        levels=tuple(Level(lv["id"], _text(lv["title"]), float(lv["min_percent"])) for lv in raw.get("levels", [])),
        vetoes=tuple(
            Veto(v["id"], _text(v["title"]), _selectors(v["select"]), v["cap"], _bases(v.get("basis")))
            for v in raw.get("vetoes", [])
        ),
        unevidenced_factor=float(raw.get("scoring", {}).get("unevidenced_factor", 0.5)),
        source=source,
    )
    _check_tree(model, source)
    return model


def _check_tree(model: ConductModel, source: str) -> None:
    """What the schema cannot say: unique ids, children numbered under their parent, known level caps."""
    seen: set[str] = set()
    for top in model.indicators:
        for node in top.walk():
            if node.id in seen:
                raise ModelError(f"{source}: 指标编号重复 / duplicate indicator id {node.id!r}")
            seen.add(node.id)
            for child in node.children:
                if not child.id.startswith(node.id + "."):
                    raise ModelError(
                        f"{source}: 指标 {child.id!r} 应编号在 {node.id!r} 之下 / "
                        f"indicator {child.id!r} must be numbered under its parent {node.id!r}"
                    )
    level_ids = [lv.id for lv in model.levels]
    if len(set(level_ids)) != len(level_ids):
        raise ModelError(f"{source}: 等级编号重复 / duplicate level id")
    for veto in model.vetoes:
        if veto.cap is not None and veto.cap not in level_ids:
            raise ModelError(f"{source}: 否决项 {veto.id!r} 的 cap {veto.cap!r} 不是已定义的等级 / unknown level")


def _text(raw: dict[str, str]) -> Text:
    return Text(raw["zh"], raw.get("en", ""))


def _bases(raw: list[dict[str, Any]] | None) -> tuple[Basis, ...]:
    return tuple(
        Basis(b["document"], b.get("article", ""), b["verified"], b.get("note", ""), b.get("quote", ""),
              b.get("wording", ""), b.get("source", "")) for b in raw or ()
    )


def _selector(raw: dict[str, Any]) -> Selector:
    return Selector(
        categories=frozenset(Category(c) for c in raw.get("categories", ())),
        rules=frozenset(raw.get("rules", ())),
        rule_prefixes=tuple(raw.get("rule_prefixes", ())),
        paths=tuple(raw.get("paths", ())),
        exclude_paths=tuple(raw.get("exclude_paths", ())),
        exclude_rules=frozenset(raw.get("exclude_rules", ())),
        severities=frozenset(Severity(s) for s in raw.get("severities", [s.value for s in Severity])),
    )


def _selectors(raw: dict[str, Any] | list[dict[str, Any]] | None) -> tuple[Selector, ...]:
    if raw is None:
        return ()
    return tuple(_selector(r) for r in (raw if isinstance(raw, list) else [raw]))


def _measure(raw: dict[str, Any]) -> Measure:
    when = raw.get("applies_if")
    return Measure(
        kind=raw["kind"],
        weight=float(raw.get("weight", 1.0)),
        scope=raw.get("scope", "standard"),
        fields=tuple((f,) if isinstance(f, str) else tuple(f) for f in raw.get("fields", ())),
        field=raw.get("field", ""),
        full=float(raw.get("full", 0)),
        select=_selectors(raw.get("select")),
        applies_if=Condition(when["field"], when["equals"]) if when else None,
    )


def _indicator(raw: dict[str, Any]) -> Indicator:
    def opt(key: str) -> Text | None:
        return _text(raw[key]) if key in raw else None

    return Indicator(
        id=raw["id"],
        title=_text(raw["title"]),
        points=float(raw.get("points", 0)),
        measures=tuple(_measure(m) for m in raw.get("measures", ())),
        children=tuple(_indicator(c) for c in raw.get("children", ())),
        description=opt("description"),
        evidence=opt("evidence"),
        action=opt("action"),
        basis=_bases(raw.get("basis")),
    )


def model_files() -> list[Path]:
    """The default model and the extra models shipped in ``rules/models/``."""
    extra = rules_dir() / "models"
    return [default_model_path(), *sorted(extra.glob("*.yaml"))]


__all__ = [
    "ConductModel", "Indicator", "Level", "Measure", "ModelError", "Selector", "Veto", "any_match",
    "default_model_path", "load_model", "model_files", "parse_model",
]
