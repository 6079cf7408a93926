"""The indicator model: the shipped models load, and broken models fail with a message naming the problem."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tstd.evaluate.conduct_model import ModelError, default_model_path, load_model, model_files, parse_model

ROOT = Path(__file__).resolve().parents[2]


def raw_default() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(default_model_path().read_text("utf-8"))
    return data


def test_default_model_structure() -> None:
    model = load_model()
    assert model.id == "tstd-default" and not model.official
    assert "并非 GB/T 20004.2" in model.notice.zh
    areas = [i.title.zh for i in model.indicators]
    assert areas == ["组织管理", "自我声明公开", "制定程序", "编写质量", "技术要求与强制性标准符合性", "收费与合规",
                     "实施与复审"]
    leaves = [n for n in model.walk() if n.is_leaf]
    assert model.max_points == sum(n.points for n in leaves)
    assert {n.method for n in leaves} == {"auto", "self", "both"}
    # Every leaf says what evidence it expects and cites a basis with a verified flag.
    assert all(n.evidence and n.basis for n in leaves)
    assert [lv.id for lv in sorted(model.levels, key=lambda lv: -lv.min_percent)] == ["A", "B", "C", "D"]


@pytest.mark.parametrize("path", model_files(), ids=lambda p: p.name)
def test_every_shipped_model_loads(path: Path) -> None:
    model = load_model(path)
    assert model.max_points > 0
    assert model.source == str(path)


def test_db34_sample_is_marked_partial_and_unverified() -> None:
    model = load_model(default_model_path().parent / "models" / "db34-sample.yaml")
    assert not model.official and not model.complete
    assert [i.title.zh for i in model.indicators] == ["标准需求", "组织能力"]
    assert model.max_points == 25
    assert all(not b.verified for b in model.basis)


def _mutate(edit: Any) -> dict[str, Any]:
    raw = raw_default()
    edit(raw)
    return raw


def _first_leaf(raw: dict[str, Any]) -> dict[str, Any]:
    leaf: dict[str, Any] = raw["indicators"][0]["children"][0]["children"][0]
    return leaf


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda r: r["indicators"][0].update(points=5), "indicators/0"),
        (lambda r: _first_leaf(r).pop("measures"), "indicators/0/children/0/children/0"),
        (lambda r: _first_leaf(r)["measures"].append({"kind": "guess"}), "measures"),
        (lambda r: _first_leaf(r)["measures"].append({"kind": "count", "scope": "standard", "field": "x"}),
         "measures"),
        (lambda r: _first_leaf(r).update(id="1.1.2"), "duplicate indicator id '1.1.2'"),
        (lambda r: _first_leaf(r).update(id="2.9"), "must be numbered under its parent '1.1'"),
        (lambda r: r["vetoes"][0].update(cap="E"), "cap 'E'"),
        (lambda r: r["levels"].append(copy.deepcopy(r["levels"][0])), "duplicate level id"),
        (lambda r: r["model"].pop("notice"), "'notice' is a required property"),
        (lambda r: r["vetoes"][0]["select"].update(categories=["fees"]), "vetoes/0/select/categories/0"),
    ],
    ids=["points-on-parent", "leaf-without-measures", "unknown-measure", "count-without-full", "duplicate-id",
         "misnumbered-child", "unknown-cap", "duplicate-level", "no-notice", "unknown-category"],
)
def test_broken_model_is_rejected_with_location(edit: Any, expected: str) -> None:
    with pytest.raises(ModelError) as err:
        parse_model(_mutate(edit), "broken.yaml")
    assert str(err.value).startswith("broken.yaml: ")
    assert expected in str(err.value)


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read"):
        load_model(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("model: [unclosed\n", encoding="utf-8")
    with pytest.raises(ModelError, match="not valid YAML"):
        load_model(bad)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("模型: 默认".encode("gbk"))
    with pytest.raises(ModelError, match="must be UTF-8"):
        load_model(gbk)
