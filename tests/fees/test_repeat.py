"""FEE-08 across a notice (tstd.fees.repeat, rule TSTD-FEE-308): a service the text promises members under their
dues, charged to members elsewhere in the same text. Texts written for these tests, in the layouts real member
handbooks, price tables and payment notices use."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import notice_fee_findings
from tstd.engine.runner import Engine
from tstd.fees.repeat import RepeatWords, find
from tstd.fees.text import prepare
from tstd.model import Severity

WORDS = RepeatWords(("信息推送", "宣贯", "说明会", "下载", "电子文本", "月报", "查阅", "年会"), ("超出", "纸质", "定制"))

CHARGED = [
    # a handbook's list of basic services, and a payment notice further down
    "第三章 会员服务\n3.1 会员缴纳年费后，享有下列基本服务：\n（一）标准征求意见稿推送；\n（二）电子文本下载；\n"
    "（三）每季度政策说明会一次。\n3.2 前项服务不另收费。\n……\n付款通知\n贵单位第一季度说明会已报名2人。"
    "会员单位参加说明会须缴纳服务费每人600元，请于会前汇款。",
    # a heading for what dues cover, then a price table headed for members
    "一、会费包含的基本服务（会员单位免费享有）\n1. 团体标准信息推送\n2. 行业政策月报\n二、会员付费服务项目\n"
    "项目    价格\n标准信息推送服务      1200元/年",
    # the promise turned in its own sentence
    "贵单位已缴纳本年度会费。按本会规定，会员可免费下载本会团体标准电子文本，但自明年起下载功能需另行开通，开通费1500元/年。",
    # Traditional Chinese, an event the dues cover charged per head to members
    "本會會費涵蓋標準宣貫等基本服務。自本年度起，會員單位參加宣貫會，另收取宣貫服務費每人1,500元。",
    # the charge names its service earlier in its sentence (本次…宣贯会，会员单位每人仍须缴交…)
    "依本会会员权益说明，会员单位可免费参加本会团体标准宣贯活动。\n"
    "本次标准宣贯会，会员单位每人仍须缴交会员服务费3,000元，非会员每人5,000元。",
    # the promise points back to the service named before it (该权益已含于常年会费中), then a purchase
    "依本會章程，會員享有「本會團體標準全文查閱」之基本權益，該權益已含於常年會費中。\n"
    "自本年度起，會員查閱本會團體標準全文須另購「資料庫會員帳號」，每帳號每年新臺幣六千元。",
    # the member service list the services are provided under, then a price for them
    "按照本会《会员服务清单》，本会为会员单位提供标准信息推送及电子文本查阅服务。\n"
    "自明年起上述信息推送统一纳入“标准服务包”，会员价1,200元/年。",
    # the charge names its service in the sentence before its price
    "“标准信息推送”属于会费涵盖的基本服务。秘书处自明年起开通“标准信息推送”周报。会员单位订阅价1200元/年。",
    # the promise beside the charge, in brackets
    "会员单位已缴纳会费的，参加每年一次的标准宣贯会（会费基本服务项目）仍须按每人800元缴纳资料费。",
    # a list of the members' basic services, then the same service priced
    "本会会员基本服务包括：行业政策解读、标准信息推送。即日起推出信息推送服务包，会员单位优惠价1,800元/年。",
    # the promise after the charge (an annex listing the basic services)
    "秘书处继续提供行业月报推送服务，2025年度订阅费为会员价1,200元/年。\n附：本会会员基本服务项目：政策解读、行业月报。",
    # a promise turned in another line: what was free now priced (改为收费)
    "【会员专享】\n▶ 每年免费参加标准说明会一场\n【明年起调整】\n▶ 说明会改为收费场次，会员优惠价每人800元",
]

LAWFUL = [
    # members free, non-members pay
    "会员单位可免费参加本会标准宣贯会；非会员单位收取资料费300元/人。",
    # 年会 inside 常年会费 is the dues, not the annual meeting: the meeting's own fee is no repeat charge
    "会员单位的常年会费包含标准信息推送服务。本会年会会务费800元/人，由参会单位自愿报名缴纳。",
    # beyond the free quota
    "会员单位每年可免费参加宣贯会2人次，超出人数按每人500元收取会务费。",
    # another service: the printed copy of a text members may download free
    "会员可免费下载本会团体标准电子文本；如需纸质文本，每册按印制成本45元提供。",
    # the promise alone, prices for something else
    "会费包含标准信息推送、政策月报等基本服务。本会另举办质量管理培训班，培训费1800元/人，自愿报名。",
    # a member service list whose priced items were never promised free
    "会员服务清单：\n1. 标准宣贯会（会员价800元/人，非会员1200元/人）；\n2. 行业月报（会员免费）。",
    # the basic services listed, another service priced
    "会员基本服务包括：行业月报、政策解读。本会另举办质量管理培训，会员价800元/人。",
    # a price list with no promise
    "标准宣贯会会务费：会员单位800元/人，非会员单位1200元/人。",
]


@pytest.mark.parametrize("text", CHARGED)
def test_a_promised_service_charged_to_members_is_found(text: str) -> None:
    hits = find(text, WORDS)
    assert len(hits) == 1
    hit = hits[0]
    assert hit.service in prepare(text).text  # the service is named in the text (folded to Simplified)
    assert hit.quote and hit.promise
    assert 0 <= hit.start < hit.end <= len(text)


@pytest.mark.parametrize("text", LAWFUL)
def test_lawful_look_alikes_are_not(text: str) -> None:
    assert find(text, WORDS) == []


def test_the_charge_is_quoted_at_its_offset() -> None:
    text = CHARGED[2]
    (hit,) = find(text, WORDS)
    assert "开通" in text[hit.start:hit.end]


def test_the_built_in_rule_reports_an_error_with_the_promise(engine: Engine, tmp_path: Path) -> None:
    findings = notice_fee_findings(engine, CHARGED[1], tmp_path)
    mine = [f for f in findings if f.rule == "TSTD-FEE-308"]
    assert len(mine) == 1
    assert mine[0].severity is Severity.ERROR
    assert "信息推送" in mine[0].message


@pytest.mark.parametrize("text", LAWFUL)
def test_the_built_in_rule_is_silent_on_lawful_texts(engine: Engine, tmp_path: Path, text: str) -> None:
    assert not [f for f in notice_fee_findings(engine, text, tmp_path) if f.rule == "TSTD-FEE-308"]


def test_a_promise_turned_in_another_line_keeps_the_error(engine: Engine, tmp_path: Path) -> None:
    # the gate reads the charge from its start: the promise's 免费 is not the charge's denial
    findings = notice_fee_findings(engine, CHARGED[-1], tmp_path)
    assert [f.severity for f in findings if f.rule == "TSTD-FEE-308"] == [Severity.ERROR]
