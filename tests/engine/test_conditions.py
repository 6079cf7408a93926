from __future__ import annotations

import datetime as dt

import pytest

from helpers import document
from tstd.engine.conditions import compare, holds, validate

DOC = document({
    "standard": {"status": "废止", "publish_date": dt.date(2024, 5, 10), "implement_date": "2024-06-10",
                 "patents": {"involved": False, "items": []}},
    "process": {"technical_review": {"attendees": 11, "votes_for": "8"}},
})


@pytest.mark.parametrize(("cond", "expected"), [
    ({"field": "standard.status", "equals": "废止"}, True),
    ({"field": "standard.status", "in": ["现行", "即将实施"]}, False),
    ({"field": "standard.patents.items", "exists": True}, False),   # an empty list is "not there"
    ({"field": "standard.patents.involved", "exists": True}, True),  # False is a value
    ({"field": "standard.abolish_date", "exists": False}, True),
    ({"field": "standard.implement_date", "op": ">", "other": "standard.publish_date"}, True),  # str vs date
    ({"field": "process.technical_review.votes_for", "op": "<", "value": 9}, True),  # "8" compared as a number
    ({"field": "standard.missing", "op": "<", "value": 9}, False),  # missing operand: not comparable
    ({"field": "standard.status", "matches": "^废"}, True),
    ({"all": [{"field": "standard.status", "equals": "废止"}, {"not": {"field": "standard.abolish_date", "exists": True}}]},
     True),
    ({"any": [{"field": "standard.status", "equals": "现行"}, {"field": "standard.status", "equals": "即将实施"}]}, False),
])
def test_conditions(cond: dict[str, object], expected: bool) -> None:
    validate(cond)
    assert holds(cond, DOC) is expected


def test_compare_refuses_mixed_types() -> None:
    assert compare("abc", "<", 3) is False
    assert compare(dt.date(2024, 1, 1), "<", "2024年2月1日") is True


@pytest.mark.parametrize("bad", [{"feild": "x"}, {"all": {"field": "x"}}, {"field": "x", "op": "=>", "value": 1}, {}])
def test_malformed_conditions_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        validate(bad)
