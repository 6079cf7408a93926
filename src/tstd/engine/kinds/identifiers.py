"""Named validators for identifiers: uscc, ics, ccs, group-standard-number, standard-reference, review-due."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from tstd import identifiers as ids
from tstd.engine.context import Context
from tstd.engine.kinds import Hit, kind
from tstd.engine.kinds.basic import FIELD, _present
from tstd.engine.values import as_date, as_list, display
from tstd.inputs.document import Document
from tstd.normalize import identifier

_USCC_PROBLEM_ZH = {
    "length": "长度应为 18 位",
    "charset": "含有不允许的字符（不使用 I、O、S、V、Z）",
    "shape": "第 3–8 位应为行政区划数字码",
    "checksum": "校验码错误",
}


@kind("uscc", {"type": "object", "additionalProperties": False, "required": ["field"],
               "properties": {"field": FIELD}})
def uscc(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """统一社会信用代码: 18 characters, GB 32100 character set and check character."""
    for path, value in _present(doc, options["field"]):
        result = ids.check_uscc(display(value))
        if not result.valid:
            problem = _USCC_PROBLEM_ZH[result.problem or "shape"]
            if result.expected_check:
                problem += f"（按 GB 32100 应为 {result.expected_check}）"
            yield Hit(path=path, params={"problem": problem, "code": result.code,
                                         "expected": result.expected_check or ""})


@kind("ics", {"type": "object", "additionalProperties": False, "required": ["field"],
              "properties": {"field": FIELD}})
def ics(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """ICS codes (one or a list) have the form NN, NN.NNN or NN.NNN.NN."""
    for path, value in _present(doc, options["field"]):
        for i, code in enumerate(as_list(value)):
            if not ids.is_ics(display(code)):
                yield Hit(path=f"{path}[{i}]" if isinstance(value, list) else path, params={"value": code})


@kind("ccs", {"type": "object", "additionalProperties": False, "required": ["field"],
              "properties": {"field": FIELD}})
def ccs(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """CCS code: a letter A–Z except I and O, then two digits."""
    for path, value in _present(doc, options["field"]):
        if not ids.is_ccs(display(value)):
            yield Hit(path=path)


_SYNTAX_PROBLEM = {
    "problem": "不符合“T/代号 顺序号—年份”格式（如 T/CAS 3—2021）",
    "problem_en": "does not follow 'T/CODE SEQ—YEAR' (e.g. T/CAS 3—2021)",
}


def _prepare_number(options: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **options,
        "reserved": frozenset(identifier(c) for c in options.get("reserved", [])),
        "reserved_patterns": [re.compile(p) for p in options.get("reserved_patterns", [])],
    }


@kind("group-standard-number", {
    "type": "object", "additionalProperties": False, "required": ["field", "check"],
    "properties": {
        "field": FIELD,
        "check": {"enum": ["syntax", "org-code", "reserved-code", "year"]},
        "org_code_field": FIELD,
        "date_field": FIELD,
        "reserved": {"type": "array", "items": {"type": "string"}},
        "reserved_patterns": {"type": "array", "items": {"type": "string"}},
    },
}, prepare=_prepare_number)
def group_standard_number(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The group-standard number ``T/代号 顺序号—年份``.

    ``check`` selects one aspect so each has its own rule and severity: ``syntax``; ``org-code`` (代号 equals
    the organisation's code); ``reserved-code`` (代号 is not an existing standard code); ``year`` (year equals
    the publication year).
    """
    check = options["check"]
    for path, value in _present(doc, options["field"]):
        text = display(value)
        number = doc.derive(f"group-number:{path}", partial(_parse_number, text))
        if check == "syntax":
            if number is None:
                yield Hit(path=path, params={"normalized": identifier(text), **_SYNTAX_PROBLEM})
            elif not number.upper_case:
                # Checked on the text as written: normalising upper-cases, which would hide the defect.
                yield Hit(path=path, params={
                    "normalized": identifier(text),
                    "problem": f"中的“{number.written}”须用大写拉丁字母书写（应为 {number.written.upper()}）",
                    "problem_en": f"writes '{number.written}' with lower-case letters; write {number.written.upper()}",
                })
            continue
        if number is None:
            continue  # the syntax rule reports it
        if check == "org-code":
            code = doc.get(options.get("org_code_field", "organization.code"))
            if isinstance(code, str) and code.strip() and identifier(code) != number.org_code:
                yield Hit(path=path, params={"found": number.org_code, "expected": identifier(code)})
        elif check == "reserved-code":
            if number.org_code in options["reserved"] or any(
                p.fullmatch(number.org_code) for p in options["reserved_patterns"]
            ):
                yield Hit(path=path, params={"code": number.org_code})
        elif check == "year":
            published = as_date(doc.get(options.get("date_field", "standard.publish_date")))
            if published is not None and published.year != number.year:
                yield Hit(path=path, params={"year": number.year, "publish_year": published.year})


def _parse_number(text: str, _doc: Document) -> ids.GroupNumber | None:
    return ids.parse_group_number(text)


@kind("standard-reference", {"type": "object", "additionalProperties": False, "required": ["field"],
                             "properties": {"field": FIELD}})
def standard_reference(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """Each normative reference starts with a parseable standard number (GB, GB/T, T/…, ISO …)."""
    for path, value in _present(doc, options["field"]):
        number, _title = ids.split_reference(display(value))
        if number is None:
            yield Hit(path=path)


@kind("review-due", {
    "type": "object", "additionalProperties": False, "required": ["since", "reviews", "years"],
    "properties": {"since": FIELD, "reviews": FIELD, "years": {"type": "integer", "minimum": 1}},
})
def review_due(doc: Document, options: Mapping[str, Any], ctx: Context) -> Iterator[Hit]:
    """The last 复审 (or the publication, when never reviewed) is at most ``years`` before today."""
    dates = [d for _p, v in doc.expand(options["reviews"]) if (d := as_date(v)) is not None]
    start = as_date(doc.get(options["since"]))
    last = max(dates + ([start] if start else []), default=None)
    if last is None or last.year + options["years"] > 9999:  # a date near year 9999 is never due (no overflow)
        return
    try:
        due = last.replace(year=last.year + options["years"])
    except ValueError:  # 29 February
        due = last.replace(year=last.year + options["years"], day=28)
    if ctx.today > due:
        age = (ctx.today - last).days / 365.25
        yield Hit(path=options["since"], params={"last": last, "due": due, "years": f"{age:.1f}"})


