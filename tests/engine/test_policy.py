"""Rule selection: ids and prefixes, most specific severity, per-file globs, input rules only by exact id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tstd.model import Category, Severity
from tstd.policy import PerFile, Policy, Selection, glob_regex, split_ids, unknown_ids


def test_split_ids_accepts_commas_fullwidth_commas_and_case() -> None:
    assert split_ids(["tstd-disc-001, TSTD-FMT", "TSTD-FEE-015，TSTD-FEE-016", " "]) == (
        "TSTD-DISC-001", "TSTD-FMT", "TSTD-FEE-015", "TSTD-FEE-016")


def test_most_specific_severity_wins_and_off_leaves_the_rule_out() -> None:
    policy = Policy(Selection(severity=(("TSTD-DISC", "info"), ("TSTD-DISC-030", "warning"), ("TSTD-DISC-031", "off"))))
    layers = policy.layers(None)
    assert policy.decide("TSTD-DISC-030", Category.DISCLOSURE, layers).severity is Severity.WARNING
    assert policy.decide("TSTD-DISC-001", Category.DISCLOSURE, layers).severity is Severity.INFO
    assert not policy.decide("TSTD-DISC-031", Category.DISCLOSURE, layers).run
    assert policy.decide("TSTD-FEE-001", Category.FEE, layers).severity is None


def test_input_rules_are_left_out_only_when_named_exactly() -> None:
    policy = Policy(Selection(ignore=("TSTD-INPUT",), select=("TSTD-DISC",)))
    assert policy.decide("TSTD-INPUT-004", Category.INPUT, policy.layers(None)).run
    exact = Policy(Selection(ignore=("TSTD-INPUT-004",)))
    assert not exact.decide("TSTD-INPUT-004", Category.INPUT, exact.layers(None)).run


def test_per_file_layers_apply_below_their_root(tmp_path: Path) -> None:
    per_file = PerFile(str(tmp_path), ("legacy/**",), Selection(ignore=("TSTD-FMT",)))
    policy = Policy(per_file=(per_file,))
    inside, outside = str(tmp_path / "legacy" / "a" / "b.yaml"), str(tmp_path / "new" / "b.yaml")
    assert not policy.decide("TSTD-FMT-001", Category.FORMAT, policy.layers(inside)).run
    assert policy.decide("TSTD-FMT-001", Category.FORMAT, policy.layers(outside)).run
    assert policy.decide("TSTD-FMT-001", Category.FORMAT, policy.layers(str(tmp_path.parent / "x.yaml"))).run


@pytest.mark.parametrize(("pattern", "path", "hit"), [
    ("legacy/**", "legacy/a/b.yaml", True),
    ("legacy/**", "new/legacy.yaml", False),
    ("*.json", "deep/dir/x.json", True),
    ("decls/*.yaml", "decls/sub/x.yaml", False),
    ("decls/**/*.yaml", "decls/x.yaml", True),
    ("./legacy/", "legacy/x.yaml", True),
])
def test_globs(pattern: str, path: str, hit: bool) -> None:
    assert (glob_regex(pattern).fullmatch(path) is not None) is hit


def test_unknown_ids_get_a_suggestion() -> None:
    known = ["TSTD-DISC-001", "TSTD-DISC-019", "TSTD-FMT-001"]
    assert unknown_ids([("x", "TSTD-DISC"), ("y", "TSTD-FMT-001")], known) == []
    assert unknown_ids([("x", "TSTD-DISK-019")], known) == [("x", "TSTD-DISK-019", "TSTD-DISC-019")]
