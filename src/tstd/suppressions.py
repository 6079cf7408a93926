"""Suppressions: inline comments in declarations and waiver files.

Inline, in a YAML declaration (read from the raw text lines, so the loader's line map locates the finding)::

    fee: 参编费 5000 元   # tstd: ignore[TSTD-FEE-015] 理事会 2024-03 决议，已退还
    # tstd: ignore-file[TSTD-FMT] 本标准为修订草案，格式另行审查

``ignore`` applies to findings on its own line; ``ignore-file`` (on a line of its own) to the whole file. A
reason is required; a comment without one, or without ids, is itself a finding (TSTD-RUN-002) and suppresses
nothing; a comment that suppressed nothing is reported as unused (TSTD-RUN-003, info).

A waiver file (YAML) waives rules for files matching a glob, until a date::

    waivers:
      - {rule: TSTD-DISC-044, files: "legacy/**", reason: 旧标准整体复审中, expires: 2026-12-31}

Suppressed findings are kept, marked with :class:`~tstd.model.Suppression`; they never count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tstd.errors import DataFileError
from tstd.i18n import Text
from tstd.model import Finding, Hit, Suppression
from tstd.policy import glob_matches, matches, split_ids

BAD_COMMENT = "TSTD-RUN-002"
UNUSED = "TSTD-RUN-003"
EXPIRED = "TSTD-RUN-004"
UNKNOWN_ID = "TSTD-RUN-005"

# A YAML comment starts at '#' at the line start or after whitespace; '#' inside a word is text.
_COMMENT = re.compile(r"(?:^|\s)#\s*tstd\s*:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Inline:
    """One ``# tstd: ignore…`` comment."""

    line: int
    whole_file: bool
    ids: tuple[str, ...]
    reason: str
    text: str  # the comment as written, for messages


def parse_inline(text: str) -> list[Inline]:
    """Every suppression comment in a declaration's text."""
    out: list[Inline] = []
    if "tstd" not in text:
        return out
    for n, raw in enumerate(text.splitlines(), 1):
        m = _COMMENT.search(raw)
        if m is None:
            continue
        whole = m.group(1).lower() == "ignore-file"
        ids = split_ids([m.group(2) or ""])
        reason = m.group(3).strip().lstrip("：:—-– ").strip()
        out.append(Inline(n, whole, ids, reason, raw[m.start():].strip()))
    return out


def apply_inline(findings: Sequence[Finding], comments: Sequence[Inline], known: Iterable[str],
                 ) -> tuple[list[Finding], list[tuple[str, Hit]]]:
    """Mark findings suppressed by ``comments``; returns them and the hits of new findings (rule, hit) about
    the comments themselves: incomplete, unknown ids, unused."""
    from tstd.policy import prefixes, suggest

    known = list(known)
    heads = prefixes(known)
    problems: list[tuple[str, Hit]] = []
    valid: list[Inline] = []
    for c in comments:
        if not c.ids or not c.reason:
            problem = Text("缺少规则编号" if not c.ids else "缺少理由", "no rule id" if not c.ids else "no reason")
            problems.append((BAD_COMMENT, Hit(line=c.line, params={"comment": c.text, "problem": problem.zh,
                                                                   "problem_en": problem.en})))
            continue
        for rid in c.ids:
            if not any(k == rid or k.startswith(rid) for k in known):
                hint = suggest(rid, heads)
                problems.append((UNKNOWN_ID, Hit(line=c.line, params={
                    "id": rid, "suggestion": f"（是否为 {hint}？）" if hint else "",
                    "suggestion_en": f" (did you mean {hint}?)" if hint else ""})))
        valid.append(c)
    used: set[int] = set()
    out = []
    for f in findings:
        if f.suppressed is None and f.source is None:
            for c in valid:
                if (c.whole_file or c.line == f.line) and matches(f.rule, c.ids):
                    f = replace(f, suppressed=Suppression("inline", c.reason))
                    used.add(c.line)
                    break
        out.append(f)
    for c in valid:
        if c.line not in used:
            problems.append((UNUSED, Hit(line=c.line, params={"rules": ", ".join(c.ids)})))
    return out, problems


# ---------------------------------------------------------------------- waivers


@dataclass(frozen=True)
class Waiver:
    """Waive ``rule`` (id or prefix) for files matching ``files`` (relative to ``root``) until ``expires``."""

    rule: str
    files: str
    reason: str
    expires: dt.date | None
    root: str
    source: str  # the waiver file, for messages

    def covers(self, path: str, rule: str) -> bool:
        return matches(rule, (self.rule,)) and glob_matches(path, self.root, self.files)


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """Read a waiver file; raises DataFileError naming the entry and key when it is malformed."""
    from tstd import yamlfile  # the YAML reader only when there is a waiver file: not on a cached run

    data = yamlfile.load(path)
    items = data.get("waivers") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise DataFileError(Text("应包含 waivers: 列表", "must hold a `waivers:` list"),
                            Text("示例：waivers: [{rule: TSTD-DISC-044, files: \"legacy/**\", reason: …, expires: 2026-12-31}]",
                                 "e.g. waivers: [{rule: TSTD-DISC-044, files: \"legacy/**\", reason: …, expires: 2026-12-31}]"),
                            file=path)
    out = []
    root = str(path.resolve().parent)
    for n, item in enumerate(items):
        key = f"waivers[{n}]"
        if not isinstance(item, dict):
            raise DataFileError(Text("应为映射", "must be a mapping"), file=path, key=key)
        for required in ("rule", "files", "reason"):
            if not str(item.get(required) or "").strip():
                raise DataFileError(Text(f"缺少 {required}", f"{required} is missing"),
                                    Text("每条豁免都需要 rule、files、reason（expires 可选）",
                                         "every waiver needs rule, files and reason (expires is optional)"),
                                    file=path, key=key)
        expires = _date(item.get("expires"), path, f"{key}.expires")
        files = item["files"]
        for pattern in files if isinstance(files, list) else [files]:
            out.append(Waiver(str(item["rule"]).strip().upper(), str(pattern), str(item["reason"]).strip(),
                              expires, root, str(path)))
    return tuple(out)


def _date(value: Any, path: Path, key: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DataFileError(Text(f"日期“{value}”无效", f"invalid date {value!r}"),
                            Text("日期写作 YYYY-MM-DD", "write dates as YYYY-MM-DD"), file=path, key=key) from None


def apply_waivers(findings: Sequence[Finding], path: str, waivers: Sequence[Waiver], today: dt.date,
                  ) -> tuple[list[Finding], list[tuple[str, Hit]]]:
    """Mark findings on ``path`` covered by a current waiver; an expired waiver that would have covered one
    becomes a finding (TSTD-RUN-004) and the finding counts again."""
    problems: list[tuple[str, Hit]] = []
    expired_seen: set[int] = set()
    out = []
    for f in findings:
        if f.suppressed is None:
            for n, w in enumerate(waivers):
                if not w.covers(path, f.rule):
                    continue
                if w.expires is not None and w.expires < today:
                    if n not in expired_seen:
                        expired_seen.add(n)
                        problems.append((EXPIRED, Hit(params={"rule": w.rule, "file": w.source,
                                                              "expires": w.expires.isoformat()})))
                    continue
                f = replace(f, suppressed=Suppression("waiver", w.reason))
                break
        out.append(f)
    return out, problems
