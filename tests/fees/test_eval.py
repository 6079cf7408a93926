"""The five evaluation corpora of the fee pack (tests/fees/eval … eval5: each written by
people who never saw the vocabularies or the fee-notice model). Every half is now **spent**: each held half
was measured once, blind, and then tuned on (issue 11), so these figures no longer measure generalisation.
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

EVAL = Path(__file__).parent / "eval"
# Measured on each v1 half (63 prohibited items in each; 63 lawful in dev, 62 in held) after issue 11;
# see docs/fees.md for the figures before. Both halves are spent: regression bounds only.
V1_SPENT_FIGURES = {
    # half: (recall ≥, right severity ≥, false errors ≤, false warnings ≤)
    "dev": (63, 61, 0, 0),
    "held": (62, 58, 0, 0),
}
EVAL2 = Path(__file__).parent / "eval2"
# The second blind corpus (60 prohibited and 50 lawful items in each half). Its held half was spent at the
# merge of issue 11 round 2 (held then: recall 44, right severity 35, false errors 6, false warnings 1); round 3
# tuned on both halves, so these too are regression bounds only (measured after round 3). The new held-out
# test is tests/fees/eval3, which no test reads.
EVAL2_SPENT_FIGURES = {
    "dev": (58, 54, 0, 0),
    "held": (56, 41, 0, 0),
}
EVAL3 = Path(__file__).parent / "eval3"
# The third corpus. Its held half was measured once, blind, with the frozen round-3 matcher (e279a6d) and is
# now spent; that blind figure is kept here for the record, it is not tested.
EVAL3_HELD_BLIND = {"recall": 45, "right_severity": 35, "false_errors": 6, "false_warnings": 4}  # of 60 / 50
# Regression bounds measured after round 5 (the fee-notice model, trained on every spent half): tuned, not blind.
EVAL3_SPENT_FIGURES = {
    "dev": (54, 42, 0, 0),
    "held": (54, 41, 0, 0),
}
EVAL4 = Path(__file__).parent / "eval4"
# The fourth corpus: held measured once, blind, with the model matcher frozen at 14773fd (tests/fees/eval4/README.md),
# then spent (its texts now train the model).
EVAL4_HELD_BLIND = {"recall": 54, "right_severity": 40, "false_errors": 3, "false_warnings": 3}  # of 60 / 50
EVAL4_SPENT_FIGURES = {
    "dev": (55, 42, 0, 1),
    "held": (54, 40, 0, 4),
}
EVAL5 = Path(__file__).parent / "eval5"
# The fifth corpus: held measured once, blind, with the round-5 matcher (780d686; tests/fees/eval5/README.md),
# then spent (its texts now train the model).
EVAL5_HELD_BLIND = {"recall": 50, "right_severity": 35, "false_errors": 0, "false_warnings": 3}  # of 60 / 50
EVAL5_SPENT_FIGURES = {
    "dev": (55, 40, 0, 3),
    "held": (52, 35, 0, 3),
}


# corpus → (folder, half → (prohibited items, lawful items, (recall ≥, right severity ≥, false errors ≤,
# false warnings ≤)))
CORPORA = {
    "v1": (EVAL, {"dev": (63, 63, V1_SPENT_FIGURES["dev"]), "held": (63, 62, V1_SPENT_FIGURES["held"])}),
    "eval2": (EVAL2, {half: (60, 50, bounds) for half, bounds in EVAL2_SPENT_FIGURES.items()}),
    "eval3": (EVAL3, {half: (60, 50, bounds) for half, bounds in EVAL3_SPENT_FIGURES.items()}),
    "eval4": (EVAL4, {half: (60, 50, bounds) for half, bounds in EVAL4_SPENT_FIGURES.items()}),
    "eval5": (EVAL5, {half: (60, 50, bounds) for half, bounds in EVAL5_SPENT_FIGURES.items()}),
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


@pytest.mark.parametrize(("corpus", "half"), [(c, h) for c in sorted(CORPORA) for h in sorted(CORPORA[c][1])])
def test_spent_figures(engine: Engine, tmp_path: Path, corpus: str, half: str) -> None:
    where, halves = CORPORA[corpus]
    prohibited, lawful, (recall, right, false_errors, false_warnings) = halves[half]
    found = outcomes(engine, tmp_path, half, where)
    bad = [(item, got) for item, got in found if item["label"] == "prohibited"]
    good = [got for item, got in found if item["label"] == "lawful"]
    assert (len(bad), len(good)) == (prohibited, lawful)
    assert sum(got != "none" for _, got in bad) >= recall
    assert sum(got == item["expect"] for item, got in bad) >= right
    assert good.count("error") <= false_errors
    assert good.count("warning") <= false_warnings
