"""A payment and a standardisation benefit in different clauses of one notice (issue 11, item 4): a warning
with evidence ``inferred``, never an error — and silent where the notice denies a fee, makes it voluntary or
free, or where the payment is not the kind the rule is about. Also: vague money words (支持力度) suggest and
never state; a sanctioned condition (未缴纳…的，不再保留…职务) ties the payment to the role."""

from __future__ import annotations

import pytest

from helpers import fee_frame_verdicts
from tstd.engine.pack import load_pack
from tstd.resources import rules_dir

RULES = {r.id: r for r in load_pack(rules_dir() / "fees.yaml").rules}


verdicts = fee_frame_verdicts


@pytest.mark.parametrize("text, rule_id", [
    ("本会拟启动《智能门锁安全要求》团体标准编制工作。\n一、报名单位需提供单位简介。\n"
     "二、编制工作经费由参与单位共同筹集，每家单位3万元。\n三、报名单位将在标准前言中列出。", "TSTD-FEE-015"),
    ("各企业：本标准研制需要资金支持，请于五月底前汇款5万元。\n起草单位名单将按报名先后列入前言。", "TSTD-FEE-015"),
    ("各單位：本標準研製需要資金支持，請於五月底前匯款5萬元。\n起草單位名單將按報名先後列入前言。", "TSTD-FEE-015"),
    ("各有关单位：\n请报名单位于收到通知后10日内将编制费汇至本会账户。\n主编、副主编单位名单将在标准发布时公布。",
     "TSTD-FEE-015"),
])
def test_payment_and_benefit_in_one_notice_is_a_warning(text: str, rule_id: str) -> None:
    assert verdicts(text).get(rule_id) is False, verdicts(text)


def test_the_notice_warning_quotes_the_payment_clause() -> None:
    text = "一、报名单位需提供单位简介。\n二、编制工作经费每家单位3万元。\n三、报名单位将在标准前言中列出。"
    hits = RULES["TSTD-FEE-015"].options.frame.hits(text)
    assert [(h.linked, h.quote) for h in hits] == [(False, "二、编制工作经费每家单位3万元。")]
    assert text[hits[0].start:hits[0].end] == hits[0].matched


@pytest.mark.parametrize("text", [
    # the notice denies a fee for the benefit: proximity alone is not read as a link
    "标准文本单行本定价35元/册。\n电子版免费公开，采用本标准无需认购纸质本。",
    "起草单位名单将列入前言。\n本项目不向起草单位收取任何费用，编制组会议差旅自理。",
    # voluntary or cost-based payments beside a drafting role
    "本会将举办宣贯培训，培训费1800元/人，各单位自愿报名。\n起草单位名单见附件。",
    "专家评审按实际发生成本收取，每项3000元。\n评审通过的项目列入起草计划。",
    # a disclaimer statement is off as a whole
    "凡以本会名义收取参编费的，均属违规行为，请举报。\n起草单位名单见附件。",
    # dues already collected and thanks for support are not fees beyond dues (FEE-13 requires 另/经费/支持 …)
    "本会理事单位名单如下，感谢各理事单位的关心。本年度会费已按会员大会决议收取。",
    # a stated use of the money that is not the benefit; another body's charge; a price list; the
    # organisation pays; dues of the year; voluntary training in another statement
    "本次发布会由某公司冠名支持，冠名费用用于会场租赁。\n发布会将介绍本标准主要起草单位及起草人。",
    "某某产品认证由经认监委批准的某认证中心实施，认证收费按其公示标准执行。\n本会标准发布后，企业可自行声明采用。",
    "《家用净水器》团体标准已正式发布。\n纸质文本由出版社发行，每册45元。\n感谢各起草单位的辛勤工作。",
    "各起草单位：\n本会将委托第三方检测机构开展验证试验，试验费用由本会支付。\n请各单位配合提供样品。",
    "各会员单位：\n根据会员代表大会决议，2026年度会费标准不变：理事单位1.5万元，会员单位3000元。\n请于3月底前缴纳。"
    "\n本年度本会将继续组织会员参与团体标准起草。",
    "本会2026年培训计划：\n1. 标准编写实务培训，3月，1800元/人；\n以上培训自愿参加。\n起草单位征集常年开放，欢迎报名。",
    "2026标准化论坛招商方案\n一、金牌赞助8万元，可获会场logo展示。\n二、赞助与团体标准起草单位的确定、排序无任何关联。",
])
def test_no_notice_warning_where_the_notice_denies_or_explains_the_fee(text: str) -> None:
    assert verdicts(text) == {}, verdicts(text)


def test_a_stated_link_is_still_an_error_in_a_notice() -> None:
    text = "一、报名单位需提供单位简介。\n二、参编单位须缴纳编制费2万元，方可列入起草单位。"
    assert verdicts(text).get("TSTD-FEE-015") is True


def test_vague_money_words_suggest_only() -> None:
    assert verdicts("起草单位排序将综合考虑各单位技术贡献和支持力度确定。").get("TSTD-FEE-016") is False


def test_a_sanctioned_condition_ties_payment_to_role() -> None:
    text = "常务理事单位每年除会费外另缴纳活动经费5万元，未缴纳的不再保留常务理事职务。"
    assert verdicts(text).get("TSTD-FEE-213") is True


def test_administrative_leverage_across_clauses_needs_an_administrative_demand() -> None:
    spread = "根据市应急管理局工作要求，申报企业须提交本会出具的评审报告。\n评审服务费每家12000元。"
    lawful = "企业可委托具有CMA资质的检验检测机构出具报告。\n检测费每份800元，由检测机构收取。"
    assert verdicts(spread).get("TSTD-FEE-210") is False
    assert "TSTD-FEE-210" not in verdicts(lawful)


@pytest.mark.parametrize("text, rule_id", [
    ("会员单位结清全部欠费后方可办理退会手续。", "TSTD-FEE-202"),
    ("会员单位享有的标准信息推送服务已包含在会费内，自本年起改为单独收费，每年1200元。", "TSTD-FEE-208"),
    ("为保障标准推广，各会员单位需按本单位年产量分担推广经费。", "TSTD-FEE-124"),
    ("凡列入起草单位的，需参加本会年度交流会，参会费3800元/人，缺席者将从起草单位名单中移除。", "TSTD-FEE-011"),
])
def test_dues_and_compulsion_wording(text: str, rule_id: str) -> None:
    assert verdicts(text).get(rule_id) is True, verdicts(text)


def test_dues_by_turnover_are_not_a_compulsory_event() -> None:
    # FEE-05's floating dues, not FEE-11: a proportional measure is a levy only outside dues
    assert "TSTD-FEE-011" not in verdicts("经理事会第二次会议审议通过，会费按会员单位上年度销售额的0.05%收取。")
