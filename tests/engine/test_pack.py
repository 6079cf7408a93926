"""Rule packs are validated on load; a broken pack names its file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LOCAL_PACK
from tstd.engine.pack import PackError, load_pack, load_packs

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
    with pytest.raises(PackError, match="not valid YAML"):
        load_pack(write(tmp_path, "pack: [unclosed\n"))


def test_duplicate_rule_ids_across_packs(tmp_path: Path) -> None:
    clash = GOOD.replace("TSTD-LOCAL-001", "TSTD-DISC-001")
    with pytest.raises(PackError, match="TSTD-DISC-001"):
        load_packs([write(tmp_path, clash)])


def test_pack_with_builtin_id_replaces_it(tmp_path: Path) -> None:
    replacement = GOOD.replace("id: local", "id: disclosure")
    packs = {p.id: p for p in load_packs([write(tmp_path, replacement)])}
    assert [r.id for r in packs["disclosure"].rules] == ["TSTD-LOCAL-001"]


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
