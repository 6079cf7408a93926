"""The clause frames of the built-in pack on wording its vocabularies were not written from: a payment tied
to a role, a rank or a step is stated (an error); side by side it is only suggested (a warning); negations,
disclaimers, reports of punished violations and free or self-borne costs turn a clause off — and only it."""

from __future__ import annotations

import pytest

from helpers import fee_frame_verdicts
from tstd.engine.pack import Rule, load_pack
from tstd.fees.amounts import parse_amount
from tstd.resources import rules_dir

RULES = {r.id: r for r in load_pack(rules_dir() / "fees.yaml").rules}


verdicts = fee_frame_verdicts


def frame(rule_id: str) -> Rule:
    return RULES[rule_id]


@pytest.mark.parametrize("text, rule_id", [
    ("提供经费支持的单位，可在标准前言中列名。", "TSTD-FEE-015"),
    ("缴纳五万元者担任主编单位，缴纳两万元者担任副主编单位。", "TSTD-FEE-015"),
    ("參編單位須繳納編制服務費貳萬元，方可列入起草單位。", "TSTD-FEE-015"),
    ("起草单位在前言中的先后顺序视各单位支持金额而定。", "TSTD-FEE-016"),
    ("参编单位需与本会签订委托协议并支付编制服务费，完成付款后方可立项。", "TSTD-FEE-020"),
    ("标准编制经费由各参编单位平均分摊，逾期未缴纳的取消参编资格。", "TSTD-FEE-124"),
    ("未缴纳会务费的单位，不予列入起草单位名单。", "TSTD-FEE-124"),
    ("单位类别 | 赞助金额 | 署名方式\n主编 | 80000元/家 | 封面及前言首位", "TSTD-FEE-015"),
    # a commission from an authority, in Traditional characters, and a sanction reported to it
    ("依主管機關委託，本會辦理業者標準符合查核，受查核業者應"
     "繳交查核作業費新臺幣一萬五千元，未繳交者將函報主管機關。", "TSTD-FEE-210"),
    # a seat's money outside the dues, with the seat as its condition (the dues clause is long: 除…会费外)
    ("新增常务理事单位除按会员代表大会确定的档次缴纳会费外，还应"
     "一次性缴纳平台共建资金5万元，作为其担任常务理事单位的条件。", "TSTD-FEE-213"),
    # a non-member's "membership of the working group" fee (會籍費) is dues by another name
    ("二、非會員單位參與本工作組者，須按年度繳納「工作組會籍費」港幣12,000元，繳費後列入工作組成員名錄。", "TSTD-FEE-203"),
    # the modal of the clause carries over to a distributive "每案收取…"
    ("受市政府委托开展技术审查，申请补助之业者，应先委托本会出具评估报告，每案收取技术审查费25,000元。", "TSTD-FEE-210"),
    # the payer, a modal and a date before the paying verb (请于…前缴纳); the payer named with 之, exempting others
    ("公示期满无异议的，入选企业请于12月20日前缴纳示范企业认定服务费12,000元/家，缴费后统一颁发铜牌和证书。", "TSTD-FEE-017"),
    ("「全國團體標準星級企業」評定採評審費制，通過評定之企業每家繳交評審費人民幣九千八百元，未通過者不收費。", "TSTD-FEE-017"),
    # a levy beside the dues is read, not excused as the dues
    ("自本年度起，全体会员单位除年度会费外，须统一缴纳团体标准宣贯推广费1.5万元/家，逾期未缴者暂停会员资格。", "TSTD-FEE-124"),
    ("标准宣贯资料费由各会员单位统一缴纳，每家1200元，从本年度起与会费一并收取，不得单独拒缴。", "TSTD-FEE-124"),
    # ranked by the money subscribed: 按认筹额度…确定, 依…到位金额，由高至低排定…先后次序
    ("三、起草单位在标准前言中的署名位次按认筹额度由高到低确定，认筹额度相同的，按认筹先后确定。", "TSTD-FEE-016"),
    ("本会依各单位课题经费实际到位金额，由高至低排定前言中起草单位的先后次序。", "TSTD-FEE-016"),
    # a list named 建议名单 is no suggestion; a payer, a modal and a time after an announcement (公告后十五日内)
    ("当选副会长单位除按会费标准缴纳会费外，每年另向协会缴纳工作经费伍万元整，"
     "未承诺缴纳的单位不列入候选人建议名单。", "TSTD-FEE-213"),
    ("獲獎企業應於得獎公告後十五日內繳納獎座製作暨頒獎典禮費用新臺幣陸萬元整，"
     "未依期限繳納者，撤銷其得獎資格。", "TSTD-FEE-017"),
    # 无论是否 compels; it is no question (是否 alone marks a letter asking whether a fee is lawful)
    ("会议费用由各起草单位统一分摊，每家1.5万元，无论是否派员参会均须缴纳，"
     "未缴纳的单位暂停其在研项目的进度审查。", "TSTD-FEE-124"),
    # only those who pass the evaluation pay, and the certificate follows the payment
    ("通过评价的企业缴纳评审服务费（领先：1.2万元；先进：0.6万元），未通过的不收取任何费用。", "TSTD-FEE-017"),
    # a 回执's option line: the tier, its place and its money in one option
    ("参与方式（请在□内打√）：\n□ 牵头单位（署名位次第 1 位，共建经费 80,0"
     "00 元）\n□ 共建单位（署名位次第 6 位及以后，共建经费 15,000 元）",
     "TSTD-FEE-015"),
])
def test_a_payment_tied_to_a_benefit_is_stated(text: str, rule_id: str) -> None:
    assert verdicts(text).get(rule_id) is True, verdicts(text)


