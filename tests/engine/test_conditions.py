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


def _interpreted(cond: dict[str, object], doc: object) -> bool:
    """The tree-walking evaluation the compiled conditions replaced (the reference for their answers)."""
    from tstd.engine.conditions import _regex
    from tstd.engine.values import is_empty

    get = doc.get  # type: ignore[attr-defined]
    if "all" in cond:
        return all(_interpreted(c, doc) for c in cond["all"])  # type: ignore[attr-defined]
    if "any" in cond:
        return any(_interpreted(c, doc) for c in cond["any"])  # type: ignore[attr-defined]
    if "not" in cond:
        return not _interpreted(cond["not"], doc)  # type: ignore[arg-type]
    value = get(cond["field"])
    if "exists" in cond:
        return (not is_empty(value)) is bool(cond["exists"])
    if "equals" in cond:
        return bool(value == cond["equals"])
    if "in" in cond:
        return value in cond["in"]  # type: ignore[operator]
    if "matches" in cond:
        return isinstance(value, str) and _regex(cond["matches"]).search(value) is not None
    if "op" in cond:
        other = get(cond["other"]) if "other" in cond else cond.get("value")
        return compare(value, str(cond["op"]), other)
    return not is_empty(value)


_FIELDS = ["standard.status", "standard.publish_date", "standard.implement_date", "standard.patents.involved",
           "standard.patents.items", "standard.patents.items[0]", "standard.status[0]", "process.technical_review",
           "process.technical_review.votes_for", "process.technical_review.attendees", "standard.nothing.below"]
_LEAVES: list[dict[str, object]] = [
    *({"field": f} for f in _FIELDS),
    *({"field": f, "exists": e} for f in _FIELDS for e in (True, False)),
    *({"field": f, "equals": v} for f in _FIELDS for v in ("废止", False, 11, None)),
    *({"field": f, "in": ["废止", 11, False]} for f in _FIELDS),
    *({"field": f, "matches": "^废|8"} for f in _FIELDS),
    *({"field": f, "op": op, "value": v} for f in _FIELDS for op in ("<", ">=", "==", "!=") for v in (9, "2024-05-10")),
    *({"field": f, "op": "<=", "other": g} for f in _FIELDS[:4] for g in _FIELDS[:4]),
    {"field": "standard.status", "exists": False, "equals": "废止", "op": "==", "value": "x"},  # the first key decides
]


def test_compiled_conditions_answer_as_the_tree_walk_did() -> None:
    docs = [DOC, document({}), document({"standard": {"status": ["废止"], "patents": {"items": [{"holder": "甲"}]}}})]
    combined = [{"all": _LEAVES[i:i + 3]} for i in range(0, len(_LEAVES), 3)]
    combined += [{"any": _LEAVES[i:i + 4]} for i in range(0, len(_LEAVES), 4)]
    combined += [{"not": {"any": [c, {"not": c}]}} for c in _LEAVES[:20]]
    for cond in [*_LEAVES, *combined]:
        for doc in docs:
            assert holds(cond, doc) is _interpreted(cond, doc), (cond, doc.data)


def test_a_new_condition_at_a_reused_address_is_compiled_afresh() -> None:
    """Compiled conditions are cached by object; a condition freed and replaced is never answered by another's."""
    for value in range(200):
        cond = {"field": "process.technical_review.attendees", "equals": value}
        assert holds(cond, DOC) is (value == 11)
        del cond


def test_conditions_written_alike_are_compiled_and_answered_once() -> None:
    from tstd.engine.conditions import compiled

    def subject() -> dict[str, object]:
        return {"any": [{"field": "standard.status", "matches": "^废"}, {"field": "standard.title", "exists": True}]}

    first, second = subject(), subject()
    assert first is not second and compiled(first) is compiled(second)
    doc = document({"standard": {"status": "废止"}})
    assert holds(first, doc) is True
    doc.data["standard"]["status"] = "现行"  # never done while rules run: the answer stays the document's
    assert holds(second, doc) is True and holds(second, document({"standard": {"status": "现行"}})) is False
    # a date and its text are different conditions
    as_date = {"any": [{"field": "standard.publish_date", "equals": dt.date(2024, 5, 10)}]}
    as_text = {"any": [{"field": "standard.publish_date", "equals": "2024-05-10"}]}
    assert compiled(as_date) is not compiled(as_text)
    assert holds(as_date, DOC) is True and holds(as_text, DOC) is False
