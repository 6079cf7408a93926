"""The Document: one declaration as loaded, with where each field came from."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_MISSING = object()
_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@lru_cache(maxsize=8192)  # the same few hundred paths are asked for in every file: parse each once
def split_path(path: str) -> tuple[str | int, ...]:
    """``standard.patents.items[0].holder`` → ``('standard', 'patents', 'items', 0, 'holder')``."""
    return tuple(int(idx) if idx else name for name, idx in _SEGMENT.findall(path))


def get_path(data: Any, path: str, default: Any = None) -> Any:
    """The value at a concrete dotted path, or ``default`` when any step is missing or of the wrong type."""
    node = data
    for step in split_path(path):
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return default
            node = node[step]
        else:
            if not isinstance(node, dict) or step not in node:
                return default
            node = node[step]
    return node


def expand_path(data: Any, pattern: str) -> list[tuple[str, Any]]:
    """Resolve a path pattern where ``[]`` means every list item; returns (concrete path, value) pairs.

    Missing leaves are returned with the value ``None`` so that ``required`` rules can report them; a
    missing list yields no pairs below it.
    """
    parts = _pattern_parts(pattern)
    if len(parts) == 1 and not parts[0][1]:  # no wildcard: one lookup (most rules)
        node = data
        for name in parts[0][0]:
            node = node.get(name) if isinstance(node, dict) else None
        return [(pattern, node)]
    results: list[tuple[str, Any]] = [("", data)]
    for names, wildcard in parts:
        nxt: list[tuple[str, Any]] = []
        for prefix, node in results:
            for name in names:
                prefix = f"{prefix}.{name}" if prefix else name
                node = node.get(name) if isinstance(node, dict) else None
            if wildcard:
                if isinstance(node, list):
                    nxt.extend((f"{prefix}[{i}]", item) for i, item in enumerate(node))
            else:
                nxt.append((prefix, node))
        results = nxt
    return results


@lru_cache(maxsize=4096)
def _pattern_parts(pattern: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    """``a.b[].c.d`` → ``((('a', 'b'), True), (('c', 'd'), False))``: runs of keys, each ending in a list or not."""
    parts: list[tuple[tuple[str, ...], bool]] = []
    run: list[str] = []
    for part in pattern.split("."):
        if part.endswith("[]"):
            parts.append(((*run, part[:-2]), True))
            run = []
        else:
            run.append(part)
    if run or not parts:
        parts.append((tuple(run), False))
    return tuple(parts)


@dataclass
class Document:
    """A loaded declaration.

    ``data`` is the parsed mapping (the organisation resolved inline when given as a path); ``lines`` maps
    concrete field paths to 1-based YAML lines; ``sources`` maps a path prefix to the other file it came
    from (``organization`` → ``org.yaml``), so findings point at the right file.
    """

    path: Path
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    source_lines: dict[str, int] = field(default_factory=dict)
    pdf: Any = None  # facts extracted from the standard's PDF, when the PDF layer provides them
    pdf_only: bool = False  # a PDF checked without a declaration: only the format pack applies
    derived: dict[str, Any] = field(default_factory=dict, repr=False)  # per-document values kinds share
    _expanded: dict[str, list[tuple[str, Any]]] = field(default_factory=dict, repr=False, compare=False)

    def derive(self, key: str, build: Callable[[Document], T]) -> T:
        """A value computed from this document once and shared by every rule (e.g. the typed fee items)."""
        if key not in self.derived:
            self.derived[key] = build(self)
        value: T = self.derived[key]
        return value

    def get(self, path: str, default: Any = None) -> Any:
        return get_path(self.data, path, default)

    def expand(self, pattern: str) -> list[tuple[str, Any]]:
        """(concrete path, value) of every field ``pattern`` names (:func:`expand_path`). Remembered per
        pattern like :meth:`derive` (the rules of a run ask for the same fields many times), so the list
        is shared: read it, never change it; and the data must not change once rules read it."""
        found = self._expanded.get(pattern)
        if found is None:
            found = self._expanded[pattern] = expand_path(self.data, pattern)
        return found

    def has_any(self, patterns: Iterable[str]) -> bool:
        """Whether any of the path ``patterns`` holds a non-empty value."""
        return any(value not in (None, "", [], {}) for pattern in patterns for _, value in self.expand(pattern))

    def locate(self, path: str) -> tuple[Path | None, int | None]:
        """(other file or None, line) of a field path; walks up to the nearest located ancestor."""
        source = next((p for prefix, p in self.sources.items() if path == prefix or path.startswith(prefix + ".")),
                      None)
        table = self.source_lines if source is not None else self.lines
        probe = path
        while probe:
            if probe in table:
                return source, table[probe]
            probe = _parent(probe)
        return source, None

    @property
    def standard_number(self) -> str | None:
        """The declared number in its canonical typeset form (``T/CAS 3—2021``), or as written when malformed."""
        from tstd.identifiers import parse_group_number

        value = self.get("standard.number")
        if not isinstance(value, str) or not value.strip():
            return None
        parsed = parse_group_number(value)
        return parsed.canonical.replace("-", "—") if parsed else value.strip()

    @property
    def organization_name(self) -> str | None:
        value = self.get("organization.name")
        return value if isinstance(value, str) and value.strip() else None


def _parent(path: str) -> str:
    """``a.b[2]`` → ``a.b``; ``a.b`` → ``a``; ``a`` → ``''``."""
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rsplit(".", 1)[0] if "." in path else ""
