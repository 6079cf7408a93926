"""Layouts of real published group standards (issue 13), generated: each gives only its true findings.

The features are those seen on public standards — 2009-era forewords, covers with spaced ICS codes, CCS
without its label or as a range, joint issuers with 发布 on its own line, combined chapter-3 titles,
engineering-construction layouts, a government body as 归口, a text layer garbled by its font — laid out
by tests/pdf/pdfgen.py with this team's own wording.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pdf.pdfgen import DRAFTING_2009, PATENT_2009, pair_findings, spec_for, write_pdf
from tstd.engine.runner import Engine
from tstd.model import Finding, Severity
from tstd.pdf import Readability, extract
from tstd.pdf.draft import build_draft

REF_LEAD_2009 = ("下列文件对于本文件的应用是必不可少的。凡是注日期的引用文件，仅注日期的版本适用于本文件。"
                 "凡是不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。")
# The way 2009-era forewords are printed: 本部分/本标准, GB/T1.1 without a space, one-sentence patent notice.
FOREWORD_2009 = [
    "本标准按照GB/T1.1—2009给出的规则起草。",
    "请注意本标准的某些内容可能涉及专利，本标准的发布机构不承担识别这些专利的责任。",
    "本标准由中国电子节能技术协会家电节能专业委员会提出。",
    "本标准由中国电子节能技术协会归口。",
]


@pytest.fixture()
def check(engine: Engine, compliant: dict[str, Any], tmp_path: Path) -> Callable[..., list[Finding]]:
    """Write the PDF and a declaration naming it; the format findings of the pair."""

    def run(decl_changes: dict[str, Any] | None = None, **changes: Any) -> list[Finding]:
        decl = copy.deepcopy(compliant)
        for path, value in (decl_changes or {}).items():
            *parents, leaf = path.split(".")
            node = decl
            for name in parents:
                node = node[name]
            node[leaf] = value
        return pair_findings(engine, tmp_path, decl, decl, "std.pdf", **changes)

    return run


def rules(findings: list[Finding]) -> list[str]:
    return sorted(f.rule for f in findings)


# ---------------------------------------------------------------- edition in force on the publication date

ERA_2017 = {"standard.publish_date": "2017-06-01", "standard.implement_date": "2017-09-01"}


def _foreword(decl_units: list[str], drafters: list[str], lines: list[str]) -> list[str]:
    return [*lines, f"本标准起草单位：{'、'.join(decl_units)}。", f"本标准主要起草人：{'、'.join(drafters)}。"]


def test_a_2017_standard_is_judged_by_gbt_1_1_2009(check: Callable[..., list[Finding]],
                                                    compliant: dict[str, Any]) -> None:
    s = compliant["standard"]
    found = check(ERA_2017, publish="2017-06-01", implement="2017-09-01",
                  foreword_override=_foreword(s["drafting_units"], s["drafters"], FOREWORD_2009),
                  ref_lead=REF_LEAD_2009, terms_lead="下列术语和定义适用于本标准。",
                  scope=s["scope"].replace("本文件", "本标准"))
    # 2009 drafting statement, 2009 patent notice, 2009 lead-ins: all right for 2017; the scope wording
    # differs from the declaration only by 本标准/本文件, which the similarity check tolerates.
    assert rules(found) == []


def test_the_same_2009_wording_in_2024_is_reported_as_outdated(check: Callable[..., list[Finding]]) -> None:
    found = {f.rule: f for f in check(drafting=DRAFTING_2009, patent_notice=PATENT_2009)}
    assert sorted(found) == ["TSTD-FMT-015", "TSTD-FMT-019"]
    assert found["TSTD-FMT-015"].severity is Severity.WARNING
    assert "2024-05-10" in found["TSTD-FMT-015"].message and "GB/T 1.1—2020" in found["TSTD-FMT-015"].message


def test_published_between_the_2020_editions_dates_either_edition_is_right(
        check: Callable[..., list[Finding]]) -> None:
    day = {"standard.publish_date": "2020-06-01", "standard.implement_date": "2020-09-01"}
    assert check(day, publish="2020-06-01", implement="2020-09-01", drafting=DRAFTING_2009) == []
    assert check(day, publish="2020-06-01", implement="2020-09-01") == []


def test_a_2017_standard_without_patent_notice_gets_advice_only(check: Callable[..., list[Finding]]) -> None:
    found = check(ERA_2017, publish="2017-06-01", implement="2017-09-01", drafting=DRAFTING_2009, patent_notice=None)
    assert [(f.rule, f.severity) for f in found] == [("TSTD-FMT-018", Severity.INFO)]


# ---------------------------------------------------------------- real covers


def test_spaced_ics_and_unlabelled_ccs_are_read(make_pdf: Callable[..., Path],
                                                check: Callable[..., list[Finding]]) -> None:
    facts = extract(make_pdf(ics="ICS 97 040 50", ccs="Y 62"))
    assert [c.value for c in facts.cover.ics] == ["97.040.50"]
    assert facts.cover.ccs is not None and facts.cover.ccs.value == "Y62"
    assert check(ics="ICS 97 040 50", ccs="Y 62") == []


def test_a_ccs_range_accepts_a_code_inside_it(check: Callable[..., list[Finding]]) -> None:
    assert check(ccs="Y 60/69") == []
    outside = check({"standard.ccs": "X51"}, ccs="Y 60/69")
    assert rules(outside) == ["TSTD-FMT-012"] and outside[0].severity is Severity.ERROR


def test_joint_issuers_on_separate_lines(make_pdf: Callable[..., Path], check: Callable[..., list[Finding]],
                                         compliant: dict[str, Any]) -> None:
    lines = [compliant["organization"]["name"], "中国家用电器协会"]
    facts = extract(make_pdf(issuer_lines=lines))
    assert [i.value for i in facts.cover.issuers] == lines
    assert facts.cover.title is not None and facts.cover.title.value == "家用智能电饭煲能效与安全要求"
    assert check(issuer_lines=lines) == []
    other = check(issuer_lines=["中国家用电器协会", "中国标准化协会"])
    assert rules(other) == ["TSTD-FMT-013"]


def test_zero_padding_of_the_number_is_no_mismatch(check: Callable[..., list[Finding]]) -> None:
    assert check({"standard.number": "T/CECEA 12—2024"}) == []
    assert rules(check({"standard.number": "T/CECEA 13—2024"})) == ["TSTD-FMT-006"]


def test_body_title_and_english_title_variants_are_no_mismatch(check: Callable[..., list[Finding]]) -> None:
    found = check({"standard.title_en": "Energy efficiency and safety requirements for household smart rice "
                                        "cookers (smart control)"},
                  title_en="Energy efficiency and safety requirements for household smart rice cookers"
                           "（smart control）",
                  body_title="家用智能电饭煲 能效与安全要求")
    assert found == []


# ---------------------------------------------------------------- legitimate variants


@pytest.mark.parametrize("title", ["术语、定义和缩略语", "术语和定义、符号和缩略语", "术语、定义、符号和缩略语"])
def test_combined_chapter_3_titles(check: Callable[..., list[Finding]], title: str) -> None:
    assert check(chapter3_title=title) == []


def test_engineering_construction_layout_is_not_held_to_gbt_1_1(check: Callable[..., list[Finding]],
                                                                make_pdf: Callable[..., Path]) -> None:
    chapters = [
        ("总则", ["1.0.1 为规范家用智能电饭煲生产线的建设，做到技术先进、经济合理，制定本标准。",
                 "1.0.2 本标准适用于新建、扩建和改建的家用智能电饭煲生产线工程。"]),
        ("术语", ["2.0.1 智能电饭煲生产线", "完成电饭煲装配、检测与包装的成套生产设施。"]),
        ("基本规定", ["3.0.1 生产线的设计应符合国家现行有关标准的规定。"]),
    ]
    foreword = ["根据中国电子节能技术协会《关于印发2023年第一批团体标准制订计划的通知》的要求，编制组经深入调查研究，"
                "认真总结实践经验，并在广泛征求意见的基础上，制定本标准。",
                "本标准的主要技术内容是：总则、术语、基本规定、工艺设计、设备安装。",
                "本标准由中国电子节能技术协会归口管理。",
                "本标准主编单位：中国电子节能技术协会。",
                "本标准参编单位：中国家用电器研究院。"]
    facts = extract(make_pdf(chapters_override=chapters, foreword_override=foreword, doc_type=None))
    assert facts.layout == "engineering"
    assert facts.foreword is not None and facts.foreword.drafting_units is not None
    assert facts.foreword.drafting_units.value == ("中国电子节能技术协会", "中国家用电器研究院")
    found = check({"standard.drafting_units": ["中国电子节能技术协会", "中国家用电器研究院"]},
                  chapters_override=chapters, foreword_override=foreword, doc_type=None,
                  drafting_units=None, drafters=None)
    assert found == []


# ---------------------------------------------------------------- who issues it


def test_a_government_body_as_proposer_and_responsible_is_reported_once_each(
        check: Callable[..., list[Finding]]) -> None:
    found = check(proposer="某某省住房和城乡建设厅", responsible="某某省市场监督管理局")
    gov = [f for f in found if f.rule == "TSTD-FMT-033"]
    assert len(gov) == 2 and all(f.severity is Severity.WARNING and f.page == 3 for f in gov)
    assert "某某省市场监督管理局" in gov[1].message + gov[0].message
    assert "本文件由某某省住房和城乡建设厅提出" in " ".join(f.message for f in gov)
    assert "“某某省住房和城乡建设厅”" in " ".join(f.message for f in gov)  # the whole name, not a piece
    assert rules(found) == ["TSTD-FMT-033", "TSTD-FMT-033"]


def test_proposed_and_responsible_in_one_sentence_is_one_finding(check: Callable[..., list[Finding]]) -> None:
    found = check(foreword_override=["本文件按照GB/T 1.1—2020《标准化工作导则 第1部分：标准化文件的结构和起草规则》的规定起草。",
                                     "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。",
                                     "本文件由某某市人民政府办公室提出并归口。"],
                  drafting_units=None, drafters=None)
    assert [f.rule for f in found if f.rule == "TSTD-FMT-033"] == ["TSTD-FMT-033"]


def test_a_government_cover_issuer_is_reported_with_its_page(check: Callable[..., list[Finding]]) -> None:
    found = check(issuer_lines=["某某省市场监督管理局"])
    assert rules(found) == ["TSTD-FMT-013", "TSTD-FMT-033"]  # and the declared issuer is not on the cover
    gov = next(f for f in found if f.rule == "TSTD-FMT-033")
    assert gov.page == 1 and "某某省市场监督管理局" in gov.message


def test_public_institutes_as_drafters_and_society_committees_are_no_evidence(
        check: Callable[..., list[Finding]], compliant: dict[str, Any]) -> None:
    units = ["中国电子节能技术协会", "某某省标准化研究院", "国家家用电器质量检验检测中心", "某某市质量技术监督检测院"]
    found = check({"standard.drafting_units": units}, drafting_units=units,
                  proposer="中国电子节能技术协会家电节能专业委员会", responsible="中国电子节能技术协会标准化工作委员会")
    assert found == []


@pytest.mark.parametrize(("name", "government"), [
    ("某某省市场监督管理局", True), ("国家卫生健康委员会", True), ("某某市人民政府", True),
    ("工业和信息化部", True), ("某某省住房和城乡建设厅", True),
    ("中国电子节能技术协会家电节能专业委员会", False), ("全国家用电器标准化技术委员会(SAC/TC 46)", False),
    ("中国水利水电第七工程局有限公司", False), ("某某省标准化研究院", False), ("中国城市轨道交通协会技术装备专业委员会", False),
])
def test_government_names(name: str, government: bool) -> None:
    from tstd.engine.kinds.pdf import government_body

    assert government_body(name) is government


# ---------------------------------------------------------------- unusable text layers


def test_garbled_font_gives_exactly_one_finding_and_no_proposed_values(
        check: Callable[..., list[Finding]], make_pdf: Callable[..., Path]) -> None:
    facts = extract(make_pdf(garbled_text=True))
    assert facts.readability is Readability.UNDECODABLE
    found = check(garbled_text=True)
    assert [(f.rule, f.severity) for f in found] == [("TSTD-FMT-001", Severity.WARNING)]
    data = build_draft(facts, "std.pdf").declaration()
    assert set(data["standard"]) == {"full_text"} and "organization" not in data


# ---------------------------------------------------------------- every cited standard


def test_a_withdrawn_mandatory_standard_cited_in_a_requirement_is_reported(
        check: Callable[..., list[Finding]]) -> None:
    found = check(requirements=["4.1 整机的电气安全应符合GB 4943.1—2011的规定，包装标志按GB/T 191执行。"])
    cited = [f for f in found if f.rule == "TSTD-FMT-034"]
    assert len(cited) == 1 and cited[0].page == 4
    assert "GB 4943.1—2011" in cited[0].message and "GB 4943.1—2022" in cited[0].message
    assert rules(found) == ["TSTD-FMT-034"]


def test_replaced_edition_in_the_foreword_and_gbt_1_1_are_not_citations(make_pdf: Callable[..., Path]) -> None:
    facts = extract(make_pdf(replaces="代替 T/CECEA 012—2020", drafting=DRAFTING_2009))
    cited = {c.value for c in facts.citations}
    assert "GB/T 1.1-2009" not in cited and not any(c.startswith("T/CECEA") for c in cited)
    assert {"GB 4706.1-2005", "GB/T 191"} <= cited


def test_a_catalogue_given_with_catalog_drives_the_cited_standard_check(compliant: dict[str, Any],
                                                                         tmp_path: Path) -> None:
    # The catalogue format holds mandatory standards only (GB/T entries are refused by the loader), so a
    # user's own catalogue is exercised with a mandatory standard the built-in one does not know.
    from tstd.run import CheckOptions, build_engine

    catalogue = tmp_path / "full.yaml"
    catalogue.write_text(yaml.safe_dump({
        "catalogue": {"title": "full", "version": "1", "compiled": dt.date(2026, 1, 1).isoformat()},
        "standards": [
            {"number": "GB 39999-2010", "title": "电饭煲用内锅安全要求", "status": "废止", "replaced_by": "GB 39999-2025",
             "confidence": "confirmed", "keywords": ["内锅"]},
            {"number": "GB 39999-2025", "title": "电饭煲用内锅安全要求", "status": "现行", "confidence": "confirmed",
             "keywords": ["内锅"]},
        ]}, allow_unicode=True), encoding="utf-8")
    engine = build_engine(CheckOptions(settings={"catalogue_paths": [str(catalogue)], "catalogue_replace": True}))
    decl = copy.deepcopy(compliant)
    write_pdf(tmp_path / "std.pdf", spec_for(decl, requirements=["4.2 内锅应符合GB 39999—2010的规定。"]))
    decl["standard"]["full_text"]["file"] = "std.pdf"
    path = tmp_path / "decl.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True), encoding="utf-8")
    result = engine.check_path(path)
    assert result is not None
    cited = [f for f in result.findings if f.rule == "TSTD-FMT-034"]
    assert len(cited) == 1 and "GB 39999—2010" in cited[0].message and "GB 39999—2025" in cited[0].message


@pytest.mark.parametrize("intro", [
    "本文件的编制旨在统一家用智能电饭煲的能效评价方法。请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。",
    "本文件的编制旨在统一家用智能电饭煲的能效评价方法。本文件不涉及专利。",
])
def test_an_introduction_without_identified_patents_is_no_patent_declaration(
        check: Callable[..., list[Finding]], intro: str) -> None:
    # patents.involved: false is true here: no untrue-disclosure error (FMT-017).
    assert "TSTD-FMT-017" not in rules(check(introduction=intro))
