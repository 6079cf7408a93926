"""Loader edge cases: encodings, syntax, duplicates, types, sizes, organisation files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tstd.inputs.declaration import DeclarationLoader, Loaded

MINIMAL = "tstd: 1\nstandard:\n  number: T/CAS 3—2021\n  title: 团体标准版权管理指南\n  ics: 01.120\n"


@pytest.fixture(scope="module")
def loader() -> DeclarationLoader:
    return DeclarationLoader(max_bytes=4096)


def load(loader: DeclarationLoader, tmp_path: Path, content: bytes | str, name: str = "d.yaml") -> Loaded:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return loader.load(path)


def rules(loaded: Loaded) -> list[str]:
    return [p.rule for p in loaded.problems]


def test_plain_utf8_loads_with_lines(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL)
    assert loaded.document is not None and not loaded.problems
    assert loaded.document.lines["standard.title"] == 4
    assert loaded.document.get("standard.number") == "T/CAS 3—2021"


def test_unquoted_ics_keeps_its_trailing_zero(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL)
    assert loaded.document is not None and loaded.document.get("standard.ics") == "01.120"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_files(loader: DeclarationLoader, tmp_path: Path, encoding: str) -> None:
    loaded = load(loader, tmp_path, MINIMAL.encode(encoding))
    assert loaded.document is not None and loaded.document.get("standard.title") == "团体标准版权管理指南"
    assert rules(loaded) == []


def test_gbk_file_is_decoded_with_a_note(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL.encode("gbk"))
    assert loaded.document is not None and loaded.document.get("standard.title") == "团体标准版权管理指南"
    assert rules(loaded) == ["TSTD-INPUT-004"]


def test_binary_file_is_an_encoding_error(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, b"%PDF-1.7\x00\x01\x02\xff\xfe")
    assert loaded.document is None and rules(loaded) == ["TSTD-INPUT-003"]


def test_syntax_error_has_line_and_column(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, "tstd: 1\nstandard:\n  number: T/CAS 3—2021\n   title: x\n")
    assert rules(loaded) == ["TSTD-INPUT-005"]
    hit = loaded.problems[0].hit
    assert hit.line == 4 and hit.column is not None


def test_duplicate_keys_are_errors_with_both_lines(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL + "  title: 另一个标题\n")
    dup = [p for p in loaded.problems if p.rule == "TSTD-INPUT-008"]
    assert len(dup) == 1 and dup[0].hit.line == 6 and dup[0].hit.params["first"] == 4


@pytest.mark.parametrize(("content", "rule"), [("", "TSTD-INPUT-006"), ("   \n# 只有注释\n", "TSTD-INPUT-006"),
                                               ("- a\n- b\n", "TSTD-INPUT-007"), ("就是一段文字\n", "TSTD-INPUT-007"),
                                               ("name: 某协会\n", "TSTD-INPUT-013")])
def test_empty_and_non_mapping_files(loader: DeclarationLoader, tmp_path: Path, content: str, rule: str) -> None:
    loaded = load(loader, tmp_path, content)
    assert loaded.document is None and rules(loaded) == [rule]


def test_wrong_types_are_located(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL + "  drafters: 张三\n  patents: {involved: 是}\n")
    wrong = {p.hit.path: p for p in loaded.problems if p.rule == "TSTD-INPUT-009"}
    assert set(wrong) == {"standard.drafters", "standard.patents.involved"}
    assert wrong["standard.drafters"].hit.line == 6
    assert "列表" in wrong["standard.drafters"].hit.params["problem"]


def test_unknown_keys_warn(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL + "  titel_en: typo\n")
    unknown = [p for p in loaded.problems if p.rule == "TSTD-INPUT-010"]
    assert len(unknown) == 1 and unknown[0].hit.path == "standard.titel_en" and unknown[0].hit.line == 6
    assert loaded.document is not None


def test_missing_version(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL.replace("tstd: 1\n", "tstd: 2\n"))
    assert "TSTD-INPUT-012" in rules(loaded)


def test_dates_as_yaml_dates_or_strings(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL + "  publish_date: 2024-05-10\n  implement_date: '2024-06-10'\n")
    assert loaded.document is not None and not loaded.problems
    assert loaded.document.get("standard.publish_date") == dt.date(2024, 5, 10)


def test_invalid_calendar_date_is_a_located_field_problem(loader: DeclarationLoader, tmp_path: Path) -> None:
    """2024-02-30 is reported at its field and line; the rest of the file is still loaded and checked."""
    loaded = load(loader, tmp_path, MINIMAL + "  publish_date: 2024-02-30\n  status: 作废\n")
    assert loaded.document is not None
    bad = [p for p in loaded.problems if p.hit.path == "standard.publish_date"]
    assert [p.rule for p in bad] == ["TSTD-INPUT-009"]
    assert bad[0].hit.line == MINIMAL.count("\n") + 1 and "2024-02-30 不存在" in bad[0].hit.params["problem"]
    assert any(p.hit.path == "standard.status" for p in loaded.problems)  # the rest is still validated


def test_size_limit(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, MINIMAL + "#" * 5000 + "\n")
    assert rules(loaded) == ["TSTD-INPUT-002"] and loaded.problems[0].hit.params["limit"] == 4096


def test_unreadable_path(loader: DeclarationLoader, tmp_path: Path) -> None:
    assert rules(loader.load(tmp_path / "nope.yaml")) == ["TSTD-INPUT-001"]


def test_json_declaration_and_json_errors(loader: DeclarationLoader, tmp_path: Path) -> None:
    data = {"tstd": 1, "standard": {"number": "T/CAS 3-2021", "ics": "01.120"}}
    loaded = load(loader, tmp_path, json.dumps(data, ensure_ascii=False), "d.json")
    assert loaded.document is not None and not loaded.problems
    broken = load(loader, tmp_path, '{"tstd": 1,\n "standard": {"number": }}', "e.json")
    assert rules(broken) == ["TSTD-INPUT-005"] and broken.problems[0].hit.line == 2
    dup = load(loader, tmp_path, '{"tstd": 1, "tstd": 1, "standard": {}}', "f.json")
    assert "TSTD-INPUT-008" in rules(dup)


def test_organization_by_path_is_inlined_and_located(loader: DeclarationLoader, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("name: 中国标准化协会\ncode: CAS\nuscc: 51100000MJ00000015\n", encoding="utf-8")
    loaded = load(loader, tmp_path, "tstd: 1\norganization: org.yaml\nstandard: {number: T/CAS 3-2021}\n")
    doc = loaded.document
    assert doc is not None and doc.get("organization.code") == "CAS" and not loaded.problems
    source, line = doc.locate("organization.uscc")
    assert source == (tmp_path / "org.yaml").resolve() and line == 3


def test_missing_organization_file(loader: DeclarationLoader, tmp_path: Path) -> None:
    loaded = load(loader, tmp_path, "tstd: 1\norganization: 没有这个文件.yaml\nstandard: {number: T/CAS 3-2021}\n")
    assert rules(loaded) == ["TSTD-INPUT-011"] and loaded.problems[0].hit.line == 2


def test_inputs_are_not_modified(loader: DeclarationLoader, tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(MINIMAL.encode("gbk"))
    before = path.read_bytes(), path.stat().st_mtime_ns
    loader.load(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# ---------------------------------------------------------------------- hostile input (issue 14)


def _alias_bomb(levels: int) -> str:
    text = "tstd: 1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, levels):
        text += f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n"
    return text + f"standard: {{title: *a{levels - 1}}}\n"


def test_alias_bomb_is_refused_by_the_node_budget(tmp_path: Path) -> None:
    bomb = _alias_bomb(9)  # a few hundred bytes; 9**9 = 387 million nodes when expanded
    assert len(bomb) < 500
    loaded = load(DeclarationLoader(), tmp_path, bomb)
    assert loaded.document is None and rules(loaded) == ["TSTD-INPUT-015"]
    assert loaded.problems[0].hit.params["what_en"] == "node count (aliases expanded)"
    # A small use of aliases is fine (what real files do to share a value).
    assert load(DeclarationLoader(), tmp_path, _alias_bomb(2)).document is not None


@pytest.mark.parametrize("text", ["tstd: 1\nstandard: &a [*a]\n", "tstd: 1\nstandard: &a {x: *a}\n",
                                  "tstd: 1\nstandard:" + " [" * 80 + " ]" * 80 + "\n"])
def test_recursive_aliases_and_deep_nesting_are_a_limit_finding(tmp_path: Path, text: str) -> None:
    loaded = load(DeclarationLoader(), tmp_path, text)
    assert loaded.document is None and rules(loaded) == ["TSTD-INPUT-015"]
    assert loaded.problems[0].hit.params["what_en"] == "nesting depth"


@pytest.mark.parametrize("text", ["tstd: 1\nstandard: !!bool maybe\n", "tstd: 1\nstandard: !!timestamp 2024-13\n",
                                  "tstd: 1\nstandard: !!int abc\n", "tstd: 1\nstandard: !!binary '***'\n",
                                  "tstd: 1\n[a, b]: 1\nstandard: {}\n", "tstd: 1\n{a: 1}: 1\nstandard: {}\n",
                                  "tstd: 1\nstandard: !!python/object:os.system ls\n"])
def test_odd_tags_and_non_scalar_keys_are_syntax_findings(tmp_path: Path, text: str) -> None:
    loaded = load(DeclarationLoader(), tmp_path, text)
    assert loaded.document is None and rules(loaded) == ["TSTD-INPUT-005"]


def test_scalar_keys_of_any_type_become_text(tmp_path: Path) -> None:
    loaded = load(DeclarationLoader(), tmp_path, "tstd: 1\nstandard: {number: T/CAS 3—2021}\n1: a\nyes: b\n~: c\n")
    assert loaded.document is not None
    assert all(isinstance(k, str) for k in loaded.document.data)
    assert sorted(p.hit.path for p in loaded.problems if p.rule == "TSTD-INPUT-010") == ["1", "yes", "~"]


@pytest.mark.parametrize("text", ["tstd: 1\nstandard:\n  ics: [01.120]\n  ics: 2\n",
                                  "tstd: 1\nstandard:\n  ics: 1.0\n  ics: [1, 2]\n",
                                  "tstd: 1\nx: &x {ics: 1.10}\nstandard:\n  <<: *x\n  number: 5.10\n  number: a\n"])
def test_duplicate_keys_around_number_fields_do_not_crash(tmp_path: Path, text: str) -> None:
    loaded = load(DeclarationLoader(), tmp_path, text)
    assert loaded.document is not None and "TSTD-INPUT-008" in rules(loaded)


def test_json_bombs_are_limit_findings(tmp_path: Path) -> None:
    huge_int = '{"tstd": 1, "standard": {"number": ' + "9" * 5000 + "}}"
    deep = '{"tstd": 1, "standard": ' + "[" * 100_000 + "]" * 100_000 + "}"
    braces_in_text = '{"tstd": 1, "standard": {"title": "' + "[" * 500 + '"}}'
    assert rules(load(DeclarationLoader(), tmp_path, huge_int, "a.json")) == ["TSTD-INPUT-015"]
    assert rules(load(DeclarationLoader(max_bytes=1 << 20), tmp_path, deep, "b.json")) == ["TSTD-INPUT-015"]
    assert load(DeclarationLoader(), tmp_path, braces_in_text, "c.json").document is not None
    assert rules(load(DeclarationLoader(), tmp_path, '{"tstd": NaN}', "d.json")) == ["TSTD-INPUT-005"]


def test_yes_in_a_shared_organisation_file_is_noted_for_every_declaration(tmp_path: Path) -> None:
    """The organisation file is parsed once and shared: its 是/否 note must reach each declaration using it,
    located in the organisation file."""
    loader = DeclarationLoader()
    (tmp_path / "org.yaml").write_text("name: 中国电子节能技术协会\ncode: CECEA\ncommitment: 是\n", encoding="utf-8")
    for name in ("a.yaml", "b.yaml"):
        loaded = load(loader, tmp_path, "tstd: 1\norganization: org.yaml\n" + MINIMAL.removeprefix("tstd: 1\n"), name)
        assert loaded.document is not None and loaded.document.get("organization.commitment") is True
        notes = [p for p in loaded.problems if p.hit.path == "organization.commitment"]
        assert len(notes) == 1 and notes[0].hit.severity is not None and notes[0].hit.severity.value == "info"
        assert notes[0].hit.line == 3 and notes[0].source == tmp_path / "org.yaml"
