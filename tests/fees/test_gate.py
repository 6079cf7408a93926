"""The single error gate of the fee rules (tstd.fees.gate.may_error): each case is a class of text."""

from __future__ import annotations

import pytest

from tstd.fees.gate import may_error


def _at(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


@pytest.mark.parametrize("text, word", [
    # a demand with a tie in one sentence
    ("主编单位须缴纳编制经费8万元，方可在前言中排名第一。", "主编单位"),
    # a stated price for a role
    ("参编单位每家3万元，列入前言起草单位名单。", "参编单位"),
    # a table row states prices, with its negated column (免收) beside a price
    ("類別 | 會員單位 | 非會員單位\n起草單位 | 免收 | 須繳會費 每年 5,000 元", "起草單位"),
    # a negation that is the condition of a sanction demands
    ("缴费项目：标准编制经费（必缴）。不缴费不予发放征求意见稿，不列入起草单位。", "不列入起草单位"),
    # a sanction that takes the role away (不再保留) is no denial of the payment
    ("会长单位每年支付工作支持经费30万元，不缴纳的单位不再保留会长职务。", "会长单位"),
    # the benefit follows the payment: the payment is its condition
    ("缴费后颁发评价证书，并列入官网公示名单。", "颁发评价证书"),
    # a sanction on those who have not paid, however far the sanction's object runs (取消其…资格)
    ("逾期未缴纳的单位，取消其2026年度团体标准立项申报资格及评先评优资格。", "取消"),
    # a table with a free row above a paragraph: the paragraph's sentence starts after the empty line
    ("展示位  位置  费用\nA位  首页前三位  ￥48,000\nC位  一般排列  免费\n\n名录内A位、B位依缴费确认时间先后排列。", "依缴费"),
    # an exemption of others (未通过者不收费) denies nothing of those who pay
    ("通过评定之企业每家缴交评审费九千八百元，未通过者不收费。", "通过评定"),
    # minutes that record the meeting's own decision: the body demands, it does not report a proposal
    ("会议听取了秘书处的建议。会议原则同意：新增常务理事单位除缴纳会费外，还应一次性缴纳共建资金5万元。", "常务理事单位"),
])
def test_a_stated_demand_passes(text: str, word: str) -> None:
    assert may_error(text, *_at(text, word))


@pytest.mark.parametrize("text, word", [
    # a negated payment (Traditional 毋須)
    ("起草單位毋須為會員，亦毋須繳納任何參編費用，前言排序以技術貢獻為準。", "參編"),
    # a payment to a third party that the organisation does not handle
    ("样品检测费由委托单位直接支付给检测实验室，本会不经手、不收取任何费用。", "检测费"),
    # voluntary, with the tie denied elsewhere in the text
    ("年会接受自愿赞助，赞助与否不影响参与团体标准编制。赞助单位可在背景板列名（按赞助金额排列）。", "赞助单位"),
    # a comment on what others do
    ("近年来，一些机构打着团体标准的旗号，出售主编单位：主编单位动辄十几万元。", "主编单位动辄"),
    # minutes reporting a proposal that the meeting rejected
    ("有理事提出按出资多少确定主编单位。经讨论，会议明确：本标准不收取参编费。", "主编单位"),
    # minutes that heard a proposal and did not agree to it
    ("会议听取了秘书处的建议，会议未同意常务理事单位另行缴纳共建资金5万元的方案。", "常务理事单位"),
    # a refund on leaving
    ("会员退会的，已缴纳的当年度会费按剩余月份退还，退会不影响其在前言中的署名。", "署名"),
    # no demand mood at all: a sentence that names a payment and a role and demands nothing
    ("标准化工作中的参编单位与经费问题", "参编单位"),
])
def test_a_text_that_proves_nothing_is_at_most_a_warning(text: str, word: str) -> None:
    assert not may_error(text, *_at(text, word))


def test_a_fact_of_governance_needs_no_demand_mood() -> None:
    # the council adopting the dues is the practice itself (FEE-04): nothing is demanded, yet it is proven
    text = "（四）审议《2027年会费标准调整方案》，方案经本次理事会表决通过后自2027年1月1日起执行。"
    assert not may_error(text, *_at(text, "理事会表决通过"))
    assert may_error(text, *_at(text, "理事会表决通过"), demand=False)
    # a comment on what others do still proves nothing
    comment = "近年来，一些协会的会费标准仅经理事会表决通过即执行，背离了章程。"
    assert not may_error(comment, *_at(comment, "理事会表决通过"), demand=False)
