"""The whole-text reading of a fee text (tstd.fees.context): quiet sentences and allowed kinds of fee.

Paraphrases written for these tests (not taken from any evaluation corpus), each with a look-alike that
demands a fee and must stay loud.
"""

from __future__ import annotations

import pytest

from tstd.fees.context import Vocabulary, default_vocabulary, read, vocabulary_from


def _quiet(text: str, phrase: str) -> bool:
    return read(text).is_quiet(text.index(phrase))


@pytest.mark.parametrize("text, phrase", [
    ("本项目各参与单位均未缴纳任何编制费、冠名费或会务赞助。", "编制费"),
    ("起草组成员单位從未支付過任何參編費用，排序依據技術貢獻。", "參編費用"),
    ("我会从不向起草单位收取一切署名费、参编费。", "署名费"),
    ("任何单位发现我会工作人员存在收取参编费、强制入会等行为的，请拨打电话或发送邮件反映。", "收取参编费"),
    ("如发现有人以本联盟名义收取标准署名费的情况，可向秘书处投诉。", "署名费"),
    ("经理事会研究，自即日起停止收取团体标准立项评审费。", "立项评审费"),
    ("对2024年已收取的标准宣贯资料费，予以退还。", "宣贯资料费"),
    ("理事会决定取消标准文本工本费。", "工本费"),
])
def test_sentences_that_demand_nothing_are_quiet(text: str, phrase: str) -> None:
    assert _quiet(text, phrase)


@pytest.mark.parametrize("text, phrase", [
    # the same fees demanded: loud
    ("各参编单位须缴纳编制费2万元，未缴纳者不列入起草单位。", "编制费"),
    ("参编单位须缴清参编费后方可署名。", "参编费"),
    # 缴清退会 is not 清退 (refund): the demand stays
    ("会员须缴清退会当年会费后方可办理退会手续。", "会费"),
    # 取消 as a sanction, not a cancelled fee
    ("未按期缴纳赞助费的单位，取消其起草单位资格。", "赞助费"),
    # a negation that does not scope over the fees (不少于 is an amount)
    ("每家参编单位出资不少于任何一家副组长单位，金额由秘书处确定。", "出资"),
])
def test_demands_stay_loud(text: str, phrase: str) -> None:
    assert not _quiet(text, phrase)


@pytest.mark.parametrize("text", [
    "标准化咨询服务费800元/人·天，执行市场调节价，企业自愿委托。",
    "会员会费标准经第三届会员代表大会审议通过，单位会员每年3000元。",
    "本会代收的产品检验费属行政事业性收费，按省物价局批复（某价〔2018〕12号）执行。",
    "样品检测费由企业直接支付给检测机构，本会不经手。",
    "参加培训与否不影响参编资格，培训费按成本收取。",
])
def test_allowed_kinds_lower_errors(text: str) -> None:
    reading = read(text)
    assert reading.lawful_kind
    assert reading.lowers(text.index("费"))


@pytest.mark.parametrize("text", [
    # a marker, but the payment is tied to a role or a sanction: still an error
    "技术服务费执行市场调节价，缴费单位方可列为起草单位。",
    "会员代表大会通过的标准外，副会长单位另缴支持经费5万元，未缴纳者不列入候选名单。",
    "参加培训为自愿，但未参加培训的单位取消参编资格。",
])
def test_a_tie_keeps_the_error(text: str) -> None:
    reading = read(text)
    assert not reading.lawful_kind  # (the dues named beside another charge are no marker at all)
    assert not reading.lowers(text.index("单位"))


def test_a_marker_clears_only_its_own_sentence() -> None:
    # dues voted by the assembly may still float: the floating row is not lowered
    text = "理事单位会费10,000～20,000元，视企业规模确定。\n以上标准经会员代表大会通过。"
    reading = read(text)
    assert reading.lawful_kind
    assert not reading.lowers(text.index("理事单位"))
    assert reading.lowers(text.index("以上标准"))


def test_voted_dues_named_to_charge_something_beside_them_are_no_marker() -> None:
    text = "理事单位除按会员代表大会通过的标准缴纳年度会费外，另需向本会缴纳履职保障金20000元/年。"
    assert not read(text).lowers(text.index("另需"))
    assert read("理事单位按会员代表大会通过的标准缴纳年度会费20000元/年。").allowed


def test_a_voluntary_row_does_not_clear_a_fee_lists_dues_rows() -> None:
    text = ("序号 | 收费项目 | 收费标准 | 依据\n1 | 会员会费（理事单位） | 15000元/年 | 第三届理事会第五次会议审议通过\n"
            "2 | 标准宣贯培训 | 1800元/人 | 市场调节价，自愿报名")
    assert not read(text).clears and not read(text).silent
    # the notice only about a voluntary service at market price is still cleared
    assert read("本会举办标准宣贯培训，培训费1800元/人，执行市场调节价，各单位自愿报名。").clears


def test_an_assembly_vote_by_show_of_hands_is_no_marker() -> None:
    assert not read("新会费标准经会员代表大会举手表决通过，单位会员每年5000元。").allowed


