"""Generic kinds on hand-built documents (the pack tests cover them through real rules too)."""

from __future__ import annotations

import datetime as dt

from helpers import document
from tstd.engine.context import Context
from tstd.engine.kinds import registry

KINDS = registry()
CTX = Context(today=dt.date(2026, 11, 22))


def hits(kind: str, data: dict[str, object], **options: object) -> list[tuple[str, dict[str, object]]]:
    k = KINDS[kind]
    prepared = k.prepare(options) if k.prepare else options
    return [(h.path, dict(h.params)) for h in k.check(document(data), prepared, CTX)]


def test_required_expands_list_items() -> None:
    data = {"standard": {"patents": {"items": [{"holder": "甲公司"}, {"holder": " "}, {}]}}}
    paths = [p for p, _ in hits("required", data, field="standard.patents.items[].holder")]
    assert paths == ["standard.patents.items[1].holder", "standard.patents.items[2].holder"]


def test_pattern_normalises_before_matching() -> None:
    data = {"organization": {"uscc": "９１１１００００００００００００0E"}}
    assert hits("pattern", data, field="organization.uscc", regex="^9", must_match=False, normalize="compact")
    assert not hits("pattern", data, field="organization.uscc", regex="^9", must_match=False)


def test_compare_ratio_and_missing_operand() -> None:
    review = {"process": {"technical_review": {"attendees": 12, "votes_for": 9}}}
    spec = {"left": {"ratio": ["process.technical_review.votes_for", "process.technical_review.attendees"]},
            "op": ">=", "right": {"value": 0.75}}
    assert hits("compare", review, **spec) == []
    review["process"]["technical_review"]["votes_for"] = 8  # type: ignore[index]
    assert hits("compare", review, **spec)[0][1]["left"] == "67%"
    assert hits("compare", {"process": {}}, **spec) == []


def test_date_sequence_reports_first_inversion() -> None:
    data = {"a": "2024-01-01", "b": "2023-12-01", "c": "2023-11-01"}
    assert [p for p, _ in hits("date-sequence", data, fields=["a", "b", "c"])] == ["b"]


def test_date_order_min_days_counts_calendar_days() -> None:
    data = {"c": {"start": dt.date(2024, 2, 1), "end": dt.date(2024, 3, 2)}}  # leap year: 30 days
    assert hits("date-order", data, before="c.start", after="c.end", min_days=30) == []
    data["c"]["end"] = dt.date(2024, 3, 1)
    assert hits("date-order", data, before="c.start", after="c.end", min_days=30)[0][1]["days"] == 29


def test_review_due_counts_from_last_review() -> None:
    data = {"standard": {"publish_date": dt.date(2019, 1, 1)}, "process": {"reviews": [{"date": "2023-06-01"}]}}
    options = {"since": "standard.publish_date", "reviews": "process.reviews[].date", "years": 5}
    assert hits("review-due", data, **options) == []
    data["process"] = {"reviews": []}
    assert hits("review-due", data, **options)[0][0] == "standard.publish_date"


def test_every_kind_has_a_docstring_and_an_options_schema() -> None:
    for kind in KINDS.values():
        assert kind.doc, kind.name
        assert kind.options_schema.get("type") == "object", kind.name
