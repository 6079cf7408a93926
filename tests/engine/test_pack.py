"""Rule packs are validated on load; a broken pack names its file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LOCAL_PACK
from tstd.engine.pack import PackError, load_pack, load_pack_set, load_packs

GOOD = LOCAL_PACK


def write(tmp_path: Path, text: str, name: str = "local.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_pack_adds_rules(tmp_path: Path) -> None:
    packs = load_packs([write(tmp_path, GOOD)])
    assert "local" in {p.id for p in packs} and "disclosure" in {p.id for p in packs}


@pytest.mark.parametrize(("change", "problem"), [
    (("kind: required", "kind: exec"), "unknown kind 'exec'"),
    (("severity: warning", "severity: fatal"), "rules/0/severity"),
    (("options: {field: organization.host_unit}", "options: {feild: x}"), "options"),
    (("    basis: [{document: 本协会团体标准管理办法, article: 第五条, verified: true}]\n", ""), "basis"),
    (("id: TSTD-LOCAL-001", "id: local-1"), "rules/0/id"),
    (("kind: required\n    options: {field: organization.host_unit}",
      "kind: pattern\n    options: {field: standard.title, regex: '([unclosed'}"), "does not compile"),
])
def test_broken_packs_are_reported_with_file_and_problem(tmp_path: Path, change: tuple[str, str], problem: str) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert info.value.file == path and problem in info.value.problem


def test_invalid_yaml_pack(tmp_path: Path) -> None:
    with pytest.raises(PackError) as info:
        load_pack(write(tmp_path, "pack: [unclosed\n"))
    assert "not valid YAML" in info.value.message("en") and "line 2" in info.value.message("en")
    assert "YAML 语法错误" in info.value.message("zh")


def test_duplicate_rule_ids_across_user_packs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", GOOD)
    second = write(tmp_path / "b", GOOD.replace("id: local", "id: other"))
    with pytest.raises(PackError, match="TSTD-LOCAL-001"):
        load_packs([first, second])


def test_user_rule_with_builtin_id_overrides_only_that_rule(tmp_path: Path) -> None:
    override = GOOD.replace("TSTD-LOCAL-001", "TSTD-DISC-001")
    pack_set = load_pack_set([write(tmp_path, override)])
    packs = {p.id: p for p in pack_set.packs}
    disclosure = [r.id for r in packs["disclosure"].rules]
    assert len(disclosure) > 10 and disclosure[0] == "TSTD-DISC-001"  # the pack keeps every other rule
    assert packs["disclosure"].rules[0].info.severity.value == "warning"  # the user's definition
    assert "local" not in packs and pack_set.overridden == {"TSTD-DISC-001": tmp_path / "local.yaml"}


def test_pack_with_builtin_id_adds_rules_unless_it_says_replace(tmp_path: Path) -> None:
    same_id = GOOD.replace("id: local", "id: disclosure")
    packs = {p.id: p for p in load_packs([write(tmp_path, same_id)])}
    ids = [r.id for r in packs["disclosure"].rules]
    assert "TSTD-LOCAL-001" in ids and "TSTD-DISC-001" in ids
    replacing = same_id.replace("{id: disclosure,", "{id: disclosure, replace: true,")
    pack_set = load_pack_set([write(tmp_path, replacing, "replacing.yaml")])
    packs = {p.id: p for p in pack_set.packs}
    assert [r.id for r in packs["disclosure"].rules] == ["TSTD-LOCAL-001"]
    assert any("replaced as a whole" in n.en for n in pack_set.notes)


def test_directory_of_packs_skips_non_pack_yaml(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    write(tmp_path, "model: {id: 其他数据}\n", "notes.yaml")
    assert "local" in {p.id for p in load_packs([tmp_path])}


def test_malformed_condition_is_a_pack_error(tmp_path: Path) -> None:
    bad = GOOD.replace("    options: {field: organization.host_unit}\n",
                       "    options: {field: organization.host_unit}\n    when: {feild: standard.status, equals: 现行}\n")
    with pytest.raises(PackError, match="when"):
        load_pack(write(tmp_path, bad))
    conditional = GOOD.replace("kind: required\n    options: {field: organization.host_unit}",
                               "kind: conditional\n    options: {if: {any: {field: x}}}")
    with pytest.raises(PackError, match="condition"):
        load_pack(write(tmp_path, conditional))
