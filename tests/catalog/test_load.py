"""Loading and validating catalogue files: the built-in one, user files that add or replace, and broken files
that must be reported with every problem located."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tstd.catalog import CatalogueError, Confidence, Status, load_catalogue
from tstd.catalog.load import _validator, builtin_files

EXTRA = """\
catalogue: {title: 本单位补充目录, version: "1"}
standards:
  - number: GB 99001—2026
    title: 示例产品安全技术规范
    status: 现行
    keywords: [示例产品]
    confidence: confirmed
  - number: GB 18401-2010
    title: 国家纺织产品基本安全技术规范
    status: 废止
    replaced_by: GB 99001-2026
    keywords: [纺织品]
"""


def write(tmp_path: Path, text: str, name: str = "cat.yaml", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_builtin_catalogue_validates_against_the_schema() -> None:
    # the built-in files skip the schema pass at run time (start-up cost), so every one is validated here
    for path in builtin_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(data)]
        assert errors == [], path.name


def test_builtin_catalogue_contents(catalogue) -> None:
    statuses = [e.status for e in catalogue.entries.values()]
    assert statuses.count(Status.WITHDRAWN) >= 40 and statuses.count(Status.UPCOMING) >= 5
    assert len(catalogue.limits) >= 57
    entry = catalogue.get("GB 18401—2010")
    assert entry is not None and entry.confidence is Confidence.CONFIRMED
    assert entry.implement_date is not None and entry.implement_date.isoformat() == "2011-08-01"
    # partly mandatory codes are marked so the overlap check leaves them alone
    assert catalogue.get("GB 6944-2012").partial  # type: ignore[union-attr]


def test_issue_10_corrections(catalogue) -> None:
    # The 2024 household-appliance safety standards are recommended (GB/T 4706.x-2024): no mandatory successor.
    assert catalogue.get("GB 4706.1-2024") is None
    old = catalogue.get("GB 4706.1-2005")
    assert old is not None and old.status is Status.WITHDRAWN and old.replaced_by == ()
    assert old.replaced_by_recommended == ("GB/T 4706.1-2024",)
    assert old.withdraw_date is not None and old.withdraw_date.isoformat() == "2026-08-01"
    # GB 18584-2024 replaces both the wooden-furniture and the plastic-furniture standard.
    for number in ("GB 18584-2001", "GB 28481-2012"):
        gone = catalogue.get(number)
        assert gone is not None and gone.replaced_by == ("GB 18584-2024",), number
    new = catalogue.get("GB 18584-2024")
    assert new.publish_date.isoformat() == "2024-06-25"  # type: ignore[union-attr]
    assert new.implement_date.isoformat() == "2025-07-01"  # type: ignore[union-attr]


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    cat = load_catalogue([write(tmp_path, EXTRA)])
    assert len(cat) == len(load_catalogue()) + 1
    overridden = cat.get("GB 18401-2010")
    assert overridden is not None and overridden.status is Status.WITHDRAWN
    assert overridden.replaced_by == ("GB 99001-2026",)


def test_user_file_can_replace_the_builtin(tmp_path: Path) -> None:
    cat = load_catalogue([write(tmp_path, EXTRA)], replace=True)
    assert sorted(cat.entries) == ["GB 18401-2010", "GB 99001-2026"]
    assert cat.limits == ()


def test_gbk_encoded_catalogue_loads(tmp_path: Path) -> None:
    cat = load_catalogue([write(tmp_path, EXTRA, encoding="gbk")], replace=True)
    assert cat.get("GB 99001-2026").title == "示例产品安全技术规范"  # type: ignore[union-attr]


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    text = """\
standards:
  - number: GB/T 191-2008
    title: 包装储运图示标志
    status: 现行
    keywords: [包装]
  - number: GB 1234-2020
    title: 某产品
    status: 现行
    replaced_by: GB 1234
    ics: "12.3456"
    keywords: [某产品]
"""
    with pytest.raises(CatalogueError) as info:
        load_catalogue([write(tmp_path, text)], replace=True)
    problems = {(p.path, p.line) for p in info.value.problems}
    assert ("standards[0].number", 2) in problems
    assert ("standards[1].replaced_by", 9) in problems
    assert ("standards[1].ics", 10) in problems
    assert "GB/T" in str(info.value)


def test_schema_errors_name_field_and_line(tmp_path: Path) -> None:
    text = "standards:\n  - number: GB 1-2020\n    title: x\n    status: 有效\n    keywords: []\n"
    with pytest.raises(CatalogueError) as info:
        load_catalogue([write(tmp_path, text)], replace=True)
    (problem,) = info.value.problems
    assert problem.path == "standards[0].status" and problem.line == 4


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as info:
        load_catalogue([write(tmp_path, "standards:\n  - number: [GB 1\n")], replace=True)
    assert info.value.problems[0].line is not None


def test_dangling_successor_and_cycle_are_rejected(tmp_path: Path) -> None:
    text = """\
standards:
  - {number: GB 1-2001, title: a, status: 废止, replaced_by: GB 1-2002, keywords: [a]}
  - {number: GB 1-2002, title: a, status: 废止, replaced_by: GB 1-2001, keywords: [a]}
  - {number: GB 2-2001, title: b, status: 废止, replaced_by: GB 2-2030, keywords: [b]}
"""
    with pytest.raises(CatalogueError) as info:
        load_catalogue([write(tmp_path, text)], replace=True)
    messages = " ".join(p.message for p in info.value.problems)
    assert "loops back" in messages and "GB 2-2030" in messages


def test_merging_distinct_indicators_is_rejected(tmp_path: Path) -> None:
    text = """\
standards:
  - {number: GB 1-2020, title: a, status: 现行, keywords: [a]}
indicators:
  - {name: 甲醛含量, synonyms: [甲醛释放量], distinct_from: [甲醛释放量]}
"""
    with pytest.raises(CatalogueError) as info:
        load_catalogue([write(tmp_path, text)], replace=True)
    assert "甲醛释放量" in str(info.value)


def test_unknown_unit_in_a_limit_is_rejected(tmp_path: Path) -> None:
    text = """\
standards:
  - {number: GB 1-2020, title: a, status: 现行, keywords: [a]}
limits:
  - {standard: GB 1-2020, indicator: 铅, op: "<=", value: 1, unit: furlongs, applies_to: a}
"""
    with pytest.raises(CatalogueError) as info:
        load_catalogue([write(tmp_path, text)], replace=True)
    assert info.value.problems[0].path == "limits[0].unit"


def test_missing_file_is_a_catalogue_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="cannot read"):
        load_catalogue([tmp_path / "nope.yaml"])
