"""The wording kinds: text-claims and business-scope (both feed warnings for a person to review)."""

from __future__ import annotations

from typing import Any

from helpers import document
from tstd.engine.context import Context
from tstd.engine.kinds import registry
from tstd.engine.kinds.content import sectors_of, subject_terms


def run(kind: str, options: dict[str, Any], data: dict[str, Any]) -> list[Any]:
    k = registry()[kind]
    prepared = k.prepare(options) if k.prepare else options
    return list(k.check(document(data), prepared, Context()))


CLAIMS = {"fields": ["standard.scope", "standard.title"], "patterns": ["强制(?:执行|实施)"], "unless": "不强制|非强制"}


def test_claim_quotes_the_sentence_and_respects_unless() -> None:
    (hit,) = run("text-claims", CLAIMS, {"standard": {"scope": "本文件适用于电饭煲。全市企业应强制执行本文件；其他略。"}})
    assert hit.path == "standard.scope" and hit.params["phrase"] == "强制执行"
    assert hit.params["sentence"] == "全市企业应强制执行本文件；" and hit.evidence == hit.params["sentence"]
    assert run("text-claims", CLAIMS, {"standard": {"scope": "本文件供会员约定采用，不强制执行。"}}) == []
    # a later sentence can still claim it although an earlier one is excused
    later = run("text-claims", CLAIMS, {"standard": {"scope": "本文件非强制实施。但本市企业须强制执行。"}})
    assert [h.params["sentence"] for h in later] == ["但本市企业须强制执行。"]


def test_claim_reads_full_width_and_lists() -> None:
    hits = run("text-claims", {"fields": ["standard.requirements[].note"], "patterns": ["[®™]"]},
               {"standard": {"requirements": [{"note": "无"}, {"note": "应使用 ＡＢＣ™ 芯片"}]}})
    assert [h.path for h in hits] == ["standard.requirements[1].note"]


STOP = ["技术要求", "要求", "开展", "研究", "交流", "行业", "协会"]
SCOPE = {"subject": ["standard.title"], "scope": "organization.business_scope", "context": ["organization.name"],
         "stopwords": STOP, "stopchars": "的与和会业",
         "sectors": {"餐饮食品": ["餐饮", "烹饪", "食品"], "电子电器": ["电池", "电器", "电子"], "五金": ["五金", "锁"]}}


def test_business_scope_needs_both_signals() -> None:
    food = {"organization": {"name": "某市餐饮协会", "business_scope": "餐饮烹饪研究与交流"}}
    (hit,) = run("business-scope", SCOPE, {**food, "standard": {"title": "锂电池安全技术要求"}})
    assert hit.params["terms"] == "锂电池安全" and hit.params["sectors"] == "电子电器"
    assert run("business-scope", SCOPE, {**food, "standard": {"title": "川菜烹饪技术要求"}}) == []  # shares 烹饪
    # no shared character but the same sector: quiet (a lock from a hardware association)
    hardware = {"organization": {"name": "五金制品协会", "business_scope": "五金行业研究"}}
    assert run("business-scope", SCOPE, {**hardware, "standard": {"title": "智能门锁"}}) == []
    # a title no sector recognises never fires (misses rather than false alarms)
    assert run("business-scope", SCOPE, {**food, "standard": {"title": "古籍修复技术要求"}}) == []
    # no business scope: another rule asks for it
    assert run("business-scope", SCOPE, {"organization": {"name": "某协会"}, "standard": {"title": "锂电池"}}) == []


def test_subject_terms_and_sectors() -> None:
    import re

    assert subject_terms("电动自行车 充电柜 安全技术要求", re.compile("技术要求|安全")) == ["电动自行车充电柜"]
    assert sectors_of("ｄ电池与电器", (("电子电器", ("电池",)), ("五金", ("锁",)))) == ["电子电器"]
