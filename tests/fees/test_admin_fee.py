"""TSTD-FEE-310: a fee list that labels the organisation's own fee 行政事业性收费 on the strength of a commission or
a requirement, not of a fee approval. Tables written for these tests in the layouts of real 收费公示 pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import notice_fee_findings
from tstd.engine.runner import Engine
from tstd.model import Severity

HEAD = "收费项目 | 收费性质 | 收费标准 | 依据\n"


@pytest.mark.parametrize("row", [
    "行业准入备案费 | 行政事业性收费 | 2000元/次 | 受某局委托",
    "證書工本費 | 行政事業性收費 | 200元／本 | 主管部門指定",
    "产品备案审核费 | 行政事业性收费 | 3,000元/件 | 收费批准文件正在申请中",
])
def test_an_administrative_fee_without_an_approval(engine: Engine, tmp_path: Path, row: str) -> None:
    text = HEAD + row + "\n培训费 | 经营服务性收费 | 800元/人 | 市场调节价，自愿参加"
    found = [f for f in notice_fee_findings(engine, text, tmp_path) if f.rule == "TSTD-FEE-310"]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert found[0].evidence and row.split(" | ")[0] in found[0].evidence  # the row is quoted


@pytest.mark.parametrize("row", [
    "职业技能鉴定费 | 行政事业性收费 | 300元/人 | 省财政厅、省发改委批准（x价费〔2020〕x号）",
    # a commissioned matter that is not called an administrative fee is other rules' business
    "团体标准培训费 | 经营服务性收费 | 1200元/人 | 市场调节价",
])
def test_approved_or_not_administrative(engine: Engine, tmp_path: Path, row: str) -> None:
    found = [f for f in notice_fee_findings(engine, HEAD + row, tmp_path) if f.rule == "TSTD-FEE-310"]
    assert found == []
