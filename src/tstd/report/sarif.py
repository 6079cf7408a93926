"""SARIF 2.1.0 output, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run; every rule the report refers to is a ``reportingDescriptor`` with its Chinese title, description
and legal basis as help text; one ``result`` per finding, its message in the report's language (Chinese by
default), located by file, line and column. Columns count Unicode code points (``columnKind``), which is what
the declaration loader reports for Chinese text. Relative paths are relative to ``%SRCROOT%`` (the
repository root in CI), percent-encoded so that Chinese file names are valid URIs.

The log is produced as a stream of chunks (:func:`stream`) so a 100,000-file batch never holds its whole
JSON text, or a dict of it, in memory at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import PurePath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from tstd.model import FileResult, Finding, RuleInfo, RunReport, Severity
from tstd.report import formatter
from tstd.report.common import category_label, cite, rule_catalogue

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# The generated rule reference (``tstd rules doc``), relative to the repository root like every artifact URI:
# each rule's section is ``#<id in lower case>``, the anchor GitHub and most Markdown viewers give a heading.
RULES_DOC = "docs/rules.md"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RESULTS_MARK = "\x00results\x00"


def stream(report: RunReport) -> Iterator[str]:
    """The SARIF log as consecutive chunks of JSON text."""
    rules = rule_catalogue(report)
    index = {r.id: i for i, r in enumerate(rules)}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "tstd",
                "fullName": "tstd 团体标准合规检查 (compliance checks for Chinese group standards)",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "language": "zh-CN",
                "rules": [_descriptor(r, report.lang) for r in rules],
                "properties": {"packs": [{"id": p, "version": v} for p, v in report.packs]},
            }},
            "language": "en-US" if report.lang == "en" else "zh-CN",
            "columnKind": "unicodeCodePoints",
            "results": _RESULTS_MARK,
        }],
    }
    head, tail = json.dumps(log, ensure_ascii=False, indent=2).split(json.dumps(_RESULTS_MARK))
    yield head + "["
    first = True
    for result in report.checked():
        for f in result.findings:
            entry = _result(f, result, index[f.rule], report.lang)
            if f.suppressed is not None:  # SARIF keeps suppressed results, marked (viewers hide them)
                entry["suppressions"] = [{"kind": "inSource" if f.suppressed.kind == "inline" else "external",
                                          "justification": f.suppressed.reason,
                                          "properties": {"tstdKind": f.suppressed.kind}}]
            if report.baseline is not None:
                baselined = f.suppressed is not None and f.suppressed.kind == "baseline"
                entry["baselineState"] = "unchanged" if baselined else "new"
            text = json.dumps(entry, ensure_ascii=False)
            yield ("\n        " if first else ",\n        ") + text
            first = False
    yield ("\n      ]" if not first else "]") + tail + "\n"

@formatter("sarif", ".sarif", stream=stream)
def render(report: RunReport) -> str:
    """SARIF 2.1.0 log: one result per finding, rules with help text, Chinese messages."""
    return "".join(stream(report))



def _descriptor(rule: RuleInfo, lang: str) -> dict[str, Any]:
    title = rule.title.get(lang)
    description = rule.description.get(lang) or title
    basis = cite(rule.basis, lang)
    help_text = f"{description}\n依据：{basis}" if basis else description
    help_md = (f"**{rule.id} {title}**\n\n{description}" + (f"\n\n依据：{basis}" if basis else "")
               + f"\n\n[{'rule reference' if lang == 'en' else '规则说明'}]({help_uri(rule.id)})")
    out: dict[str, Any] = {
        "id": rule.id,
        "name": rule.title.en or rule.id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "help": {"text": help_text, "markdown": help_md},
        "helpUri": help_uri(rule.id),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "category": rule.category.value,
            "categoryLabel": category_label(rule.category, lang),
            "tags": [t for t in dict.fromkeys(("tstd", rule.category.value, rule.pack)) if t],
            "basis": [b.to_dict() for b in rule.basis],
        },
    }
    if rule.pack:
        out["properties"]["pack"] = rule.pack
    return out


def _result(f: Finding, result: FileResult, rule_index: int, lang: str) -> dict[str, Any]:
    uri = artifact_uri(f.source or result.file)
    physical: dict[str, Any] = {"artifactLocation": uri}
    if f.line is not None and f.line >= 1:
        region: dict[str, Any] = {"startLine": f.line}
        if f.column is not None and f.column >= 1:
            region["startColumn"] = f.column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    message = f.message
    if f.page is not None:
        # Code-scanning UIs show the message and the location's message, not custom properties: a PDF finding
        # names its page in both (``properties.page`` keeps the number for tools).
        page = f"page {f.page}" if lang == "en" else f"第 {f.page} 页"
        message = f"{message}（{page}）" if lang != "en" else f"{message} ({page})"
        location["message"] = {"text": page}
    if f.path:
        location["logicalLocations"] = [{"fullyQualifiedName": f.path, "kind": "member"}]
    properties: dict[str, Any] = {"category": f.category.value, "basis": [b.to_dict() for b in f.basis]}
    for key, value in (("page", f.page), ("evidence", f.evidence), ("organization", result.organization),
                       ("standard", result.standard), ("file", result.file if f.source else None)):
        if value is not None:
            properties[key] = value
    if f.data:
        properties["data"] = dict(f.data)
    key = "\x1f".join((f.rule, uri["uri"], f.path, f.evidence or ""))
    fingerprint = hashlib.sha256(key.encode()).hexdigest()
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {"tstdFinding/v1": fingerprint[:32]},
        "properties": properties,
    }


def help_uri(rule_id: str) -> str:
    """Where a rule is documented: its section of the generated rule reference, relative to the repository."""
    return f"{RULES_DOC}#{rule_id.lower()}"


def artifact_uri(path: str) -> dict[str, str]:
    """An ``artifactLocation``: absolute paths as ``file://`` URIs, relative ones against ``%SRCROOT%``;
    Windows separators become ``/`` and everything outside the URI alphabet (Chinese, spaces) is
    percent-encoded as UTF-8."""
    if "\\" in path:
        path = PureWindowsPath(path).as_posix()
    encoded = quote(path, safe="/!-._~")
    if PurePath(path).is_absolute():
        return {"uri": "file://" + encoded}
    return {"uri": encoded, "uriBaseId": "%SRCROOT%"}
