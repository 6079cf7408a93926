"""Which rules run on which file, at which severity: ``ignore``/``select`` (ids or id prefixes), per-rule
severity overrides (``off`` leaves the rule out) and per-file settings (globs relative to the config file).

A :class:`Policy` is plain, picklable data (batch workers rebuild the engine from it). Every id it names must
match at least one loaded rule: :func:`unknown_ids` finds those that do not, with a did-you-mean.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from tstd.model import Category, Severity

SEVERITY_CHOICES = ("error", "warning", "info", "off")


def split_ids(values: Iterable[str]) -> tuple[str, ...]:
    """``["A,B", " c "]`` → ``("A", "B", "C")``: comma lists accepted, blanks dropped, upper-cased."""
    out: list[str] = []
    for value in values:
        out.extend(part.strip().upper() for part in value.replace("，", ",").split(",") if part.strip())
    return tuple(out)


def matches(rule_id: str, patterns: Sequence[str]) -> bool:
    """Whether ``rule_id`` is one of ``patterns`` or starts with one (``TSTD-FMT`` covers ``TSTD-FMT-003``)."""
    return any(rule_id == p or rule_id.startswith(p) for p in patterns)


@dataclass(frozen=True)
class Selection:
    """One layer of settings: the whole run (config top level, command line) or one ``per-file`` entry."""

    ignore: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (id or prefix, error|warning|info|off)
    origin: str = ""  # where these settings were written (a config file, the command line), for messages

    def ids(self) -> list[tuple[str, str]]:
        """(where, id) of every id this layer names, for validation."""
        return ([("ignore", i) for i in self.ignore] + [("select", i) for i in self.select]
                + [("severity", i) for i, _ in self.severity])


@dataclass(frozen=True)
class PerFile:
    """Settings for the files matching ``files`` (globs relative to ``root``, the config file's folder)."""

    root: str
    files: tuple[str, ...]
    selection: Selection = field(default_factory=Selection)

    def applies(self, path: str) -> bool:
        rel = _relative(path, self.root)
        return rel is not None and any(glob_regex(g).fullmatch(rel) for g in self.files)


@dataclass(frozen=True)
class Decision:
    """What the policy says for one rule on one file: run it or not, and at which severity (None: the rule's)."""

    run: bool
    severity: Severity | None = None


@dataclass(frozen=True)
class Policy:
    """The run's rule selection; :meth:`decide` answers per rule and file."""

    base: Selection = field(default_factory=Selection)
    per_file: tuple[PerFile, ...] = ()
    command_line: Selection = field(default_factory=Selection)  # --ignore/--select: applied last

    def layers(self, path: str | None) -> tuple[Selection, ...]:
        """The base layer and the per-file layers matching ``path``, in increasing precedence."""
        if path is None or not self.per_file:
            return (self.base, self.command_line)
        return (self.base, *(p.selection for p in self.per_file if p.applies(path)), self.command_line)

    def decide(self, rule_id: str, category: Category, layers: Sequence[Selection]) -> Decision:
        # Input rules say why a file could not be checked at all; only naming one exactly leaves it out.
        exact_only = category is Category.INPUT
        run = True
        severity: Severity | None = None
        for layer in layers:
            if layer.select and not _hit(rule_id, layer.select, exact_only) and not exact_only:
                run = False
            if _hit(rule_id, layer.ignore, exact_only):
                run = False
            chosen = _most_specific(rule_id, layer.severity, exact_only)
            if chosen == "off":
                run = False
            elif chosen is not None:
                severity = Severity(chosen)
        return Decision(run, severity)

    def ids(self) -> list[tuple[str, str]]:
        """(where, id) of every id named anywhere, ``where`` naming the file or option and the key."""
        def at(sel: Selection, prefix: str = "") -> list[tuple[str, str]]:
            head = f"{sel.origin}: " if sel.origin else ""
            return [(f"{head}{prefix}{where}", i) for where, i in sel.ids()]

        out = at(self.base)
        for n, p in enumerate(self.per_file):
            out += at(p.selection, f"per-file[{n}].")
        return out + at(self.command_line)


def _hit(rule_id: str, patterns: Sequence[str], exact_only: bool) -> bool:
    return rule_id in patterns if exact_only else matches(rule_id, patterns)


def _most_specific(rule_id: str, pairs: Sequence[tuple[str, str]], exact_only: bool) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, level in pairs:
        hit = rule_id == pattern or (not exact_only and rule_id.startswith(pattern))
        if hit and (best is None or len(pattern) >= best[0]):
            best = (len(pattern), level)
    return best[1] if best else None


def suggest(wrong: str, known: Iterable[str]) -> str:
    """The closest known id or prefix to ``wrong`` ('' when nothing is close)."""
    import difflib  # only for an id that names no rule

    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return close[0] if close else ""


def prefixes(rule_ids: Iterable[str]) -> set[str]:
    """Every id and every dash-separated head of one (``TSTD``, ``TSTD-FMT``, ``TSTD-FMT-001``)."""
    out: set[str] = set()
    for rid in rule_ids:
        parts = rid.split("-")
        out.update("-".join(parts[:n]) for n in range(1, len(parts) + 1))
    return out


def unknown_ids(ids: Iterable[tuple[str, str]], rule_ids: Iterable[str]) -> list[tuple[str, str, str]]:
    """(where, id, suggestion) for every id that matches no rule, neither exactly nor as a prefix."""
    known = list(rule_ids)
    heads = prefixes(known)
    out = []
    for where, rid in ids:
        if not any(k == rid or k.startswith(rid) for k in known):
            out.append((where, rid, suggest(rid, heads)))
    return out


# ---------------------------------------------------------------------- globs


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A gitignore-like glob as a regex over '/'-separated relative paths: ``**`` crosses folders, ``*`` and
    ``?`` do not; a pattern without '/' matches the file name in any folder (``*.json``)."""
    pattern = pattern.strip().replace("\\", "/")
    if pattern.startswith("./"):
        pattern = pattern[2:]
    if "/" not in pattern.rstrip("/"):
        pattern = "**/" + pattern
    if pattern.endswith("/"):
        pattern += "**"
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c))
        i += 1
    return re.compile("".join(out))


def _relative(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with '/' separators; None when it is not below ``root``."""
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive on Windows
        return None
    if rel == ".." or rel.startswith(".." + os.sep):
        return None
    return rel.replace(os.sep, "/")


def glob_matches(path: str, root: str, pattern: str) -> bool:
    """Whether ``path`` (a file) matches ``pattern`` taken relative to ``root``."""
    rel = _relative(path, root)
    return rel is not None and glob_regex(pattern).fullmatch(rel) is not None
