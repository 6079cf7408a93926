"""A realistic batch RunReport shared by the batch formatters' tests (sarif, junit, csv, markdown, html).

Three organisations, a clean declaration, a broken one, a zip member whose organisation file is the
finding's source, and one whose declaration text is hostile (HTML, Markdown table breakers, a CSV formula,
an @mention and a control character) because declaration text is untrusted input.
"""

from __future__ import annotations

from typing import Any

import pytest

from tstd.model import Basis, Category, FileResult, Finding, RuleInfo, RunReport, Severity, Text

REGULATION = "《团体标准管理规定》"
GUIDE = "《行业协会商会收费行为合规指南》"

RULES = (
    RuleInfo("TSTD-DISC-001", "disclosure", Category.DISCLOSURE, Severity.ERROR,
             Text("标准名称必填", "Standard title is required"),
             Text("自我声明公开须包含标准名称。", "The self-declaration must give the standard's title."),
             (Basis(REGULATION, "第十八条", False, "article number UNCONFIRMED"),), "required"),
    RuleInfo("TSTD-DISC-004", "disclosure", Category.DISCLOSURE, Severity.ERROR,
             Text("须公开发布文件", "Release document must be disclosed"),
             Text("团体标准发布时须公开发布文件（发布公告）。", "The release document must be public."),
             (Basis(REGULATION, "第十八条", False),), "required"),
    RuleInfo("TSTD-FEE-003", "fees", Category.FEE, Severity.WARNING,
             Text("疑似收取参编费", "Possible drafting fee"),
             Text("以参与起草为条件收取费用属于变相收费。",
                  "Charging to take part in drafting is a disguised fee."),
             (Basis(GUIDE, "第三章", True),), "fee_terms"),
    RuleInfo("TSTD-FMT-002", "format", Category.FORMAT, Severity.INFO,
             Text("编号中的连接号应为一字线", "Use the em dash in the number"),
             Text("团体标准编号的顺序号与年代号之间用一字线“—”。",
                  "Sequence and year are joined by an em dash."),
             (Basis("GB/T 1.1-2020", "8.1", True),), "pattern"),
)


def _finding(rule: RuleInfo, message: str, **where: Any) -> Finding:
    return Finding(rule.id, rule.category, rule.severity, message, rule.basis, **where)


DISC1, DISC4, FEE3, FMT2 = RULES

HOSTILE = "通知写道：<script>alert('x')</script> | 费用 | =HYPERLINK(\"http://evil\") @octocat \x07"

RESULTS = (
    FileResult("decls/中国电子节能技术协会/T-CECEA-012-2024.yaml", "T/CECEA 012—2024",
               "中国电子节能技术协会", (
        _finding(DISC4, "缺少 standard.release_document", path="standard.release_document", line=14),
        _finding(FEE3, "通知中出现“参编费 5000 元/家”", path="organization.notices[0].text", line=41,
                 column=9, evidence="参编费 5000 元/家"),
        _finding(FMT2, "编号“T/CECEA 012-2024”应写作“T/CECEA 012—2024”", path="standard.number", line=22,
                 column=11),
    )),
    FileResult("decls/上海市食品协会/T-SHSFA-003-2023.yaml", "T/SHSFA 003—2023", "上海市食品协会"),
    FileResult("decls/broken.yaml", None, None, (
        Finding("TSTD-INPUT-001", Category.INPUT, Severity.ERROR, "YAML 语法错误：第 5 行第 3 列缩进不一致",
                line=5, column=3),
    )),
    FileResult("subs.zip!/浙江省家电行业协会/申报.yaml", "T/ZJJD 007—2022", "浙江省家电行业协会", (
        _finding(FEE3, "收费项目“排名赞助费”未经会员大会批准", path="organization.fees[2]", line=8,
                 source="subs.zip!/浙江省家电行业协会/organization.yaml", evidence="排名赞助费 20000 元"),
        _finding(DISC1, "缺少 standard.title", path="standard.title", line=3),
    )),
    FileResult("decls/hostile.yaml", "T/CECEA 099—2024", "中国电子节能技术协会", (
        _finding(FEE3, HOSTILE,
                 path="organization.notices[1].text", line=7, evidence="=1+1"),
        _finding(FMT2, "页眉编号不一致", page=2),
    )),
)


def make_report(lang: str = "zh") -> RunReport:
    return RunReport("0.1.0", (("disclosure", "1.0.0"), ("fees", "1.0.0")), RULES, RESULTS, lang)


@pytest.fixture
def report() -> RunReport:
    return make_report()