def test_markers_are_the_packs_data() -> None:
    built_in = default_vocabulary()
    assert "市场调节价" in built_in.price_basis and "自查" in built_in.narratives  # read from rules/fees.yaml
    text = "标准宣贯服务费按协议价结算。"
    assert not read(text).lawful_kind
    extended = vocabulary_from({"allowed_markers": [*built_in.markers, "按协议价"]})
    assert read(text, extended).lawful_kind
    with pytest.raises(ValueError):
        vocabulary_from({"allowed_markers": ["(unclosed"]})
    assert Vocabulary() != built_in


def test_past_narration_is_quiet() -> None:
    text = "会议听取汇报：去年原工作组曾向起草单位收取“标准研制协作费”，会议决定予以纠正。"
    assert _quiet(text, "研制协作费")
    assert not _quiet("工作组向起草单位收取标准研制协作费每家2万元。", "研制协作费")


def test_a_denied_tie_is_no_tie() -> None:
    # 排序按技术贡献, 与排名无关, 不强制: words of a tie, denied in their own clause
    lawful = "检测咨询服务实行市场调节价，企业自愿委托，是否委托与起草单位排名无关，本会不强制任何单位接受。"
    assert read(lawful).clears
    unlawful = "检测咨询服务实行市场调节价，企业自愿委托，委托单位在前言中优先排名。"
    assert not read(unlawful).clears and read(unlawful).tied


def test_voluntary_with_a_price_basis_clears_the_whole_notice() -> None:
    text = "培训费1200元/人，按成本收取\n参加与否由企业自行选择。\n费用由本会统一收取并开具发票。"
    reading = read(text)
    assert reading.clears and reading.lowers(text.index("统一收取"))
    # one of the two alone clears nothing outside its own sentence
    only_price = "培训费1200元/人，按成本收取。\n费用由本会统一收取并开具发票。"
    assert not read(only_price).clears and not read(only_price).lowers(only_price.index("统一收取"))


@pytest.mark.parametrize("text, phrase", [
    ("通知明确，严禁强制会员参加收费培训、强制订购刊物。", "收费培训"),
    ("本会不得强制企业赞助团体标准编制经费。", "赞助"),
    ("去年我会向起草单位收取了编制费，现已全部处理完毕。", "编制费"),
])
def test_prohibitions_and_past_facts_are_quiet(text: str, phrase: str) -> None:
    assert _quiet(text, phrase)


def test_a_sanction_with_不得_stays_loud() -> None:
    text = "未缴纳编制费的单位不得署名。"
    assert not _quiet(text, "编制费")


@pytest.mark.parametrize("text", [
    "市民来信反映某商会收取团体标准署名费，经调查，情况如下：该商会已退还全部费用。",
    "近期有人冒用本会名义向企业收取参编费，请广大企业提高警惕。",
    "现将上级《关于规范行业协会收费的通知》转发给你们，请遵照执行。",
])
def test_reports_about_others_fees_are_silent(text: str) -> None:
    assert read(text).silent


@pytest.mark.parametrize("text", [
    "经查，该协会尚未向参编单位退还2025年度标准编制分摊费用，要求其月底前退清。",
])
def test_checks_of_others_are_lowered_not_silenced(text: str) -> None:
    reading = read(text)
    assert reading.narrative and not reading.silent
    assert reading.lowers(text.index("退"))


def test_a_check_of_the_readers_own_record_is_the_organisations_demand() -> None:
    # 经查，你单位/贵单位…: the association looked up the reader's record and demands in its own voice (session 7:
    # letters answering a member's resignation were lowered as if they reported another body's charge)
    text = "经查，你单位尚未缴纳2025年度标准编制分摊费用，请于月底前缴清。"
    assert not read(text).narrative and not read(text).lowers(text.index("缴"))


def test_a_promise_to_answer_is_no_answer() -> None:
    # 答复 as a verb in a service promise (3个工作日内答复) does not make a member guide a narrative
    assert not read("秘书处对会员咨询3个工作日内答复。会员单位另缴信息服务费1200元/年。").narrative
    assert read("关于某公司来函反映收费问题的答复\n经查，本会未收取参编费。").narrative


def test_an_answer_in_the_organisations_own_qa_states_its_rule() -> None:
    # an FAQ is how many associations publish their rules: its answer speaks in the association's voice
    text = "问：参编团体标准要交钱吗？答：本会参编单位须缴纳编制费2万元。"
    reading = read(text)
    assert not reading.narrative and not reading.lowers(text.index("缴"))


def test_the_organisations_own_finding_in_a_demand_is_no_investigation() -> None:
    # 经查 + a demand in the text's own voice: the association checked its own projects and now charges
    assert not read("经查，部分项目产生额外成本，秘书处决定加收专家协调费每项3000元，请各单位于月底前缴纳。").narrative
    # 经查 reporting another body's charge, demanding nothing, stays a narrative
    assert read("经查，某促进会向参编单位收取专家协调费每项3000元，已责令其限期整改。").narrative
