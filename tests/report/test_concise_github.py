"""The concise (path:line:col) and GitHub Actions annotation formats."""

from __future__ import annotations

import re

from report.conftest import make_report
from tstd.model import RunReport
from tstd.report import formatters
from tstd.report.concise import render as concise
from tstd.report.github import escape_property
from tstd.report.github import render as github


def test_concise_is_one_located_line_per_finding(report: RunReport) -> None:
    lines = concise(report).splitlines()
    assert len(lines) == sum(len(r.findings) for r in report.results)
    assert "decls/中国电子节能技术协会/T-CECEA-012-2024.yaml:41:9: TSTD-FEE-003 [警告] 通知中出现“参编费 5000 元/家”" \
        in lines
    # the finding located in the organisation file names that file, not the declaration
    assert any(x.startswith("subs.zip!/浙江省家电行业协会/organization.yaml:8: TSTD-FEE-003") for x in lines)
    # a page, not a line: the path alone, the page after the message
    assert "decls/hostile.yaml: TSTD-FMT-002 [提示] 页眉编号不一致（第 2 页）" in lines
    # the hostile message's control character does not split or corrupt the line
    assert all("\x07" not in x for x in lines)
    assert all(re.match(r"^[^:]+(:\d+(:\d+)?)?: TSTD-[A-Z]+-\d{3} \[", x) for x in lines)


def test_concise_in_english() -> None:
    assert "TSTD-FMT-002 [info] 页眉编号不一致 (page 2)" in concise(make_report("en"))


def test_github_annotations(report: RunReport) -> None:
    lines = github(report).splitlines()
    assert len(lines) == sum(len(r.findings) for r in report.results)
    assert ("::warning file=decls/中国电子节能技术协会/T-CECEA-012-2024.yaml,line=41,col=9,"
            "title=TSTD-FEE-003 警告::通知中出现“参编费 5000 元/家”") in lines
    assert any(x.startswith("::error file=decls/broken.yaml,line=5,col=3,title=TSTD-INPUT-001 错误::")
               for x in lines)
    assert any(x.startswith("::notice file=decls/hostile.yaml,title=TSTD-FMT-002 提示::") for x in lines)


def test_github_escapes_what_the_runner_would_misread() -> None:
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_both_are_registered() -> None:
    assert {"concise", "github"} <= set(formatters())
