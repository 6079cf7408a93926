"""What the HTML and Markdown evaluation reports show, prepared once for both (Chinese, publishable).

The report is the document an organisation publishes, so it must read as Chinese prose: field paths
(``standard.release_document.url``) become the field names of the schemas' descriptions, the English half
of bilingual scoring notes (``… / self-assessed below full``) is dropped, the model file is named without
the path it was installed under, and every finding is printed once — in the standards section, with the
indicators it cost points — while the score table and the improvement actions refer to it by number.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tstd.evaluate.answers import Problem
from tstd.evaluate.result import Evaluation, Gap, IndicatorResult
from tstd.evaluate.scoring import ORGANIZATION_FACTS
from tstd.model import Finding
from tstd.resources import load_schema

# A dotted field path as the scoring notes and rule messages write it: standard.release_document.url,
# process.reviews[0].date, standardization.full_time_staff.
_PATH = re.compile(r" ?(?<![\w.])([a-z][a-z_]*(?:\[\d+\])?(?:\.[a-z][a-z_]*(?:\[\d+\])?)+)(?![\w.]) ?")
# English halves that say more than their Chinese half: kept, in Chinese.
_SAY_MORE = {"self-assessed below full": "，低于满分"}
# The English half of a bilingual note: " / missing", "」/ self-assessed below full", " / 3 of 4". It runs to
# the end of the text or to a full-width bracket (the location that follows, the note that closes); it must contain a letter and
# follow a space or a closing bracket, so "GB/T 1.1" and "T/ZJSHA 010" are never touched.
_ENGLISH = re.compile(r"(?:\s+|(?<=[」）]))/\s*(?=[^（\n]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9 ,.;:'’()=<>%+-]*?(?=[（）]|$)")
# An organisation key at the start of an evidence line: "uscc：…", "commitment：是".
_LEADING_KEY = re.compile(r"^([a-z][a-z_]*(?:\.[a-z][a-z_]*)*)(：| = )")
_ORG_LABELS = {path: label for label, path in ORGANIZATION_FACTS}
_ANSWER_KEYS = {"indicator": "指标", "score": "得分", "answer": "答复", "evidence": "说明",
                "evidence_file": "证明材料文件", "evidence_url": "证明材料网址"}


@functools.cache
def _schema_labels() -> dict[str, str]:
    """Field path → Chinese name, from the declaration schema's ``description`` (the part before " / ")."""
    schema = load_schema("declaration.schema.json")
    defs = schema.get("$defs", {})
    labels: dict[str, str] = {}

    def name(node: Mapping[str, Any]) -> str:
        text = str(node.get("description", "")).split(" / ")[0]
        # Notes in brackets ("（规定第八条）", "(YYYY-MM-DD)") and the "，…" explanations are for the form's
        # reader, not for a field name inside a sentence.
        text = re.sub(r"\s*[（(][^（）()]*[)）]\s*$", "", text).split("，")[0]
        return text.strip()

    def walk(node: Mapping[str, Any], path: str, parents: tuple[str, ...]) -> None:
        if "$ref" in node and str(node["$ref"]).startswith("#/$defs/"):
            node = {**defs.get(str(node["$ref"]).removeprefix("#/$defs/"), {}), **node}
        own = name(node) if path else ""
        chain = (*parents, own) if own else parents
        if path and chain:
            # The top level (标准/程序/社会团体) is implied; the parent keeps a generic leaf (日期, 网址) clear.
            labels[path] = "·".join(chain[-2:])
        for key, child in node.get("properties", {}).items():
            if isinstance(child, Mapping):
                # below a top-level key (standard, process, organization) its name is implied
                walk(child, f"{path}.{key}" if path else key, chain if "." in path or "[" in path else ())
        items = node.get("items")
        if isinstance(items, Mapping):  # an item's own name ("复审") would only repeat the list's ("复审记录")
            walk({**items, "description": ""}, f"{path}[]", chain)

    walk(schema, "", ())
    return labels


def field_label(path: str) -> str | None:
    """The Chinese name of a declaration or organisation field, or None when the schema has none."""
    labels = _schema_labels()
    generic = re.sub(r"\[\d+\]", "[]", path)
    for candidate in (generic, f"organization.{generic}"):
        if candidate in labels:
            return labels[candidate]
    return _ORG_LABELS.get(path)


def chinese(text: str) -> str:
    """``text`` for the Chinese report: field paths named in Chinese, English halves dropped."""
    for english, zh in _SAY_MORE.items():
        text = re.sub(r"\s*/\s*" + re.escape(english), zh, text)
    text = _ENGLISH.sub("", text)
    lead = _LEADING_KEY.match(text)
    if lead and (label := field_label(lead.group(1))):
        text = label + lead.group(2) + text[lead.end():]

    def named(match: re.Match[str]) -> str:
        label = field_label(match.group(1))  # the spaces around an ASCII path are not needed around 「」
        return f"「{label}」" if label else match.group(0)

    return _PATH.sub(named, text)


