"""The public API: tstd.check / tstd.evaluate, lazily imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tstd
from helpers import EXAMPLES


def test_import_tstd_stays_cheap() -> None:
    code = "import sys, tstd; print(sorted(m for m in sys.modules if m.startswith(('tstd.', 'yaml', 'jsonschema'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_check_returns_a_report_and_applies_a_config(tmp_path: Path) -> None:
    before = tstd.check([EXAMPLES / "incomplete-disclosure.yaml"])
    assert isinstance(before, tstd.RunReport) and before.summary.errors >= 3
    moved = sum(1 for f in before.results[0].findings if f.rule.startswith("TSTD-DISC-00") and f.severity.value == "error")
    assert moved > 0
    config = tmp_path / "tstd.toml"
    config.write_text('lang = "en"\n[severity]\n"TSTD-DISC-00" = "warning"\n', encoding="utf-8")
    report = tstd.check([EXAMPLES / "incomplete-disclosure.yaml"], config=config)
    assert report.lang == "en" and report.summary.errors == before.summary.errors - moved
    assert report.summary.warnings == before.summary.warnings + moved


def test_check_raises_tstd_error_for_unknown_ids_and_no_input(tmp_path: Path) -> None:
    with pytest.raises(tstd.TstdError) as info:
        tstd.check([EXAMPLES], ignore=["TSTD-DISC-99"])
    assert "TSTD-DISC-99" in info.value.message("en")
    with pytest.raises(tstd.TstdError):
        tstd.check([tmp_path])


def test_evaluate_scores_an_organisation_directory() -> None:
    result = tstd.evaluate(EXAMPLES / "org-zjsha")
    assert 0 < result.score <= result.max_score and result.standards


def test_evaluate_is_callable_after_the_evaluate_package_is_imported() -> None:
    import tstd.evaluate.scoring  # binds the package to the name tstd.evaluate

    assert tstd.evaluate(EXAMPLES / "org-zjsha").standards
