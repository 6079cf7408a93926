"""The fee pack's whole-text words are pack data, and the fallback rule does not depend on rule order.

A user pack is built from the built-in rules/fees.yaml (anchors resolved): the vocabulary, TSTD-FEE-015 (paid
authorship, a fee_frame) and TSTD-FEE-025 (the fee_demand fallback), under user ids, with the fallback first.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from tstd.model import Severity
from tstd.resources import rules_dir
from tstd.run import CheckOptions, build_engine

BUILT_IN = yaml.safe_load((rules_dir() / "fees.yaml").read_text(encoding="utf-8"))
RULES = {r["id"]: r for r in BUILT_IN["rules"]}
PRICED = "主编单位须缴纳标准编制经费5万元，副主编单位须缴纳3万元。"


def _user_pack(tmp_path: Path, markers: list[str] | None = None) -> Path:
    frame = copy.deepcopy(RULES["TSTD-FEE-015"])
    frame["id"] = "TSTD-USR-015"
    if markers:
        frame["options"]["extra"] = {"allowed_markers": markers}
    fallback = copy.deepcopy(RULES["TSTD-FEE-025"])
    fallback["id"] = "TSTD-USR-025"
    pack = {"pack": {"id": "user-fees", "version": "1.0.0", "title": {"zh": "自定义", "en": "user"}},
            "rules": [fallback, frame]}  # the fallback first: the engine must still run it last
    path = tmp_path / "user.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _findings(tmp_path: Path, pack: Path, text: str) -> dict[str, Severity]:
    engine = build_engine(CheckOptions(rules=(pack,), builtin_rules=False))
    doc: dict[str, Any] = {"tstd": 1, "organization": {"name": "某某协会", "notices": [{"text": text}]}}
    path = tmp_path / "decl.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    result = engine.check_path(path)
    assert result is not None
    return {f.rule: f.severity for f in result.findings if f.rule.startswith("TSTD-USR-")}


def test_the_fallback_stays_silent_when_it_is_listed_first(tmp_path: Path) -> None:
    found = _findings(tmp_path, _user_pack(tmp_path), PRICED)
    assert found == {"TSTD-USR-015": Severity.ERROR}


def test_the_fallback_still_reports_what_no_rule_recognises(tmp_path: Path) -> None:
    found = _findings(tmp_path, _user_pack(tmp_path), "请各会员单位按往年惯例认缴标准工作经费。")
    assert found == {"TSTD-USR-025": Severity.WARNING}


def test_a_user_packs_marker_takes_effect(tmp_path: Path) -> None:
    text = "主编单位5万元，副主编单位3万元，参编单位1万元，按协议价结算。"
    assert _findings(tmp_path, _user_pack(tmp_path), text)["TSTD-USR-015"] is Severity.ERROR
    extended = _user_pack(tmp_path, markers=["按协议价"])
    assert _findings(tmp_path, extended, text)["TSTD-USR-015"] is Severity.WARNING
