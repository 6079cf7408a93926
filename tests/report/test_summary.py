"""The run summary every batch output shows: per category, rule, organisation, top failing rules."""

from __future__ import annotations

from tstd.model import Category, FileResult, Finding, RunReport, Severity, Summary


def test_counts(report: RunReport) -> None:
    s = report.summary
    assert (s.files, s.errors, s.warnings, s.infos, s.failing_files) == (5, 3, 3, 2, 3)
    assert s.by_category == {"disclosure": 2, "fee": 3, "format": 2, "input": 1}
    assert s.by_rule["TSTD-FEE-003"] == 3 and s.files_by_rule["TSTD-FEE-003"] == 3


def test_by_organization(report: RunReport) -> None:
    orgs = report.summary.by_organization
    assert orgs["中国电子节能技术协会"] == {"files": 2, "failing": 1, "errors": 1, "warnings": 2, "infos": 2}
    assert orgs["上海市食品协会"] == {"files": 1, "failing": 0, "errors": 0, "warnings": 0, "infos": 0}
    assert orgs[""]["files"] == 1  # the unreadable file has no organisation


def test_top_rules_rank_by_files_then_findings() -> None:
    def f(rule: str) -> Finding:
        return Finding(rule, Category.FEE, Severity.WARNING, "参编费")

    results = [
        FileResult("a.yaml", findings=(f("R-B"), f("R-B"), f("R-B"), f("R-A"))),
        FileResult("b.yaml", findings=(f("R-A"), f("R-C"))),
        FileResult("c.yaml", findings=(f("R-C"),)),
    ]
    summary = Summary.of(iter(results))  # a stream is enough
    assert summary.top_rules() == [("R-A", 2, 2), ("R-C", 2, 2), ("R-B", 1, 3)]
    assert summary.top_rules(1) == [("R-A", 2, 2)]
