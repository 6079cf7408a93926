"""Scoring: scores move as expected when evidence is removed or a violation is added, and every lost point
is explained."""

from __future__ import annotations

import pytest

from evaluate.evalhelpers import Org, finding
from tstd.evaluate import Evaluation, StandardInput, evaluate, load_model
from tstd.evaluate.conduct_model import Selector, default_model_path, parse_model
from tstd.evaluate.measures import NO_STANDARDS
from tstd.evaluate.scoring import _level
from tstd.model import Category, Severity

CONSULTATION = "T-ZJSHA-007-2024.yaml"


def score_of(ev: Evaluation, indicator: str) -> float:
    node = ev.find(indicator)
    assert node is not None
    return node.score


def assert_traceable(ev: Evaluation) -> None:
    """Every leaf that lost points says why; totals add up."""
    for node in ev.walk():
        if node.children:
            assert node.score == pytest.approx(sum(c.score for c in node.children))
        elif node.applicable and node.lost > 0:
            assert node.missing, f"{node.id} lost {node.lost} without a reason"
    assert ev.score == pytest.approx(sum(i.score for i in ev.indicators))
    assert sum(a.lost for a in ev.actions) == pytest.approx(ev.max_score - ev.score, abs=0.05)


def test_example_baseline(org: Org) -> None:
    ev = org.score()
    assert_traceable(ev)
    assert ev.max_score == 100  # ZJSHA's 003 involves patents, so every indicator applies
    assert 80 < ev.percent < 100
    assert ev.level is not None and ev.level == ev.score_level
    # 7.2 is answered "yes" without any evidence: half of its 3 points.
    assert score_of(ev, "7.2") == 1.5
    # 010 has no release-notice URL/file: 2 of 3 fields on one of four standards; no release-notice finding.
    assert score_of(ev, "2.2") == pytest.approx(3 * ((1 + 1 + 1 + 2 / 3) / 4 + 1) / 2, abs=0.01)
    gap = ev.find("2.2").missing[0]  # type: ignore[union-attr]
    assert gap.standard == "T/ZJSHA 010—2024" and gap.file == "T-ZJSHA-010-2024.yaml"


def test_removing_evidence_lowers_the_score(org: Org) -> None:
    before = org.score()
    answer = org.answer("1.2.3")
    del answer["evidence"], answer["evidence_file"]
    after = org.score()
    assert score_of(before, "1.2.3") == 2
    assert score_of(after, "1.2.3") == 1  # unevidenced_factor 0.5
    assert after.score == pytest.approx(before.score - 1)
    assert any("未附证明材料" in g.text for g in after.find("1.2.3").missing)  # type: ignore[union-attr]


def test_missing_evidence_file_is_a_problem_and_no_document(org: Org) -> None:
    org.answer("3.6")["evidence_file"] = "evidence/不存在的记录.pdf"
    del org.answer("3.6")["evidence"]
    ev = org.score()
    assert score_of(ev, "3.6") == 1
    assert any(p.path == "self_assessment[3].evidence_file" and "不存在的记录.pdf" in p.message for p in ev.problems)


def test_removing_an_organisation_policy_lowers_the_score(org: Org) -> None:
    before = org.score()
    del org.organization["policies"]["copyright"]
    org.organization["standardization"]["full_time_staff"] = 1
    after = org.score()
    assert score_of(after, "1.3.3") == 0
    # staff 1 of 3 on the count measure; no staff finding (the pack asks for ≥ 1 person)
    assert score_of(after, "1.2.2") == pytest.approx(2 * (1 / 3 + 1) / 2, abs=0.01)
    assert after.score == pytest.approx(before.score - 1 - 2 / 3, abs=0.02)
    assert_traceable(after)


def test_fee_violation_lowers_score_and_caps_level(org: Org) -> None:
    before = org.score()
    assert before.level is not None and before.level.id in {"A", "B"}
    org.findings[CONSULTATION].append(finding(
        "TSTD-FEE-003", "fee", "error", "参编单位须缴纳参编费 2 万元", path="organization.fees[2]",
        source="organization.yaml", line=40))
    after = org.score()
    assert score_of(after, "6.1") == pytest.approx(5 * 3 / 4)
    assert after.level is not None and after.level.id == "D"
    assert after.score_level == before.score_level  # the score alone would still reach the old level
    assert [v.id for v in after.vetoes] == ["prohibited-fee"]
    gap = after.find("6.1").missing[0]  # type: ignore[union-attr]
    assert gap.rule == "TSTD-FEE-003" and gap.file == "organization.yaml" and gap.line == 40


def test_organisation_level_finding_repeated_per_standard_is_listed_once(org: Org) -> None:
    for name in org.findings:
        org.findings[name].append(finding("TSTD-FEE-001", "fee", "error", "参编费与起草单位排名挂钩",
                                          path="organization.fees[1]", source="organization.yaml"))
    ev = org.score()
    assert score_of(ev, "6.1") == 0
    assert len(ev.find("6.1").missing) == 1  # type: ignore[union-attr]


