"""Every rule of the built-in `format` pack: a realistic defect in the PDF or in the declaration fires it
(with the page), and the consistent pair — the compliant example and a PDF printing the same facts — is
silent."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from pdf.pdfgen import DRAFTING_2009, INTRO_PATENT, PATENT_2009, garble, pair_findings, spec_for, write_pdf
from tstd.engine.pack import load_pack
from tstd.engine.runner import Engine
from tstd.model import Finding, Severity
from tstd.resources import rules_dir

Mutation = Callable[[dict[str, Any]], None]


@pytest.fixture()
def check_pair(engine: Engine, compliant: dict[str, Any], tmp_path: Path) -> Callable[..., list[Finding]]:
    """Write the PDF (spec changes) and the declaration naming it (declaration mutation); check the pair."""

    def run(mutate: Mutation | None = None, **changes: Any) -> list[Finding]:
        decl = copy.deepcopy(compliant)
        if mutate:
            mutate(decl)
        return pair_findings(engine, tmp_path, compliant, decl, "T-CECEA-012-2024.pdf", **changes)

    return run


def set_(path: str, value: Any) -> Mutation:
    def apply(decl: dict[str, Any]) -> None:
        *parents, leaf = path.split(".")
        node = decl
        for name in parents:
            node = node[name]
        node[leaf] = value
    return apply


def test_consistent_pair_is_silent(check_pair: Callable[..., list[Finding]]) -> None:
    assert check_pair() == []


# rule → (declaration mutation, PDF changes, expected page, expected declaration path)
CASES: dict[str, tuple[Mutation | None, dict[str, Any], int | None, str]] = {
    "TSTD-FMT-002": (None, {"cover_as_drawing": True}, 1, ""),
    "TSTD-FMT-003": (None, {"number": garble("Ｔ／CECEA") + " ０１２—２０２４"}, 1, ""),
    "TSTD-FMT-004": (None, {"ccs": None}, 1, ""),
    "TSTD-FMT-005": (None, {"title_en": None}, 1, ""),
    "TSTD-FMT-006": (set_("standard.number", "T/CECEA 012—2023"), {}, 1, "standard.number"),
    "TSTD-FMT-007": (set_("standard.title", "家用智能电饭煲能效要求"), {}, 1, "standard.title"),
    "TSTD-FMT-008": (set_("standard.title_en", "Household rice cookers"), {}, 1, "standard.title_en"),
    "TSTD-FMT-009": (set_("standard.publish_date", "2024-05-12"), {}, 1, "standard.publish_date"),
    "TSTD-FMT-010": (set_("standard.implement_date", "2024-07-01"), {}, 1, "standard.implement_date"),
    "TSTD-FMT-011": (set_("standard.ics", "97.040.20"), {}, 1, "standard.ics"),
    "TSTD-FMT-012": (set_("standard.ccs", "Y61"), {}, 1, "standard.ccs"),
    "TSTD-FMT-013": (set_("organization.name", "中国家用电器协会"), {}, 1, "organization.name"),
    "TSTD-FMT-014": (set_("standard.replaces", ["T/CECEA 012—2019"]), {"replaces": "代替 T/CECEA 012—2020"}, 1,
                     "standard.replaces"),
    "TSTD-FMT-015": (None, {"drafting": None}, 3, ""),
    "TSTD-FMT-016": (set_("standard.patents", {"involved": True, "items": [
        {"number": "ZL202010000000.0", "title": "一种电饭煲多段温控方法", "holder": "广东某某电器股份有限公司",
         "licence": "frand"}]}), {}, 3, "standard.patents.involved"),
    "TSTD-FMT-017": (None, {"introduction": INTRO_PATENT}, 4, "standard.patents.involved"),
    "TSTD-FMT-018": (None, {"patent_notice": None}, 3, "standard.patents.involved"),
    "TSTD-FMT-019": (None, {"patent_notice": PATENT_2009}, 3, ""),
    "TSTD-FMT-020": (set_("standard.drafting_units", ["中国电子节能技术协会", "中国家用电器研究院"]), {}, 3,
                     "standard.drafting_units"),
    "TSTD-FMT-021": (set_("standard.drafters", ["李华", "王敏", "陈立新", "周静", "孙鹏"]), {}, 3, "standard.drafters"),
    "TSTD-FMT-022": (None, {"responsible": None}, 3, ""),
    "TSTD-FMT-023": (None, {"chapter1_title": "适用范围"}, 4, ""),
    "TSTD-FMT-024": (None, {"chapter2": False}, 4, ""),
    "TSTD-FMT-025": (None, {"chapter3": False}, 4, ""),
    "TSTD-FMT-026": (None, {"scope": "为规范家用智能电饭煲的能效与安全，制定本文件。本文件适用于家用智能电饭煲。"}, 4, ""),
    "TSTD-FMT-027": (None, {"ref_lead": "下列文件对于本文件的应用是必不可少的。"
                                         "凡是注日期的引用文件，仅注日期的版本适用于本文件。"}, 4, ""),
    "TSTD-FMT-028": (None, {"terms_lead": "本文件采用下列术语和定义。"}, 4, ""),
    "TSTD-FMT-029": (None, {"references": ["GB 4706.1—2005 家用和类似用途电器的安全 第1部分：通用要求",
                                           "《家用电器安全使用年限》（中国家用电器协会）"]}, 4, ""),
    "TSTD-FMT-030": (set_("standard.normative_references", ["GB 4706.1—2005 家用和类似用途电器的安全 第1部分：通用要求"]),
                     {}, 4, "standard.normative_references"),
    "TSTD-FMT-031": (set_("standard.scope", "本文件规定了电压力锅的安全要求和试验方法。"), {}, 4, "standard.scope"),
    "TSTD-FMT-032": (None, {"drafters": None}, 3, ""),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires_with_its_page(check_pair: Callable[..., list[Finding]], rule: str) -> None:
    mutate, changes, page, path = CASES[rule]
    hits = [f for f in check_pair(mutate, **changes) if f.rule == rule]
    assert hits, f"{rule} did not fire"
    assert hits[0].page == page
    assert hits[0].path == path
    if path:
        assert hits[0].line is not None  # located in the declaration too


def test_every_rule_has_a_failing_case_and_cites_its_basis() -> None:
    pack = load_pack(rules_dir() / "format.yaml")
    ids = {r.id for r in pack.rules}
    # unreadable PDFs: test_unreadable_pdf_is_one_finding; FMT-033/034: tests/pdf/test_real_layouts.py
    assert ids - set(CASES) == {"TSTD-FMT-001", "TSTD-FMT-033", "TSTD-FMT-034"}
    for rule in pack.rules:
        assert rule.info.basis and rule.info.title.zh and rule.message.zh and rule.message.en
    raw = yaml.safe_load((rules_dir() / "format.yaml").read_text(encoding="utf-8"))
    for rule_data in raw["rules"]:  # severity policy: every basis names the obligation word of its text
        assert all(b.get("wording") for b in rule_data["basis"]), rule_data["id"]


def test_severity_policy_errors_only_for_proven_untrue_disclosure() -> None:
    """Errors only where the disclosure is proven untrue (declared ≠ printed); GB/T 1.1 drafting rules are
    recommended (the 规定 says 参照) and a tool limitation is never an error about the standard."""
    pack = load_pack(rules_dir() / "format.yaml")
    errors = {r.id for r in pack.rules if r.info.severity is Severity.ERROR}
    assert errors == {"TSTD-FMT-006", "TSTD-FMT-007", "TSTD-FMT-009", "TSTD-FMT-010", "TSTD-FMT-011",
                      "TSTD-FMT-012", "TSTD-FMT-017", "TSTD-FMT-020", "TSTD-FMT-021"}


def test_legacy_wordings_are_warnings_not_errors(check_pair: Callable[..., list[Finding]]) -> None:
    found = {f.rule: f for f in check_pair(drafting=DRAFTING_2009)}
    assert found["TSTD-FMT-015"].severity is Severity.WARNING
    assert "GB/T 1.1—2009" in found["TSTD-FMT-015"].message
    missing = {f.rule: f for f in check_pair(drafting=None)}
    assert missing["TSTD-FMT-015"].severity is Severity.WARNING  # GB/T 1.1 is recommended: 参照


def test_patent_introduction_satisfies_a_patent_declaration(check_pair: Callable[..., list[Finding]]) -> None:
    patents = set_("standard.patents", {"involved": True, "items": [
        {"number": "ZL202010000000.0", "title": "一种电饭煲多段温控方法", "holder": "广东某某电器股份有限公司",
         "licence": "frand"}]})
    assert check_pair(patents, introduction=INTRO_PATENT, patent_notice=None) == []


def test_spelling_variants_are_not_mismatches(check_pair: Callable[..., list[Finding]]) -> None:
    def variants(decl: dict[str, Any]) -> None:
        s = decl["standard"]
        s["number"] = "Ｔ／ＣＥＣＥＡ ０１２－２０２４"
        s["ccs"] = "Y 62"
        s["drafters"] = list(reversed(s["drafters"]))
        s["scope"] = s["scope"].replace("，", ",")
    assert check_pair(variants) == []


def format_findings(engine: Engine, decl: dict[str, Any], tmp_path: Path, pdf: str | None) -> list[Finding]:
    """Check ``decl`` (naming ``pdf`` in standard.full_text.file when given); its format findings."""
    if pdf is not None:
        decl["standard"]["full_text"]["file"] = pdf
    path = tmp_path / "decl.yaml"
    path.write_text(yaml.safe_dump(decl, allow_unicode=True), encoding="utf-8")
    result = engine.check_path(path)
    assert result is not None
    return [f for f in result.findings if f.rule.startswith("TSTD-FMT")]


@pytest.mark.parametrize(("write", "reason"), [
    (lambda p: p.write_bytes(b"%PDF-1.7\n%broken"), "文件不是有效的 PDF"),
    (lambda p: p.write_bytes((Path(__file__).parents[1] / "fixtures/pdf/scan_3pages.pdf").read_bytes()), "只有图像"),
    (lambda p: p.write_bytes((Path(__file__).parents[1] / "fixtures/pdf/lo_notounicode.pdf").read_bytes()),
     "无法解码"),
])
def test_unreadable_pdf_is_one_finding(engine: Engine, compliant: dict[str, Any], tmp_path: Path,
                                       write: Callable[[Path], Any], reason: str) -> None:
    write(tmp_path / "std.pdf")
    fmt = format_findings(engine, compliant, tmp_path, "std.pdf")
    assert [f.rule for f in fmt] == ["TSTD-FMT-001"]
    assert reason in fmt[0].message and fmt[0].path == "standard.full_text.file"


def test_missing_named_pdf_is_reported(engine: Engine, compliant: dict[str, Any], tmp_path: Path) -> None:
    assert [f.rule for f in format_findings(engine, compliant, tmp_path, "gone.pdf")] == ["TSTD-FMT-001"]


def test_declaration_without_pdf_runs_no_format_rule(engine: Engine, compliant: dict[str, Any],
                                                     tmp_path: Path) -> None:
    assert format_findings(engine, compliant, tmp_path, None) == []


def test_page_cap_from_the_run_settings_is_reported_once(compliant: dict[str, Any], tmp_path: Path) -> None:
    from tstd.run import CheckOptions, build_engine

    capped = build_engine(CheckOptions(settings={"pdf_max_pages": 2}))
    write_pdf(tmp_path / "std.pdf", spec_for(compliant, drafting=None))
    # Chapters and the foreword were not reached: absence proves nothing, so only FMT-002 speaks.
    assert [f.rule for f in format_findings(capped, compliant, tmp_path, "std.pdf")] == ["TSTD-FMT-002"]
