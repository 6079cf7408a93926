"""Every rule of the built-in `disclosure` pack fires on a realistic defect and stays quiet on the
compliant example and on tricky-but-valid variants (full-width numbers, consensus reviews, …)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from helpers import rule_ids
from tstd.engine.pack import load_pack
from tstd.inputs.document import split_path
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
    "TSTD-DISC-003": (drop("standard.release_document"), "standard.release_document.number"),
    "TSTD-DISC-004": (drop("standard.scope"), "standard.scope"),
    "TSTD-DISC-005": (put("standard.drafters", []), "standard.drafters"),
    "TSTD-DISC-006": (put("standard.patents", {}), "standard.patents.involved"),
    "TSTD-DISC-007": (drop("standard.compliance_statement"), "standard.compliance_statement"),
    "TSTD-DISC-008": (put("standard.compliance_statement", False), "standard.compliance_statement"),
    "TSTD-DISC-009": (drop("standard.ccs"), "standard.ccs"),
    "TSTD-DISC-010": (drop("standard.implement_date"), "standard.implement_date"),
    "TSTD-DISC-011": (drop("organization.business_scope"), "organization.business_scope"),
    "TSTD-DISC-012": (put("standard.number", "T/CECEA 012—24"), "standard.number"),
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
}

# rule id → a realistic variant that must NOT fire it
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
    PASSING[rule_id](compliant)
    assert rule_id not in rule_ids(check_data(compliant))


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