def test_mandatory_findings_by_subject(org: Org) -> None:
    """References, subject overlap and looser limits cost different indicators; only a looser limit vetoes."""
    org.findings[CONSULTATION] += [
        finding("TSTD-MAND-002", "mandatory", "warning", "引用的 GB 4706.1—2005 已被 GB 4706.1—2024 代替",
                path="standard.normative_references[0]"),
        finding("TSTD-MAND-001", "mandatory", "error", "引用的 GB 12021.6—2017 已废止",
                path="standard.normative_references[2]"),
        finding("TSTD-MAND-003", "mandatory", "warning", "标准主题与 GB 4706.19 的范围重叠", path="standard.title"),
    ]
    referenced = org.score()
    assert score_of(referenced, "5.3") == pytest.approx(3 * 3 / 4)
    assert score_of(referenced, "5.2") == pytest.approx(2 * 3 / 4)
    assert score_of(referenced, "5.1") == 6
    assert referenced.level == referenced.score_level  # a withdrawn reference is no veto
    org.findings[CONSULTATION].append(finding(
        "TSTD-MAND-004", "mandatory", "error", "待机功率 1.0 W 宽于 GB 12021.6 的限值",
        path="standard.requirements[1].value"))
    conflict = org.score()
    assert score_of(conflict, "5.1") == pytest.approx(6 * 3 / 4)
    assert conflict.level is not None and conflict.level.id == "D"
    assert [v.id for v in conflict.vetoes] == ["mandatory-conflict"]


def test_mandatory_compliance_statement_finding_costs_the_statement(org: Org) -> None:
    before = org.score()
    org.findings[CONSULTATION].append(finding(
        "TSTD-MAND-005", "mandatory", "error", "涉及 GB 4706.1 但未作合规声明", path="standard.compliance_statement"))
    after = org.score()
    assert score_of(after, "2.4") == pytest.approx(2 * (1 + 3 / 4) / 2)
    assert score_of(after, "5.1") == score_of(before, "5.1") and after.level == before.level


def test_procedure_finding_costs_the_procedure_indicator_only(org: Org) -> None:
    before = org.score()
    org.findings[CONSULTATION].append(finding(
        "TSTD-DISC-041", "disclosure", "error", "征求意见期为 21 天，少于 30 天", path="process.consultation.end"))
    after = org.score()
    assert score_of(after, "3.2") == pytest.approx(score_of(before, "3.2") - 4 / 2 / 4, abs=0.01)
    changed = {n.id for n in after.walk() if not n.children and n.score != score_of(before, n.id)}
    assert changed == {"3.2"}


def test_patent_indicator_without_patents_scores_the_flag_only(org: Org) -> None:
    org.declarations["T-ZJSHA-003-2023.yaml"]["standard"]["patents"] = {"involved": False}
    ev = org.score()
    node = ev.find("2.3")
    assert node is not None and node.applicable and node.score == 3
    assert any("不适用" in e for e in node.evidence)  # the patent-list measure has nothing to measure
    org.findings["T-ZJSHA-010-2024.yaml"].append(finding(
        "TSTD-DISC-006", "disclosure", "error", "缺少 standard.patents.involved", path="standard.patents.involved"))
    assert score_of(org.score(), "2.3") == pytest.approx(3 * 3 / 4)


def test_no_declarations_scores_zero_on_standard_measures(org: Org) -> None:
    org.declarations.clear()
    org.findings.clear()
    ev = org.score()
    assert score_of(ev, "2.1") == 0 and score_of(ev, "5.1") == 0
    assert ev.find("2.1").missing[0].text == NO_STANDARDS  # type: ignore[union-attr]
    assert score_of(ev, "1.3.2") == 2  # organisation-level indicators still count
    assert score_of(ev, "1.2.1") == 1  # its organisation findings are not applicable without declarations
    assert_traceable(ev)


def test_answer_problems_are_reported_not_raised(org: Org) -> None:
    org.answers_raw += [
        {"indicator": "9.9", "answer": "是"},
        {"indicator": "2.1", "answer": "是", "evidence": "已公开"},
        {"indicator": "7.2", "answer": "否"},
        {"indicator": "6.1", "answer": "也许"},
        {"answer": "是"},
        "1.2.3: 是",
    ]
    org.answer("5.5")["score"] = 5
    ev = org.score()
    messages = [(p.path, p.message) for p in ev.problems]
    assert any("9.9" in m for _, m in messages)
    assert any("2.1" in m and "自动计分" in m for _, m in messages)
    assert any("重复" in m for _, m in messages)
    assert any("也许" in m for _, m in messages)
    assert any("缺少 indicator" in m for _, m in messages)
    assert any("应为映射" in m for _, m in messages)
    assert any(path.endswith(".score") and "超过" in m for path, m in messages)
    assert score_of(ev, "5.5") == 2  # capped at the indicator's points
    assert score_of(ev, "7.2") == 1.5  # the first answer wins
    assert score_of(ev, "2.1") == 6  # answers never change automatic indicators


