"""The runner turns hits into findings: severities, messages, locations."""

from __future__ import annotations

from tstd.engine.runner import _severity
from tstd.model import Severity


def test_hit_severity_only_lowers_the_rules() -> None:
    assert _severity(Severity.ERROR, Severity.WARNING) is Severity.WARNING
    assert _severity(Severity.INFO, Severity.WARNING) is Severity.INFO
    assert _severity(Severity.WARNING, None) is Severity.WARNING
