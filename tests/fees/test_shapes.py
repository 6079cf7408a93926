"""Shapes of fee practices added for issue 11 (generalisation), each with lawful look-alikes, read through the
real engine with the built-in packs: the highest fee severity a notice gets.

Every text is a paraphrase written for this test, not a corpus sentence: the shape (payment ↔ link ↔ role,
benefit or sanction) is what is tested, with other words than the ones the pack was tuned on where possible.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import notice_fee_findings
from tstd.engine.runner import Engine
from tstd.model import Severity
from tstd.run import CheckOptions, build_engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    full = build_engine(CheckOptions())
    return Engine([p for p in full.packs if p.id in ("input", "fees")], full.ctx, full.loader)


def level(engine: Engine, text: str, tmp: Path) -> str:
    """error | warning | none: the highest severity of a fee finding on ``text`` as a notice."""
    levels = {f.severity for f in notice_fee_findings(engine, text, tmp)}
    return "error" if Severity.ERROR in levels else "warning" if Severity.WARNING in levels else "none"


@pytest.mark.parametrize("text, want", [
    # a tier table whose header names the money column's unit: each row is tier → fee → benefit
    ("合作方式 | 工作经费（万元/家） | 权益\n牵头单位 | 10 | 前言第一起草单位\n参与单位 | 3 | 前言列名", "error"),
    ("檔次  費用（萬元／家）  權益\n主編單位  8.0  前言起草單位排名第1位\n參編單位  2.0  前言列名", "error"),
    # a bare role as the topic of the payment that follows it
    ("尚未入会的起草单位，每年按会员标准缴纳会费4000元。", "error"),
    ("未入會之起草單位，每年按會員標準繳納會費四千元。", "error"),
    # a coordinated predicate carries the modal of the clause before it
    ("执行主席单位应负担本会年度峰会的场地费用，并另缴席位费五万元。", "error"),
    # a fee column in a table of governance posts
    ("职务|会费（会员代表大会通过）|职务费\n副理事长单位|20000元/年|60000元/年", "error"),
    # an opening administrative requirement governs the clause; the link comes later
    ("按照省市场监管局工作要求，参加质量评价的企业，须先取得本会出具的评审意见，评审费每家9000元。", "error"),
    # attendance made compulsory with a sanction, the event's fee demanded in another clause
    ("本会将举办标准实施培训，培训费1800元/人。\n拟采用本标准的单位须派员参加培训，否则本会不予办理采用备案。", "error"),
    # the branch collects a fee of its own
    ("标准化分会成员单位每年缴纳成员费3000元，由分会自行收取。", "error"),
    # a fee the notice itself says is not on the published list, paid with the listed ones
    ("此外，秘书处另行收取平台上线服务费6,000元/项。该项目未列入上述收费公示目录，请与审查费一并汇入本会账户。", "error"),
    ("3. 加急排期服務費　12,000元（本項未列入本會收費公示，依秘書處慣例收取）", "error"),
    ("貴民宿年度複評已完成，請另繳「複評行政處理費」貳仟元，此項目未列於本會公告之收費標準內。", "error"),
    # resignation refused, or renewal that takes the money without consent: a rule of the body, no demand needed
    ("会员单位一经入会，会籍按届自动延续，届中不受理退会申请。", "error"),
    ("会员服务协议期满前三十日未书面提出异议的，视为自动续约，系统将自动从预留账户扣划下一年度会员服务费。", "error"),
    # a paid course drafters must complete, with a sanction on those who do not
    ("參與標準編修之委員，須於聘任後三個月內完成本會「團體標準撰寫實務講"
     "習」（每人新臺幣四千五百元），未完成講習者不得列名於編修人員名單。", "error"),
    # a commission at a stated rate to whoever brings members or projects
    ("推荐企业入会的，首年会费返还20%。", "error"),
    ("甲方按实际收取的会费及标准项目费用的20%向乙方支付推荐服务费，每季度结算一次。", "error"),
    # suggested only: dues to be tied to size, a branch's budget carried by its members
    ("3．审议修订《会费管理办法》。修订后的会费将与会员单位年度"
     "产销规模挂钩，分档方式和具体额度将在会前征求会员意见后确定；", "warning"),
    ("委员单位应积极支持专委会工作，按专委会年度预算承担相应工作经费。", "warning"),
    # the dues set by the standing council, the secretariat or a joint board meeting (年费 is the dues too)
    ("經本會第七屆常務理事會以通訊方式表決通過，自2026年度起普通會員年費由人民幣1,500元調整為2,500元。", "error"),
    ("本會會員年費自本年度起由新臺幣五千元調整為八千元，業經本年三月份理監事聯席會議決議通過。", "error"),
    ("各位会员，经协会研究，2025年会费统一上调至每家3500元，请大家月底前转账。", "warning"),
    # a voted decision kept from the members (the vote does not publish it), and floating dues
    ("根据2025年3月会员代表大会决议，会费标准已作调整，新标准已于近期发放的缴费通知书中列明，请以缴费通知书为准。", "warning"),
    ("第十九条 会员单位按上一年度主营业务收入的0.05‰缴纳会费，最低2,000元，最高不超过50,000元。", "error"),
    ("理事单位会费每年不低于人民币伍万元，具体数额结合企业产值在签订入会协议时确定。", "error"),
    # an administrative requirement opening the notice governs the fee it demands further down
    ("关于开展某某产品团体标准符合性评审工作的通知\n各有关企业：\n根据某省工业和信息化厅关于推广应用目录申报工作的要求，"
     "申报企业须提交由本会出具的符合性评审意见。\n评审费用：每个产品型号12,000元，请于提交评审申请时一次付清。", "error"),
    # a compulsory paid meeting under another fee name (会务统筹费), the sanction in the next sentence
    ("每家成员单位须派1至2名技术人员参会，会务统筹费3,800元/人，请于7月15日前汇至协会账户。"
     "未派员参会的单位视为自动放弃编制组成员资格。", "error"),
    # a non-member not yet in the alliance charged "membership for the project"
    ("尚未加入联盟的单位以“课题成员”身份参加，课题成员须缴纳课题期间会籍费，标准为叁万元整/年。", "error"),
    # a "fund" subscribed with a floor per tier: a levy, not a gift
    ("二、认筹安排\n1. 理事长、副理事长单位认筹金额不低于20万元；\n2. 理事单位认筹金额不低于5万元。\n"
     "认筹款请于2026年12月31日前汇入联盟账户。", "error"),
    # membership made the condition of a drafting role by its order in the form (会籍确认后…方将其列入起草单位名单)
    ("勾選「否」者，請同時填寫《入會申請書》並按會員等級繳納年度會費，會籍確認後，秘書處方將其列入起草單位名單。", "error"),
    ("报名单位提交回执即视为同意加入本会，本会将按普通会员标准为其办理会籍，当年会费与资料费一并结算。", "error"),
    # leaving conditioned on approval and next year's fees; dues scaled by turnover without a ceiling; the surplus
    # shared out by the projects each council unit brought in
    ("第十四条 成员单位退出联盟，应提前六个月提交书面申请，经理事会审议批准，"
     "并结清当年度及次年度成员费后方可办理退出手续。", "error"),
    ("第五條 團體會員會費依其上年度營業額分級收取，營業額逾五千萬元者，"
     "每增加一億元加收新台幣10,000元，累計計收，無上限。", "error"),
    ("经研究，本年度团体标准工作收支结余将在年底按各理事单位当年介绍标准项目的数量进行分配。", "error"),
    # a form's option with its price in yuan-sign form and 必缴
    ("单位名称：______\n□ 确认参编，并同意派员参加标准启动会（会务费 ¥3,000/人，参编单位必缴）\n□ 暂不参编", "error"),
    # the surplus paid out to the secretariat's staff with their wages
    ("二、团体标准项目收入扣除直接成本后的结余部分，按40%比例作为项目绩效奖励分配给秘书处参与项目人员，"
     "于年底随工资发放。", "error"),
    # the council adopts the dues: a fact of governance, stated in an agenda item
    ("二、会议议程\n（四）审议《2027年会费标准调整方案》，方案经本次理事"
     "会表决通过后自2027年1月1日起执行，由秘书处向会员单位发出缴费通知；", "error"),
    # the branch is the payee, or a fee list names it as the collector
    ("本會智慧建築專業委員會委員單位除繳交本會年費外，另應向專委會繳納委員年費新臺幣一萬二千元。", "error"),
    ("收费项目 | 标准 | 收费主体\n专委会会员费 | 3,000元/单位/年 | 某某专业委员会\n协会会费 | 按协会标准 | 协会秘书处", "error"),
    # charging again for what the dues already hold
    ("会员单位如需下载标准全文，每份另收资料费二百元（会费已含标准查阅服务）。", "error"),
    # dues set by a body other than the assembly, read from a fee table's header
    ("项目|标准|依据\n会员会费|2000元/年|理事会纪要（2026年第2次）", "error"),
    ("会员类别|年会费\n理事单位|8000-12000元", "error"),
    # a vague weighing of a paid course in the ranking: suggested only
    ("欢迎起草单位报名参加标准化研修班（3600元/人），研修情况将作为起草单位排序的参考之一。", "warning"),
    # a fee for the meeting, the benefit reached through attending it: suggested only
    ("本会征集标准应用案例，入选案例在年会上发布。年会会务费1500元/人，请入选单位派员参会领取证书。", "warning"),
    # a levy proportional to size is a levy; a fee proportional to turnover is not compulsion
    ("标准编制经费由各会员单位按上年度产值比例分担。", "error"),
    # dues renewal, publication, accounting and referral rewards, said without a plain statement
    ("本会会员资格默认逐年延续，退会事宜请与秘书处另行协商。", "warning"),
    ("年度会费收支明细不另行公示，请会员单位知悉。", "warning"),
    ("会费可按需开具“咨询服务费”发票，并与培训收入合并核算。", "warning"),
    ("推荐企业参编的联络处，年终将根据所推荐项目的收入情况给予奖励。", "warning"),
    ("收费项目|收费标准\n标准立项评审|按项目核定", "warning"),
    # a labelled item under a bullet names who pays what follows it
    ("【参与方式】\n▶ 会员单位：直接加入工作组\n▶ 非会员单位：每年缴纳会费5,000元，缴费后颁发成员证书", "error"),
    # prices as bare numbers in a table whose header names the currency
    ("| 阶段 | 收费项目 | 金额（元/项） |\n| 立项 | 立项论证费 | 40,000 |\n| 发布 | 发布费 | 15,000 |", "warning"),
    # a fee outside the published list, and a surplus paid out to staff
    ("标准发布前另收平台服务费每项4000元，该费用未列入本会公示的收费目录，请于月底前补缴。", "error"),
    ("本年度标准项目收入扣除专家劳务后的结余，一半作为秘书处工作人员绩效奖金发放。", "error"),
    # prose wrapped at a margin is read across the break (按…金额 split by a line end)
    ("推荐名录共设8个位次，按申请企业所报展示服务\n费金额由高到低排序，最低报价每年一万元。", "error"),
    # a service the dues already hold, charged again
    ("会员单位如需获取标准动态周报（原属会费服务内容），自本年起另收订阅费每年800元。", "error"),
    # a markdown table: separator row, currency in the header, tiers priced as bare numbers
    ("| 单位类别 | 费用（元） | 权益 |\n|---|---|---|\n| 主编单位 | 60,000 | 前言排名第一 |", "error"),
    # 凡…均须 is a compulsion, not a disclaimer (凡…均属 is)
    ("凡声明采用本标准的企业均须派员参加宣贯大会，会务费每人二千元，未参会企业不予办理采用声明登记。", "error"),
    # drafters must hold the organisation's own certificate (FEE-18 is a warning by policy)
    ("自明年起，本会立项标准的主要起草人须持有本会颁发的标准编写员证书。", "warning"),
    # an authority's precondition in one clause, the price of the association's document in another
    ("申报市级品牌的企业须附本会出具的达标评估报告。\n评估工作由本会组织，评估费15,000元/家。"
     "\n未附评估报告的，市商务局不予受理。", "error"),
    ("檢測結果將報送縣環保局，作為業者辦理設施登錄的必備材料。申請人應繳交審查費新臺幣六千元。", "error"),
    # the document the notice is issued under is its own basis, not a policy it quotes against a practice
    ("各有关企业：\n根据市工信局《关于开展专精特新企业认定工作的通知》要求，现将有关事项通知如下：\n"
     "一、申报企业须附本会出具的采信证明，未附证明的，市工信局不予受理。\n二、证明办理费8000元/家。", "error"),
    # a course made compulsory (必修) for drafters with its fee per head, the sanction in the next item
    ("一、本研习营为起草组成员必修课程，报名费每人4,800元（含食宿）。\n二、未完成研习营课程者，不列入起草单位名单。", "error"),
    ("凡拟担任起草人者，必须完成本研习班并取得结业证明，方可列入起草人名单。\n三、费用：每人5,200元（含讲义）。", "error"),
    # lodging at one's own cost explains the lodging; a syllabus's 典型案例分析 is no report of cases
    ("一、培训内容：（三）典型案例分析。\n二、费用：培训费2200元/人，含教材；住宿统一安排，费用自理。\n"
     "三、已声明采用本标准的企业须至少派1人参加培训；未参加培训的企业，本会将撤销其采用声明公示。", "error"),
    # the open vote in the head of a list of decisions, the dues in one of its items
    ("本會常務理事會第二次會議以舉手表決方式通過下列事項：\n一、年度工作報告；\n"
     "二、單位會員年費由二千元調整為三千元；\n三、增補理事。", "error"),
    # the branch is the payee, or its fee is said to be charged apart from the dues
    ("委员单位应于每年3月底前向标委会秘书处交纳年度工作保障金1.5万元；未按期交纳的，次年不再续聘。", "error"),
    ("工委会年度会费：主任委员单位30,000元、委员单位5,000元，由工委会秘书处收取。", "error"),
    ("申请类别：□ 主任委员（20000元）□ 委员（3000元）\n说明：委员费由标委会秘书处收取，与协会会费分别缴纳。", "error"),
    ("分会会费标准为：副会长单位8000元，一般成员单位2000元，均须缴纳，此项费用与省协会会费无关。", "error"),
    # renewal that bills the member; a reply that checked the member's record (经查，贵单位…) in its own voice
    ("会员单位未在11月30日前书面提出不再续期的，视为自动续期，秘书处将按原档次开具下一年度会费票据。", "error"),
    ("來函收悉。經查，貴單位為本會理事單位。依本會規則，理事單位於屆期內申請退會者，須繳清剩餘年度會費後方可辦理退會。", "error"),
    # points bought for a ranking (附加分 by a paid tier)
    ("参与本会推广计划的企业，按所选档位加计附加分：金档（6万元）加20分，银档（3万元）加10分；附加分计入总分后排序。", "error"),
    # a rank bought with a payment left to the payer is still bought
    ("目录内产品的排列顺序，按企业自愿选择的推介服务档次（A档5万元、B档2万元）由高至低排列。", "error"),
    # a fee table row whose dues cell holds "；": the row is one sentence, its basis cell names the council
    ("收费项目 | 收费标准 | 政策依据\n会费 | 会员单位1500元/年；理事单位3000元/年 | 常务理事会决议（2025年第2号）", "error"),
    ("经本会第二届常务理事会第七次会议决议，自2027年度起常年会费调整如下：\n一般会员：4,000元/年", "error"),
    # a fee off the published list, the sanction a postponement
    ("以上两项未列入本会公示收费目录，请各单位于月底前补缴，未补缴者暂缓发布。", "error"),
    # authorship with its costs shared out among the named drafters
    ("起草人署名实行成本分担，每位列入前言的起草人缴纳署名服务费3,000元，款项到账后列入起草人名单。", "error"),
    # membership to adopt, joining before use
    ("非会员机构如有采用需要，请先向秘书处办理入会并缴交年度会费，取得会员资格后即可使用本标准。", "error"),
    # an authority's arrangement (部署) opening the notice
    ("根据市市场监管局关于品牌认定工作的部署，本会承担申报材料的初审工作。\n"
     "申报企业须提交由本会出具的评价报告，评价服务费每家12,000元。", "error"),
    # a compulsion that points at the table of sponsorship tiers above it
    ("支持类别 | 金额 | 回报\n战略支持 | 10万元 | 主论坛冠名\n展示支持 | 2万元 | 会刊内页\n"
     "每家会员单位须按上表认领一项；未确认的由秘书处按档次直接开具缴款通知。", "error"),
    # a share of the project fee paid to the agent that brought it
    ("甲方就乙方推荐并完成发布之每一项目，按该项目服务费总额之百分之二十五支付乙方合作分成。", "error"),
    # a branch's own fee table, collected by the branch: a fact of governance, no demand mood needed
    ("职务 | 委员费（元/年）\n主任委员单位 | 30,000\n委员单位 | 3,000\n以上费用由专委会自行收取，专款用于专委会活动。", "error"),
    # a tier whose dues are a range per year
    ("会员单位会费按企业规模分档收取：大型企业6000元/年，中型企业3000元/年至4000元/年。", "error"),
    # the benefit given once the money is in
    ("入选“星级团标实施单位”后，请在7日内完成星级评定服务费（三星8000元、五星2万元）支付，"
     "支付成功后系统自动生成电子证书。", "error"),
    ("申报单位与本会签订共建协议，按每年6.8万元缴纳基地运行保障金，保障金到账后由本会统一授牌。", "error"),
    # the committee itself the payee; a share of the project fee to the partner; leaving only after paying the rest
    ("委员单位每年向本委员会缴纳年度工作经费15,000元，请于6月30日前汇至本委员会秘书处账户。", "error"),
    ("合作伙伴推荐的项目经联盟立项后，联盟按该项目服务费总额的20%向合作伙伴支付推广服务费。", "error"),
    ("乙方确需提前退出的，应一次性支付协议剩余年度的全部会费，联盟收款后办理退出。", "error"),
    # a fee heading above its price line; a later sanction on those who did not complete the training
    ("四、培训费用\n2,600元/人，食宿统一安排、费用自理。\n五、有关要求\n"
     "在编标准的起草人须参加本次培训并取得结业证书；未取得结业证书的人员不再列为起草人。", "error"),
    # minutes that record what the meeting laid down (会议明确), though they also heard reports
    ("会议听取了各项目组进度汇报。\n三、会议明确，起草单位排序以项目经费到账先后为准，到账在前者排序在前。", "error"),
    # amounts left to a contract or a case (FEE-19) and dues booked with other income (FEE-23): warnings by policy
    ("收费项目 | 收费标准\n团体标准服务 | 视项目情况确定\n其他技术服务 | 协商", "warning"),
    ("本会对团体标准服务收费进行了结构调整，收费明细以与项目单位签订的服务合同为准。", "warning"),
    ("會費收入與標準服務收入、培訓收入合併記入「業務收入」科目，不另設會費專帳。", "warning"),
    # a dues decision kept at the secretariat or left to a later occasion (FEE-06: a warning)
    ("本会第四届会员代表大会已审议通过2026年度会费标准。决议全文拟于年底随《会员通讯》一并印发，请各单位届时查阅。", "warning"),
    ("本会会费标准已经会员代表大会通过，相关决议存放于秘书处，会员如需查阅可到秘书处现场查阅。", "warning"),
    # resignation left to the secretariat's judgement (FEE-02 suggested: a warning)
    ("会员单位如需退会，请与秘书处联系，秘书处将根据会员单位履行会员义务的情况研究办理。", "warning"),
    # rewards for bringing in members or projects, measure left open (FEE-09 suggested)
    ("对积极发展会员、推荐标准项目的单位和个人，协会将视情况给予适当奖励。", "warning"),
    # a fee to declare conformity (FEE-22 stays a warning: licences are allowed)
    ("企业声明执行本标准前须取得本会授权，授权费每年1万元，未经授权不得声明执行。", "warning"),
])
def test_prohibited_shape(engine: Engine, tmp_path: Path, text: str, want: str) -> None:
    assert level(engine, text, tmp_path) == want


@pytest.mark.parametrize("text", [
    # a self-inspection list introduced by a colon: every item is a practice to look for, not a demand
    "请各分支机构对照以下问题开展自查：强制入会；\n另行收取分会会费；\n向起草单位收取署名费；\n强制企业参加收费培训。",
    # prohibitions with 不得开展 / 不得进行
    "依照本会规定，不得开展有偿署名、竞价排名，起草单位排序一律按技术贡献确定。",
    "各分支机构不得进行与团体标准相关的收费评比。",
    # money paid to another body, not to the notice's author
    "起草单位为完成验证试验支付给检测机构的检测费，由起草单位与检测机构直接结算，本会不经手。",
    "验证费用由各起草单位自行负担并直接支付给承检实验室，本会不代收任何款项。",
    # a contract is not an administrative commission
    "申报单位与本会签订委托协议并支付立项评审费2000元后，秘书处组织专家函审，评审费按专家劳务成本核定并已公示。",
    # a branch that may not collect anything of its own
    "标准化分会不得单独收取任何费用，分会经费统一由本会拨付。",
    "（四）审议《会费标准调整方案》，方案经理事会审议后提交会员代表大会无记名投票表决。",
    "会员退会自由，书面通知秘书处即可办理；会员连续一年不缴纳会费的，视为自动退会。",
    "参与标准编修的委员可自愿参加本会举办的标准撰写讲习，讲习免费，是否参加不影响列名。",
    "本会从未向任何机构支付推荐服务费或发展奖励，凡以返点、提成为名招揽企业的，均属假冒。",
    "本会会费标准经会员代表大会无记名投票表决通过，已于表决后十日内在官网公布，会员单位每年3000元。",
    ("关于开展某某产品团体标准符合性评审工作的通知\n各有关企业：\n根据某省工业和信息化厅关于推广应用目录申报工作的要求，"
     "本会组织团体标准符合性评审。\n评审不向企业收取任何费用，专家劳务由本会承担。"),
    "为支持行业标准化研究，本会设立专项基金，接受社会各界自愿捐赠，捐赠与否及金额多少均不影响参与标准工作。",
    "起草单位不限于本会会员，非会员单位无需入会即可报名参与起草，报名不收取任何费用。",
    "本会收费项目均已列入官网收费公示目录，公示目录之外不收取任何费用。",
    "专业委员会委员单位由协会会员单位自愿申请担任，专委会不另行收取会员费，委员单位按协会会费标准向协会缴纳会费。",
    # an authority's precondition beside a free service, a denied precondition, a price paid to a laboratory
    ("申报市级品牌的企业须附本会出具的达标评估意见，未附意见的，市商务局不予受理。\n"
     "评估工作不向企业收取任何费用。"),
    "本会出具的评估报告不作为主管部门受理申报的必备材料，企业自愿申请，评估费按成本核定为3000元/家。",
    ("申报企业须附检测报告，未附报告的，区局不予受理。\n检测由企业自行委托具备资质的检测机构，"
     "检测费由企业与检测机构直接结算，本会不经手。"),
    # an elective course with a per-head fee; a voluntary course whose lodging is self-borne
    "本研习营为选修课程，报名费每人1,200元，是否参加不影响起草单位资格。",
    "一、培训内容：（三）典型案例分析。\n二、培训费1800元/人，住宿统一安排，费用自理，各单位自愿报名。",
    # a fee charged apart from the dues by the association itself, voluntary; a committee that charges nothing
    "标准宣贯培训费1800元/人，与协会会费分别缴纳，各单位自愿报名。",
    "标委会委员由会员单位推荐，不向标委会缴纳任何费用，会议差旅费用自理。",
    # an investigation's finding (经查, not addressed to the reader) reports another body's charge
    "经查，某促进会向退会会员收取剩余年度会费，须缴清后方可办理退会，已被责令整改并退还。",
    # points for technical work, nothing paid
    "案例评选按专家评分排序，提供验证数据的单位加计附加分5分，评选不收取任何费用。",
    "推荐目录按产品技术得分由高至低排列；推介服务（每档2万元）由企业自愿选择，与排列顺序无关。",
    # voted dues in a table row that holds "；"
    "收费项目 | 收费标准 | 政策依据\n会费 | 会员单位1500元/年；理事单位3000元/年 | 会员代表大会无记名投票通过（2025年）",
    # the same table offered, and voted dues paid by a table
    ("支持类别 | 金额 | 回报\n战略支持 | 10万元 | 主论坛冠名\n展示支持 | 2万元 | 会刊内页\n"
     "各单位可按上表自愿认领，认领与否不影响参会。"),
    "会员类别 | 年会费（会员代表大会无记名投票通过）\n理事单位 | 8000元\n会员单位 | 2000元\n请按上表标准缴纳2026年度会费。",
    # paying before receiving what was bought, voluntarily; a voluntary course under a fee heading
    "培训费1800元/人，各单位自愿报名，缴费后发放培训教材。",
    "四、培训费用\n1,800元/人，食宿自理。\n五、报名\n各单位自愿报名；未报名的单位不影响参编。",
    # accounts published, details at the secretariat as well
    "本会会费收支情况每年在官网公布，会员也可到秘书处查阅明细。",
    "会费收支已经会计师事务所审计，审计报告可向秘书处查阅。",
    "会员退会自由，书面通知秘书处即可，秘书处收到后5个工作日内办理退会手续。",
    "对在团体标准制定工作中作出突出技术贡献的单位和个人，本会给予通报表扬，不涉及任何费用。",
    # a governance post requires membership: lawful (the candidates, not the drafters)
    "负责人候选单位应为本会会员，近三年无不良信用记录，积极参与本会团体标准制修订工作。",
    # compulsory attendance of a free or self-borne event
    "本会将举办标准宣贯会，本次会议免费。\n各起草单位须派员参加，否则不予发放起草单位证书。",
    "本会将举办标准宣贯会，会务费1200元/人。\n各单位自愿报名参加。",
    # voted dues in a table, with a fixed amount per tier
    "职务|会费（会员代表大会无记名投票通过）\n副理事长单位|20000元/年\n理事单位|8000元/年",
    # news of a regulator's notice
    "民政部通报指出，部分社会组织以团体标准名义向参编单位收取参编费，已责令整改。",
    # a topic role whose payment sub-clause is denied
    "非会员起草单位，无需缴纳会费，也无需入会。",
    # a schedule that states every amount
    "收费项目|收费标准\n标准立项评审|3000元/项（按专家劳务成本核定）",
    # a report of fees someone else charged (news, a regulator's cases) or that are being refunded
    "市监局公布典型案例：某促进会向参编企业收取主编单位费用每家2万元，已被责令退还并处以罚款。",
    "经理事会研究，本会将已收取的标准编制经费全额退还各参编单位，请于月底前提供账户信息，我们将办理退款。",
    # questions ask, they state nothing
    "【问】参编需要交参编费吗？排名和出资多少有关吗？\n【答】不需要，排名只看技术贡献。",
    # stopping a charge
    "会议决定自即日起停止收取标准研制经费，起草单位排序按技术贡献确定。",
    # a dated table of figures is no price list
    "年份|金额（元）\n2023|2024",
    # a labelled item with a voluntary meeting fee (参会费 is no 会费)
    "▶ 会员单位：免费参加\n▶ 非会员单位：参会费600元/人，自愿报名",
    # voted dues in a table with bare numbers
    "会员类别|年会费（元，经会员代表大会无记名投票通过）\n会长单位|50000\n理事单位|10000",
    # a coordinated predicate without a payment
    "理事单位应积极参与本会工作，并按时缴纳会员代表大会通过的会费。",
    # dues enforced after a meeting's decision: lawful dues collection, not a compulsory event
    "根据理事会会议决定，会员单位须于3月底前缴纳会费，逾期未缴纳的暂停会员服务。",
    "根据年会决定，各会员单位应于6月底前缴纳会费2000元，逾期未缴的视为自动放弃会员资格。",
    # a certificate issued by someone else, for testing work
    "参与验证试验的检测人员须持有检验检测机构出具的上岗证明。",
    # a frame word never reaches over a comma (按技术贡献排序，不收取任何费用 is no 按…费用)
    "▶ 起草单位：按技术贡献排序，不收取任何费用\n▶ 参编单位：自行承担本单位的差旅费用",
])
def test_lawful_look_alike(engine: Engine, tmp_path: Path, text: str) -> None:
    assert level(engine, text, tmp_path) == "none"


def test_a_voluntary_purchase_offered_to_winners_is_a_warning_at_most(engine: Engine, tmp_path: Path) -> None:
    # 获奖单位可自愿订购…: offered, not demanded — never an error, but still shown (the fee-notice model
    # reads the notice as lawful, so the rule's warning is lowered to info, not dropped)
    found = notice_fee_findings(engine, "本次评选不收取任何费用，获奖单位可自愿订购证书框，每个80元。", tmp_path)
    assert found and Severity.ERROR not in {f.severity for f in found}
