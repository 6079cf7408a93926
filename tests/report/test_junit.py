"""JUnit output: one testsuite per file, one testcase per rule, safe XML from untrusted text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tstd.model import RunReport
from tstd.report.junit import render


def _suites(report: RunReport) -> dict[str, ET.Element]:
    root = ET.fromstring(render(report).encode("utf-8"))
    assert root.tag == "testsuites"
    return {s.get("name", ""): s for s in root.findall("testsuite")}


def test_one_suite_per_file_one_case_per_rule(report: RunReport) -> None:
    suites = _suites(report)
    assert list(suites) == [r.file for r in report.results]
    # Four pack rules plus the loader's input rule seen in the broken file.
    for suite in suites.values():
        assert [c.get("name", "").split()[0] for c in suite.findall("testcase")] == [
            "TSTD-DISC-001", "TSTD-DISC-004", "TSTD-FEE-003", "TSTD-FMT-002", "TSTD-INPUT-001"]
        assert suite.get("tests") == "5"


def test_errors_and_warnings_fail_info_passes(report: RunReport) -> None:
    suite = _suites(report)["decls/中国电子节能技术协会/T-CECEA-012-2024.yaml"]
    cases = {c.get("name", "").split()[0]: c for c in suite.findall("testcase")}
    failure = cases["TSTD-DISC-004"].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert "缺少 standard.release_document" in (failure.text or "")
    assert "《团体标准管理规定》第十八条（条款未核实" in (failure.text or "")
    assert cases["TSTD-FEE-003"].find("failure").get("type") == "warning"  # type: ignore[union-attr]
    assert cases["TSTD-FMT-002"].find("failure") is None
    assert "T/CECEA 012-2024" in (cases["TSTD-FMT-002"].findtext("system-out") or "")
    assert cases["TSTD-DISC-001"].find("failure") is None
    assert suite.get("failures") == "2"
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props == {"organization": "中国电子节能技术协会", "standard": "T/CECEA 012—2024"}


def test_unreadable_file_skips_other_rules(report: RunReport) -> None:
    suite = _suites(report)["decls/broken.yaml"]
    assert suite.get("skipped") == "4" and suite.get("failures") == "1"
    clean = _suites(report)["decls/上海市食品协会/T-SHSFA-003-2023.yaml"]
    assert clean.get("failures") == "0" and clean.get("skipped") == "0"
    assert all(len(c) == 0 for c in clean.findall("testcase"))


def test_hostile_text_is_escaped(report: RunReport) -> None:
    text = render(report)
    assert "<script>" not in text and "\x07" not in text
    suite = _suites(report)["decls/hostile.yaml"]
    failure = next(c.find("failure") for c in suite.findall("testcase") if c.find("failure") is not None)
    assert failure is not None and "<script>alert('x')</script>" in (failure.get("message") or "")


def test_totals(report: RunReport) -> None:
    root = ET.fromstring(render(report).encode("utf-8"))
    assert root.get("tests") == str(5 * 5)
    assert root.get("failures") == str(sum(int(s.get("failures", "0")) for s in root.findall("testsuite")))
