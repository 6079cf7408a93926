"""JSON output: the stable machine contract documented in schemas/report.schema.json."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tstd.model import FileResult, Finding, RunReport
from tstd.report import formatter


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": f.rule,
        "category": f.category.value,
        "severity": f.severity.value,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "basis": [b.to_dict() for b in f.basis],
    }
    for key in ("column", "page", "source", "evidence"):
        value = getattr(f, key)
        if value is not None:
            out[key] = value
    if f.data:
        out["data"] = dict(f.data)
    if f.suppressed is not None:
        out["suppressed"] = f.suppressed.to_dict()
    return out


def result_dict(r: FileResult) -> dict[str, Any]:
    return {"file": r.file, "standard": r.standard, "organization": r.organization,
            "findings": [finding_dict(f) for f in r.findings]}


def report_dict(report: RunReport, results: bool = True) -> dict[str, Any]:
    summary = report.summary
    return {
        "tool": {"name": "tstd", "version": report.tool_version},
        "rulepacks": [{"id": pid, "version": version} for pid, version in report.packs],
        "summary": {"files": summary.files, "errors": summary.errors, "warnings": summary.warnings,
                    "infos": summary.infos, "by_rule": summary.by_rule, "by_category": summary.by_category,
                    "failing_files": summary.failing_files, "files_by_rule": summary.files_by_rule,
                    "top_rules": [{"rule": rule, "files": files, "findings": n}
                                  for rule, files, n in summary.top_rules(10)],
                    "by_organization": summary.by_organization,
                    "suppressed": summary.suppressed, "skipped": summary.skipped},
        "notes": [n.get(report.lang) for n in report.notes],
        "skipped": [{"file": r.file, "reason": r.skipped} for r in report.skipped_files()],
        "results": [result_dict(r) for r in report.checked()] if results else [],
    }


def fragment(result: FileResult) -> bytes:
    """One checked result's line of ``results`` (UTF-8), exactly as :func:`stream` writes it. A batch has its
    workers make it (:class:`tstd.batch.ResultSpool` keeps them), so the report is copied, not encoded again."""
    return json.dumps(result_dict(result), ensure_ascii=False).encode("utf-8", "surrogatepass")


def stream(report: RunReport) -> Iterator[str]:
    """The report one result at a time (a batch never becomes one huge string).

    The head and summary are indented for people; each result is one compact line, which keeps large
    batch reports greppable and lets json use its C encoder (indentation forces the slow pure-Python one).
    """
    head = json.dumps({**report_dict(report, results=False), "results": [_MARK]}, ensure_ascii=False, indent=2)
    before, after = head.split(json.dumps(_MARK))
    made = getattr(report.results, "fragments", None)  # a batch's spool: the lines made by the workers
    lines = made(fragment) if made is not None else None
    if lines is not None:
        yield before
        yield from lines
        yield after + "\n"
        return
    first = True
    for result in report.checked():
        text = json.dumps(result_dict(result), ensure_ascii=False)
        yield (before if first else ",\n    ") + text
        first = False
    yield (before.rstrip() + after.lstrip() if first else after) + "\n"


_MARK = "\x00results\x00"


@formatter("json", ".json", stream=stream)
def render(report: RunReport) -> str:
    """Machine-readable report (schemas/report.schema.json)."""
    return "".join(stream(report))