def test_full_width_answers_are_understood(org: Org) -> None:
    org.answers_raw = [a for a in org.answers_raw if a["indicator"] not in {"2.6", "7.2"}]
    org.answers_raw += [{"indicator": "２.６", "answer": "ＹＥＳ", "evidence": "平台已公开"},
                        {"indicator": "7.2", "answer": " 否 "}]
    ev = org.score()
    assert score_of(ev, "2.6") == 2 and score_of(ev, "7.2") == 0
    assert not ev.problems


def test_self_assessment_missing_answer(org: Org) -> None:
    org.answers_raw = [a for a in org.answers_raw if a["indicator"] != "2.6"]
    ev = org.score()
    assert score_of(ev, "2.6") == 0
    assert "未提供自评答复" in ev.find("2.6").missing[0].text  # type: ignore[union-attr]


def test_both_method_weights_measures(org: Org) -> None:
    org.findings[CONSULTATION].append(finding("TSTD-FMT-002", "format", "error", "前言缺少起草规则声明"))
    ev = org.score()
    # 4.2 = mean of findings_free (3/4) and the answer (3 of 4 points).
    assert score_of(ev, "4.2") == pytest.approx(4 * (0.75 + 0.75) / 2)


def test_levels_follow_thresholds() -> None:
    model = load_model()
    for percent, level in [(95, "A"), (90, "A"), (89.9, "B"), (75, "B"), (60, "C"), (59.9, "D"), (0, "D")]:
        result = _level(model, percent)
        assert result is not None and result.id == level, percent


def test_model_without_levels_gives_no_level(org: Org) -> None:
    db34 = load_model(default_model_path().parent / "models" / "db34-sample.yaml")
    ev = org.score(db34)
    assert ev.level is None and ev.max_score == 25
    assert score_of(ev, "2.1.1") == 1
    assert score_of(ev, "1.3.1") == 0  # not answered


@pytest.mark.parametrize(
    ("selector", "hit"),
    [
        (Selector(), True),
        (Selector(categories=frozenset({Category.FEE})), False),
        (Selector(rule_prefixes=("TSTD-DISC-",)), True),
        (Selector(rules=frozenset({"TSTD-DISC-041"})), True),
        (Selector(categories=frozenset({Category.FEE}), rules=frozenset({"TSTD-DISC-041"})), True),
        (Selector(paths=("process.consultation",)), True),
        (Selector(paths=("process.consult",)), False),
        (Selector(paths=("process",), exclude_paths=("process.consultation",)), False),
        (Selector(exclude_rules=frozenset({"TSTD-DISC-041"})), False),
        (Selector(severities=frozenset({Severity.WARNING})), False),
    ],
)
def test_selector(selector: Selector, hit: bool) -> None:
    f = finding("TSTD-DISC-041", "disclosure", "error", "征求意见期为 21 天", path="process.consultation.end")
    assert selector.matches(f) is hit


def test_custom_model_count_and_conditions(org: Org) -> None:
    raw = {
        "model": {"id": "mini", "version": "1", "title": {"zh": "小模型"}, "official": False,
                  "notice": {"zh": "测试用"}},
        "levels": [{"id": "ok", "title": {"zh": "达标"}, "min_percent": 50}],
        "indicators": [{"id": "1", "title": {"zh": "程序"}, "children": [
            {"id": "1.1", "title": {"zh": "利益相关方"}, "points": 4,
             "measures": [{"kind": "count", "scope": "standard", "field": "process.stakeholders", "full": 6}]},
            {"id": "1.2", "title": {"zh": "消费者标准公开征求意见"}, "points": 2,
             "measures": [{"kind": "fields", "scope": "standard", "fields": ["process.consultation.public"],
                           "applies_if": {"field": "standard.consumer_related", "equals": True}}]},
            {"id": "1.3", "title": {"zh": "采用国际标准的一致性程度"}, "points": 3,
             "measures": [{"kind": "fields", "scope": "standard", "fields": ["standard.adopts.degree"],
                           "applies_if": {"field": "standard.adopts.document", "equals": "ISO 12345:2020"}}]},
        ]}],
    }
    model = parse_model(raw)
    org.declarations[CONSULTATION]["process"]["consultation"]["public"] = False
    ev = evaluate(model, org.organization, [StandardInput(n, d) for n, d in org.declarations.items()])
    # stakeholders: 6, 4, 3, 6 kinds against 6 → (1 + 4/6 + 3/6 + 1) / 4
    assert score_of(ev, "1.1") == pytest.approx(4 * (1 + 4 / 6 + 3 / 6 + 1) / 4, abs=0.01)
    # consumer-related: 003, 007, 012 (010 is not) → 2 of 3 public
    assert score_of(ev, "1.2") == pytest.approx(2 * 2 / 3, abs=0.01)
    # no standard adopts that ISO document: not applicable, out of the maximum
    node = ev.find("1.3")
    assert node is not None and not node.applicable and node.max_score == 0
    assert ev.max_score == 6 and ev.level is not None
