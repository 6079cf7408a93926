"""Every rule of the built-in `disclosure` pack fires on a realistic defect and stays quiet on the
compliant example and on tricky-but-valid variants (full-width numbers, consensus reviews, …)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from helpers import rule_ids
from tstd.engine.pack import load_pack
from tstd.engine.runner import Engine
from tstd.inputs.document import split_path
from tstd.packtest import checked_on, example_date, run_pack_tests
from tstd.resources import rules_dir

Mutation = Callable[[dict[str, Any]], None]


def put(path: str, value: Any) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        steps = split_path(path)
        node: Any = data
        for step in steps[:-1]:
            if isinstance(step, str) and step not in node:
                node[step] = {}
            node = node[step]
        node[steps[-1]] = value
    return apply


def drop(path: str) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        steps = split_path(path)
        node: Any = data
        for step in steps[:-1]:
            node = node[step]
        del node[steps[-1]]
    return apply


def both(*mutations: Mutation) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        for m in mutations:
            m(data)
    return apply


PATENTS = {"involved": True, "items": [{"number": "ZL202010000000.0", "title": "一种电饭煲防干烧控制方法",
                                        "holder": "某某电器股份有限公司", "licence": "frand"}]}

# rule id → (defect that must fire it, expected path)
FAILING: dict[str, tuple[Mutation, str]] = {
    "TSTD-DISC-001": (drop("standard.number"), "standard.number"),
    "TSTD-DISC-002": (put("standard.title", "  "), "standard.title"),
    "TSTD-DISC-003": (drop("standard.release_document.date"), "standard.release_document"),
    "TSTD-DISC-004": (drop("standard.scope"), "standard.scope"),
    "TSTD-DISC-005": (put("standard.drafters", []), "standard.drafters"),
    "TSTD-DISC-006": (put("standard.patents", {}), "standard.patents.involved"),
    "TSTD-DISC-007": (drop("standard.compliance_statement"), "standard.compliance_statement"),
    "TSTD-DISC-008": (put("standard.compliance_statement", False), "standard.compliance_statement"),
    "TSTD-DISC-009": (drop("standard.ccs"), "standard.ccs"),
    "TSTD-DISC-010": (drop("standard.implement_date"), "standard.implement_date"),
    "TSTD-DISC-011": (drop("organization.business_scope"), "organization.business_scope"),
    "TSTD-DISC-012": (put("standard.number", "T/cecea 012—2024"), "standard.number"),
    "TSTD-DISC-013": (put("standard.number", "T/CEEA 012—2024"), "standard.number"),
    "TSTD-DISC-014": (both(put("standard.number", "T/JB 012—2024"), put("organization.code", "JB")), "standard.number"),
    "TSTD-DISC-015": (put("standard.number", "T/CECEA 012—2023"), "standard.number"),
    "TSTD-DISC-016": (put("organization.uscc", "51100000MJ00000016"), "organization.uscc"),
    "TSTD-DISC-017": (put("organization.uscc", "91110000000000000E"), "organization.uscc"),
    "TSTD-DISC-018": (put("organization.uscc", "53100000500021676K"), "organization.uscc"),
    "TSTD-DISC-019": (put("standard.ics", ["97.040.50", "97.04"]), "standard.ics[1]"),
    "TSTD-DISC-020": (put("standard.ccs", "O62"), "standard.ccs"),
    "TSTD-DISC-021": (put("process.consultation.end", "2024-02-31"), "process.consultation.end"),
    "TSTD-DISC-022": (put("standard.implement_date", dt.date(2024, 5, 1)), "standard.implement_date"),
    "TSTD-DISC-023": (put("standard.status", "废止"), "standard.abolish_date"),
    "TSTD-DISC-024": (put("standard.patents", {"involved": True}), "standard.patents.items"),
    "TSTD-DISC-025": (both(put("standard.patents", PATENTS), drop("standard.patents.items[0].holder")),
                      "standard.patents.items[0].holder"),
    "TSTD-DISC-026": (both(put("standard.patents", PATENTS), put("standard.patents.items[0].licence", "none")),
                      "standard.patents.items[0].licence"),
    "TSTD-DISC-027": (both(put("standard.patents", PATENTS), put("standard.patents.items[0].licence", "refused")),
                      "standard.patents.items[0].licence"),
    "TSTD-DISC-028": (put("standard.patents", {"involved": False, "items": PATENTS["items"]}), "standard.patents.items"),
    "TSTD-DISC-029": (drop("process.technical_review"), "process.technical_review"),
    "TSTD-DISC-030": (put("process.consultation.end", dt.date(2024, 2, 3)), "process.consultation.end"),
    "TSTD-DISC-031": (put("process.consultation.public", False), "process.consultation.public"),
    "TSTD-DISC-032": (put("process.technical_review.votes_for", 8), "process.technical_review.votes_for"),
    "TSTD-DISC-033": (put("process.technical_review.drafters_voted", True), "process.technical_review.drafters_voted"),
    "TSTD-DISC-034": (put("process.technical_review.votes_for", 12), "process.technical_review.attendees"),
    "TSTD-DISC-035": (put("process.decision.date", dt.date(2024, 5, 12)), "process.decision.date"),
    "TSTD-DISC-036": (put("process.approval.date", dt.date(2023, 8, 1)), "process.approval.date"),
    "TSTD-DISC-037": (both(put("standard.publish_date", dt.date(2019, 5, 10)), put("standard.number", "T/CECEA 012—2019"),
                           put("standard.implement_date", dt.date(2019, 6, 10)), drop("process")),
                      "standard.publish_date"),
    "TSTD-DISC-038": (drop("organization.policies.ip"), "organization.policies.ip"),
    "TSTD-DISC-039": (drop("organization.standardization.department"), "organization.standardization.department"),
    "TSTD-DISC-040": (put("organization.standardization.staff", 0), "organization.standardization.staff"),
    "TSTD-DISC-041": (put("organization.commitment", False), "organization.commitment"),
    "TSTD-DISC-042": (both(put("organization.status", "suspended"), put("organization.suspended_from", dt.date(2024, 3, 1))),
                      "organization.status"),
    "TSTD-DISC-043": (both(put("standard.full_text", {"public": False}), drop("standard.main_technical_content")),
                      "standard.full_text"),
    "TSTD-DISC-044": (drop("standard.industry"), "standard.industry"),
    "TSTD-DISC-045": (put("process.consultation.end", dt.date(2024, 1, 15)), "process.consultation.end"),
    "TSTD-DISC-046": (drop("organization.standardization.staff"), "organization.standardization.staff"),
    "TSTD-DISC-047": (drop("process.consultation.end"), "process.consultation.end"),
    "TSTD-DISC-048": (put("process.consultation.handling_record", False), "process.consultation.handling_record"),
    "TSTD-DISC-049": (drop("process.consultation.handling_record"), "process.consultation.handling_record"),
    "TSTD-DISC-050": (drop("organization.policies.complaints"), "organization.policies.complaints"),
    "TSTD-DISC-051": (put("standard.cybersecurity", {"public_interest": True, "cac_consulted": False}),
                      "standard.cybersecurity.cac_consulted"),
    "TSTD-DISC-052": (put("standard.title", "智能家居设备数据安全技术要求"), "standard.cybersecurity"),
    "TSTD-DISC-053": (put("standard.title", "预制菜冷链配送服务规范"), "standard.title"),
    "TSTD-DISC-054": (put("standard.scope", "本标准为强制性标准，本会会员单位及全市相关企业应强制执行。"), "standard.scope"),
    "TSTD-DISC-055": (put("standard.main_technical_content", "加热盘应采用佛山某某电器有限公司生产的产品，并仅限会员单位供货。"),
                      "standard.main_technical_content"),
    "TSTD-DISC-056": (put("standard.adopts", {"document": "IEC 60335-2-15:2024", "degree": "MOD"}), "standard.adopts"),
    "TSTD-DISC-057": (put("standard.adopts", {"document": "IEC 60335-2-15:2024", "degree": "IDT", "permission": False}),
                      "standard.adopts.permission"),
}

# rule id (optionally with a _suffix) → a realistic variant that must NOT fire it
PASSING: dict[str, Mutation] = {
    "TSTD-DISC-012": put("standard.number", "Ｔ／ＣＥＣＥＡ　０１２－２０２４"),
    "TSTD-DISC-013": put("organization.code", "cecea"),
    "TSTD-DISC-015": both(put("standard.number", "T/CECEA 012—2025"), put("standard.publish_date", dt.date(2025, 1, 3)),
                          put("standard.implement_date", dt.date(2025, 2, 1))),
    "TSTD-DISC-016": put("organization.uscc", "5110 0000 MJ00 000015"),
    "TSTD-DISC-019": put("standard.ics", ["97.040.50", "97.030"]),
    "TSTD-DISC-020": put("standard.ccs", "Y 62"),
    "TSTD-DISC-021": put("standard.publish_date", "2024年5月10日"),
    "TSTD-DISC-023": both(put("standard.status", "废止"), put("standard.abolish_date", dt.date(2026, 1, 1))),
    "TSTD-DISC-026": put("standard.patents", PATENTS),
    "TSTD-DISC-030": put("process.consultation.end", dt.date(2024, 2, 4)),
    "TSTD-DISC-031": both(put("standard.consumer_related", False), put("process.consultation.public", False)),
    "TSTD-DISC-032": both(put("process.technical_review.consensus", True), put("process.technical_review.votes_for", 0)),
    "TSTD-DISC-037": put("process.reviews", [{"date": dt.date(2026, 5, 1), "outcome": "继续有效"}]),
    "TSTD-DISC-042": both(put("organization.status", "suspended"), put("organization.suspended_from", dt.date(2022, 1, 1)),
                          put("organization.suspended_until", dt.date(2022, 6, 30))),
    "TSTD-DISC-043": put("standard.full_text", {"public": False}),
    # Issue 10: lawful declarations that drew false errors before.
    "TSTD-DISC-003": put("standard.release_document", {"date": dt.date(2024, 5, 10), "url": "https://www.cecea.org.cn/tzgg/2024-15.html"}),
    "TSTD-DISC-045": put("process.consultation.end", dt.date(2024, 2, 3)),  # 29 days: TSTD-DISC-030 warns, no error
    "TSTD-DISC-048": drop("process.consultation.handling_record"),  # unknown is a warning (DISC-049), not an error
    "TSTD-DISC-051": put("standard.cybersecurity", {"public_interest": False, "cac_consulted": False}),
    "TSTD-DISC-052": both(put("standard.title", "智能家居设备数据安全技术要求"),
                          put("standard.cybersecurity", {"public_interest": True, "cac_consulted": True})),
    "TSTD-DISC-054": put("standard.scope",
                         "本文件规定的安全要求不低于强制性国家标准 GB 4706.1，供会员单位约定采用，不强制执行。"),
    "TSTD-DISC-055": put("standard.main_technical_content", "加热盘功率偏差不超过 ±5%，本会会员单位约定采用本文件。"),
    # A members-only adoption is lawful (法18); "非会员" in a neutral sentence is not an exclusion.
    "TSTD-DISC-055_members": put("standard.scope", "本文件供本会会员单位约定采用，也可供非会员单位自愿采用。"),
    "TSTD-DISC-056": put("standard.adopts", {"document": "IEC 60335-2-15:2024", "degree": "NEQ"}),
    "TSTD-DISC-057": put("standard.adopts", {"document": "IEC 60335-2-15:2024", "degree": "IDT", "permission": True,
                                             "permission_ref": "IEC 版权许可函 2024-031"}),
}


def test_every_rule_of_the_pack_has_a_failing_case() -> None:
    pack = load_pack(rules_dir() / "disclosure.yaml")
    assert {r.id for r in pack.rules} == set(FAILING)


def test_compliant_example_is_clean(check_data: Callable[..., Any], compliant: dict[str, Any]) -> None:
    assert check_data(compliant) == []


@pytest.mark.parametrize("rule_id", sorted(FAILING))
def test_rule_fires_on_defect(rule_id: str, check_data: Callable[..., Any], compliant: dict[str, Any]) -> None:
    mutation, path = FAILING[rule_id]
    mutation(compliant)
    findings = [f for f in check_data(compliant) if f.rule == rule_id]
    assert findings, f"{rule_id} did not fire"
    assert path in {f.path for f in findings}
    finding = findings[0]
    assert finding.basis and finding.message and "{" not in finding.message
    assert finding.line is not None or finding.path not in ("", None)


@pytest.mark.parametrize("rule_id", sorted(PASSING))
def test_rule_quiet_on_valid_variant(rule_id: str, check_data: Callable[..., Any], compliant: dict[str, Any]) -> None:
    PASSING[rule_id](compliant)  # keys may carry a suffix (_members) when a rule has several valid variants
    assert rule_id.split("_")[0] not in rule_ids(check_data(compliant))


def test_review_due_uses_today_from_context(engine: Any, compliant: dict[str, Any], tmp_path: Any) -> None:
    """The 5-year review check depends on the run date, which the context carries (not the wall clock)."""
    from dataclasses import replace

    import yaml

    from tstd.engine.runner import Engine

    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(compliant, allow_unicode=True), encoding="utf-8")
    later = Engine(engine.packs, replace(engine.ctx, today=dt.date(2029, 6, 1)), engine.loader)
    soon = Engine(engine.packs, replace(engine.ctx, today=dt.date(2029, 5, 1)), engine.loader)
    assert "TSTD-DISC-037" in rule_ids(list(later.check_path(path).findings))  # type: ignore[union-attr]
    assert "TSTD-DISC-037" not in rule_ids(list(soon.check_path(path).findings))  # type: ignore[union-attr]


EXAMPLED = {r.id: r for r in load_pack(rules_dir() / "disclosure.yaml").rules if {"fail", "pass"} <= set(r.examples)}


@pytest.mark.parametrize("rule_id", sorted(EXAMPLED))
def test_documented_examples_behave_as_documented(rule_id: str, check_data: Callable[..., Any],
                                                  engine: Engine) -> None:
    """What `tstd explain` shows is true: the fail fragment fires the rule and the pass fragment does not (on the
    date the examples name, if any)."""
    examples = EXAMPLED[rule_id].examples
    with checked_on(engine, example_date(examples["today"]) if "today" in examples else None):
        assert rule_id in rule_ids(check_data({"tstd": 1, **examples["fail"]}))
        assert rule_id not in rule_ids(check_data({"tstd": 1, **examples["pass"]}))


def test_date_dependent_examples_do_not_expire(engine: Engine) -> None:
    """The review-due examples are checked on the date they name, so they still hold in 2031 and later."""
    (pack,) = [p for p in engine.packs if p.id == "disclosure"]
    later = dt.date(2031, 6, 1)
    with checked_on(engine, later):
        results = [r for r in run_pack_tests([pack], engine) if r.rule == "TSTD-DISC-037"]
        assert engine.ctx.today == later
    assert results and all(r.ok for r in results), results


@pytest.mark.parametrize("number", ["T/cecea 012—2024", "t/CECEA 012—2024", "T/Cecea 012-2024",
                                    "Ｔ／ｃｅｃｅａ　０１２－２０２４"])
def test_lower_case_code_is_an_error_although_it_normalises(number: str, check_data: Callable[..., Any],
                                                             compliant: dict[str, Any]) -> None:
    compliant["standard"]["number"] = number
    found = [f for f in check_data(compliant) if f.rule == "TSTD-DISC-012"]
    assert [f.severity.value for f in found] == ["error"]
    assert "大写" in found[0].message
    # The other number checks still work on the normalised form: the code matches the organisation's.
    assert "TSTD-DISC-013" not in rule_ids(check_data(compliant))


def test_release_notice_without_a_number_is_lawful(check_data: Callable[..., Any], compliant: dict[str, Any]) -> None:
    """The law asks for the 发布文件, never for a 文号 (legal review, DISC-003)."""
    del compliant["standard"]["release_document"]["number"]
    assert check_data(compliant) == []


def test_consultation_severity_follows_the_word_yiban(check_data: Callable[..., Any], compliant: dict[str, Any]) -> None:
    """'一般不少于30日': 29 days is a warning only; 10 days is an error (and still the warning)."""
    compliant["process"]["consultation"]["end"] = dt.date(2024, 2, 3)  # 29 days after 2024-01-05
    found = {(f.rule, f.severity.value) for f in check_data(compliant)}
    assert found == {("TSTD-DISC-030", "warning")}
    compliant["process"]["consultation"]["end"] = dt.date(2024, 1, 15)
    found = {(f.rule, f.severity.value) for f in check_data(compliant)}
    assert found == {("TSTD-DISC-030", "warning"), ("TSTD-DISC-045", "error")}


def test_staff_missing_is_a_warning_and_zero_an_error(check_data: Callable[..., Any], compliant: dict[str, Any]) -> None:
    del compliant["organization"]["standardization"]["staff"]
    assert {(f.rule, f.severity.value) for f in check_data(compliant)} == {("TSTD-DISC-046", "warning")}
    compliant["organization"]["standardization"]["staff"] = 0
    assert {(f.rule, f.severity.value) for f in check_data(compliant)} == {("TSTD-DISC-040", "error")}


@pytest.mark.parametrize("mutation", [
    put("standard.adoption_scope", "members"),  # 法18: adoption agreed among members is lawful
    put("organization.fees", [{"name": "会费", "amount": 2000, "unit": "元/年", "payer": "member", "purpose": "membership",
                               "mandatory": True, "approved_by": "会员（代表）大会", "published": True}]),
    put("organization.fees", [{"name": "会费", "amount": 800, "unit": "元/年", "payer": "member", "purpose": "membership",
                               "mandatory": True, "approved_by": "会员(代表)大会", "published": True}]),
    put("organization.type", "协会"),
    put("organization.supervising_body", "中国科学技术协会"),
    put("standard.cybersecurity", {"public_interest": False, "cac_consulted": False}),
])
def test_lawful_new_fields_raise_nothing(mutation: Mutation, check_data: Callable[..., Any],
                                         compliant: dict[str, Any]) -> None:
    """New optional fields used lawfully produce no finding from the disclosure/mandatory packs nor INPUT-009."""
    mutation(compliant)
    found = {f.rule for f in check_data(compliant) if f.category.value in {"disclosure", "mandatory", "conduct", "input"}}
    assert found == set()


def test_an_examples_date_that_is_not_a_date_fails_the_rule_test(engine: Engine) -> None:
    (pack,) = [p for p in engine.packs if p.id == "disclosure"]
    (rule,) = [r for r in pack.rules if r.id == "TSTD-DISC-037"]
    broken = dataclasses.replace(pack, rules=(dataclasses.replace(rule, examples={**rule.examples, "today": "下月"}),))
    (result,) = run_pack_tests([broken], engine)
    assert not result.ok and result.case == "examples.today" and "YYYY-MM-DD" in result.detail
