"""The evaluation corpora of the fee pack (tests/fees/eval … eval21: each written by people who never saw the
vocabularies or the fee-notice model). Every half is now **spent**: each held half was measured once, blind, and
then tuned on (issue 11), so these figures no longer measure generalisation.
They are kept as regression floors and ceilings, measured when the matcher was last changed: a better
matcher still passes, a worse one fails. Each held half is still checked to be the one that was written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import notice_declaration
from tstd.engine.runner import Engine
from tstd.model import Severity

HERE = Path(__file__).parent
# (recall ≥, right severity ≥, false errors ≤, false warnings ≤) per half, measured when the matcher was last
# changed (the fee-notice model trained on every spent corpus) — tuned, not blind.
Bounds = tuple[int, int, int, int]
# corpus → (folder, prohibited and lawful items per half, bounds per half)
CORPORA: dict[str, tuple[Path, dict[str, tuple[int, int]], dict[str, Bounds]]] = {
    "v1": (HERE / "eval", {"dev": (63, 63), "held": (63, 62)}, {"dev": (63, 61, 0, 0), "held": (62, 58, 0, 0)}),
    "eval2": (HERE / "eval2", {"dev": (60, 50), "held": (60, 50)}, {"dev": (60, 57, 0, 0), "held": (58, 48, 0, 0)}),
    "eval3": (HERE / "eval3", {"dev": (60, 50), "held": (60, 50)}, {"dev": (57, 55, 0, 0), "held": (58, 47, 0, 0)}),
    "eval4": (HERE / "eval4", {"dev": (60, 50), "held": (60, 50)}, {"dev": (57, 52, 0, 0), "held": (59, 49, 0, 0)}),
    "eval5": (HERE / "eval5", {"dev": (60, 50), "held": (60, 50)}, {"dev": (58, 49, 0, 0), "held": (55, 44, 0, 0)}),
    "eval6": (HERE / "eval6", {"dev": (60, 50), "held": (60, 50)}, {"dev": (56, 46, 0, 0), "held": (55, 50, 0, 0)}),
    "eval7": (HERE / "eval7", {"dev": (60, 50), "held": (60, 50)}, {"dev": (57, 49, 0, 0), "held": (58, 47, 0, 0)}),
    "eval8": (HERE / "eval8", {"dev": (60, 50), "held": (60, 50)}, {"dev": (53, 44, 0, 0), "held": (54, 45, 0, 0)}),
    "eval9": (HERE / "eval9", {"dev": (60, 50), "held": (60, 50)}, {"dev": (56, 46, 0, 0), "held": (56, 45, 0, 0)}),
    "eval10": (HERE / "eval10", {"dev": (60, 50), "held": (60, 50)}, {"dev": (57, 44, 0, 0), "held": (57, 51, 0, 0)}),
    "eval11": (HERE / "eval11", {"dev": (60, 50), "held": (60, 50)}, {"dev": (57, 49, 0, 0), "held": (53, 45, 0, 0)}),
    "eval12": (HERE / "eval12", {"dev": (60, 50), "held": (60, 50)}, {"dev": (55, 50, 0, 0), "held": (55, 48, 0, 0)}),
    "eval13": (HERE / "eval13", {"dev": (60, 50), "held": (60, 50)}, {"dev": (57, 52, 0, 0), "held": (54, 43, 0, 0)}),
    "eval14": (HERE / "eval14", {"dev": (60, 50), "held": (60, 50)}, {"dev": (56, 52, 0, 1), "held": (55, 48, 0, 0)}),
    "eval15": (HERE / "eval15", {"dev": (60, 50), "held": (60, 50)}, {"dev": (52, 43, 0, 0), "held": (53, 46, 0, 1)}),
    "eval16": (HERE / "eval16", {"dev": (60, 50), "held": (60, 50)}, {"dev": (59, 54, 0, 1), "held": (58, 50, 0, 0)}),
    "eval17": (HERE / "eval17", {"dev": (60, 50), "held": (60, 50)}, {"dev": (54, 46, 0, 0), "held": (52, 41, 0, 1)}),
    "eval18": (HERE / "eval18", {"dev": (60, 50), "held": (60, 50)}, {"dev": (57, 52, 0, 0), "held": (57, 50, 0, 0)}),
    "eval19": (HERE / "eval19", {"dev": (60, 50), "held": (60, 50)}, {"dev": (58, 54, 0, 0), "held": (55, 49, 0, 0)}),
    "eval20": (HERE / "eval20", {"dev": (60, 50), "held": (60, 50)}, {"dev": (54, 47, 0, 0), "held": (60, 54, 0, 0)}),
    "eval21": (HERE / "eval21", {"dev": (60, 50), "held": (60, 50)}, {"dev": (58, 47, 0, 0), "held": (55, 46, 0, 0)}),
}
# For the record, not tested: each held half's one blind measurement (recall, right severity, false errors, false
# warnings) before it was spent, with the matcher of that round (each corpus's README and docs/fees.md).
HELD_BLIND: dict[str, Bounds] = {
    "v1": (22, 12, 6, 1),  # f5d8470, before issue 11
    "eval2": (44, 35, 6, 1),  # round 2
    "eval3": (45, 35, 6, 4),  # round 3 (e279a6d)
    "eval4": (54, 40, 3, 3),  # round 4 + the first fee-notice model (14773fd)
    "eval5": (50, 35, 0, 3),  # round 5 (780d686)
    "eval6": (52, 38, 0, 6),  # round 6 (8aba354)
    "eval7": (49, 31, 0, 1),  # round 7 (d00343b)
    "eval8": (48, 36, 0, 0),  # round 8 (7e45acd)
    "eval9": (53, 37, 0, 0),  # the matcher as shipped (72d2884); eval9 does not train the shipped model
    "eval10": (47, 39, 1, 0),  # session 5, round 1 (the session start e0e8f75 scored the same)
    "eval11": (48, 36, 0, 0),  # session 5, round 2 (73266a0; the session start: 47, 33, 0, 0)
    "eval12": (55, 44, 0, 0),  # the matcher as shipped (93a8e95; the session start: 55, 39, 0, 0); not in training
    "eval13": (51, 31, 0, 0),  # the matcher as shipped (bc2a553; the session start: 51, 30, 0, 0); not in training
    "eval14": (53, 38, 0, 0),  # session 6, after tuning on its dev half (d8a8a27; the session start eb2be8d: 53, 37, 0, 0)
    "eval15": (51, 40, 0, 1),  # session 6, after tuning on its dev half (d8a8a27; the session start: 50, 37, 0, 1)
    "eval16": (55, 46, 0, 0),  # session 6, the matcher of 7d938ba (the session start: 53, 41, 0, 0); not in training
    "eval17": (52, 39, 0, 1),  # session 6, the matcher as shipped (5480ce8; the session start: 49, 35, 0, 1); not in training
    "eval18": (55, 46, 0, 0),  # session 7, after tuning on its dev half (f49d72c; the session start 7044031: 55, 45, 0, 0)
    "eval19": (53, 40, 0, 0),  # session 7, after tuning on its dev half (f49d72c; the session start: 53, 39, 0, 0)
    "eval20": (57, 49, 0, 0),  # session 7, nobody had read it (f49d72c; the session start: 57, 49, 0, 0); not in training
    "eval21": (55, 46, 0, 0),  # session 7, the matcher as shipped (72e96c1; the session start: 54, 45, 0, 0); not in training
}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_the_held_half_is_the_one_that_was_written(corpus: str) -> None:
    where = CORPORA[corpus][0]
    recorded = (where / "held.sha256").read_text(encoding="utf-8").split()[0]
    assert hashlib.sha256((where / "held.yaml").read_bytes()).hexdigest() == recorded


def outcomes(engine: Engine, folder: Path, half: str, where: Path) -> list[tuple[dict[str, Any], str]]:
    out = []
    for i, item in enumerate(yaml.safe_load((where / f"{half}.yaml").read_text(encoding="utf-8"))):
        path = folder / f"{i}.yaml"
        path.write_text(yaml.safe_dump(notice_declaration(item["text"], item.get("title")), allow_unicode=True), encoding="utf-8")
        result = engine.check_path(path)
        assert result is not None
        levels = {f.severity for f in result.findings if f.rule.startswith("TSTD-FEE-")}
        got = "error" if Severity.ERROR in levels else "warning" if Severity.WARNING in levels else "none"
        out.append((item, got))
    return out


@pytest.mark.parametrize(("corpus", "half"), [(c, h) for c in sorted(CORPORA) for h in sorted(CORPORA[c][2])])
def test_spent_figures(engine: Engine, tmp_path: Path, corpus: str, half: str) -> None:
    where, sizes, bounds = CORPORA[corpus]
    (prohibited, lawful), (recall, right, false_errors, false_warnings) = sizes[half], bounds[half]
    found = outcomes(engine, tmp_path, half, where)
    bad = [(item, got) for item, got in found if item["label"] == "prohibited"]
    good = [got for item, got in found if item["label"] == "lawful"]
    assert (len(bad), len(good)) == (prohibited, lawful)
    assert sum(got != "none" for _, got in bad) >= recall
    assert sum(got == item["expect"] for item, got in bad) >= right
    assert good.count("error") <= false_errors
    assert good.count("warning") <= false_warnings