def model_source(source: str) -> str:
    """The model file as the report names it: the built-in model by its repository name, a user's file by
    its file name — never the directory it was installed in (a site-packages path means nothing to readers)."""
    from tstd.evaluate.conduct_model import default_model_path

    try:
        if Path(source).resolve() == default_model_path().resolve():
            return "tstd 内置默认模型（rules/conduct.yaml）"
    except OSError:  # an unreadable path is still named by its file name
        pass
    return Path(source).name


@dataclass(frozen=True)
class FindingRow:
    """One finding, printed once, with the indicators it cost points."""

    number: int
    finding: Finding
    message: str
    where: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class StandardView:
    number: str
    title: str
    file: str
    counts: dict[str, int]
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True)
class GapView:
    """A reason for lost points: its text, or a reference to the finding that explains it."""

    standard: str
    text: str
    where: str
    finding: int | None  # the number of the finding row, when the gap is a finding


@dataclass(frozen=True)
class ActionView:
    indicator: str
    title: str
    lost: float
    text: str
    gaps: tuple[GapView, ...]


@dataclass(frozen=True)
class RowView:
    node: IndicatorResult
    evidence: tuple[str, ...]
    gaps: tuple[GapView, ...]


@dataclass(frozen=True)
class ReportView:
    facts: tuple[tuple[str, str], ...]
    rows: tuple[RowView, ...]
    standards: tuple[StandardView, ...]
    actions: tuple[ActionView, ...]
    problems: tuple[str, ...]
    model_source: str
    veto_gaps: dict[str, tuple[GapView, ...]]


def _key(rule: str | None, file: str | None, line: int | None) -> tuple[str, str, int]:
    return (rule or "", file or "", line or 0)


def problem_text(p: Problem) -> str:
    """An input problem in Chinese, located: ``organization.yaml:61 自评答复第 3 条：…``."""
    where = (p.file or "") + (f":{p.line}" if p.line is not None else "")
    path = re.sub(r"^self_assessment\[(\d+)\]", lambda m: f"自评答复第 {int(m.group(1)) + 1} 条", p.path)
    head, _, key = path.partition(".")
    path = f"{head}（{_ANSWER_KEYS.get(key, key)}）" if key and head.startswith("自评答复") else chinese(path)
    return f"{where} {path}：{chinese(p.message)}".strip()


def build(ev: Evaluation) -> ReportView:
    """Prepare everything the two renderers print."""
    # Which indicators each finding cost points: gaps that are findings carry its rule, file and line.
    affected: dict[tuple[str, str, int], list[str]] = {}
    for node in ev.walk():
        if node.children or not node.applicable:
            continue
        for g in node.missing:
            if g.rule:
                ids = affected.setdefault(_key(g.rule, g.file, g.line), [])
                if node.id not in ids:
                    ids.append(node.id)
    numbers: dict[tuple[str, str, int], int] = {}
    standards = []
    n = 0
    for s in ev.standards:
        found: list[FindingRow] = []
        for f in s.findings:
            file = f.source or s.file
            key = _key(f.rule, file, f.line)
            if key in numbers:  # an organisation-file finding repeats on every standard: print it once
                continue
            n += 1
            numbers[key] = n
            where = file + (f":{f.line}" if f.line else "")
            found.append(FindingRow(n, f, chinese(f.message), where, tuple(affected.get(key, ()))))
        standards.append(StandardView(s.number or "（无编号）", s.title or "", s.file, s.counts, tuple(found)))

    def gaps(items: Iterable[Gap]) -> tuple[GapView, ...]:
        out = []
        for g in items:
            number = numbers.get(_key(g.rule, g.file, g.line)) if g.rule else None
            where = "" if number else (g.file or "") + (f":{g.line}" if g.file and g.line else "")
            text = f"{g.rule}，见检查问题 {number}" if number else chinese(g.text)
            out.append(GapView(g.standard or "", text, where, number))
        return tuple(out)

    rows = tuple(RowView(node, tuple(chinese(e) for e in node.evidence), gaps(node.missing))
                 for node in ev.walk())
    actions = []
    for a in ev.actions:
        scored = ev.find(a.indicator)
        actions.append(ActionView(a.indicator, a.title.zh, a.lost, chinese(a.text),
                                  gaps(scored.missing) if scored is not None else ()))
    facts = tuple((_ORG_LABELS.get(k, field_label(k) or k), _fact(k, v)) for k, v in ev.organization.items())
    return ReportView(
        facts=facts, rows=rows, standards=tuple(standards), actions=tuple(actions),
        problems=tuple(problem_text(p) for p in ev.problems), model_source=model_source(ev.model.source),
        veto_gaps={v.id: gaps(v.gaps) for v in ev.vetoes},
    )


def _fact(key: str, value: Any) -> str:
    """A fact as printed: yes/no in Chinese; head counts with their unit, added only when not typed already
    (``staff: 3人`` must not print as "3人 人")."""
    if isinstance(value, bool):
        return "是" if value else "否"
    text = str(value).strip()
    if key.endswith("staff") and re.fullmatch(r"\d+", text):
        return f"{text} 人"
    return text
