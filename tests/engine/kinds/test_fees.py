"""The fee kinds on their own: options compiled once, field labels, severities, locations, bad packs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import document
from tstd.engine.context import Context
from tstd.engine.kinds import registry
from tstd.engine.kinds.fees import TextRule
from tstd.engine.pack import PackError, load_pack
from tstd.model import Severity

CTX = Context()
LEXICON = {"practice": "FEE-15", "terms": [
    {"term": "参编费", "strength": "unambiguous", "reveals": {"zh": "有偿参编", "en": "paid drafting"}},
    {"term": "主编单位", "near": ["money"]},
]}


def prepared(name: str, options: dict[str, Any]) -> Any:
    kind = registry()[name]
    assert kind.prepare is not None
    return kind.prepare(options)


def test_fee_text_reads_notices_and_descriptions_with_reader_labels() -> None:
    options = prepared("fee_text", LEXICON)
    assert isinstance(options, TextRule) and options.practice == "FEE-15"
    doc = document({"organization": {
        "notices": [{"title": "关于征集参编单位的通知", "text": "参编单位须缴纳参编费2万元。"},
                    {"text": "主编单位5万元。"}],
        "fees": [{"name": "参编费", "description": "参编费按每家2万元收取。"}],
    }})
    hits = list(registry()["fee_text"].check(doc, options, CTX))
    assert [(h.path, h.params["field"], h.severity) for h in hits] == [
        ("organization.notices[0].text", "通知「关于征集参编单位的通知」正文", None),
        ("organization.notices[1].text", "通知正文", Severity.WARNING),
        ("organization.fees[0].description", "收费项目「参编费」说明", None),
    ]
    first = hits[0]
    assert first.params["offset"] == 7 and first.params["position"] == 8
    assert first.params["reveals_en"] == "paid drafting" and first.evidence == "参编单位须缴纳参编费2万元。"
    assert first.data["practice"] == "FEE-15" and first.data["strength"] == "unambiguous"


def test_fee_text_fields_option_and_non_text_values() -> None:
    options = prepared("fee_text", {**LEXICON, "fields": ["organization.fees[].name"]})
    doc = document({"organization": {"fees": [{"name": "参编费"}, {"name": 3}, {"name": None}],
                                     "notices": [{"text": "参编费2万元"}]}})
    hits = list(registry()["fee_text"].check(doc, options, CTX))
    assert [h.path for h in hits] == ["organization.fees[0].name"]


def test_fee_text_line_follows_the_match_inside_a_block_scalar() -> None:
    text = "各单位：\n现征集参编单位。\n参编费每家2万元。\n"
    doc = document({"organization": {"notices": [{"text": text}]}})
    doc.lines["organization.notices[0].text"] = 40
    [hit] = registry()["fee_text"].check(doc, prepared("fee_text", LEXICON), CTX)
    assert hit.line == 43
    doc.lines["organization.notices[1]"] = 41  # the text cannot reach past the next key: not a block scalar
    [hit] = registry()["fee_text"].check(doc, prepared("fee_text", LEXICON), CTX)
    assert hit.line == 40
    del doc.lines["organization.notices[1]"]
    doc.sources["organization"] = Path("org.yaml")  # text from a shared file: the engine locates it
    [hit] = registry()["fee_text"].check(doc, prepared("fee_text", LEXICON), CTX)
    assert hit.line is None


def test_fee_item_selects_lowers_and_quotes() -> None:
    options = prepared("fee_item", {"when_any": [{"purpose": ["evaluation", "certification"]}],
                                    "lower_when": [{"purpose": "certification"}]})
    doc = document({"organization": {"fees": [
        {"name": "评价费", "amount": 15000, "unit": "元/次", "payer": "applicant", "purpose": "evaluation"},
        {"name": "认证费", "amount": 20000, "purpose": "certification"},
        {"name": "标准文本", "amount": 96, "purpose": "text_sale"},
    ]}})
    hits = list(registry()["fee_item"].check(doc, options, CTX))
    assert [(h.path, h.severity) for h in hits] == [("organization.fees[0]", None),
                                                    ("organization.fees[1]", Severity.WARNING)]
    assert hits[0].evidence == "评价费 15000 元/次（payer=applicant；purpose=evaluation）"
    assert hits[1].params["approved_by"] == "未填写"


def test_fee_item_ignores_a_missing_or_malformed_fee_list() -> None:
    options = prepared("fee_item", {"when_any": [{"purpose": "ranking"}]})
    for org in ({}, {"fees": "none"}, {"fees": [None, "x"]}):
        assert list(registry()["fee_item"].check(document({"organization": org}), options, CTX)) == []


def _pack(tmp_path: Path, options: dict[str, Any], kind: str = "fee_text") -> Path:
    path = tmp_path / "custom-fees.yaml"
    path.write_text(yaml.safe_dump({
        "pack": {"id": "custom-fees", "version": "0.1.0", "title": "自定义收费规则"},
        "rules": [{"id": "TSTD-CFEE-001", "category": "fee", "severity": "error", "title": "测试",
                   "kind": kind, "options": options, "message": "{matched}",
                   "basis": [{"document": "《测试》", "verified": False}]}],
    }, allow_unicode=True), encoding="utf-8")
    return path


def test_a_user_pack_with_its_own_lexicon_loads(tmp_path: Path) -> None:
    pack = load_pack(_pack(tmp_path, {"practice": "FEE-15", "terms": [{"term": "冠名费"}]}))
    assert pack.rules[0].options.matcher.scan("冠名费5万元")


@pytest.mark.parametrize("options, kind, says", [
    ({"terms": [{"term": "参编费", "near": ["moneys"]}]}, "fee_text", "terms[0].near"),
    ({"terms": [{"term": "参编费", "strength": "sure"}]}, "fee_text", "options"),
    ({"terms": [{"term": "参编费"}], "fields": []}, "fee_text", "options"),
    ({"when_any": [{"colour": "red"}]}, "fee_item", "options"),
    ({"when_any": [{"unit": {"matches": "("}}]}, "fee_item", "options"),
])
def test_a_broken_fee_rule_is_a_pack_error_naming_the_rule(tmp_path: Path, options: dict[str, Any], kind: str,
                                                          says: str) -> None:
    with pytest.raises(PackError) as caught:
        load_pack(_pack(tmp_path, options, kind))
    assert "TSTD-CFEE-001" in str(caught.value) and says in str(caught.value)
