"""The fee-notice model (tstd.fees.model): the shipped weights reproduce scikit-learn, a broken model file is
refused, and the model tempers the rules and completes them only as documented (docs/fees.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import notice_fee_findings
from tstd.engine.runner import Engine
from tstd.fees.context import builtin_pack
from tstd.fees.model import (
    MIN_CHARACTERS,
    ModelError,
    NoticeModel,
    default_settings,
    grams,
    load_model,
    model_from,
    money_kind,
    notice_text,
)
from tstd.model import Severity

SETTINGS = default_settings()
assert SETTINGS is not None, "the built-in fee pack names its model (x-fee-model)"


def test_the_shipped_model_reproduces_the_probabilities_recorded_at_training() -> None:
    data = json.loads(SETTINGS.file.read_text(encoding="utf-8"))
    assert len(data["checks"]) >= 5
    for check in data["checks"]:
        got = SETTINGS.model.probability(check["text"])
        assert got == pytest.approx(check["p"], abs=1e-9)
        assert got == pytest.approx(check["sklearn"], abs=1e-4)  # scikit-learn's own figure at training time
    # the checks span both classes, so a model that always answers the same would fail
    assert min(c["p"] for c in data["checks"]) < 0.5 < max(c["p"] for c in data["checks"])


def test_the_model_was_trained_only_on_spent_halves() -> None:
    trained_on = json.loads(SETTINGS.file.read_text(encoding="utf-8"))["trained_on"]
    listed = (Path(__file__).parent / "spent.txt").read_text(encoding="utf-8").splitlines()
    spent = {line.strip() for line in listed if line.strip() and not line.startswith("#")}
    for name in trained_on:
        parts = Path(name).parts
        if parts[:2] == ("tests", "fees") and parts[2].startswith("eval"):
            assert parts[2] in spent or parts[3] == "dev.yaml", name


def test_the_pack_sets_the_thresholds() -> None:
    raw = builtin_pack()["x-fee-model"]
    assert (SETTINGS.doubt_below, SETTINGS.error_below) == (raw["doubt_below"], raw["error_below"])
    assert SETTINGS.file.name == raw["file"]


def test_features_are_characters_and_pairs_with_whitespace_runs_folded() -> None:
    assert grams("参编 \n 费") == ["参", "编", " ", "费", "参编", "编 ", " 费"]
    assert grams("") == []


def test_notice_text_folds_traditional_and_joins_title_and_body() -> None:
    assert notice_text("參編費", "繳納") == notice_text("参编费", "缴纳")
    assert notice_text(None, "缴纳") == notice_text("", "缴纳")


def test_without_known_features_the_probability_is_the_bias_and_the_evidence_the_heaviest_sentence() -> None:
    model = NoticeModel({"费": (1.0, 2.0)}, bias=0.0)
    assert model.probability("天地") == pytest.approx(0.5)
    assert model.probability("费") > 0.5
    heaviest = model.heaviest_sentence("会议安排。本次收费。")
    assert heaviest.quote == "本次收费。" and "会议安排。本次收费。"[heaviest.start:heaviest.end] == "本次收费。"
    assert model.heaviest_sentence("").quote == ""


@pytest.mark.parametrize("data", [
    {}, {"format": 99}, {"format": 1, "bias": 0.0}, {"format": 1, "features": {"费": [1.0]}, "bias": 0.0},
    {"format": 1, "features": [], "bias": 0.0}, [1, 2],
])
def test_a_file_that_is_no_model_is_refused_with_a_reason(data: object) -> None:
    with pytest.raises(ModelError, match="模型"):
        model_from(data, "m.json")


def test_an_unreadable_model_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "m.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="无法读取"):
        load_model(bad)


@pytest.mark.parametrize(("text", "kind"), [
    ("本标准起草单位按出资额排序，出资越多排名越靠前，请于月底前汇款。", "fee"),
    ("本标准起草单位须先入会，非会员单位不能列入起草组，请尽快办理。", "fee"),  # joining as a condition
    ("团体标准按管理办法规定的程序制定，周期一般为十二个月，请各单位按时提交。", "none"),  # no money
    ("经会员代表大会表决，会员单位会费为每年二千元，请于三月底前缴纳。", "dues"),  # dues only
    ("经会员代表大会表决，会费二千元；缴纳会费的会员方可列为标准起草单位。", "fee"),  # dues tied to a role
    ("如需购买标准文本，请与秘书处联系，定价每册一百二十元，欢迎订购。", "open"),  # an open offer
    ("本次培训自愿参加，培训费每人八百元；未参加培训者不予列入起草组。", "fee"),  # an offer tied to a role
    ("年份|金额（元）", "none"),  # too short to weigh
])
def test_the_model_speaks_only_on_money_notices(text: str, kind: str) -> None:
    assert money_kind(notice_text(None, text)) == kind


def test_min_characters_counts_chinese_characters_only() -> None:
    short = "交费" * ((MIN_CHARACTERS - 1) // 2) + "1234567890 abc"
    assert money_kind(short) == "none"


def test_a_prohibited_notice_no_rule_reports_gets_one_model_warning(engine: Engine, tmp_path: Path) -> None:
    text = ("各相关企业：我会拟牵头编制《智能仓储货架》团体标准。为体现共建共享，参与共建的企业按共建层级分担编制成本："
            "牵头共建单位8万元，核心共建单位5万元，一般共建单位2万元。共建层级将体现在标准发布材料中。")
    found = notice_fee_findings(engine, text, tmp_path)
    model = [f for f in found if f.rule == "TSTD-FEE-026"]
    assert len(model) == 1 and model[0].severity is Severity.WARNING
    data = dict(model[0].data)
    assert data["evidence"] == "inferred" and float(data["model_probability"]) >= 0.6
    assert model[0].evidence and model[0].evidence in text.replace("\n", "")
    assert "模型估计" in model[0].message


def test_a_notice_about_something_else_gets_no_model_warning(engine: Engine, tmp_path: Path) -> None:
    text = "各有关单位：《智能仓储货架》团体标准征求意见稿已完成，现公开征求意见，请于10月31日前反馈意见。"
    assert notice_fee_findings(engine, text, tmp_path) == []


def test_a_rule_warning_on_a_clearly_lawful_notice_is_lowered_to_info_not_dropped(engine: Engine,
                                                                                  tmp_path: Path) -> None:
    text = "本次评选不收取任何费用，获奖单位可自愿订购证书框，每个80元。"
    found = notice_fee_findings(engine, text, tmp_path)
    assert found, "the rule still reports the clause"
    lowered = [f for f in found if "model_probability" in dict(f.data)]
    assert lowered and all(f.severity is Severity.INFO for f in lowered)
    assert all(float(dict(f.data)["model_probability"]) < SETTINGS.doubt_below for f in lowered)
