"""JUnit XML output, for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).

One ``<testsuite>`` per checked file and one ``<testcase>`` per rule: a rule with an error or warning in
the file is a ``<failure>`` (``type`` is the worst severity; the body lists every finding with its location
and basis); a rule with only ``info`` findings passes and carries them in ``<system-out>``; when the file
could not be read at all (an ``input`` error), the other rules are ``<skipped>`` rather than passing.

XML is written by hand as a stream so that huge batches stay cheap; every text is escaped and characters
XML 1.0 forbids (control characters in untrusted declaration text) are removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from tstd.model import Category, FileResult, Finding, RuleInfo, RunReport, Severity
from tstd.report import formatter
from tstd.report.common import cite, location, rule_catalogue, severity_label

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SKIPPED = {"zh": "文件无法读取，未检查", "en": "file could not be read; not checked"}


def _text(value: str) -> str:
    return escape(_INVALID_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_INVALID_XML.sub("", value))


def stream(report: RunReport) -> Iterator[str]:
    """The JUnit document as consecutive chunks of XML text."""
    rules = rule_catalogue(report)
    summary = report.summary
    tests = summary.files * len(rules)
    failing = sum(1 for r in report.checked() for _ in _failed_rules(r))
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<testsuites name="tstd" tests="{tests}" failures="{failing}" errors="0">\n'
    for result in report.checked():
        yield from _suite(result, rules, report.lang)
    yield "</testsuites>\n"

@formatter("junit", ".xml", stream=stream)
def render(report: RunReport) -> str:
    """JUnit XML: one testsuite per file, one testcase per rule."""
    return "".join(stream(report))



def _failed_rules(result: FileResult) -> set[str]:
    return {f.rule for f in result.active if f.severity is not Severity.INFO}


def _suite(result: FileResult, rules: list[RuleInfo], lang: str) -> Iterator[str]:
    by_rule: dict[str, list[Finding]] = {}
    for f in result.active:  # suppressed findings pass (they are listed in the JSON and SARIF output)
        by_rule.setdefault(f.rule, []).append(f)
    unreadable = any(f.category is Category.INPUT and f.severity is Severity.ERROR for f in result.findings)
    failures = len(_failed_rules(result))
    skipped = sum(1 for r in rules if r.id not in by_rule) if unreadable else 0
    yield (f"  <testsuite name={_attr(result.file)} tests=\"{len(rules)}\" failures=\"{failures}\" "
           f"errors=\"0\" skipped=\"{skipped}\">\n")
    props = [("organization", result.organization), ("standard", result.standard)]
    if any(value for _, value in props):
        yield "    <properties>\n"
        for name, value in props:
            if value:
                yield f"      <property name=\"{name}\" value={_attr(value)}/>\n"
        yield "    </properties>\n"
    for rule in rules:
        name = _attr(f"{rule.id} {rule.title.get(lang)}")
        head = f"    <testcase classname={_attr(result.file)} name={name}"
        found = by_rule.get(rule.id)
        if not found:
            if unreadable:
                yield f"{head}>\n      <skipped message={_attr(_SKIPPED.get(lang, _SKIPPED['zh']))}/>\n"
                yield "    </testcase>\n"
            else:
                yield f"{head}/>\n"
            continue
        body = "\n".join(_describe(f, result.file, lang) for f in found)
        worst = max((f.severity for f in found), key=lambda s: s.rank)
        yield f"{head}>\n"
        if worst is Severity.INFO:
            yield f"      <system-out>{_text(body)}</system-out>\n"
        else:
            yield (f"      <failure type=\"{worst.value}\" message={_attr(found[0].message)}>"
                   f"{_text(body)}</failure>\n")
        yield "    </testcase>\n"
    yield "  </testsuite>\n"


def _describe(f: Finding, file: str, lang: str) -> str:
    line = f"[{severity_label(f.severity, lang)}] {location(f, file, lang)}"
    if f.path:
        line += f" {f.path}"
    line += f"：{f.message}" if lang != "en" else f": {f.message}"
    basis = cite(f.basis, lang)
    if basis:
        line += f"（依据：{basis}）" if lang != "en" else f" (basis: {basis})"
    return line