def test_a_payment_beside_a_role_without_a_link_is_only_suggested() -> None:
    assert verdicts("参编单位的编制工作收取2万元。") == {"TSTD-FEE-015": False}


@pytest.mark.parametrize("text", [
    # a real association's public statement against drafting fees, across "；"
    "本会团体标准工作绝不包含任何形式的参编费、署名费、排名费；凡以本会名义向企业收取上述费用的，均属违规乃至违法行为，请及时举报。",
    "本项目不收取参编费，参编单位的差旅费用自理。",
    "起草单位的排序由起草组按技术贡献确定，与是否出资无关。",
    "近日，某市民政局依法查处一起违规收费案件。经查，某协会按“主编单位5万元、参编单位1万元”的标准\n向企业收取参编费用。",
    "本会将于5月举办标准宣贯培训班，培训费1800元/人，各单位自愿报名参加。",
    "如需购买标准文本，请与秘书处联系，定价每册120元。",
    "本次发布会免费参加，参编单位均可派员出席。",
    "本團體標準參編單位不收取任何費用，起草單位排序按技術貢獻確定。",
    "会员单位须按会员代表大会通过的标准按时缴纳年度会费，逾期未缴者暂停会员资格。",
    "起草单位在前言中的先后次序依各单位技术贡献由高至低排定，与是否出资无关。",
    "依主管机关委托，本会组织开展标准符合性核查，核查不向企业收取任何费用。",
    # the lawful form: options without money, and an option that says its cost is borne by the unit itself
    "参与方式（请在□内打√）：\n□ 主编单位（前言署名第1位）\n□ 参编单位（差旅费用自理）\n□ 仅提供技术意见（不署名，无需任何费用）",
])
def test_lawful_wording_is_not_reported(text: str) -> None:
    assert verdicts(text) == {}


def test_a_disclaimer_does_not_hide_an_unrelated_charge_in_the_same_notice() -> None:
    text = "谨防假冒本会名义收费的不法分子。\n二、主编单位须缴纳编制经费5万元，可在前言排名第一。"
    assert verdicts(text).get("TSTD-FEE-015") is True


def test_a_negation_reaches_its_sub_clause_only() -> None:
    assert verdicts("本会不收取参编费，但主编单位须出资5万元方可署名。").get("TSTD-FEE-015") is True


def test_titles_report_stated_practices_only() -> None:
    rule = frame("TSTD-FEE-020").options.frame
    assert rule.hits("团体标准立项评审收费说明", infer=False) == []


def test_hits_quote_the_clause_and_point_into_the_original() -> None:
    text = "一、报名方式另行通知。\n二、參編單位須繳納參編費２萬元。"
    [hit] = frame("TSTD-FEE-015").options.frame.hits(text)
    assert hit.quote == "二、參編單位須繳納參編費２萬元。"
    assert text[hit.start:hit.end] == hit.matched
    assert hit.amount == 20000


def test_an_amount_may_be_written_with_the_yuan_sign() -> None:
    from tstd.fees.amounts import AMOUNT, amount_of
    from tstd.fees.text import prepare

    found = [amount_of(m) for m in AMOUNT.finditer(prepare("报名费￥3,000.00，会务费 ¥1500/人，资料费300元").text)]
    assert found == [3000.0, 1500.0, 300.0]


@pytest.mark.parametrize("number, unit, yuan", [
    ("5", "万元", 50000), ("1.5", "万元", 15000), ("五", "万", 50000), ("三千", "元", 3000),
    ("一万五千", "元", 15000), ("0", "元", 0), ("2,000", "元", 2000), ("两", "万元", 20000),
])
def test_amounts_are_parsed(number: str, unit: str, yuan: float) -> None:
    assert parse_amount(number, unit) == yuan


def test_a_free_meeting_is_not_a_payment() -> None:
    assert verdicts("参编单位须派员参加标准发布会，会务费0元。") == {}


@pytest.mark.parametrize(("text", "rule_id"), [
    ("起草单位自愿出资，出资5万元以上的单位可在前言中列为主编单位。", "TSTD-FEE-015"),
    ("目录内产品的排列顺序，按企业自愿选择的推介服务档次（A档5万元、B档2万元）由高至低排列。", "TSTD-FEE-016"),
])
def test_a_benefit_bought_with_a_payment_left_to_the_payer_is_still_bought(text: str, rule_id: str) -> None:
    # offered: false — voluntariness does not cure paid authorship or paid ranking (it does cure a purchase)
    assert fee_frame_verdicts(text)[rule_id] is True


def test_voluntariness_still_cures_a_purchase() -> None:
    # offered stays true for the award rule: 获奖单位可自愿订购 is an offer, not a demand
    assert fee_frame_verdicts("获奖单位可自愿订购证书框，每个80元，可在证书上加印单位名称。").get("TSTD-FEE-017") is not True


def test_a_fee_collected_by_one_office_is_no_levy() -> None:
    # 由秘书处统一收取: collected centrally — not 统一缴纳 (everyone must pay)
    assert fee_frame_verdicts("申报单位缴纳项目服务费每项15万元，由秘书处统一收取。").get("TSTD-FEE-124") is not True
    assert fee_frame_verdicts("各会员单位须统一缴纳宣贯推广费1.5万元，逾期未缴者暂停会员资格。")["TSTD-FEE-124"] is True
