"""The dues vote read from minutes and resolutions (tstd.fees.vote, rule TSTD-FEE-504). Texts written for these
tests in the shapes real 会议纪要 and 大会决议 use: attendance first, the dues item later, figures in digits or
Chinese numerals, Simplified or Traditional."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import notice_fee_findings
from tstd.engine.runner import Engine
from tstd.fees.vote import read_vote
from tstd.model import Severity

QUORUM_AND_HANDS = (
    "第二届会员代表大会第三次会议纪要\n时间：2025年11月28日下午\n应到会员代表126人，实到71人。\n"
    "议程一：审议年度工作报告，无异议通过。\n议程二：审议《会费标准调整方案》。秘书长说明调整理由后，主持人提请举手表决，"
    "同意65票，反对2票，弃权4票，方案通过。")


def test_a_quorum_below_two_thirds_and_an_open_vote() -> None:
    record = read_vote(QUORUM_AND_HANDS)
    assert record is not None
    assert (record.total and record.total.value, record.present and record.present.value) == (126, 71)
    assert record.votes_for is not None and record.votes_for.value == 65
    assert [b.test for b in record.breaches()] == ["quorum", "secret_ballot"]
    figure = record.breaches()[0].figure
    assert QUORUM_AND_HANDS[figure.start:figure.end].startswith("实到")


@pytest.mark.parametrize(("text", "breaches"), [
    # Traditional, a resolution: members in all, then those present; secret ballot
    ("本會現有會員單位120家，出席本次大會的會員單位71家。關於會費標準，大會以無記名投票方式進行表決，同意65家，議案獲得通過。",
     ["quorum"]),
    # exactly two thirds present is enough (以上 includes the number); fewer than half for
    ("会员代表大会应到150人，实到100人。审议会费调整方案，以无记名投票表决，同意49票，方案通过。", ["majority"]),
    # Chinese numerals
    ("应到会员代表一百二十人，实到五十八人。会议审议会费标准，经与会代表鼓掌通过。", ["quorum", "secret_ballot"]),
])
def test_breaches(text: str, breaches: list[str]) -> None:
    record = read_vote(text)
    assert record is not None
    assert [b.test for b in record.breaches()] == breaches


@pytest.mark.parametrize("text", [
    # lawful: the meeting's own attendance, not the whole membership, is the total; secret ballot
    "我会现有会员单位214家。现行会费标准经2022年会员代表大会无记名投票通过（应到142人，实到121人，同意118人）。",
    # the open vote belongs to another agenda item
    "应到会员代表90人，实到80人。一、审议工作报告，举手表决一致通过。二、审议会费标准，以无记名投票方式表决，同意75票，通过。",
    # figures the text does not state prove nothing
    "本会会费标准经会员代表大会审议通过，自2026年1月1日起执行。",
    # not about dues
    "理事会应到25人，实到14人，举手表决通过年度工作计划。",
])
def test_lawful_or_unstated_votes_have_no_breach(text: str) -> None:
    record = read_vote(text)
    assert record is None or record.breaches() == []


def test_the_built_in_rule_reports_an_error(engine: Engine, tmp_path: Path) -> None:
    found = [f for f in notice_fee_findings(engine, QUORUM_AND_HANDS, tmp_path) if f.rule == "TSTD-FEE-504"]
    assert len(found) == 1
    assert found[0].severity is Severity.ERROR
    assert "三分之二" in found[0].message and "无记名" in found[0].message


def test_a_report_on_another_body_is_not_reported(engine: Engine, tmp_path: Path) -> None:
    text = ("本报讯 市民政局近日通报：某协会2025年调整会费时，会员代表大会应到120人，实到58人，且以举手方式表决，"
            "违反民发〔2014〕166号规定，已责令其重新表决并全额退还多收会费。")
    assert not [f for f in notice_fee_findings(engine, text, tmp_path) if f.rule == "TSTD-FEE-504"]


LATE = ("发布时间：2025-06-20  来源：秘书处\n各会员单位：\n本会第五届会员代表大会第二次会议于2025年3月10日以无记名投票方式通过了"
        "新的会费标准（应到112人，实到98人，赞成91票）。现予公布：会员单位2000元/年，理事单位6000元/年。")


def test_a_decision_published_after_thirty_days() -> None:
    record = read_vote(LATE)
    assert record is not None
    assert (str(record.voted), str(record.published)) == ("2025-03-10", "2025-06-20")
    assert [b.test for b in record.breaches()] == ["publication"]
    figure = record.breaches()[0].figure
    assert figure.value == 102 and LATE[figure.start:figure.end].startswith("2025-06-20")


@pytest.mark.parametrize("text", [
    # within 30 days, signed at the end
    "本会会员代表大会于2025年3月18日以无记名投票方式审议通过会费标准（应到90人，实到78人，同意70票）。现将标准公布如下："
    "会员单位3000元/年。\n某某协会\n2025年3月30日",
    # the date at the end is when the new dues take effect, not the notice's date
    "本会会员代表大会于2025年3月15日以无记名投票方式审议通过会费调整方案。现将新标准公布如下：单位会员4000元/年，"
    "自2025年7月1日起执行",
    # the text does not itself publish the decision (a work report mentioning it)
    "2024年3月16日会员代表大会审议通过了会费标准修订案，年内会费收缴率87.6%。\n2025年1月10日",
])
def test_no_late_publication(text: str) -> None:
    record = read_vote(text)
    assert record is None or "publication" not in [b.test for b in record.breaches()]


def test_the_built_in_late_publication_rule_is_a_warning(engine: Engine, tmp_path: Path) -> None:
    found = notice_fee_findings(engine, LATE, tmp_path)
    assert [(f.rule, f.severity) for f in found if f.rule in ("TSTD-FEE-306", "TSTD-FEE-504")] == [
        ("TSTD-FEE-306", Severity.WARNING)]
    assert "102 日" in next(f.message for f in found if f.rule == "TSTD-FEE-306")


MINUTES = ("某某协会\n会长办公会会议纪要\n〔2026〕第4期\n现将会议议定事项纪要如下：\n一、关于秋季展会组团事宜。同意组团参展。\n"
           "二、关于会费标准。会议同意自2027年起将理事单位会费由8000元/年调整为12000元/年，由秘书处发文通知执行。\n")


def test_minutes_of_another_body_that_adopt_a_dues_level() -> None:
    record = read_vote(MINUTES)
    assert record is not None and record.body is not None
    name, where = record.body
    assert name == "会长办公会" and MINUTES[where.start:where.end].startswith("会费由")
    assert [b.test for b in record.breaches()] == ["body"]


@pytest.mark.parametrize("text", [
    # the council proposes; the assembly decides
    MINUTES.replace("由秘书处发文通知执行", "提交会员代表大会无记名投票表决"),
    # the council's minutes about something else than a dues level
    MINUTES.replace("将理事单位会费由8000元/年调整为12000元/年", "加强会费收缴工作"),
    # a notice, not the council's minutes, that reports a level
    "各会员单位：2027年起理事单位会费调整为12000元/年，请按时缴纳。",
])
def test_no_body_breach(text: str) -> None:
    record = read_vote(text)
    assert record is None or record.body is None
