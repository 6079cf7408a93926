"""A kind that says which fields its rules read lets the engine skip a rule on a document where they are all
empty, without preparing its options: a declaration without notices never compiles the fee vocabularies."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml

from tstd.engine.pack import PackError, Rule, RulePack, _Deferred
from tstd.engine.runner import Engine

NOTICE = {"text": "参编单位须缴纳参编费2万元，按出资额确定前言排名。"}


def _declaration(tmp_path: Path, notices: list[dict[str, Any]]) -> Path:
    path = tmp_path / "decl.yaml"
    data = {"tstd": 1, "standard": {"number": "T/CXXA 1—2025", "title": "某某产品技术要求"},
            "organization": {"name": "中国某某行业协会", "code": "CXXA", "notices": notices}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _engine_with_unpreparable_frame(engine: Engine) -> Engine:
    """The built-in packs plus one fee_frame rule whose preparation fails loudly (so preparing it shows)."""
    (model,) = [r for p in engine.packs for r in p.rules if r.info.kind == "fee_frame"][:1]

    def boom(options: Any) -> Any:
        raise ValueError("prepared")

    kind = dataclasses.replace(model.kind, prepare=boom)
    info = dataclasses.replace(model.info, id="TSTD-TEST-READS", pack="test")
    rule = Rule(info, kind, _Deferred(Path("test.yaml"), info.id, kind, {}), model.message, reads=model.reads)
    pack = RulePack("test", "1", model.message, Path("test.yaml"), (rule,))
    return Engine([*engine.packs, pack], engine.ctx, engine.loader)


def test_fee_rules_read_the_notice_fields(engine: Engine) -> None:
    frames = [r for p in engine.packs for r in p.rules if r.info.kind in ("fee_frame", "fee_text")]
    assert frames and all("organization.notices[].text" in r.reads for r in frames)


def test_a_rule_whose_fields_are_empty_is_skipped_unprepared(engine: Engine, tmp_path: Path) -> None:
    probe = _engine_with_unpreparable_frame(engine)
    result = probe.check_path(_declaration(tmp_path, []))  # no notice: the rule is never prepared
    assert result is not None
    with pytest.raises(PackError, match="prepared"):  # a notice: the rule is prepared (and fails here)
        probe.check_path(_declaration(tmp_path, [NOTICE]))
